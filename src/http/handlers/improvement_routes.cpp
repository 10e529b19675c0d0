// Improvement actions (R-4.5): /api/v1/improvements (list, open), /api/v1/improvements/{id}
// (read, change, move along PDCA, the A3 record), /api/v1/improvements/{id}/effect-check.
#include <cstdint>

#include "core/time_format.h"
#include "domain/improvement/improvements.h"
#include "http/handlers/handler_support.h"
#include "http/handlers/json_fields.h"
#include "http/json_reader.h"

namespace closeloop::http {

using core::Status;
using json = nlohmann::ordered_json;
namespace d = domain;

namespace {

json Id(const std::optional<d::Id>& id) { return id ? json(*id) : json(nullptr); }

json ActionJson(const d::ImprovementAction& a) {
  json links = json::array();
  for (const auto& l : a.links) links.push_back({{"kind", l.kind}, {"id", l.id}});
  json causes = json::array();
  for (const auto& [category, cause] : a.a3.causes) {
    causes.push_back({{"category", category}, {"cause", cause}});
  }
  json effect = nullptr;
  if (a.effect) {
    const d::EffectCheck& e = *a.effect;
    effect = {{"weeks", e.weeks},
              {"took_effect_at", core::FormatIso8601(e.pivot)},
              {"before", e.before},
              {"after", e.after},
              {"before_per_week", e.before_per_week},
              {"after_per_week", e.after_per_week},
              {"change_percent",
               e.before > 0 ? json(100.0 * (e.after - e.before) / e.before) : json(nullptr)},
              {"checked_at", core::FormatIso8601(e.checked_at)}};
  }
  return {{"id", a.id},
          {"problem", a.problem},
          {"team_id", a.team_id},
          {"measure", a.measure},
          {"owner_id", a.owner_id},
          {"deadline", core::FormatIso8601(a.deadline)},
          {"region_id", Id(a.region_id)},
          {"category", a.category},
          {"product_line", a.product_line},
          {"store_id", Id(a.store_id)},
          {"stage", a.stage},
          {"stages",
           {{"plan", OptTime(a.plan_at)},
            {"do", OptTime(a.do_at)},
            {"check", OptTime(a.check_at)},
            {"act", OptTime(a.act_at)},
            {"closed", OptTime(a.closed_at)}}},
          {"links", std::move(links)},
          {"a3",
           {{"background", a.a3.background},
            {"current_state", a.a3.current_state},
            {"goal", a.a3.goal},
            {"whys", a.a3.whys},
            {"causes", std::move(causes)},
            {"countermeasures", a.a3.countermeasures},
            {"follow_up", a.a3.follow_up}}},
          {"effect", std::move(effect)},
          {"created_by", Id(a.created_by)},
          {"created_at", core::FormatIso8601(a.created_at)},
          {"updated_at", core::FormatIso8601(a.updated_at)}};
}

json ActionList(const std::vector<d::ImprovementAction>& list) {
  json items = json::array();
  for (const auto& a : list) items.push_back(ActionJson(a));
  return {{"items", std::move(items)}};
}

Status StringList(const json& body, const char* name, std::vector<std::string>& out) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return Status::Ok();
  if (!it->is_array()) return Status::Invalid(name, std::string(name) + " is an array of texts");
  for (const json& v : *it) {
    if (!v.is_string()) return Status::Invalid(name, std::string(name) + " is an array of texts");
    out.push_back(v.get<std::string>());
  }
  return Status::Ok();
}

core::Result<d::A3Record> ParseA3(const json& body) {
  if (!body.is_object()) return Status::Invalid("a3", "a3 is an object");
  JsonReader r(body);
  CL_RETURN_IF_ERROR(r.OnlyKnown(
      {"background", "current_state", "goal", "whys", "causes", "countermeasures", "follow_up"}));
  d::A3Record a3;
  CL_RETURN_IF_ERROR(r.String("background", a3.background));
  CL_RETURN_IF_ERROR(r.String("current_state", a3.current_state));
  CL_RETURN_IF_ERROR(r.String("goal", a3.goal));
  CL_RETURN_IF_ERROR(StringList(body, "whys", a3.whys));
  CL_RETURN_IF_ERROR(r.String("countermeasures", a3.countermeasures));
  CL_RETURN_IF_ERROR(r.String("follow_up", a3.follow_up));
  if (body.contains("causes")) {
    const json& causes = body["causes"];
    if (!causes.is_array()) return Status::Invalid("a3.causes", "causes is an array");
    for (const json& c : causes) {
      if (!c.is_object() || !c.contains("category") || !c["category"].is_string() ||
          !c.contains("cause") || !c["cause"].is_string() || c.size() != 2) {
        return Status::Invalid("a3.causes", "a cause is {\"category\", \"cause\"}");
      }
      a3.causes.emplace_back(c["category"].get<std::string>(), c["cause"].get<std::string>());
    }
  }
  return a3;
}

core::Result<d::ImprovementInput> ParseInput(const json& body) {
  JsonReader r(body);
  CL_RETURN_IF_ERROR(
      r.OnlyKnown({"problem", "team_id", "measure", "owner_id", "deadline", "region_id", "category",
                   "product_line", "store_id", "stage", "links", "a3"}));
  d::ImprovementInput in;
  CL_RETURN_IF_ERROR(r.String("problem", in.problem));
  CL_RETURN_IF_ERROR(r.String("measure", in.measure));
  CL_RETURN_IF_ERROR(r.String("category", in.category));
  CL_RETURN_IF_ERROR(r.String("product_line", in.product_line));
  CL_RETURN_IF_ERROR(r.String("stage", in.stage));
  CL_RETURN_IF_ERROR(r.Id("team_id", in.team_id));
  CL_RETURN_IF_ERROR(r.Id("owner_id", in.owner_id));
  CL_RETURN_IF_ERROR(r.Id("store_id", in.store_id));
  CL_RETURN_IF_ERROR(r.Id("region_id", in.region_id));
  CL_RETURN_IF_ERROR(r.Time("deadline", in.deadline));
  if (body.contains("links")) {
    const json& links = body["links"];
    if (!links.is_array()) return Status::Invalid("links", "links is an array");
    for (const json& l : links) {
      if (!l.is_object() || !l.contains("kind") || !l["kind"].is_string() || !l.contains("id") ||
          !l["id"].is_number_integer()) {
        return Status::Invalid("links", "a link is {\"kind\", \"id\"}");
      }
      in.links.push_back({l["kind"].get<std::string>(), l["id"].get<std::int64_t>()});
    }
  }
  if (body.contains("a3")) {
    auto a3 = ParseA3(body["a3"]);
    if (!a3.ok()) return a3.status();
    in.a3 = *a3;
  }
  return in;
}

}  // namespace

