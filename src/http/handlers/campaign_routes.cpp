// Relationship surveys (R-4.6): /api/v1/survey-campaigns (list, create), /{id} (results),
// /{id}/start, /{id}/close; and /api/v1/analytics/nps-change (NPS before vs after handling).
#include "core/time_format.h"
#include "domain/survey/relationship_surveys.h"
#include "http/handlers/handler_support.h"
#include "http/handlers/json_fields.h"
#include "http/json_reader.h"

namespace closeloop::http {

using json = nlohmann::ordered_json;
using core::Status;
namespace d = domain;

namespace {

json NpsJson(const d::NpsTally& t) {
  auto score = t.Score();
  return {{"nps", score ? json(*score) : json(nullptr)},
          {"answers", t.answers},
          {"promoters", t.promoters},
          {"passives", t.passives},
          {"detractors", t.detractors}};
}

json CampaignJson(const d::CampaignResults& r) {
  const d::SurveyCampaign& c = r.campaign;
  json tiers = json::array();
  for (const auto& t : r.by_tier) {
    json row = NpsJson(t.nps);
    row["tier"] = t.tier;
    row["sent"] = t.invited;
    tiers.push_back(std::move(row));
  }
  json results = NpsJson(r.nps);
  results["audience"] = r.audience;
  results["sent"] = r.sent;
  results["response_rate"] = r.response_rate ? json(*r.response_rate) : json(nullptr);
  results["by_status"] = r.by_status;
  results["skipped_by"] = r.skipped_by;
  results["by_tier"] = std::move(tiers);
  return {{"id", c.id},
          {"name", c.name},
          {"template", c.template_name},
          {"segment",
           {{"tier", Text(c.segment.tier)},
            {"region_id", Opt(c.segment.region_id)},
            {"complained", c.segment.complained},
            {"within_days", c.segment.within_days}}},
          {"status", c.status},
          {"created_by", Opt(c.created_by)},
          {"created_at", core::FormatIso8601(c.created_at)},
          {"started_at", OptTime(c.started_at)},
          {"closed_at", OptTime(c.closed_at)},
          {"results", std::move(results)}};
}

core::Result<d::CampaignInput> ParseCampaign(const json& body) {
  JsonReader r(body);
  CL_RETURN_IF_ERROR(r.OnlyKnown({"name", "template", "segment"}));
  CL_RETURN_IF_ERROR(r.Required("name"));
  d::CampaignInput in;
  CL_RETURN_IF_ERROR(r.String("name", in.name));
  CL_RETURN_IF_ERROR(r.String("template", in.template_name));
  if (body.contains("segment")) {
    const json& segment = body["segment"];
    if (!segment.is_object()) return Status::Invalid("segment", "segment is an object");
    JsonReader s(segment, "segment.");
    CL_RETURN_IF_ERROR(s.OnlyKnown({"tier", "region_id", "complained", "within_days"}));
    CL_RETURN_IF_ERROR(s.String("tier", in.segment.tier));
    CL_RETURN_IF_ERROR(s.Id("region_id", in.segment.region_id));
    CL_RETURN_IF_ERROR(s.String("complained", in.segment.complained));
    CL_RETURN_IF_ERROR(s.Int("within_days", in.segment.within_days, 1, 3650));
  }
  return in;
}

json SegmentsJson(const std::vector<d::NpsChangeSegment>& segments, const char* key) {
  json out = json::array();
  for (const auto& s : segments) {
    out.push_back({{key, s.key}, {"before", NpsJson(s.before)}, {"after", NpsJson(s.after)}});
  }
  return out;
}

json NpsChangeJson(const d::NpsChangeReport& r) {
  json items = json::array();
  for (const auto& i : r.items) {
    items.push_back({{"reference", i.reference},
                     {"customer_id", i.scores.customer_id},
                     {"tier", i.tier},
                     {"region_id", Opt(i.region_id)},
                     {"before", i.scores.before},
                     {"before_at", core::FormatIso8601(i.scores.before_at)},
                     {"after", i.scores.after},
                     {"after_at", core::FormatIso8601(i.scores.after_at)},
                     {"change", i.scores.after - i.scores.before}});
  }
  return {{"customers", r.before.answers},
          {"before", NpsJson(r.before)},
          {"after", NpsJson(r.after)},
          {"change", r.change ? json(*r.change) : json(nullptr)},
          {"target_change", r.target_change},
          {"improved", r.improved},
          {"unchanged", r.unchanged},
          {"worse", r.worse},
          {"by_tier", SegmentsJson(r.by_tier, "tier")},
          {"by_region", SegmentsJson(r.by_region, "region_id")},
          {"items", std::move(items)}};
}

d::Id IdOf(const Request& req) { return std::stoll(req.matches[1]); }

}  // namespace

void RegisterCampaignRoutes(Router& router, Api& api) {
  router.Get("/api/v1/survey-campaigns",
             Authed(api, [&api](const Request&, const d::Principal& who) {
               return ReplyOf(d::ManageCampaigns(api.ctx).List(who), 200,
                              [](const std::vector<d::CampaignResults>& list) {
                                json items = json::array();
                                for (const auto& c : list) items.push_back(CampaignJson(c));
                                return json{{"items", std::move(items)}};
                              });
             }));
  router.Post(
      "/api/v1/survey-campaigns",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        auto in = ParseBody(req, ParseCampaign);
        if (!in.ok()) return in.status();
        return ReplyOf(d::ManageCampaigns(api.ctx).Create(who, *in), 201, CampaignJson);
      }));
  router.Get(R"(/api/v1/survey-campaigns/(\d{1,18}))",
             Authed(api, [&api](const Request& req, const d::Principal& who) {
               return ReplyOf(d::ManageCampaigns(api.ctx).Get(who, IdOf(req)), 200, CampaignJson);
             }));
  router.Post(
      R"(/api/v1/survey-campaigns/(\d{1,18})/start)",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        std::optional<core::UnixMillis> send_at;
        if (!req.body.empty()) {
          auto body = BodyObject(req);
          if (!body.ok()) return body.status();
          JsonReader r(*body);
          CL_RETURN_IF_ERROR(r.OnlyKnown({"send_at"}));
          CL_RETURN_IF_ERROR(r.Time("send_at", send_at));
        }
        return ReplyOf(d::ManageCampaigns(api.ctx).Start(who, IdOf(req), send_at), 200,
                       CampaignJson);
      }));
  router.Post(R"(/api/v1/survey-campaigns/(\d{1,18})/close)",
              Authed(api, [&api](const Request& req, const d::Principal& who) {
                return ReplyOf(d::ManageCampaigns(api.ctx).Close(who, IdOf(req)), 200,
                               CampaignJson);
              }));
  router.Get(
      "/api/v1/analytics/nps-change",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        std::optional<core::UnixMillis> from, to;
        CL_RETURN_IF_ERROR(TimeParam(req, "from", from));
        CL_RETURN_IF_ERROR(TimeParam(req, "to", to));
        if (!from) return Status::Invalid("from", "from is required (YYYY-MM-DD)");
        if (!to) return Status::Invalid("to", "to is required (YYYY-MM-DD)");
        d::NpsChangeQuery q;
        q.from = *from;
        // A date names its whole day: to=2026-12-31 includes the 31st.
        q.to = req.get_param_value("to").size() == 10 ? *to + core::kDay : *to;
        CL_RETURN_IF_ERROR(OneOfParam(req, "tier", {"vip", "regular", "new"}, q.tier));
        std::int64_t region = 0;
        CL_RETURN_IF_ERROR(IntParam(req, "region_id", region, 1, INT64_MAX));
        if (region) q.region_id = region;
        return ReplyOf(d::CompareNps(api.ctx).Run(who, q), 200, NpsChangeJson);
      }));
}

}  // namespace closeloop::http
