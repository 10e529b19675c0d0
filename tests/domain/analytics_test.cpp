// The pure parts of analytics: how a complaint becomes its fact row (DeriveFact) and how sums
// become KPIs (ComputeKpis), on hand-made inputs, so that a wrong formula fails here first.
#include <gtest/gtest.h>

#include "core/time_format.h"
#include "domain/analytics/facts.h"
#include "domain/analytics/kpis.h"

namespace closeloop::domain {
namespace {

std::optional<double> Kpi(const FactSums& sums, const std::string& name, UnixMillis now = 0) {
  for (const auto& [n, v] : ComputeKpis(sums, now)) {
    if (n == name) return v;
  }
  ADD_FAILURE() << "no KPI " << name;
  return std::nullopt;
}

struct Made {
  Complaint complaint;
  std::vector<ComplaintEvent> history;
  FactInputs in;
  Made() {
    complaint.id = 1;
    complaint.received_at = *core::ParseIso8601("2026-12-31T17:30:00Z");  // 01:30 on 1 January
    complaint.channel = Channel::kEcommerce;
    in.complaint = &complaint;
    in.history = &history;
  }
};

TEST(AnalyticsFacts, DayWeekAndMonthAreTheOrganisationsCalendar) {
  Made m;
  const ComplaintFact f = DeriveFact(m.in);
  EXPECT_EQ(f.day, "2027-01-01");  // UTC+8
  EXPECT_EQ(f.month, "2027-01");
  EXPECT_EQ(f.week, "2026-W53");  // 1 January 2027 is a Friday of ISO week 53 of 2026
  EXPECT_EQ(IsoWeekOf("2026-12-28"), "2026-W53");
  EXPECT_EQ(IsoWeekOf("2027-01-04"), "2027-W01");
  EXPECT_EQ(IsoWeekOf("2024-12-30"), "2025-W01");
  EXPECT_EQ(f.channel_group, "online_platform");
}

TEST(AnalyticsFacts, RepeatFlagsSurveysAndTouchpoints) {
  Made m;
  m.in.analysis_flags = {"repeat_7d"};
  m.complaint.category = "logistics";
  SurveyInvitation sent;
  sent.sent_at = 5;
  sent.status = "answered";
  SurveyInvitation skipped;
  skipped.status = "skipped";
  m.in.invitations = {skipped, sent};
  SurveyResponse first, later;
  first.csat = 2;
  first.nps = 4;
  first.answered_at = 10;
  later.csat = 5;  // a recovery survey: its answer to csat counts, the first one's nps stays
  later.answered_at = 20;
  m.in.responses = {later, first};
  ComplaintFact f = DeriveFact(m.in);
  EXPECT_TRUE(f.repeat_7d);
  EXPECT_TRUE(f.repeat_30d);  // a 7-day repeat is a 30-day one
  EXPECT_TRUE(f.surveyed);
  EXPECT_TRUE(f.answered);
  EXPECT_EQ(f.csat, 5);
  EXPECT_EQ(f.nps, 4);
  EXPECT_EQ(f.touchpoint, "in_sale");
  m.complaint.category = "";
  m.complaint.type = ComplaintType::kInquiry;
  EXPECT_EQ(DeriveFact(m.in).touchpoint, "pre_sale");
  m.complaint.order_ref = "JD-1";
  EXPECT_EQ(DeriveFact(m.in).touchpoint, "after_sale");
  // An invitation that never reached the customer is not in the response rate.
  m.in.invitations = {skipped};
  f = DeriveFact(m.in);
  EXPECT_FALSE(f.surveyed);
  EXPECT_FALSE(f.answered);
}

TEST(AnalyticsFacts, ResolutionReopenAndFcr) {
  Made m;
  m.complaint.status = ComplaintStatus::kClosed;
  m.complaint.resolved_at = m.complaint.received_at + 25 * core::kHour;
  m.complaint.closed_at = m.complaint.received_at + 26 * core::kHour;
  ComplaintFact f = DeriveFact(m.in);
  EXPECT_TRUE(f.resolved);
  EXPECT_DOUBLE_EQ(*f.resolution_minutes, 25 * 60.0);
  EXPECT_FALSE(f.resolved_within_24h);
  EXPECT_TRUE(f.fcr);
  m.in.contacted_again = true;
  EXPECT_FALSE(DeriveFact(m.in).fcr);
  m.in.contacted_again = false;
  m.complaint.reopen_count = 1;
  f = DeriveFact(m.in);
  EXPECT_TRUE(f.reopened);
  EXPECT_TRUE(f.ever_resolved);
  EXPECT_FALSE(f.fcr);
}

TEST(AnalyticsKpis, FormulasOverSums) {
  FactSums s;
  s[Sum::kComplaints] = 10;
  s[Sum::kValid] = 8;
  s[Sum::kRepeat7d] = 2;
  s[Sum::kRepeat30d] = 4;
  s[Sum::kSurveyed] = 5;
  s[Sum::kAnswered] = 2;
  s[Sum::kNpsN] = 4;
  s[Sum::kNpsPromoters] = 3;
  s[Sum::kNpsDetractors] = 0;
  s[Sum::kCsatN] = 4;
  s[Sum::kCsatTop2] = 3;
  s[Sum::kCsatSum] = 17;
  s[Sum::kOpen] = 2;
  s[Sum::kOpenReceivedSum] = 2 * 1000.0 + 1 * 3.6e6;  // received at 1000 ms and 3,601,000 ms
  s[Sum::kOpenOldest] = 1000;
  s[Sum::kSlaAnalyseMet] = 3;
  s[Sum::kSlaAnalyseBreached] = 1;
  const UnixMillis now = 1000 + 10 * 3600 * 1000;  // ten hours after the first
  EXPECT_DOUBLE_EQ(*Kpi(s, "repeat_rate_7d"), 0.25);
  EXPECT_DOUBLE_EQ(*Kpi(s, "repeat_rate_30d"), 0.5);
  EXPECT_DOUBLE_EQ(*Kpi(s, "survey_response_rate"), 0.4);
  EXPECT_DOUBLE_EQ(*Kpi(s, "nps"), 75.0);
  EXPECT_DOUBLE_EQ(*Kpi(s, "csat_top2_rate"), 0.75);
  EXPECT_DOUBLE_EQ(*Kpi(s, "csat_mean"), 4.25);
  EXPECT_DOUBLE_EQ(*Kpi(s, "sla_analyse_attainment"), 0.75);
  EXPECT_NEAR(*Kpi(s, "backlog_age_hours_avg", now), 9.5, 1e-9);
  EXPECT_NEAR(*Kpi(s, "backlog_age_hours_max", now), 10.0, 1e-9);
  // No denominator, no number.
  EXPECT_FALSE(Kpi(FactSums{}, "resolution_rate").has_value());
  EXPECT_FALSE(Kpi(FactSums{}, "ces_mean").has_value());
  EXPECT_EQ(*Kpi(FactSums{}, "complaints"), 0);
  // Every KPI has a definition, and the definitions are the computed ones, in order.
  const auto computed = ComputeKpis(s, now);
  ASSERT_EQ(computed.size(), KpiDefinitions().size());
  for (size_t i = 0; i < computed.size(); ++i) {
    EXPECT_EQ(computed[i].first, KpiDefinitions()[i].name);
  }
}

}  // namespace
}  // namespace closeloop::domain
