#include "security/hmac_authenticator.h"

#include <sodium.h>

#include <stdexcept>

namespace closeloop::security {
namespace {

void Mac(const std::string& key, const std::string& message,
         unsigned char out[crypto_auth_hmacsha256_BYTES]) {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()),
                              key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()),
                                message.size());
  crypto_auth_hmacsha256_final(&state, out);
}

}  // namespace

HmacSha256Authenticator::HmacSha256Authenticator() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::string HmacSha256Authenticator::Sign(const std::string& key, const std::string& message) {
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  Mac(key, message, mac);
  char hex[2 * crypto_auth_hmacsha256_BYTES + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return hex;
}

bool HmacSha256Authenticator::Verify(const std::string& key, const std::string& message,
                                     const std::string& hex_signature) {
  unsigned char given[crypto_auth_hmacsha256_BYTES];
  size_t length = 0;
  if (sodium_hex2bin(given, sizeof given, hex_signature.data(), hex_signature.size(), nullptr,
                     &length, nullptr) != 0 ||
      length != sizeof given) {
    return false;
  }
  unsigned char expected[crypto_auth_hmacsha256_BYTES];
  Mac(key, message, expected);
  return sodium_memcmp(given, expected, sizeof given) == 0;
}

}  // namespace closeloop::security
