#include "domain/org/auth.h"

#include "domain/model/ids.h"
#include "domain/model/validation.h"
#include "domain/org/entities.h"
#include "domain/org/repository.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

using core::Status;

namespace {
constexpr const char* kTokenPrefix = "clt_";
constexpr const char* kApiKeyPrefix = "clk_";
}  // namespace

core::Result<LoginResult> Login::Execute(const std::string& username, const std::string& password,
                                         const std::string& client) const {
  if (username.empty()) return Status::Invalid("username", "username is required");
  if (password.empty()) return Status::Invalid("password", "password is required");
  if (const std::int64_t wait = throttle_.WaitSeconds(username, client, ctx_.clock.Now())) {
    return Status(core::StatusCode::kRateLimited,
                  "too many failed logins; try again in " + std::to_string(wait) + " s", "",
                  {std::to_string(wait)});
  }
  std::optional<User> user;
  CL_RETURN_IF_ERROR(ctx_.store.Read([&](Repositories& repos) {
    user = repos.users().FindByUsername(username);
    return Status::Ok();
  }));
  // Verify against a dummy hash for unknown users so timing does not reveal which names exist.
  static const std::string kDummyHash = ctx_.hasher.Hash("not-a-real-password");
  bool verified = ctx_.hasher.Verify(user ? user->password_hash : kDummyHash, password);
  if (!user || !verified || !user->active) {
    throttle_.Failed(username, client, ctx_.clock.Now());
    return Status::Unauthenticated("wrong username or password");
  }
  throttle_.Succeeded(username, client);
  LoginResult result;
  result.token = ctx_.tokens.NewSecret(kTokenPrefix);
  const UnixMillis now = ctx_.clock.Now();
  result.expires_at = now + ctx_.config.session_ttl;
  result.user = *user;
  result.user.password_hash.clear();
  CL_RETURN_IF_ERROR(ctx_.store.Write([&](Repositories& repos) {
    repos.auth().InsertSession(
        {ctx_.tokens.Digest(result.token), user->id, now, result.expires_at});
    return Status::Ok();
  }));
  return result;
}

core::Result<Principal> Authenticate::Execute(const std::string& secret) const {
  if (secret.empty()) return Status::Unauthenticated("missing credentials");
  const std::string digest = ctx_.tokens.Digest(secret);
  const UnixMillis now = ctx_.clock.Now();
  if (auto cached = ctx_.auth_cache.Find(digest, now)) return *cached;
  Principal principal;
  UnixMillis valid_until = now + ctx_.config.session_ttl;
  Status status = ctx_.store.Read([&](Repositories& repos) -> Status {
    Id user_id = 0;
    if (secret.rfind(kApiKeyPrefix, 0) == 0) {
      auto key = repos.auth().FindApiKeyByDigest(digest);
      if (!key || key->revoked_at) return Status::Unauthenticated("unknown or revoked API key");
      user_id = key->user_id;
    } else {
      auto session = repos.auth().FindSession(digest);
      if (!session) return Status::Unauthenticated("unknown token");
      if (session->expires_at <= now) return Status::Unauthenticated("token expired");
      user_id = session->user_id;
      valid_until = session->expires_at;
    }
    auto user = repos.users().FindById(user_id);
    if (!user || !user->active) return Status::Unauthenticated("user is not active");
    principal = PrincipalOf(*user);
    principal.api_key = secret.rfind(kApiKeyPrefix, 0) == 0;
    return Status::Ok();
  });
  if (!status.ok()) return status;
  ctx_.auth_cache.Put(digest, principal, now, valid_until);
  return principal;
}

Status Logout::Execute(const std::string& token) const {
  const std::string digest = ctx_.tokens.Digest(token);
  ctx_.auth_cache.Erase(digest);
  return ctx_.store.Write([&](Repositories& repos) {
    repos.auth().DeleteSession(digest);
    return Status::Ok();
  });
}

core::Result<NewApiKey> ManageApiKeys::Create(const Principal& who, const std::string& name,
                                              Id user_id) const {
  if (!ctx_.policy.Allows(who, Permission::kApiKeyManage)) {
    return Status::Denied("your role may not manage API keys");
  }
  CL_RETURN_IF_ERROR(CheckText("name", name, 100, true));
  NewApiKey created;
  created.secret = ctx_.tokens.NewSecret(kApiKeyPrefix);
  created.key.name = name;
  created.key.user_id = user_id;
  created.key.key_digest = ctx_.tokens.Digest(created.secret);
  created.key.prefix = created.secret.substr(0, 12);
  created.key.created_at = ctx_.clock.Now();
  CL_RETURN_IF_ERROR(ctx_.store.Write([&](Repositories& repos) -> Status {
    auto user = repos.users().FindById(user_id);
    if (!user || !user->active) {
      return Status::Invalid("user_id", "no active user " + std::to_string(user_id));
    }
    created.key.id = repos.auth().InsertApiKey(created.key);
    return Status::Ok();
  }));
  return created;
}

core::Result<std::vector<ApiKey>> ManageApiKeys::List(const Principal& who) const {
  if (!ctx_.policy.Allows(who, Permission::kApiKeyManage)) {
    return Status::Denied("your role may not manage API keys");
  }
  std::vector<ApiKey> keys;
  CL_RETURN_IF_ERROR(ctx_.store.Read([&](Repositories& repos) {
    keys = repos.auth().ListApiKeys();
    return Status::Ok();
  }));
  return keys;
}

Status ManageApiKeys::Revoke(const Principal& who, Id key_id) const {
  if (!ctx_.policy.Allows(who, Permission::kApiKeyManage)) {
    return Status::Denied("your role may not manage API keys");
  }
  return ctx_.store.Write([&](Repositories& repos) -> Status {
    if (!repos.auth().FindApiKey(key_id))
      return Status::NotFound("no API key " + std::to_string(key_id));
    repos.auth().RevokeApiKey(key_id, ctx_.clock.Now());
    ctx_.auth_cache.Clear();
    return Status::Ok();
  });
}

}  // namespace closeloop::domain
