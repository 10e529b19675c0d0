// Analytics (R-5.1, R-5.2; docs/kpi.md): GET /api/v1/analytics/kpis, /breakdown and /complaints
// (the drill-down), the last two also as CSV (format=csv); /kpi-definitions lists the KPIs and
// dimensions with their names in both languages.
#include <cmath>
#include <string>

#include "core/csv.h"
#include "core/text.h"
#include "core/time_format.h"
#include "domain/analytics/analytics_queries.h"
#include "domain/analytics/kpis.h"
#include "domain/analytics/promotions.h"
#include "domain/analytics/report.h"
#include "domain/analytics/report_html.h"
#include "http/handlers/handler_support.h"
#include "http/json_reader.h"

namespace closeloop::http {

using json = nlohmann::ordered_json;
using core::Status;
namespace d = domain;

namespace {

// Parameters that are not filters.
constexpr const char* kControlParams[] = {"from", "to",     "kpis",  "by",
                                          "flag", "format", "limit", "cursor"};

bool IsControl(const std::string& name) {
  for (const char* c : kControlParams) {
    if (name == c) return true;
  }
  return false;
}

core::Result<d::AnalyticsRequest> RequestOf(const Request& req) {
  d::AnalyticsRequest r;
  r.from = req.get_param_value("from");
  r.to = req.get_param_value("to");
  if (req.has_param("kpis")) {
    for (const std::string& k : core::Split(req.get_param_value("kpis"), ',')) {
      if (!k.empty()) r.kpis.push_back(k);
    }
  }
  if (req.has_param("by")) {
    for (const std::string& b : core::Split(req.get_param_value("by"), ',')) {
      if (!b.empty()) r.by.push_back(b);
    }
  }
  r.flag = req.get_param_value("flag");
  for (const auto& [name, value] : req.params) {
    if (!IsControl(name)) r.filters.emplace_back(name, value);
  }
  return r;
}

json Number(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

// A KPI's value: counts as integers, the rest as numbers; null when undefined.
json KpiJson(const std::string& name, const std::optional<double>& value) {
  const d::KpiDefinition* def = d::FindKpi(name);
  if (value && def && std::string(def->unit) == "count") {
    return static_cast<std::int64_t>(std::llround(*value));
  }
  return Number(value);
}

json KpisJson(const d::KpiValues& values) {
  json out = json::object();
  for (const auto& [name, value] : values) out[name] = KpiJson(name, value);
  return out;
}

// A dimension's value as JSON: a number for record ids, null for none.
json KeyJson(const std::string& dimension, const std::string& value) {
  if (value.empty()) return nullptr;
  const d::DimensionDefinition* def = d::FindDimension(dimension);
  if (def && def->is_id) return std::stoll(value);
  return value;
}

json BreakdownJson(const d::Breakdown& b) {
  json rows = json::array();
  for (const d::BreakdownRow& row : b.rows) {
    json r = json::object();
    for (const auto& [dimension, value] : row.keys) r[dimension] = KeyJson(dimension, value);
    for (const auto& [dimension, name] : row.names) r[dimension + "_name"] = name;
    for (const auto& [kpi, value] : row.kpis) r[kpi] = KpiJson(kpi, value);
    rows.push_back(std::move(r));
  }
  return {{"by", b.by}, {"rows", std::move(rows)}, {"truncated", b.truncated}};
}

std::string CsvNumber(const std::string& kpi, const std::optional<double>& v) {
  return v ? KpiJson(kpi, v).dump() : "";
}

std::string BreakdownCsv(const d::Breakdown& b) {
  std::string out = "\xEF\xBB\xBF";  // a BOM, so that spreadsheet programs read UTF-8
  std::vector<std::string> header;
  if (b.rows.empty()) return out;
  const d::BreakdownRow& first = b.rows.front();
  for (const auto& [dimension, value] : first.keys) header.push_back(dimension);
  for (const auto& [dimension, name] : first.names) header.push_back(dimension + "_name");
  for (const auto& [kpi, value] : first.kpis) header.push_back(kpi);
  for (size_t i = 0; i < header.size(); ++i) out += (i ? "," : "") + core::CsvCell(header[i]);
  out += "\r\n";
  for (const d::BreakdownRow& row : b.rows) {
    std::string line;
    auto add = [&line](const std::string& cell) { line += (line.empty() ? "" : ",") + cell; };
    for (const auto& [dimension, value] : row.keys) add(core::CsvCell(value));
    for (const auto& [dimension, name] : row.names) add(core::CsvCell(name));
    for (const auto& [kpi, value] : row.kpis) line += "," + CsvNumber(kpi, value);
    out += line + "\r\n";
  }
  return out;
}

json FactComplaintJson(const d::FactComplaint& c) {
  auto id = [](const std::optional<d::Id>& v) { return v ? json(*v) : json(nullptr); };
  return {{"id", c.id},
          {"reference", c.reference},
          {"status", c.status},
          {"received_at", core::FormatIso8601(c.received_at)},
          {"category", c.category.empty() ? json(nullptr) : json(c.category)},
          {"type", c.type.empty() ? json(nullptr) : json(c.type)},
          {"channel", c.channel},
          {"region_id", id(c.region_id)},
          {"team_id", id(c.team_id)},
          {"assignee_id", id(c.assignee_id)}};
}

std::string DrillDownCsv(const d::DrillDown& page) {
  std::string out =
      "\xEF\xBB\xBFid,reference,status,received_at,category,type,channel,region_id,team_id,"
      "assignee_id\r\n";
  auto opt = [](const std::optional<d::Id>& v) { return v ? std::to_string(*v) : ""; };
  for (const d::FactComplaint& c : page.complaints) {
    out += std::to_string(c.id) + "," + core::CsvCell(c.reference) + "," + c.status + "," +
           core::FormatIso8601(c.received_at) + "," + core::CsvCell(c.category) + "," + c.type +
           "," + c.channel + "," + opt(c.region_id) + "," + opt(c.team_id) + "," +
           opt(c.assignee_id) + "\r\n";
  }
  return out;
}

core::Result<Reply> CsvReply(std::string text, const std::string& name) {
  Reply reply;
  reply.text = std::move(text);
  reply.content_type = "text/csv; charset=utf-8";
  reply.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + "\"");
  return reply;
}

json DefinitionsJson() {
  json kpis = json::array();
  for (const d::KpiDefinition& k : d::KpiDefinitions()) {
    kpis.push_back({{"name", k.name},
                    {"unit", k.unit},
                    {"zh", k.zh},
                    {"en", k.en},
                    {"higher_is_better", k.higher_is_better},
                    {"flag", *k.flag ? json(k.flag) : json(nullptr)}});
  }
  json dimensions = json::array();
  for (const d::DimensionDefinition& dim : d::Dimensions()) {
    json roles = json::array();
    for (d::Role r : dim.roles) roles.push_back(d::ToString(r));
    dimensions.push_back({{"name", dim.name},
                          {"filter", *dim.filter ? json(dim.filter) : json(nullptr)},
                          {"roles", roles}});
  }
  return {{"kpis", kpis}, {"dimensions", dimensions}, {"flags", d::FactFlags()}};
}

json TargetsJson(const std::vector<d::KpiTarget>& targets) {
  json out = json::array();
  for (const d::KpiTarget& t : targets) {
    out.push_back({{"kpi", t.kpi}, {"target", t.target}, {"weight", t.weight}});
  }
  return {{"targets", out}};
}

core::Result<std::vector<d::KpiTarget>> TargetsOf(const json& body) {
  JsonReader top(body);
  CL_RETURN_IF_ERROR(top.OnlyKnown({"targets"}));
  CL_RETURN_IF_ERROR(top.Required("targets"));
  if (!body["targets"].is_array()) return Status::Invalid("targets", "targets is an array");
  std::vector<d::KpiTarget> out;
  for (size_t i = 0; i < body["targets"].size(); ++i) {
    const json& item = body["targets"][i];
    const std::string at = "targets[" + std::to_string(i) + "].";
    if (!item.is_object())
      return Status::Invalid("targets[" + std::to_string(i) + "]", "an object");
    JsonReader r(item, at);
    CL_RETURN_IF_ERROR(r.OnlyKnown({"kpi", "target", "weight"}));
    d::KpiTarget t;
    CL_RETURN_IF_ERROR(r.Required("kpi"));
    CL_RETURN_IF_ERROR(r.String("kpi", t.kpi));
    for (const char* number : {"target", "weight"}) {
      if (!item.contains(number) || !item[number].is_number()) {
        return Status::Invalid(at + number, std::string(number) + " is a number");
      }
    }
    t.target = item["target"].get<double>();
    t.weight = item["weight"].get<double>();
    out.push_back(std::move(t));
  }
  return out;
}

json PromotionsJson(const std::vector<d::Promotion>& promotions) {
  json out = json::array();
  for (const d::Promotion& p : promotions) {
    out.push_back({{"name", p.name}, {"starts_on", p.starts_on}, {"ends_on", p.ends_on}});
  }
  return {{"promotions", out}};
}

core::Result<std::vector<d::Promotion>> PromotionsOf(const json& body) {
  JsonReader top(body);
  CL_RETURN_IF_ERROR(top.OnlyKnown({"promotions"}));
  CL_RETURN_IF_ERROR(top.Required("promotions"));
  if (!body["promotions"].is_array()) return Status::Invalid("promotions", "an array");
  std::vector<d::Promotion> out;
  for (size_t i = 0; i < body["promotions"].size(); ++i) {
    const json& item = body["promotions"][i];
    const std::string at = "promotions[" + std::to_string(i) + "]";
    if (!item.is_object()) return Status::Invalid(at, "an object");
    JsonReader r(item, at + ".");
    CL_RETURN_IF_ERROR(r.OnlyKnown({"name", "starts_on", "ends_on"}));
    d::Promotion p;
    for (const char* field : {"name", "starts_on", "ends_on"})
      CL_RETURN_IF_ERROR(r.Required(field));
    CL_RETURN_IF_ERROR(r.String("name", p.name));
    CL_RETURN_IF_ERROR(r.String("starts_on", p.starts_on));
    CL_RETURN_IF_ERROR(r.String("ends_on", p.ends_on));
    out.push_back(std::move(p));
  }
  return out;
}

json AttainmentsJson(const std::vector<d::KpiAttainment>& kpis) {
  json out = json::array();
  for (const d::KpiAttainment& a : kpis) {
    out.push_back({{"kpi", a.kpi},
                   {"value", Number(a.value)},
                   {"target", a.target},
                   {"weight", a.weight},
                   {"attainment", Number(a.attainment)},
                   {"met", a.met}});
  }
  return out;
}

}  // namespace

void RegisterAnalyticsRoutes(Router& router, Api& api) {
  router.Get(
      "/api/v1/analytics/report",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        std::string format = "html";
        CL_RETURN_IF_ERROR(OneOfParam(req, "format", {"html", "csv"}, format));
        std::string lang = "zh-CN";
        CL_RETURN_IF_ERROR(OneOfParam(req, "lang", {"zh-CN", "en"}, lang));
        if (!req.has_param("period")) {
          return Status::Invalid("period",
                                 "period is required (YYYY-MM-DD, YYYY-Www, YYYY-MM, YYYY)");
        }
        auto report = d::BuildReport(api.ctx).Execute(who, req.get_param_value("period"));
        if (!report.ok()) return report.status();
        const std::string name = "closeloop-report-" + report->period.name;
        if (format == "csv") return CsvReply(d::RenderReportCsv(*report), name + ".csv");
        Reply reply;
        reply.text = d::RenderReportHtml(*report, lang, api.ctx.config.org_utc_offset_minutes);
        reply.content_type = "text/html; charset=utf-8";
        // A document to keep: no script runs in it, nothing is fetched for it.
        reply.headers.emplace_back("Content-Security-Policy",
                                   "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
        reply.headers.emplace_back("Content-Disposition",
                                   "attachment; filename=\"" + name + ".html\"");
        return reply;
      }));
  router.Get("/api/v1/analytics/promotions",
             Authed(api, [&api](const Request&, const d::Principal& who) {
               return ReplyOf(d::ManagePromotions(api.ctx).List(who), 200, PromotionsJson);
             }));
  router.Put(
      "/api/v1/analytics/promotions",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        auto body = BodyObject(req);
        if (!body.ok()) return body.status();
        auto promotions = PromotionsOf(*body);
        if (!promotions.ok()) return promotions.status();
        return ReplyOf(d::ManagePromotions(api.ctx).Replace(who, *promotions), 200, PromotionsJson);
      }));
  router.Get("/api/v1/analytics/targets",
             Authed(api, [&api](const Request&, const d::Principal& who) {
               return ReplyOf(d::QueryAnalytics(api.ctx).Targets(who), 200, TargetsJson);
             }));
  router.Put(
      "/api/v1/analytics/targets",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        auto body = BodyObject(req);
        if (!body.ok()) return body.status();
        auto targets = TargetsOf(*body);
        if (!targets.ok()) return targets.status();
        return ReplyOf(d::QueryAnalytics(api.ctx).ReplaceTargets(who, *targets), 200, TargetsJson);
      }));
  router.Get(
      "/api/v1/analytics/scorecard",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        auto request = RequestOf(req);
        if (!request.ok()) return request.status();
        auto rows = d::QueryAnalytics(api.ctx).Scorecard(who, *request);
        if (!rows.ok()) return rows.status();
        json out = json::array();
        const std::string by = request->by.empty() ? "" : request->by.front();
        for (const d::ScoreRow& row : *rows) {
          json r = json::object();
          if (!by.empty()) {
            r[by] = KeyJson(by, row.key);
            r[by + "_name"] = row.name;
          }
          r["complaints"] = row.complaints;
          r["score"] = Number(row.score);
          r["kpis"] = AttainmentsJson(row.kpis);
          out.push_back(std::move(r));
        }
        return Reply{200, {{"from", request->from}, {"to", request->to}, {"rows", out}}};
      }));
  router.Get(
      R"(/api/v1/analytics/agents/(\d{1,18}))",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        auto request = RequestOf(req);
        if (!request.ok()) return request.status();
        auto view = d::QueryAnalytics(api.ctx).Agent(who, std::stoll(req.matches[1]), *request);
        if (!view.ok()) return view.status();
        json skills = json::array();
        for (const auto& s : view->skills) {
          skills.push_back({{"dimension", s.dimension}, {"value", s.value}, {"level", s.level}});
        }
        return Reply{200,
                     {{"agent_id", view->agent_id},
                      {"name", view->name},
                      {"from", request->from},
                      {"to", request->to},
                      {"complaints", view->complaints},
                      {"score", Number(view->score)},
                      {"kpis", AttainmentsJson(view->kpis)},
                      {"skills", skills}}};
      }));
  router.Get("/api/v1/analytics/kpi-definitions",
             Authed(api, [&api](const Request&, const d::Principal& who) -> core::Result<Reply> {
               if (!api.ctx.policy.Allows(who, d::Permission::kAnalyticsRead)) {
                 return Status::Denied("your role may not read analytics");
               }
               return Reply{200, DefinitionsJson()};
             }));
  router.Get(
      "/api/v1/analytics/kpis",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        auto request = RequestOf(req);
        if (!request.ok()) return request.status();
        auto values = d::QueryAnalytics(api.ctx).Kpis(who, *request);
        if (!values.ok()) return values.status();
        return Reply{200,
                     {{"from", request->from}, {"to", request->to}, {"kpis", KpisJson(*values)}}};
      }));
  router.Get(
      "/api/v1/analytics/breakdown",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        std::string format = "json";
        CL_RETURN_IF_ERROR(OneOfParam(req, "format", {"json", "csv"}, format));
        auto request = RequestOf(req);
        if (!request.ok()) return request.status();
        auto breakdown = d::QueryAnalytics(api.ctx).BreakDown(who, *request);
        if (!breakdown.ok()) return breakdown.status();
        if (format == "csv") {
          return CsvReply(BreakdownCsv(*breakdown),
                          "breakdown-" + request->from + "-" + request->to + ".csv");
        }
        json body = BreakdownJson(*breakdown);
        body["from"] = request->from;
        body["to"] = request->to;
        return Reply{200, std::move(body)};
      }));
  router.Get(
      "/api/v1/analytics/complaints",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        std::string format = "json";
        CL_RETURN_IF_ERROR(OneOfParam(req, "format", {"json", "csv"}, format));
        std::int64_t limit = format == "csv" ? 1000 : 50;
        CL_RETURN_IF_ERROR(IntParam(req, "limit", limit, 1, 1000));
        std::int64_t cursor = 0;
        CL_RETURN_IF_ERROR(IntParam(req, "cursor", cursor, 1, INT64_MAX));
        auto request = RequestOf(req);
        if (!request.ok()) return request.status();
        auto page =
            d::QueryAnalytics(api.ctx).Complaints(who, *request, cursor, static_cast<int>(limit));
        if (!page.ok()) return page.status();
        if (format == "csv") {
          return CsvReply(DrillDownCsv(*page),
                          "complaints-" + request->from + "-" + request->to + ".csv");
        }
        json items = json::array();
        for (const d::FactComplaint& c : page->complaints) items.push_back(FactComplaintJson(c));
        return Reply{200,
                     {{"total", page->total},
                      {"items", std::move(items)},
                      {"next_cursor", page->next_before ? json(std::to_string(*page->next_before))
                                                        : json(nullptr)}}};
      }));
}

}  // namespace closeloop::http
