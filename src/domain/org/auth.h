// Sign-in, bearer-token and API-key authentication. Secrets are random 256-bit values shown to
// their owner once; the store keeps only a keyed digest.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "domain/context.h"
#include "domain/model/ids.h"
#include "domain/org/entities.h"
#include "domain/org/login_throttle.h"

namespace closeloop::domain {

struct LoginResult {
  std::string token;
  User user;
  UnixMillis expires_at = 0;
};

class Login {
 public:
  explicit Login(const Context& ctx) : ctx_(ctx) {}
  // Unknown user, wrong password and inactive user all fail alike (kUnauthenticated). Guessing
  // is throttled per account and client address (kRateLimited with the seconds to wait; see
  // login_throttle.h); `client` is the caller's address ("" for local tools).
  core::Result<LoginResult> Execute(const std::string& username, const std::string& password,
                                    const std::string& client = "") const;

 private:
  const Context& ctx_;
  mutable LoginThrottle throttle_;
};

class Authenticate {
 public:
  explicit Authenticate(const Context& ctx) : ctx_(ctx) {}
  // A session token ("clt_…") or an API key ("clk_…") to the principal it stands for.
  core::Result<Principal> Execute(const std::string& secret) const;

 private:
  const Context& ctx_;
};

class Logout {
 public:
  explicit Logout(const Context& ctx) : ctx_(ctx) {}
  core::Status Execute(const std::string& token) const;

 private:
  const Context& ctx_;
};

struct NewApiKey {
  ApiKey key;
  std::string secret;  // shown once
};

class ManageApiKeys {
 public:
  explicit ManageApiKeys(const Context& ctx) : ctx_(ctx) {}
  core::Result<NewApiKey> Create(const Principal& who, const std::string& name, Id user_id) const;
  core::Result<std::vector<ApiKey>> List(const Principal& who) const;
  core::Status Revoke(const Principal& who, Id key_id) const;

 private:
  const Context& ctx_;
};

}  // namespace closeloop::domain
