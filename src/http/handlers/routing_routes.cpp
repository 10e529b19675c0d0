// Routing (R-3.2, R-3.3): /api/v1/agents (profiles with the skill matrix and current load),
// /api/v1/agents/{id}/availability, /api/v1/config/routing-rules, and a complaint's routing
// history and reroute at /api/v1/complaints/{key}/routing.
#include "core/time_format.h"
#include "domain/model/ids.h"
#include "domain/routing/entities.h"
#include "domain/routing/routing.h"
#include "http/handlers/handler_support.h"
#include "http/handlers/routing_json.h"
#include "http/json_reader.h"

namespace closeloop::http {

using json = nlohmann::ordered_json;
namespace d = domain;

void RegisterRoutingRoutes(Router& router, Api& api) {
  router.Get("/api/v1/agents", Authed(api, [&api](const Request&, const d::Principal& who) {
               return ReplyOf(d::ManageAgents(api.ctx).List(who), 200,
                              [](const std::vector<d::AgentView>& list) {
                                json items = json::array();
                                for (const auto& v : list) items.push_back(AgentJson(v));
                                return json{{"items", std::move(items)}};
                              });
             }));
  constexpr const char* kAgentPath = R"(/api/v1/agents/(\d{1,18}))";
  router.Get(kAgentPath, Authed(api, [&api](const Request& req, const d::Principal& who) {
               return ReplyOf(d::ManageAgents(api.ctx).Get(who, std::stoll(req.matches[1])), 200,
                              AgentJson);
             }));
  router.Put(
      kAgentPath,
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        const d::Id user = std::stoll(req.matches[1]);
        auto profile =
            ParseBody(req, [user](const json& body) { return ParseProfile(body, user); });
        if (!profile.ok()) return profile.status();
        return ReplyOf(d::ManageAgents(api.ctx).Save(who, *profile), 200, AgentJson);
      }));
  router.Put(
      std::string(kAgentPath) + "/availability",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        auto body = BodyObject(req);
        if (!body.ok()) return body.status();
        JsonReader r(*body);
        CL_RETURN_IF_ERROR(r.OnlyKnown({"available"}));
        CL_RETURN_IF_ERROR(r.Required("available"));
        bool available = true;
        CL_RETURN_IF_ERROR(r.Bool("available", available));
        return ReplyOf(
            d::ManageAgents(api.ctx).SetAvailable(who, std::stoll(req.matches[1]), available), 200,
            AgentJson);
      }));
  router.Get("/api/v1/config/routing-rules",
             Authed(api, [&api](const Request&, const d::Principal& who) {
               return ReplyOf(d::ManageRoutingRules(api.ctx).Get(who), 200, RulesJson);
             }));
  router.Put(
      "/api/v1/config/routing-rules",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        auto text = TextBody(req);
        if (!text.ok()) return text.status();
        return ReplyOf(d::ManageRoutingRules(api.ctx).Replace(who, *text), 200, RulesJson);
      }));
  router.Get(std::string(kComplaintPath) + "/routing",
             Authed(api, [&api](const Request& req, const d::Principal& who) {
               return ReplyOf(d::RoutingHistory(api.ctx).Get(who, req.matches[1]), 200,
                              [](const std::vector<d::RoutingRecord>& list) {
                                json items = json::array();
                                for (const auto& r : list) items.push_back(RecordJson(r));
                                return json{{"items", std::move(items)}};
                              });
             }));
  router.Post(
      std::string(kComplaintPath) + "/route",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        auto body = BodyObject(req);
        if (!body.ok()) return body.status();
        JsonReader r(*body);
        CL_RETURN_IF_ERROR(r.OnlyKnown({"reason"}));
        std::string reason;
        CL_RETURN_IF_ERROR(r.String("reason", reason));
        return ReplyOf(d::RoutingHistory(api.ctx).Reroute(who, req.matches[1], reason), 200,
                       RecordJson);
      }));
}

}  // namespace closeloop::http
