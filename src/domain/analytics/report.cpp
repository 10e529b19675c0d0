#include "domain/analytics/report.h"

#include <algorithm>
#include <cstdio>

#include "core/time_format.h"
#include "domain/analytics/facts.h"
#include "domain/analytics/promotions.h"
#include "domain/improvement/improvements.h"

namespace closeloop::domain {

using core::Status;

namespace {

std::string DayOf(long long days) {
  int y = 0;
  unsigned m = 0, d = 0;
  core::CivilFromDays(days, y, m, d);
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", y, m, d);
  return out;
}

bool Digits(const std::string& s, size_t from, size_t n) {
  if (s.size() < from + n) return false;
  for (size_t i = from; i < from + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

}  // namespace

core::Result<ReportPeriod> ParseReportPeriod(const std::string& text) {
  ReportPeriod p;
  p.name = text;
  const auto bad = [] {
    return Status::Invalid("period", "a period is YYYY-MM-DD, YYYY-Www, YYYY-MM or YYYY");
  };
  if (text.size() == 4 && Digits(text, 0, 4)) {
    const int y = std::stoi(text);
    p.kind = "year";
    p.from = text + "-01-01";
    p.to = text + "-12-31";
    p.previous_from = std::to_string(y - 1) + "-01-01";
    p.previous_to = std::to_string(y - 1) + "-12-31";
  } else if (text.size() == 7 && Digits(text, 0, 4) && text[4] == '-' && Digits(text, 5, 2)) {
    const int y = std::stoi(text.substr(0, 4));
    const int m = std::stoi(text.substr(5, 2));
    if (m < 1 || m > 12) return bad();
    p.kind = "month";
    p.from = text + "-01";
    const long long first = DaysSinceEpoch(p.from);
    const long long next = m == 12 ? core::DaysFromCivil(y + 1, 1, 1)
                                   : core::DaysFromCivil(y, static_cast<unsigned>(m + 1), 1);
    p.to = DayOf(next - 1);
    p.previous_to = DayOf(first - 1);
    p.previous_from = p.previous_to.substr(0, 8) + "01";
  } else if (text.size() == 8 && Digits(text, 0, 4) && text.substr(4, 2) == "-W" &&
             Digits(text, 6, 2)) {
    const int y = std::stoi(text.substr(0, 4));
    const int w = std::stoi(text.substr(6, 2));
    // Week 1 holds 4 January; weeks start on Monday.
    const long long jan4 = core::DaysFromCivil(y, 1, 4);
    const long long monday1 = jan4 - ((jan4 + 3) % 7 + 7) % 7;
    const long long monday = monday1 + 7LL * (w - 1);
    if (w < 1 || w > 53 || IsoWeekOf(DayOf(monday)) != text) return bad();
    p.kind = "week";
    p.from = DayOf(monday);
    p.to = DayOf(monday + 6);
    p.previous_from = DayOf(monday - 7);
    p.previous_to = DayOf(monday - 1);
  } else if (text.size() == 10 && core::ParseIso8601(text)) {
    p.kind = "day";
    p.from = p.to = text;
    p.previous_from = p.previous_to = DayOf(DaysSinceEpoch(text) - 1);
  } else {
    return bad();
  }
  return p;
}

core::Result<ReportData> BuildReport::Execute(const Principal& who,
                                              const std::string& period) const {
  auto parsed = ParseReportPeriod(period);
  if (!parsed.ok()) return parsed.status();
  ReportData r;
  r.period = *parsed;
  r.generated_at = ctx_.clock.Now();
  const QueryAnalytics q(ctx_);
  AnalyticsRequest req;
  req.from = r.period.from;
  // A period still running is reported up to today.
  const std::string today = LocalDay(ctx_.clock.Now(), ctx_.config.org_utc_offset_minutes);
  req.to = std::min(r.period.to, today);
  auto kpis = q.Kpis(who, req);
  if (!kpis.ok()) return kpis.status();
  r.kpis = *kpis;
  AnalyticsRequest prev = req;
  prev.from = r.period.previous_from;
  prev.to = r.period.previous_to;
  auto previous = q.Kpis(who, prev);
  if (!previous.ok()) return previous.status();
  r.previous_kpis = *previous;
  auto overall = q.Scorecard(who, req);
  if (!overall.ok()) return overall.status();
  r.overall = *overall;
  AnalyticsRequest by = req;
  by.by = {"region"};
  auto regions = q.Scorecard(who, by);
  if (!regions.ok()) return regions.status();
  r.by_region = *regions;
  auto breakdown = [&](const std::string& dimension, std::vector<std::string> kpis_wanted,
                       Breakdown& out) -> Status {
    AnalyticsRequest b = req;
    b.by = {dimension};
    b.kpis = std::move(kpis_wanted);
    auto got = q.BreakDown(who, b);
    if (!got.ok()) return got.status();
    out = std::move(*got);
    return Status::Ok();
  };
  r.trend_by = r.period.kind == "year" ? "month" : "day";
  CL_RETURN_IF_ERROR(breakdown(r.trend_by, {"complaints", "csat_mean"}, r.trend));
  std::sort(r.trend.rows.begin(), r.trend.rows.end(),
            [](const BreakdownRow& a, const BreakdownRow& b) {
              return a.keys.front().second < b.keys.front().second;
            });
  CL_RETURN_IF_ERROR(
      breakdown("category", {"complaints", "resolution_rate", "csat_mean"}, r.categories));
  CL_RETURN_IF_ERROR(
      breakdown("product", {"complaints", "repeat_rate_7d", "repeat_rate_30d"}, r.products));
  if (r.products.rows.size() > 10) r.products.rows.resize(10);
  CL_RETURN_IF_ERROR(
      breakdown("region", {"complaints", "repeat_rate_7d", "repeat_rate_30d"}, r.regions));
  CL_RETURN_IF_ERROR(
      breakdown("touchpoint", {"complaints", "repeat_rate_7d", "repeat_rate_30d"}, r.touchpoints));
  CL_RETURN_IF_ERROR(breakdown("channel_group", {"complaints", "csat_mean"}, r.channels));
  // Volume during each promotion of the period against the days outside them.
  r.days = static_cast<int>(DaysSinceEpoch(req.to) - DaysSinceEpoch(req.from) + 1);
  std::vector<Promotion> calendar;
  CL_RETURN_IF_ERROR(ctx_.store.Read([&](Repositories& repos) {
    calendar = PromotionsInForce(repos, ctx_);
    return Status::Ok();
  }));
  for (const Promotion& p : calendar) {
    const std::string from = std::max(p.starts_on, req.from);
    const std::string to = std::min(p.ends_on, req.to);
    if (from > to) continue;
    AnalyticsRequest during = req;
    during.from = from;
    during.to = to;
    during.kpis = {"complaints"};
    auto n = q.Kpis(who, during);
    if (!n.ok()) return n.status();
    PromotionVolume v;
    v.promotion = p;
    v.days = static_cast<int>(DaysSinceEpoch(to) - DaysSinceEpoch(from) + 1);
    v.complaints = static_cast<int>(n->front().second.value_or(0));
    r.promotions.push_back(std::move(v));
  }
  // Improvement actions the reader may see: open during the period, or closed within it.
  if (ctx_.policy.Allows(who, Permission::kImprovementRead)) {
    auto actions = ManageImprovements(ctx_).List(who, std::nullopt, "");
    if (!actions.ok()) return actions.status();
    const auto start = core::ParseIso8601(r.period.from);
    const auto end = core::ParseIso8601(r.period.to);
    const UnixMillis offset = ctx_.config.org_utc_offset_minutes * core::kMinute;
    for (const ImprovementAction& a : *actions) {
      const UnixMillis from = *start - offset;
      const UnixMillis to = *end - offset + core::kDay;
      const bool started = a.created_at < to;
      const bool still_open = !a.closed_at || *a.closed_at >= from;
      if (started && still_open) r.improvements.push_back(a);
    }
  }
  return r;
}

}  // namespace closeloop::domain
