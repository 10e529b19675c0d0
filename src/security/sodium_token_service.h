// Random secrets (256 bits, URL-safe base64) and their keyed BLAKE2b digests. The key never
// enters the database: a stolen database alone cannot be used to forge or test tokens.
#pragma once

#include <string>

#include "domain/org/credentials.h"

namespace closeloop::security {

class SodiumTokenService final : public domain::TokenService {
 public:
  // `key` must be 32 bytes.
  explicit SodiumTokenService(std::string key);
  std::string NewSecret(const std::string& prefix) override;
  std::string Digest(const std::string& secret) override;

  // Reads a 32-byte key from `path`, creating the file (mode 0600) with a random key when it
  // does not exist. Throws when the file exists with the wrong size.
  static std::string LoadOrCreateKey(const std::string& path);

 private:
  std::string key_;
};

}  // namespace closeloop::security
