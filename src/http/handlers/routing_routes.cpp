// Routing (R-3.2, R-3.3): /api/v1/agents (profiles with the skill matrix and current load),
// /api/v1/agents/{id}/availability, /api/v1/config/routing-rules, and a complaint's routing
// history and reroute at /api/v1/complaints/{key}/routing.
#include "core/time_format.h"
#include "domain/model/ids.h"
#include "domain/routing/entities.h"
#include "domain/routing/routing.h"
#include "http/handlers/handler_support.h"
#include "http/json_reader.h"

namespace closeloop::http {

using core::Status;
using json = nlohmann::ordered_json;
namespace d = domain;

namespace {

json OptionalId(std::optional<d::Id> id) { return id ? json(*id) : json(nullptr); }

json AgentJson(const d::AgentView& v) {
  const d::AgentProfile& p = v.profile;
  json skills = json::array();
  for (const d::AgentSkill& s : p.skills) {
    skills.push_back({{"dimension", s.dimension}, {"value", s.value}, {"level", s.level}});
  }
  return {{"user_id", p.user_id},
          {"username", v.username},
          {"display_name", v.display_name},
          {"role", d::ToString(v.role)},
          {"team_id", OptionalId(p.team_id)},
          {"region_id", OptionalId(p.region_id)},
          {"seniority", d::ToString(static_cast<d::Seniority>(p.seniority))},
          {"capacity", p.capacity},
          {"load", v.load},
          {"available", p.available},
          {"shift_calendar", p.shift_calendar},
          {"skills", std::move(skills)},
          {"updated_at", core::FormatIso8601(p.updated_at)}};
}

json RecordJson(const d::RoutingRecord& r) {
  return {{"id", r.id},
          {"mode", r.mode},
          {"agent_id", OptionalId(r.agent_id)},
          {"team_id", OptionalId(r.team_id)},
          {"score", r.score},
          {"rules_fired", r.rules_fired},
          {"explanation", r.explanation},
          {"actor_id", OptionalId(r.actor_id)},
          {"reason", r.reason},
          {"decided_at", core::FormatIso8601(r.decided_at)}};
}

json RulesJson(const d::RoutingRules& rules) {
  json names = json::array();
  for (const auto& r : rules.rules) names.push_back(r.name);
  return {{"text", rules.text}, {"rules", std::move(names)}};
}

core::Result<d::AgentProfile> ParseProfile(const json& body, d::Id user_id) {
  JsonReader r(body);
  CL_RETURN_IF_ERROR(r.OnlyKnown(
      {"team_id", "region_id", "seniority", "capacity", "available", "shift_calendar", "skills"}));
  CL_RETURN_IF_ERROR(r.Required("capacity"));
  d::AgentProfile p;
  p.user_id = user_id;
  CL_RETURN_IF_ERROR(r.Id("team_id", p.team_id));
  CL_RETURN_IF_ERROR(r.Id("region_id", p.region_id));
  std::optional<d::Seniority> seniority;
  CL_RETURN_IF_ERROR(r.Enum("seniority", seniority, d::ParseSeniority));
  p.seniority = static_cast<int>(seniority.value_or(d::Seniority::kJunior));
  CL_RETURN_IF_ERROR(r.Int("capacity", p.capacity, 0, 1000));
  CL_RETURN_IF_ERROR(r.Bool("available", p.available));
  CL_RETURN_IF_ERROR(r.String("shift_calendar", p.shift_calendar));
  if (r.Has("skills")) {
    const json& skills = body.at("skills");
    if (!skills.is_array()) return Status::Invalid("skills", "must be an array");
    for (size_t i = 0; i < skills.size(); ++i) {
      const std::string prefix = "skills[" + std::to_string(i) + "].";
      if (!skills[i].is_object())
        return Status::Invalid("skills[" + std::to_string(i) + "]", "must be an object");
      JsonReader s(skills[i], prefix);
      CL_RETURN_IF_ERROR(s.OnlyKnown({"dimension", "value", "level"}));
      CL_RETURN_IF_ERROR(s.Required("dimension"));
      CL_RETURN_IF_ERROR(s.Required("value"));
      CL_RETURN_IF_ERROR(s.Required("level"));
      d::AgentSkill skill;
      CL_RETURN_IF_ERROR(s.String("dimension", skill.dimension));
      CL_RETURN_IF_ERROR(s.String("value", skill.value));
      CL_RETURN_IF_ERROR(s.Int("level", skill.level, 1, 5));
      p.skills.push_back(std::move(skill));
    }
  }
  return p;
}

}  // namespace

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
