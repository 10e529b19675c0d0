// POST /api/v1/auth/login, POST /api/v1/auth/logout, GET /api/v1/auth/me, GET /healthz.
#include "core/time_format.h"
#include "domain/org/entities.h"
#include "domain/org/repository.h"
#include "domain/unit_of_work.h"
#include "http/handlers/handler_support.h"
#include "http/handlers/org_json.h"
#include "http/json_reader.h"

namespace closeloop::http {

using core::Status;
using json = nlohmann::ordered_json;

namespace {

// The user as they see themselves: with the permissions their role grants and whether they are
// scoped, so that a client shows no menu or button the API would refuse.
json WithGrants(const Api& api, const domain::User& user) {
  json out = ToJson(user);
  const domain::Principal who = domain::PrincipalOf(user);
  out["permissions"] = api.ctx.policy.GrantedNames(who);
  out["unscoped"] = who.Unscoped();
  return out;
}

}  // namespace

void RegisterAuthRoutes(Router& router, Api& api) {
  router.Get("/healthz", Public([&api](const Request&) -> core::Result<Reply> {
               Status store = api.ctx.store.Read([](domain::Repositories& repos) {
                 repos.org().Regions();
                 return Status::Ok();
               });
               if (!store.ok()) return Reply{503, {{"status", "unavailable"}, {"store", "down"}}};
               return Reply{200, {{"status", "ok"}, {"store", "ok"}}};
             }));

  router.Post("/api/v1/auth/login", Public([&api](const Request& req) -> core::Result<Reply> {
                auto body = BodyObject(req);
                if (!body.ok()) return body.status();
                JsonReader r(body.value());
                CL_RETURN_IF_ERROR(r.OnlyKnown({"username", "password"}));
                CL_RETURN_IF_ERROR(r.Required("username"));
                CL_RETURN_IF_ERROR(r.Required("password"));
                std::string username, password;
                CL_RETURN_IF_ERROR(r.String("username", username));
                CL_RETURN_IF_ERROR(r.String("password", password));
                auto result = api.login.Execute(username, password, req.remote_addr);
                if (!result.ok()) return result.status();
                return Reply{200,
                             {{"token", result->token},
                              {"expires_at", core::FormatIso8601(result->expires_at)},
                              {"user", WithGrants(api, result->user)}}};
              }));

  router.Post(
      "/api/v1/auth/logout",
      Authed(api, [&api](const Request& req, const domain::Principal&) -> core::Result<Reply> {
        CL_RETURN_IF_ERROR(api.logout.Execute(CredentialOf(req)));
        return Reply{204, nullptr};
      }));

  router.Get("/api/v1/auth/me", Authed(api, [&api](const Request&, const domain::Principal& who) {
               return ReplyOf(api.users.Get(domain::SystemPrincipal(), who.user_id), 200,
                              [&api](const domain::User& u) { return WithGrants(api, u); });
             }));
}

}  // namespace closeloop::http
