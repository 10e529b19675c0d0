// The JSON shapes of SLA configuration, a complaint's SLA clocks and notifications.
#include "http/handlers/sla_json.h"

#include <cstdio>

#include "core/time_format.h"
#include "http/json_reader.h"

namespace closeloop::http {

using core::Status;
using json = nlohmann::ordered_json;
namespace d = domain;

namespace {

std::string Clock(int minute) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minute / 60, minute % 60);
  return buf;
}

std::optional<int> ParseClock(const std::string& s) {
  int h = 0, m = 0;
  char colon = 0;
  if (s.size() != 5 || std::sscanf(s.c_str(), "%2d%c%2d", &h, &colon, &m) != 3 || colon != ':' ||
      m < 0 || m > 59 || h < 0 || h > 24 || (h == 24 && m != 0)) {
    return std::nullopt;
  }
  return h * 60 + m;
}

json CalendarJson(const d::BusinessCalendar& c) {
  json week = json::array();
  for (const auto& day : c.week) {
    json periods = json::array();
    for (const auto& p : day) {
      periods.push_back({{"start", Clock(p.start_minute)}, {"end", Clock(p.end_minute)}});
    }
    week.push_back(std::move(periods));
  }
  return {{"code", c.code},
          {"name", c.name},
          {"utc_offset_minutes", c.utc_offset_minutes},
          {"always_open", c.always_open},
          {"week", std::move(week)},
          {"holidays", c.holidays},
          {"makeup_workdays", c.makeup_workdays}};
}

template <typename E>
json NameList(const std::vector<E>& values) {
  json out = json::array();
  for (const E& v : values) out.push_back(d::ToString(v));
  return out;
}

json PolicyJson(const d::SlaPolicy& p) {
  auto minutes = [](core::UnixMillis v) { return v / core::kMinute; };
  return {{"code", p.code},
          {"name", p.name},
          {"priorities", NameList(p.priorities)},
          {"tiers", NameList(p.tiers)},
          {"channels", NameList(p.channels)},
          {"types", NameList(p.types)},
          {"calendar", p.calendar},
          {"first_response_minutes", minutes(p.first_response)},
          {"identify_minutes", minutes(p.identify)},
          {"analyse_minutes", minutes(p.analyse)},
          {"resolve_minutes", minutes(p.resolve)},
          {"warn_at_percent", p.warn_at_percent},
          {"update_every_minutes", minutes(p.update_every)},
          {"survey_within_minutes", minutes(p.survey_within)}};
}

// A list field of `object` (at `field`) as JSON items, or an error naming it.
core::Result<std::vector<json>> Items(const json& object, const std::string& field) {
  if (!object.contains(field)) return std::vector<json>{};
  const json& v = object.at(field);
  if (!v.is_array()) return Status::Invalid(field, field + " must be an array");
  return std::vector<json>(v.begin(), v.end());
}

core::Result<d::BusinessCalendar> ParseCalendar(const json& item, const std::string& at) {
  if (!item.is_object()) return Status::Invalid(at, at + " must be an object");
  JsonReader r(item, at + ".");
  CL_RETURN_IF_ERROR(r.OnlyKnown({"code", "name", "utc_offset_minutes", "always_open", "week",
                                  "holidays", "makeup_workdays"}));
  d::BusinessCalendar c;
  CL_RETURN_IF_ERROR(r.String("code", c.code));
  CL_RETURN_IF_ERROR(r.String("name", c.name));
  CL_RETURN_IF_ERROR(r.Bool("always_open", c.always_open));
  if (item.contains("utc_offset_minutes")) {
    if (!item.at("utc_offset_minutes").is_number_integer()) {
      return r.Invalid("utc_offset_minutes", "a whole number of minutes");
    }
    c.utc_offset_minutes = item.at("utc_offset_minutes").get<int>();
  }
  auto week = Items(item, "week");
  if (!week.ok()) return Status::Invalid(at + ".week", "week must be an array of 7 days");
  if (!week->empty() && week->size() != 7) {
    return Status::Invalid(at + ".week", "week has 7 days, Monday first");
  }
  for (size_t day = 0; day < week->size(); ++day) {
    const std::string day_at = at + ".week[" + std::to_string(day) + "]";
    if (!(*week)[day].is_array()) return Status::Invalid(day_at, day_at + " must be an array");
    for (const json& period : (*week)[day]) {
      std::optional<int> start, end;
      if (period.is_object() && period.contains("start") && period.contains("end") &&
          period["start"].is_string() && period["end"].is_string()) {
        start = ParseClock(period["start"].get<std::string>());
        end = ParseClock(period["end"].get<std::string>());
      }
      if (!start || !end) {
        return Status::Invalid(day_at,
                               day_at + ": a period is {\"start\":\"HH:MM\",\"end\":\"HH:MM\"}");
      }
      c.week[day].push_back({*start, *end});
    }
  }
  for (const auto& [name, target] :
       {std::pair{"holidays", &c.holidays}, std::pair{"makeup_workdays", &c.makeup_workdays}}) {
    auto days = Items(item, name);
    if (!days.ok()) return Status::Invalid(at + "." + name, days.status().message());
    for (const json& day : *days) {
      if (!day.is_string()) return Status::Invalid(at + "." + name, "dates are \"YYYY-MM-DD\"");
      target->insert(day.get<std::string>());
    }
  }
  Status valid = c.Validate();
  if (!valid.ok()) return Status::Invalid(at + "." + valid.field(), at + ": " + valid.message());
  return c;
}

