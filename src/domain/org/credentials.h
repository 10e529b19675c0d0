// Password and token primitives (security/ implements them).
#pragma once

#include <string>

namespace closeloop::domain {

class PasswordHasher {
 public:
  virtual ~PasswordHasher() = default;
  virtual std::string Hash(const std::string& password) = 0;
  virtual bool Verify(const std::string& hash, const std::string& password) = 0;
};

class TokenService {
 public:
  virtual ~TokenService() = default;
  // A new random secret with `prefix` (256 bits of entropy).
  virtual std::string NewSecret(const std::string& prefix) = 0;
  // A fast keyed digest of a secret, as stored; equal secrets give equal digests.
  virtual std::string Digest(const std::string& secret) = 0;
};

}  // namespace closeloop::domain
