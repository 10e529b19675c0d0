// The JSON shapes of agent profiles, routing records and routing rules.
#include "http/handlers/routing_json.h"

#include <cmath>
#include <cstdint>

#include "core/time_format.h"
#include "http/handlers/json_fields.h"
#include "http/json_reader.h"

namespace closeloop::http {

using core::Status;
using json = nlohmann::ordered_json;
namespace d = domain;

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
          {"team_id", Opt(p.team_id)},
          {"region_id", Opt(p.region_id)},
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
          {"agent_id", Opt(r.agent_id)},
          {"team_id", Opt(r.team_id)},
          {"score", r.score},
          {"rules_fired", r.rules_fired},
          {"explanation", r.explanation},
          {"actor_id", Opt(r.actor_id)},
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

}  // namespace closeloop::http
