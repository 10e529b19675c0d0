#include "domain/analytics/kpis.h"

#include <algorithm>
#include <cmath>

namespace closeloop::domain {

namespace {

std::optional<double> Ratio(double numerator, double denominator, double scale = 1.0) {
  if (denominator <= 0) return std::nullopt;
  return numerator / denominator * scale;
}

}  // namespace

const std::vector<KpiDefinition>& KpiDefinitions() {
  static const std::vector<KpiDefinition> kAll = {
      {"complaints", "count", "投诉量", "Complaints", "", false},
      {"first_response_minutes_avg", "minutes", "平均首次响应时长", "First response (avg)", "",
       false},
      {"first_response_business_minutes_avg", "minutes", "平均首次响应时长（工作时间）",
       "First response, business time (avg)", "", false},
      {"resolution_hours_avg", "hours", "平均处理时长 ART", "Average resolution time (ART)", "",
       false},
      {"resolution_business_hours_avg", "hours", "平均处理时长（工作时间）",
       "Average resolution time, business time", "", false},
      {"handled_24h_rate", "rate", "24小时处理率", "Handled within 24 h", "resolved_within_24h",
       true},
      {"resolution_rate", "rate", "投诉解决率", "Resolution rate", "resolved", true},
      {"fcr_rate", "rate", "首次解决率 FCR", "First contact resolution (FCR)", "fcr", true},
      {"escalation_rate", "rate", "投诉升级率", "Escalation rate", "escalated", false},
      {"repeat_rate_7d", "rate", "重复投诉率（7天）", "Repeat complaints (7 days)", "repeat_7d",
       false},
      {"repeat_rate_30d", "rate", "重复投诉率（30天）", "Repeat complaints (30 days)", "repeat_30d",
       false},
      {"overdue_rate", "rate", "超时率", "Overdue rate", "overdue", false},
      {"reopen_rate", "rate", "重开率", "Reopen rate", "reopened", false},
      {"sla_first_response_attainment", "rate", "首次响应时效达成率",
       "SLA attainment: first response", "", true},
      {"sla_identify_attainment", "rate", "识别时效达成率", "SLA attainment: identify", "", true},
      {"sla_analyse_attainment", "rate", "分析时效达成率", "SLA attainment: analyse", "", true},
      {"sla_resolve_attainment", "rate", "解决时效达成率", "SLA attainment: resolve", "", true},
      {"csat_top2_rate", "rate", "满意度 CSAT（4-5分占比）", "CSAT (top-2-box)", "", true},
      {"csat_mean", "score", "满意度均分 CSAT", "CSAT (mean, 1-5)", "", true},
      {"nps", "points", "净推荐值 NPS", "Net Promoter Score", "", true},
      {"spm_mean", "score", "解决方案匹配度 SPM", "Solution match (SPM, 1-5)", "", true},
      {"ces_mean", "score", "客户费力度 CES", "Customer effort (CES, 1-5)", "", true},
      {"tpi_mean", "score", "处理时效指数 TPI", "Timeliness index (TPI)", "", true},
      {"survey_response_rate", "rate", "回访应答率", "Survey response rate", "answered", true},
      {"compensation_paid", "yuan", "赔付金额", "Compensation paid", "", false},
      {"backlog_open", "count", "未结投诉", "Backlog (open now)", "open", false},
      {"backlog_age_hours_avg", "hours", "未结平均时长", "Backlog age (avg)", "open", false},
      {"backlog_age_hours_max", "hours", "未结最长时长", "Backlog age (oldest)", "open", false},
  };
  return kAll;
}

const KpiDefinition* FindKpi(const std::string& name) {
  for (const KpiDefinition& k : KpiDefinitions()) {
    if (name == k.name) return &k;
  }
  return nullptr;
}

std::vector<std::pair<std::string, std::optional<double>>> ComputeKpis(const FactSums& s,
                                                                       UnixMillis now) {
  const double valid = s[Sum::kValid];
  const double open = s[Sum::kOpen];
  auto attainment = [&](Sum met, Sum breached) { return Ratio(s[met], s[met] + s[breached]); };
  std::optional<double> age_avg, age_max;
  if (open > 0) {
    age_avg = (static_cast<double>(now) * open - s[Sum::kOpenReceivedSum]) / open / 3.6e6;
    age_max = (static_cast<double>(now) - s[Sum::kOpenOldest]) / 3.6e6;
  }
  std::optional<double> nps;
  if (s[Sum::kNpsN] > 0) {
    nps = (s[Sum::kNpsPromoters] - s[Sum::kNpsDetractors]) / s[Sum::kNpsN] * 100.0;
  }
  const std::vector<std::optional<double>> values = {
      s[Sum::kComplaints],
      Ratio(s[Sum::kFirstResponseMinutes], s[Sum::kFirstResponseN]),
      Ratio(s[Sum::kFirstResponseBusinessMinutes], s[Sum::kFirstResponseBusinessN]),
      Ratio(s[Sum::kResolutionMinutes], s[Sum::kResolved], 1.0 / 60),
      Ratio(s[Sum::kResolutionBusinessMinutes], s[Sum::kResolutionBusinessN], 1.0 / 60),
      Ratio(s[Sum::kResolvedWithin24h], valid),
      Ratio(s[Sum::kResolved], valid),
      Ratio(s[Sum::kFcr], s[Sum::kResolved]),
      Ratio(s[Sum::kEscalated], valid),
      Ratio(s[Sum::kRepeat7d], valid),
      Ratio(s[Sum::kRepeat30d], valid),
      Ratio(s[Sum::kOverdue], valid),
      Ratio(s[Sum::kReopened], s[Sum::kEverResolved]),
      attainment(Sum::kSlaFirstResponseMet, Sum::kSlaFirstResponseBreached),
      attainment(Sum::kSlaIdentifyMet, Sum::kSlaIdentifyBreached),
      attainment(Sum::kSlaAnalyseMet, Sum::kSlaAnalyseBreached),
      attainment(Sum::kSlaResolveMet, Sum::kSlaResolveBreached),
      Ratio(s[Sum::kCsatTop2], s[Sum::kCsatN]),
      Ratio(s[Sum::kCsatSum], s[Sum::kCsatN]),
      nps,
      Ratio(s[Sum::kSpmSum], s[Sum::kSpmN]),
      Ratio(s[Sum::kCesSum], s[Sum::kCesN]),
      Ratio(s[Sum::kTpiSum], s[Sum::kTpiN]),
      Ratio(s[Sum::kAnswered], s[Sum::kSurveyed]),
      s[Sum::kCompensationCents] / 100.0,
      open,
      age_avg,
      age_max,
  };
  std::vector<std::pair<std::string, std::optional<double>>> out;
  const auto& defs = KpiDefinitions();
  for (size_t i = 0; i < defs.size(); ++i) out.emplace_back(defs[i].name, values.at(i));
  return out;
}

std::vector<KpiTarget> DefaultKpiTargets() {
  return {
      {"resolution_hours_avg", 24, 0.10},  // ART ≤ 24 h (seed 000 6.1)
      {"resolution_rate", 0.95, 0.15},     // ≥ 95 %
      {"fcr_rate", 0.80, 0.15},            // ≥ 80 %
      {"escalation_rate", 0.05, 0.10},     // ≤ 5 %
      {"overdue_rate", 0.03, 0.10},        // < 3 % (seed 002)
      {"repeat_rate_30d", 0.12, 0.10},     // 12 % good vs 23 % industry (seed 000 2.3)
      {"csat_mean", 4.2, 0.15},            // 4.2 → 4.7 (seed 002)
      {"spm_mean", 4.2, 0.05},             // ≥ 4.2 (seed 000 2.3)
      {"tpi_mean", 0.75, 0.10},            // benchmark 0.75 (seed 000 2.3)
  };
}

core::Status ValidateTargets(const std::vector<KpiTarget>& targets) {
  double weights = 0;
  for (size_t i = 0; i < targets.size(); ++i) {
    const std::string at = "targets[" + std::to_string(i) + "].";
    const KpiTarget& t = targets[i];
    const KpiDefinition* def = FindKpi(t.kpi);
    if (!def) return core::Status::Invalid(at + "kpi", "unknown KPI " + t.kpi);
    if (std::string(def->unit) == "count") {
      return core::Status::Invalid(at + "kpi", t.kpi + " is a count, not a KPI with a target");
    }
    for (size_t j = 0; j < i; ++j) {
      if (targets[j].kpi == t.kpi) return core::Status::Invalid(at + "kpi", t.kpi + " twice");
    }
    if (!std::isfinite(t.target)) return core::Status::Invalid(at + "target", "not a number");
    if (!(t.weight >= 0 && t.weight <= 100)) {
      return core::Status::Invalid(at + "weight", "a weight is 0-100");
    }
    weights += t.weight;
  }
  if (weights <= 0) {
    return core::Status::Invalid("targets", "at least one target needs a weight above 0");
  }
  return core::Status::Ok();
}

std::optional<double> CompositeScore(
    const std::vector<std::pair<std::string, std::optional<double>>>& values,
    const std::vector<KpiTarget>& targets, std::vector<KpiAttainment>* attainments) {
  double weighted = 0, weights = 0;
  for (const KpiTarget& t : targets) {
    KpiAttainment a{t.kpi, std::nullopt, t.target, t.weight, std::nullopt, false};
    for (const auto& [name, value] : values) {
      if (name == t.kpi) a.value = value;
    }
    const KpiDefinition* def = FindKpi(t.kpi);
    if (a.value && def) {
      const double v = *a.value;
      double score = 0;
      if (def->higher_is_better) {
        a.met = v >= t.target;
        score = t.target <= 0 ? 1.0 : v / t.target;
      } else {
        a.met = v <= t.target;
        score = v <= 0 ? 1.0 : t.target / v;
      }
      a.attainment = std::clamp(score, 0.0, 1.0);
      weighted += t.weight * *a.attainment;
      weights += t.weight;
    }
    if (attainments) attainments->push_back(a);
  }
  if (weights <= 0) return std::nullopt;
  return weighted / weights * 100.0;
}

const std::vector<DimensionDefinition>& Dimensions() {
  // Breaking down by agent shows one person's performance: managers and admins only.
  static const std::vector<DimensionDefinition> kAll = {
      {"day", "", false, {}},
      {"week", "", false, {}},
      {"month", "", false, {}},
      {"region", "region_id", true, {}},
      {"province", "province", false, {}},
      {"city", "city_id", true, {}},
      {"store", "store_id", true, {}},
      {"category", "category", false, {}},
      {"type", "type", false, {}},
      {"product", "product_id", true, {}},
      {"product_line", "product_line", false, {}},
      {"lifecycle_stage", "lifecycle_stage", false, {}},
      {"batch", "batch_id", true, {}},
      {"channel", "channel", false, {}},
      {"channel_group", "channel_group", false, {}},
      {"team", "team_id", true, {}},
      {"agent", "assignee_id", true, {Role::kAdmin, Role::kManager}},
      {"tier", "tier", false, {}},
      {"touchpoint", "touchpoint", false, {}},
      {"status", "status", false, {}},
  };
  return kAll;
}

const DimensionDefinition* FindDimension(const std::string& name) {
  for (const DimensionDefinition& d : Dimensions()) {
    if (name == d.name) return &d;
  }
  return nullptr;
}

const DimensionDefinition* FindDimensionByFilter(const std::string& parameter) {
  for (const DimensionDefinition& d : Dimensions()) {
    if (*d.filter && parameter == d.filter) return &d;
  }
  return nullptr;
}

const std::vector<std::string>& FactFlags() {
  static const std::vector<std::string> kAll = {"resolved",  "resolved_within_24h",
                                                "fcr",       "escalated",
                                                "repeat_7d", "repeat_30d",
                                                "overdue",   "reopened",
                                                "answered",  "open",
                                                "rejected"};
  return kAll;
}

}  // namespace closeloop::domain
