// Administration: /api/v1/users, /api/v1/teams, /api/v1/api-keys, /api/v1/config/lifecycle,
// and the reference data every form needs (/api/v1/reference-data).
#include <cstdint>

#include "core/time_format.h"
#include "domain/model/ids.h"
#include "domain/org/config_audit.h"
#include "domain/org/entities.h"
#include "http/handlers/config_json.h"
#include "http/handlers/handler_support.h"
#include "http/handlers/org_json.h"
#include "http/json_reader.h"

namespace closeloop::http {

using core::Status;
using json = nlohmann::ordered_json;
namespace d = domain;

namespace {

template <typename T>
json ItemsOf(const std::vector<T>& values) {
  json items = json::array();
  for (const T& v : values) items.push_back(ToJson(v));
  return {{"items", items}};
}

}  // namespace

void RegisterAdminRoutes(Router& router, Api& api) {
  router.Get("/api/v1/users", Authed(api, [&api](const Request&, const d::Principal& who) {
               return ReplyOf(api.users.List(who), 200, ItemsOf<d::User>);
             }));
  router.Get(R"(/api/v1/users/(\d{1,18}))",
             Authed(api, [&api](const Request& req, const d::Principal& who) {
               return ReplyOf(api.users.Get(who, std::stoll(req.matches[1])), 200,
                              [](const d::User& u) { return ToJson(u); });
             }));
  router.Post(
      "/api/v1/users",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        auto body = BodyObject(req);
        if (!body.ok()) return body.status();
        auto input = ParseUserInput(body.value());
        if (!input.ok()) return input.status();
        return ReplyOf(api.users.Create(who, input.value()), 201,
                       [](const d::User& u) { return ToJson(u); });
      }));
  router.Patch(
      R"(/api/v1/users/(\d{1,18}))",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        auto body = BodyObject(req);
        if (!body.ok()) return body.status();
        auto input = ParseUserInput(body.value());
        if (!input.ok()) return input.status();
        return ReplyOf(api.users.Update(who, std::stoll(req.matches[1]), input.value()), 200,
                       [](const d::User& u) { return ToJson(u); });
      }));

  router.Get("/api/v1/teams", Authed(api, [&api](const Request&, const d::Principal& who) {
               return ReplyOf(api.teams.List(who), 200, ItemsOf<d::Team>);
             }));
  router.Post(
      "/api/v1/teams",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        auto body = BodyObject(req);
        if (!body.ok()) return body.status();
        auto input = ParseTeamInput(body.value());
        if (!input.ok()) return input.status();
        return ReplyOf(api.teams.Create(who, input.value()), 201,
                       [](const d::Team& t) { return ToJson(t); });
      }));
  router.Patch(
      R"(/api/v1/teams/(\d{1,18}))",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        auto body = BodyObject(req);
        if (!body.ok()) return body.status();
        auto input = ParseTeamInput(body.value());
        if (!input.ok()) return input.status();
        return ReplyOf(api.teams.Update(who, std::stoll(req.matches[1]), input.value()), 200,
                       [](const d::Team& t) { return ToJson(t); });
      }));

  router.Get("/api/v1/reference-data", Authed(api, [&api](const Request&, const d::Principal& who) {
               return ReplyOf(api.reference.Execute(who), 200,
                              [](const d::ReferenceData& data) { return ToJson(data); });
             }));

  router.Get("/api/v1/api-keys", Authed(api, [&api](const Request&, const d::Principal& who) {
               return ReplyOf(api.api_keys.List(who), 200, ItemsOf<d::ApiKey>);
             }));
  router.Post(
      "/api/v1/api-keys",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        auto body = BodyObject(req);
        if (!body.ok()) return body.status();
        JsonReader r(body.value());
        CL_RETURN_IF_ERROR(r.OnlyKnown({"name", "user_id"}));
        CL_RETURN_IF_ERROR(r.Required("name"));
        CL_RETURN_IF_ERROR(r.Required("user_id"));
        std::string name;
        std::optional<d::Id> user_id;
        CL_RETURN_IF_ERROR(r.String("name", name));
        CL_RETURN_IF_ERROR(r.Id("user_id", user_id));
        return ReplyOf(api.api_keys.Create(who, name, *user_id), 201,
                       [](const d::NewApiKey& created) {
                         json out = ToJson(created.key);
                         out["key"] = created.secret;
                         return out;
                       });
      }));
  router.Delete(
      R"(/api/v1/api-keys/(\d{1,18}))",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        CL_RETURN_IF_ERROR(api.api_keys.Revoke(who, std::stoll(req.matches[1])));
        return Reply{204, nullptr};
      }));

  router.Get(
      "/api/v1/config/changes",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        CL_RETURN_IF_ERROR(OnlyKnownParams(req, {"limit", "before"}));
        std::int64_t limit = 50, before = 0;
        CL_RETURN_IF_ERROR(IntParam(req, "limit", limit, 1, 200));
        CL_RETURN_IF_ERROR(IntParam(req, "before", before, 1, INT64_MAX));
        auto changes = d::ListConfigChanges(api.ctx).Execute(who, before, static_cast<int>(limit));
        if (!changes.ok()) return changes.status();
        json items = json::array();
        for (const d::ConfigChange& c : changes.value()) {
          items.push_back(
              {{"id", c.id},
               {"area", c.area},
               {"summary", c.summary},
               {"actor",
                c.actor_id ? json{{"id", *c.actor_id}, {"username", c.actor_name}} : json(nullptr)},
               {"at", core::FormatIso8601(c.at)}});
        }
        json out = {{"items", items}};
        if (static_cast<std::int64_t>(changes->size()) == limit)
          out["next_before"] = changes->back().id;
        return Reply{200, out};
      }));
  router.Get("/api/v1/config/lifecycle",
             Authed(api, [&api](const Request&, const d::Principal&) -> core::Result<Reply> {
               return Reply{200, ToJson(*api.ctx.lifecycle.Get())};
             }));
  router.Put(
      "/api/v1/config/lifecycle",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        if (!api.ctx.policy.Allows(who, d::Permission::kConfigManage)) {
          return Status::Denied("your role may not change the lifecycle");
        }
        auto body = BodyObject(req);
        if (!body.ok()) return body.status();
        auto transitions = ParseLifecycle(body.value());
        if (!transitions.ok()) return transitions.status();
        CL_RETURN_IF_ERROR(api.lifecycle.Replace(who, std::move(transitions.value())));
        return Reply{200, ToJson(*api.ctx.lifecycle.Get())};
      }));
}

}  // namespace closeloop::http
