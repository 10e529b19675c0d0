#include "domain/survey/relationship_surveys.h"

#include <algorithm>
#include <cmath>

#include "core/text.h"
#include "domain/complaint/complaint_support.h"
#include "domain/complaint/entities.h"
#include "domain/complaint/repository.h"
#include "domain/customer/entities.h"
#include "domain/customer/repository.h"
#include "domain/model/enums.h"
#include "domain/model/validation.h"
#include "domain/org/repository.h"
#include "domain/survey/repository.h"
#include "domain/survey/survey_dispatch.h"
#include "domain/survey/survey_templates.h"

namespace closeloop::domain {

using core::Status;

void NpsTally::Add(int score) {
  ++answers;
  if (score >= 9) {
    ++promoters;
  } else if (score >= 7) {
    ++passives;
  } else {
    ++detractors;
  }
}

std::optional<double> NpsTally::Score() const {
  if (answers == 0) return std::nullopt;
  const double score = 100.0 * (promoters - detractors) / answers;
  return std::round(score * 10) / 10;
}

namespace {

constexpr const char* kTiers[] = {"vip", "regular", "new"};

std::string NotFound(Id id) { return "no survey campaign " + std::to_string(id); }

// A scoped manager's campaigns are those of their regions.
bool CampaignVisible(const Principal& who, const SurveyCampaign& c) {
  if (who.Unscoped()) return true;
  return c.segment.region_id && std::find(who.region_scope.begin(), who.region_scope.end(),
                                          *c.segment.region_id) != who.region_scope.end();
}

Status CheckInput(Repositories& repos, const Principal& who, const CampaignInput& in) {
  CL_RETURN_IF_ERROR(CheckText("name", in.name, 200, true));
  const auto names = AllSurveyTemplateNames(repos);
  if (std::find(names.begin(), names.end(), in.template_name) == names.end()) {
    return Status::Invalid("template",
                           "unknown survey template '" + in.template_name.substr(0, 40) + "'");
  }
  auto t = SurveyTemplateInForce(repos, in.template_name);
  if (!t || std::none_of(t->questions.begin(), t->questions.end(),
                         [](const SurveyQuestion& q) { return q.code == "nps"; })) {
    return Status::Invalid("template", "a relationship campaign's template must ask the NPS");
  }
  const CampaignSegment& s = in.segment;
  if (!s.tier.empty() && !ParseCustomerTier(s.tier)) {
    return Status::Invalid("segment.tier", "tier must be vip, regular or new");
  }
  if (s.complained != "any" && s.complained != "yes" && s.complained != "no") {
    return Status::Invalid("segment.complained", "complained must be any, yes or no");
  }
  if (s.within_days < 1 || s.within_days > 3650) {
    return Status::Invalid("segment.within_days", "within_days must be 1-3650");
  }
  if (s.region_id && !repos.org().FindRegion(*s.region_id)) {
    return Status::Invalid("segment.region_id", "no region " + std::to_string(*s.region_id));
  }
  if (!who.Unscoped()) {
    SurveyCampaign probe;
    probe.segment = s;
    if (!CampaignVisible(who, probe)) {
      return Status::Invalid("segment.region_id",
                             "a campaign of yours must name one of your regions");
    }
  }
  return Status::Ok();
}

CampaignResults ResultsOf(Repositories& repos, const SurveyCampaign& c, UnixMillis now) {
  CampaignResults r;
  r.campaign = c;
  if (c.status == "draft") {
    r.audience = static_cast<int>(repos.surveys().CampaignAudience(c.segment, now).size());
    return r;
  }
  const auto invitations = repos.surveys().InvitationsOfCampaign(c.id);
  r.audience = static_cast<int>(invitations.size());
  std::map<Id, std::string> tier_of_invitation;
  std::map<std::string, CampaignTierResult> tiers;
  for (const SurveyInvitation& inv : invitations) {
    ++r.by_status[inv.status];
    if (inv.status == "skipped" || inv.status == "cancelled") ++r.skipped_by[inv.reason];
    std::string tier = "new";
    if (inv.customer_id) {
      if (auto t = repos.customers().TierOf(*inv.customer_id)) tier = ToString(*t);
    }
    tier_of_invitation[inv.id] = tier;
    if (inv.sent_at) {
      ++r.sent;
      ++tiers[tier].invited;
    }
  }
  for (const SurveyResponse& answer : repos.surveys().ResponsesOfCampaign(c.id)) {
    if (!answer.nps) continue;
    r.nps.Add(*answer.nps);
    if (answer.invitation_id) tiers[tier_of_invitation[*answer.invitation_id]].nps.Add(*answer.nps);
  }
  if (r.sent > 0) {
    r.response_rate = std::round(1000.0 * r.by_status["answered"] / r.sent) / 1000;
  }
  for (const char* tier : kTiers) {
    auto it = tiers.find(tier);
    if (it == tiers.end()) continue;
    it->second.tier = tier;
    r.by_tier.push_back(it->second);
  }
  return r;
}

// The language a customer is written to in: that of their latest complaint, else Chinese.
std::string LanguageOfCustomer(Repositories& repos, Id customer_id) {
  for (const Complaint& c : repos.complaints().ListForCustomer(customer_id, 1)) {
    return LooksEnglish(c.title + " " + c.description) ? "en" : "zh-CN";
  }
  return "zh-CN";
}

}  // namespace

core::Result<CampaignResults> ManageCampaigns::Create(const Principal& who,
                                                      const CampaignInput& in) const {
  if (!ctx_.policy.Allows(who, Permission::kSurveyCampaign)) {
    return Status::Denied("your role may not run survey campaigns");
  }
  CampaignResults out;
  CL_RETURN_IF_ERROR(ctx_.store.Write([&](Repositories& repos) -> Status {
    CL_RETURN_IF_ERROR(CheckInput(repos, who, in));
    SurveyCampaign c;
    c.name = core::Trim(in.name);
    c.template_name = in.template_name;
    c.segment = in.segment;
    if (who.user_id > 0) c.created_by = who.user_id;
    c.created_at = ctx_.clock.Now();
    c.id = repos.surveys().InsertCampaign(c);
    out = ResultsOf(repos, c, c.created_at);
    return Status::Ok();
  }));
  return out;
}

core::Result<std::vector<CampaignResults>> ManageCampaigns::List(const Principal& who) const {
  if (!ctx_.policy.Allows(who, Permission::kSurveyCampaign)) {
    return Status::Denied("your role may not run survey campaigns");
  }
  std::vector<CampaignResults> out;
  const UnixMillis now = ctx_.clock.Now();
  CL_RETURN_IF_ERROR(ctx_.store.Read([&](Repositories& repos) {
    for (const SurveyCampaign& c : repos.surveys().Campaigns()) {
      if (CampaignVisible(who, c)) out.push_back(ResultsOf(repos, c, now));
    }
    return Status::Ok();
  }));
  return out;
}

core::Result<CampaignResults> ManageCampaigns::Get(const Principal& who, Id id) const {
  if (!ctx_.policy.Allows(who, Permission::kSurveyCampaign)) {
    return Status::Denied("your role may not run survey campaigns");
  }
  CampaignResults out;
  const UnixMillis now = ctx_.clock.Now();
  CL_RETURN_IF_ERROR(ctx_.store.Read([&](Repositories& repos) -> Status {
    auto c = repos.surveys().FindCampaign(id);
    if (!c || !CampaignVisible(who, *c)) return Status::NotFound(NotFound(id));
    out = ResultsOf(repos, *c, now);
    return Status::Ok();
  }));
  return out;
}

core::Result<CampaignResults> ManageCampaigns::Start(const Principal& who, Id id,
                                                     std::optional<UnixMillis> send_at) const {
  if (!ctx_.policy.Allows(who, Permission::kSurveyCampaign)) {
    return Status::Denied("your role may not run survey campaigns");
  }
  const UnixMillis now = ctx_.clock.Now();
  if (send_at && (*send_at < now - core::kMinute || *send_at > now + 365 * core::kDay)) {
    return Status::Invalid("send_at", "send_at must be from now to a year ahead");
  }
  CampaignResults out;
  CL_RETURN_IF_ERROR(ctx_.store.Write([&](Repositories& repos) -> Status {
    auto found = repos.surveys().FindCampaign(id);
    if (!found || !CampaignVisible(who, *found)) return Status::NotFound(NotFound(id));
    SurveyCampaign c = *found;
    if (c.status != "draft") {
      return Status::Conflict("survey campaign " + std::to_string(id) + " is " + c.status +
                              "; only a draft starts");
    }
    const std::vector<Id> audience = repos.surveys().CampaignAudience(c.segment, now);
    if (audience.size() > static_cast<size_t>(kMaxCampaignAudience)) {
      return Status::Invalid("segment", "the segment holds " + std::to_string(audience.size()) +
                                            " customers; a campaign asks at most " +
                                            std::to_string(kMaxCampaignAudience));
    }
    auto t = SurveyTemplateInForce(repos, c.template_name);
    if (!t) return Status::Invalid("template", "unknown survey template '" + c.template_name + "'");
    const UnixMillis when = send_at.value_or(now);
    for (Id customer_id : audience) {
      SurveyInvitation inv;
      inv.campaign_id = c.id;
      inv.customer_id = customer_id;
      inv.purpose = "relationship";
      inv.template_name = c.template_name;
      inv.template_version = t->version;
      inv.channel = "email";
      inv.language = LanguageOfCustomer(repos, customer_id);
      inv.send_at = when;
      inv.created_at = now;
      ScheduleDispatch(repos, repos.surveys().InsertInvitation(inv), when, now);
    }
    c.status = "running";
    c.started_at = now;
    repos.surveys().UpdateCampaign(c);
    out = ResultsOf(repos, c, now);
    return Status::Ok();
  }));
  return out;
}

core::Result<CampaignResults> ManageCampaigns::Close(const Principal& who, Id id) const {
  if (!ctx_.policy.Allows(who, Permission::kSurveyCampaign)) {
    return Status::Denied("your role may not run survey campaigns");
  }
  const UnixMillis now = ctx_.clock.Now();
  CampaignResults out;
  CL_RETURN_IF_ERROR(ctx_.store.Write([&](Repositories& repos) -> Status {
    auto found = repos.surveys().FindCampaign(id);
    if (!found || !CampaignVisible(who, *found)) return Status::NotFound(NotFound(id));
    SurveyCampaign c = *found;
    if (c.status != "running") {
      return Status::Conflict("survey campaign " + std::to_string(id) + " is " + c.status +
                              "; only a running campaign closes");
    }
    for (SurveyInvitation inv : repos.surveys().InvitationsOfCampaign(c.id)) {
      if (inv.status != "scheduled" && !inv.Waiting()) continue;
      inv.status = "cancelled";
      inv.reason = "campaign_closed";
      repos.surveys().UpdateInvitation(inv);
    }
    c.status = "closed";
    c.closed_at = now;
    repos.surveys().UpdateCampaign(c);
    out = ResultsOf(repos, c, now);
    return Status::Ok();
  }));
  return out;
}

core::Result<NpsChangeReport> CompareNps::Run(const Principal& who,
                                              const NpsChangeQuery& query) const {
  if (!ctx_.policy.Allows(who, Permission::kAnalyticsRead)) {
    return Status::Denied("your role may not read satisfaction figures");
  }
  if (query.to <= query.from) return Status::Invalid("to", "to must be after from");
  if (!query.tier.empty() && !ParseCustomerTier(query.tier)) {
    return Status::Invalid("tier", "tier must be vip, regular or new");
  }
  NpsChangeReport report;
  CL_RETURN_IF_ERROR(ctx_.store.Read([&](Repositories& repos) {
    std::map<std::string, NpsChangeSegment> tiers, regions;
    for (const NpsAroundComplaint& n : repos.surveys().NpsAroundComplaints(query.from, query.to)) {
      auto c = repos.complaints().FindById(n.complaint_id);
      if (!c || !ComplaintVisible(repos, ctx_, who, *c)) continue;
      if (query.region_id && c->region_id != query.region_id) continue;
      std::string tier = "new";
      if (auto t = repos.customers().TierOf(n.customer_id)) tier = ToString(*t);
      if (!query.tier.empty() && tier != query.tier) continue;
      report.before.Add(n.before);
      report.after.Add(n.after);
      (n.after > n.before    ? report.improved
       : n.after == n.before ? report.unchanged
                             : report.worse)++;
      for (auto [segments, key] : {std::pair{&tiers, tier},
                                   std::pair{&regions, c->region_id ? std::to_string(*c->region_id)
                                                                    : std::string("none")}}) {
        NpsChangeSegment& s = (*segments)[key];
        s.key = key;
        s.before.Add(n.before);
        s.after.Add(n.after);
      }
      report.items.push_back({n, c->reference, tier, c->region_id});
    }
    for (auto& [key, s] : tiers) report.by_tier.push_back(s);
    for (auto& [key, s] : regions) report.by_region.push_back(s);
    return Status::Ok();
  }));
  if (auto before = report.before.Score()) {
    report.change = std::round((*report.after.Score() - *before) * 10) / 10;
  }
  std::reverse(report.items.begin(), report.items.end());  // newest complaints first
  if (report.items.size() > 200) report.items.resize(200);
  return report;
}

}  // namespace closeloop::domain
