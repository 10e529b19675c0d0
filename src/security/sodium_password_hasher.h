// Password hashing with argon2id (libsodium, "interactive" limits: ~70 ms, 64 MiB).
#pragma once

#include "domain/org/credentials.h"

namespace closeloop::security {

class SodiumPasswordHasher final : public domain::PasswordHasher {
 public:
  // Interactive limits by default; `fast` uses libsodium's minimum limits (tests only).
  explicit SodiumPasswordHasher(bool fast = false);
  std::string Hash(const std::string& password) override;
  bool Verify(const std::string& hash, const std::string& password) override;

 private:
  unsigned long long ops_limit_;
  size_t mem_limit_;
};

}  // namespace closeloop::security
