#include "security/sodium_password_hasher.h"

#include <sodium.h>

#include <stdexcept>

namespace closeloop::security {

SodiumPasswordHasher::SodiumPasswordHasher(bool fast)
    : ops_limit_(fast ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE),
      mem_limit_(fast ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::string SodiumPasswordHasher::Hash(const std::string& password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops_limit_, mem_limit_,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("argon2id ran out of memory");
  }
  return out;
}

bool SodiumPasswordHasher::Verify(const std::string& hash, const std::string& password) {
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

}  // namespace closeloop::security
