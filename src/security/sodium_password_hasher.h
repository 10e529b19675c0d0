// Password hashing with argon2id (libsodium, "interactive" limits: ~70 ms, 64 MiB).
#pragma once

#include "domain/ports.h"

namespace closeloop::security {

class SodiumPasswordHasher final : public domain::PasswordHasher {
 public:
  SodiumPasswordHasher();
  std::string Hash(const std::string& password) override;
  bool Verify(const std::string& hash, const std::string& password) override;
};

}  // namespace closeloop::security
