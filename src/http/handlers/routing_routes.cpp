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

void RegisterRoutingRoutes(httplib::Server& server, Api& api) {
  server.Get("/api/v1/agents",
             Authed(api, [&api](const httplib::Request&, const d::Principal& who) {
               return ReplyOf(d::ManageAgents(api.ctx).List(who), 200,
                              [](const std::vector<d::AgentView>& list) {
                                json items = json::array();
                                for (const auto& v : list) items.push_back(AgentJson(v));
                                return json{{"items", std::move(items)}};
                              });
             }));
  constexpr const char* kAgentPath = R"(/api/v1/agents/(\d{1,18}))";
  server.Get(kAgentPath, Authed(api, [&api](const httplib::Request& req, const d::Principal& who) {
               return ReplyOf(d::ManageAgents(api.ctx).Get(who, std::stoll(req.matches[1].str())),
                              200, AgentJson);
             }));
  server.Put(
      kAgentPath,
      Authed(api,
             [&api](const httplib::Request& req, const d::Principal& who) -> core::Result<Reply> {
               const d::Id user = std::stoll(req.matches[1].str());
               auto profile =
                   ParseBody(req, [user](const json& body) { return ParseProfile(body, user); });
               if (!profile.ok()) return profile.status();
               return ReplyOf(d::ManageAgents(api.ctx).Save(who, *profile), 200, AgentJson);
             }));
  server.Put(
      std::string(kAgentPath) + "/availability",
      Authed(api,
             [&api](const httplib::Request& req, const d::Principal& who) -> core::Result<Reply> {
               auto body = BodyObject(req);
               if (!body.ok()) return body.status();
               JsonReader r(*body);
               CL_RETURN_IF_ERROR(r.OnlyKnown({"available"}));
               CL_RETURN_IF_ERROR(r.Required("available"));
               bool available = true;
               CL_RETURN_IF_ERROR(r.Bool("available", available));
               return ReplyOf(d::ManageAgents(api.ctx).SetAvailable(
                                  who, std::stoll(req.matches[1].str()), available),
                              200, AgentJson);
             }));
  server.Get("/api/v1/config/routing-rules",
             Authed(api, [&api](const httplib::Request&, const d::Principal& who) {
               return ReplyOf(d::ManageRoutingRules(api.ctx).Get(who), 200, RulesJson);
             }));
  server.Put(
      "/api/v1/config/routing-rules",
      Authed(api,
             [&api](const httplib::Request& req, const d::Principal& who) -> core::Result<Reply> {
               auto text = TextBody(req);
               if (!text.ok()) return text.status();
               return ReplyOf(d::ManageRoutingRules(api.ctx).Replace(who, *text), 200, RulesJson);
             }));
  server.Get(std::string(kComplaintPath) + "/routing",
             Authed(api, [&api](const httplib::Request& req, const d::Principal& who) {
               return ReplyOf(d::RoutingHistory(api.ctx).Get(who, req.matches[1]), 200,
                              [](const std::vector<d::RoutingRecord>& list) {
                                json items = json::array();
                                for (const auto& r : list) items.push_back(RecordJson(r));
                                return json{{"items", std::move(items)}};
                              });
             }));
  server.Post(
      std::string(kComplaintPath) + "/route",
      Authed(api,
             [&api](const httplib::Request& req, const d::Principal& who) -> core::Result<Reply> {
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
