// HMAC-SHA256 (libsodium) for webhook signatures.
#pragma once

#include "domain/intake/transport.h"

namespace closeloop::security {

class HmacSha256Authenticator final : public domain::MessageAuthenticator {
 public:
  HmacSha256Authenticator();
  std::string Sign(const std::string& key, const std::string& message) override;
  bool Verify(const std::string& key, const std::string& message,
              const std::string& hex_signature) override;
};

}  // namespace closeloop::security