void RegisterImprovementRoutes(Router& router, Api& api) {
  router.Get(
      "/api/v1/improvements",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        std::optional<d::Id> team;
        std::int64_t team_id = 0;
        CL_RETURN_IF_ERROR(IntParam(req, "team_id", team_id, 1, INT64_MAX));
        if (team_id) team = team_id;
        std::string stage;
        CL_RETURN_IF_ERROR(
            OneOfParam(req, "stage", {"plan", "do", "check", "act", "closed"}, stage));
        return ReplyOf(d::ManageImprovements(api.ctx).List(who, team, stage), 200, ActionList);
      }));
  router.Post(
      "/api/v1/improvements",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        auto in = ParseBody(req, ParseInput);
        if (!in.ok()) return in.status();
        return ReplyOf(d::ManageImprovements(api.ctx).Create(who, *in), 201, ActionJson);
      }));
  router.Get(R"(/api/v1/improvements/(\d{1,18}))",
             Authed(api, [&api](const Request& req, const d::Principal& who) {
               return ReplyOf(d::ManageImprovements(api.ctx).Get(who, std::stoll(req.matches[1])),
                              200, ActionJson);
             }));
  router.Patch(
      R"(/api/v1/improvements/(\d{1,18}))",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        auto in = ParseBody(req, ParseInput);
        if (!in.ok()) return in.status();
        return ReplyOf(d::ManageImprovements(api.ctx).Update(who, std::stoll(req.matches[1]), *in),
                       200, ActionJson);
      }));
  router.Post(
      R"(/api/v1/improvements/(\d{1,18})/effect-check)",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        auto body = BodyObject(req);
        if (!body.ok()) return body.status();
        JsonReader r(*body);
        CL_RETURN_IF_ERROR(r.OnlyKnown({"weeks"}));
        int weeks = 4;
        CL_RETURN_IF_ERROR(r.Int("weeks", weeks, 1, 52));
        return ReplyOf(
            d::ManageImprovements(api.ctx).CheckEffect(who, std::stoll(req.matches[1]), weeks), 200,
            ActionJson);
      }));
}

}  // namespace closeloop::http