template <typename E, typename Parse>
Status Enums(const json& item, const std::string& at, const char* name, std::vector<E>& out,
             Parse parse) {
  auto values = Items(item, name);
  if (!values.ok()) return Status::Invalid(at + "." + name, values.status().message());
  for (const json& v : *values) {
    auto parsed = v.is_string() ? parse(v.get<std::string>()) : std::nullopt;
    if (!parsed) return Status::Invalid(at + "." + name, "unknown value " + v.dump());
    out.push_back(*parsed);
  }
  return Status::Ok();
}

core::Result<d::SlaPolicy> ParsePolicy(const json& item, const std::string& at) {
  if (!item.is_object()) return Status::Invalid(at, at + " must be an object");
  JsonReader r(item, at + ".");
  CL_RETURN_IF_ERROR(r.OnlyKnown({"code", "name", "priorities", "tiers", "channels", "types",
                                  "calendar", "first_response_minutes", "identify_minutes",
                                  "analyse_minutes", "resolve_minutes", "warn_at_percent",
                                  "update_every_minutes", "survey_within_minutes"}));
  d::SlaPolicy p;
  CL_RETURN_IF_ERROR(r.String("code", p.code));
  CL_RETURN_IF_ERROR(r.String("name", p.name));
  CL_RETURN_IF_ERROR(r.String("calendar", p.calendar));
  CL_RETURN_IF_ERROR(Enums(item, at, "priorities", p.priorities, d::ParsePriority));
  CL_RETURN_IF_ERROR(Enums(item, at, "tiers", p.tiers, d::ParseCustomerTier));
  CL_RETURN_IF_ERROR(Enums(item, at, "channels", p.channels, d::ParseChannel));
  CL_RETURN_IF_ERROR(Enums(item, at, "types", p.types, d::ParseComplaintType));
  for (const auto& [name, target] :
       {std::pair{"first_response_minutes", &p.first_response},
        std::pair{"identify_minutes", &p.identify}, std::pair{"analyse_minutes", &p.analyse},
        std::pair{"resolve_minutes", &p.resolve},
        std::pair{"update_every_minutes", &p.update_every},
        std::pair{"survey_within_minutes", &p.survey_within}}) {
    if (!item.contains(name)) continue;
    if (!item.at(name).is_number_integer()) return r.Invalid(name, "a whole number of minutes");
    *target = item.at(name).get<std::int64_t>() * core::kMinute;
  }
  if (item.contains("warn_at_percent")) {
    if (!item.at("warn_at_percent").is_number_integer()) {
      return r.Invalid("warn_at_percent", "a whole number");
    }
    p.warn_at_percent = item.at("warn_at_percent").get<int>();
  }
  Status valid = p.Validate();
  if (!valid.ok()) return Status::Invalid(at + "." + valid.field(), at + ": " + valid.message());
  return p;
}

template <typename T, typename Parse>
core::Result<std::vector<T>> ParseList(const json& body, const std::string& field, Parse parse) {
  if (!body.contains(field) || !body.at(field).is_array()) {
    return Status::Invalid(field, field + " must be an array");
  }
  std::vector<T> out;
  size_t i = 0;
  for (const json& item : body.at(field)) {
    auto parsed = parse(item, field + "[" + std::to_string(i++) + "]");
    if (!parsed.ok()) return parsed.status();
    out.push_back(std::move(*parsed));
  }
  return out;
}

}  // namespace

json ToJson(const d::SlaConfig& config) {
  json calendars = json::array(), policies = json::array();
  for (const auto& c : config.calendars) calendars.push_back(CalendarJson(c));
  for (const auto& p : config.policies) policies.push_back(PolicyJson(p));
  return {{"calendars", std::move(calendars)}, {"policies", std::move(policies)}};
}

json ToJson(const d::ComplaintSla& sla) {
  const d::SlaView& v = sla.clocks;
  auto time = [](const std::optional<core::UnixMillis>& t) {
    return t ? json(core::FormatIso8601(*t)) : json(nullptr);
  };
  json phases = json::array();
  for (const auto& p : v.phases) {
    phases.push_back({{"phase", p.phase},
                      {"state", d::ToString(p.state)},
                      {"target_minutes", p.target / core::kMinute},
                      {"working_elapsed_minutes", p.working_elapsed / core::kMinute},
                      {"calendar_elapsed_minutes", p.calendar_elapsed / core::kMinute},
                      {"percent", p.percent},
                      {"due_at", time(p.due_at)},
                      {"warn_at", time(p.warn_at)},
                      {"done_at", time(p.done_at)}});
  }
  return {{"policy", v.policy},
          {"calendar", v.calendar},
          {"paused", v.paused},
          {"paused_working_minutes", v.paused_working / core::kMinute},
          {"phases", std::move(phases)},
          {"predicted_handling_minutes", sla.prediction.minutes_ms
                                             ? json(*sla.prediction.minutes_ms / core::kMinute)
                                             : json(nullptr)},
          {"prediction_basis", sla.prediction.basis},
          {"prediction_sample", sla.prediction.sample}};
}

json ToJson(const d::Notification& n) {
  return {{"id", n.id},
          {"complaint_id", n.complaint_id ? json(*n.complaint_id) : json(nullptr)},
          {"kind", n.kind},
          {"message", n.message},
          {"created_at", core::FormatIso8601(n.created_at)},
          {"read_at", n.read_at ? json(core::FormatIso8601(*n.read_at)) : json(nullptr)}};
}

core::Result<std::vector<d::BusinessCalendar>> ParseCalendars(const json& body) {
  return ParseList<d::BusinessCalendar>(body, "calendars", ParseCalendar);
}

core::Result<std::vector<d::SlaPolicy>> ParsePolicies(const json& body) {
  return ParseList<d::SlaPolicy>(body, "policies", ParsePolicy);
}

}  // namespace closeloop::http
