#include "security/sodium_token_service.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "security/private_file.h"

namespace closeloop::security {

SodiumTokenService::SodiumTokenService(std::string key) : key_(std::move(key)) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  if (key_.size() != crypto_generichash_KEYBYTES) {
    throw std::invalid_argument("token key must be 32 bytes");
  }
}

std::string SodiumTokenService::NewSecret(const std::string& prefix) {
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  char text[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(text, sizeof text, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return prefix + text;
}

std::string SodiumTokenService::Digest(const std::string& secret) {
  unsigned char out[32];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(secret.data()),
                     secret.size(), reinterpret_cast<const unsigned char*>(key_.data()),
                     key_.size());
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}

namespace {

std::string ReadKey(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string key((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (key.size() != crypto_generichash_KEYBYTES) {
    throw std::runtime_error("secret file " + path + " does not hold a 32-byte key");
  }
  return key;
}

}  // namespace

std::string SodiumTokenService::LoadOrCreateKey(const std::string& path) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  if (std::ifstream(path, std::ios::binary)) return ReadKey(path);
  std::string key(crypto_generichash_KEYBYTES, '\0');
  randombytes_buf(key.data(), key.size());
  if (!CreatePrivateFileOnce(path, key)) return ReadKey(path);  // another process was first
  return key;
}

}  // namespace closeloop::security
