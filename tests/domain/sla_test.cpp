// Business calendars and SLA clocks: pure computations over instants, tested with fixed times.
#include "domain/sla/sla.h"

#include <gtest/gtest.h>

#include <random>

#include "core/time_format.h"
#include "domain/complaint/entities.h"

namespace closeloop::domain {
namespace {

using core::kHour;
using core::kMinute;

// A local (UTC+8) time as a UTC instant.
UnixMillis Local(const std::string& iso_local) { return *core::ParseIso8601(iso_local + "+08:00"); }

std::string LocalText(UnixMillis t) { return core::FormatLocal(t, 480); }

TEST(BusinessCalendar, OfficeHoursSkipNightsLunchWeekendsHolidaysAndCountMakeupDays) {
  const BusinessCalendar office = ChinaOfficeCalendar();
  ASSERT_TRUE(office.Validate().ok()) << office.Validate().ToString();
  // Friday 17:00 + 2 h: one hour on Friday, one on Monday morning.
  EXPECT_EQ(LocalText(office.AddWorkingTime(Local("2026-11-20T17:00"), 2 * kHour)),
            "2026-11-23 10:00");
  // Across the lunch break.
  EXPECT_EQ(LocalText(office.AddWorkingTime(Local("2026-11-23T11:00"), 2 * kHour)),
            "2026-11-23 14:30");
  // Before opening time the clock starts at 09:00.
  EXPECT_EQ(LocalText(office.AddWorkingTime(Local("2026-11-23T06:00"), 30 * kMinute)),
            "2026-11-23 09:30");
  // National Day: 1-7 October off, so 30 September 17:00 + 2 h ends on 8 October.
  EXPECT_EQ(LocalText(office.AddWorkingTime(Local("2026-09-30T17:00"), 2 * kHour)),
            "2026-10-08 10:00");
  // 调休: Saturday 10 October is a working day.
  EXPECT_EQ(LocalText(office.AddWorkingTime(Local("2026-10-09T17:00"), 2 * kHour)),
            "2026-10-10 10:00");
  // A whole ordinary week holds 5 × 7.5 h.
  EXPECT_EQ(office.WorkingTimeBetween(Local("2026-11-23T00:00"), Local("2026-11-30T00:00")),
            5 * (7 * kHour + 30 * kMinute));
  EXPECT_EQ(office.WorkingTimeBetween(Local("2026-11-23T10:00"), Local("2026-11-23T09:00")), 0);
  const BusinessCalendar always = AlwaysOpenCalendar();
  EXPECT_EQ(always.AddWorkingTime(Local("2026-02-17T03:00"), 5 * kHour), Local("2026-02-17T08:00"));
}

TEST(BusinessCalendar, AddingAndMeasuringAgree) {
  std::mt19937 rng(3);
  for (const BusinessCalendar& cal :
       {ChinaOfficeCalendar(), ChinaServiceDeskCalendar(), AlwaysOpenCalendar()}) {
    for (int i = 0; i < 300; ++i) {
      const UnixMillis from =
          Local("2026-01-01T00:00") + (rng() % (360LL * 24)) * kHour + (rng() % 60) * kMinute;
      const UnixMillis working = (rng() % (60 * 40)) * kMinute;
      const UnixMillis until = cal.AddWorkingTime(from, working);
      EXPECT_EQ(cal.WorkingTimeBetween(from, until), working) << cal.code << " " << from;
      EXPECT_GE(until, from);
    }
  }
}

TEST(BusinessCalendar, InvalidCalendarsNameTheField) {
  BusinessCalendar c = ChinaOfficeCalendar();
  c.week[1].push_back({11 * 60, 14 * 60});
  EXPECT_EQ(c.Validate().field(), "week[1]");
  c = ChinaOfficeCalendar();
  c.week[2] = {{18 * 60, 9 * 60}};
  EXPECT_EQ(c.Validate().field(), "week[2][0]");
  c = ChinaOfficeCalendar();
  c.holidays.insert("2026-02-30");
  EXPECT_EQ(c.Validate().field(), "holidays");
  c = ChinaOfficeCalendar();
  c.makeup_workdays.insert("2026-10-01");
  EXPECT_EQ(c.Validate().field(), "makeup_workdays");
  c = ChinaOfficeCalendar();
  for (auto& day : c.week) day.clear();
  EXPECT_EQ(c.Validate().field(), "week");
  c = ChinaOfficeCalendar();
  c.utc_offset_minutes = 20 * 60;
  EXPECT_EQ(c.Validate().field(), "utc_offset_minutes");
}

ComplaintEvent Move(ComplaintStatus to, UnixMillis at) {
  ComplaintEvent e;
  e.kind = EventKind::kTransitioned;
  e.to_status = to;
  e.at = at;
  return e;
}

const PhaseClock& Phase(const SlaView& v, const std::string& name) {
  for (const auto& p : v.phases) {
    if (p.phase == name) return p;
  }
  throw std::runtime_error("no phase " + name);
}

TEST(SlaClocks, PhasesAreMetOrBreachedAgainstCumulativeTargets) {
  const SlaPolicy regular = DefaultSlaPolicies().back();
  const BusinessCalendar always = AlwaysOpenCalendar();
  Complaint c;
  c.received_at = Local("2026-11-23T10:00");
  c.status = ComplaintStatus::kResolved;
  c.first_response_at = c.received_at + 90 * kMinute;
  const std::vector<ComplaintEvent> history = {
      Move(ComplaintStatus::kClassified, c.received_at + kHour),
      Move(ComplaintStatus::kAssigned, c.received_at + 2 * kHour),
      Move(ComplaintStatus::kInProgress, c.received_at + 9 * kHour),
      Move(ComplaintStatus::kResolved, c.received_at + 20 * kHour)};
  const SlaView v = ComputeSla(c, history, regular, always, c.received_at + 30 * kHour);
  EXPECT_EQ(v.policy, "regular");
  EXPECT_EQ(Phase(v, "first_response").state, PhaseState::kMet);
  EXPECT_EQ(Phase(v, "identify").state, PhaseState::kMet);
  EXPECT_EQ(Phase(v, "identify").warn_at, c.received_at + 90 * kMinute);  // 75 % of 2 h
  EXPECT_EQ(Phase(v, "analyse").state, PhaseState::kBreached);            // 9 h > 2 h + 6 h
  EXPECT_EQ(Phase(v, "analyse").due_at, c.received_at + 8 * kHour);
  EXPECT_EQ(Phase(v, "resolve").state, PhaseState::kMet);
  EXPECT_EQ(Phase(v, "resolve").due_at, c.received_at + 24 * kHour);
  EXPECT_EQ(Phase(v, "resolve").working_elapsed, 20 * kHour);
  EXPECT_EQ(Phase(v, "resolve").percent, 83);
}

TEST(SlaClocks, WaitingOnTheCustomerPausesAndResumingMovesTheDeadline) {
  const SlaPolicy regular = DefaultSlaPolicies().back();
  const BusinessCalendar always = AlwaysOpenCalendar();
  Complaint c;
  c.received_at = Local("2026-11-23T10:00");
  c.status = ComplaintStatus::kWaitingOnCustomer;
  std::vector<ComplaintEvent> history = {
      Move(ComplaintStatus::kClassified, c.received_at + kHour),
      Move(ComplaintStatus::kInProgress, c.received_at + 2 * kHour),
      Move(ComplaintStatus::kWaitingOnCustomer, c.received_at + 3 * kHour)};
  SlaView waiting = ComputeSla(c, history, regular, always, c.received_at + 40 * kHour);
  EXPECT_TRUE(waiting.paused);
  EXPECT_EQ(Phase(waiting, "resolve").state, PhaseState::kPaused) << "not breached while waiting";
  EXPECT_FALSE(Phase(waiting, "resolve").due_at.has_value());
  EXPECT_EQ(Phase(waiting, "resolve").working_elapsed, 3 * kHour);
  EXPECT_EQ(waiting.paused_working, 37 * kHour);

  c.status = ComplaintStatus::kInProgress;
  history.push_back(Move(ComplaintStatus::kInProgress, c.received_at + 13 * kHour));
  SlaView resumed = ComputeSla(c, history, regular, always, c.received_at + 30 * kHour);
  EXPECT_FALSE(resumed.paused);
  EXPECT_EQ(resumed.paused_working, 10 * kHour);
  EXPECT_EQ(Phase(resumed, "resolve").due_at, c.received_at + 34 * kHour);  // 24 h + 10 h paused
  EXPECT_EQ(Phase(resumed, "resolve").state, PhaseState::kRunning);
  EXPECT_EQ(Phase(resumed, "resolve").calendar_elapsed, 30 * kHour);
  EXPECT_EQ(Phase(resumed, "resolve").working_elapsed, 20 * kHour);
  SlaView late = ComputeSla(c, history, regular, always, c.received_at + 35 * kHour);
  EXPECT_EQ(Phase(late, "resolve").state, PhaseState::kBreached);
}

TEST(SlaClocks, OfficeCalendarCountsWorkingTimeAndReopeningRestartsResolve) {
  SlaPolicy p = DefaultSlaPolicies().back();
  p.calendar = "cn-office";
  const BusinessCalendar office = ChinaOfficeCalendar();
  Complaint c;
  c.received_at = Local("2026-11-20T17:00");  // Friday
  c.status = ComplaintStatus::kReopened;
  const std::vector<ComplaintEvent> history = {
      Move(ComplaintStatus::kClassified, Local("2026-11-23T09:30")),
      Move(ComplaintStatus::kInProgress, Local("2026-11-23T10:00")),
      Move(ComplaintStatus::kResolved, Local("2026-11-23T11:00")),
      Move(ComplaintStatus::kReopened, Local("2026-11-24T09:00"))};
  const SlaView v = ComputeSla(c, history, p, office, Local("2026-11-24T10:00"));
  // Friday 17:00-18:00 and Monday 09:00-09:30: 1.5 h of working time to classify.
  EXPECT_EQ(Phase(v, "identify").working_elapsed, 90 * kMinute);
  EXPECT_EQ(Phase(v, "identify").state, PhaseState::kMet);
  EXPECT_EQ(Phase(v, "identify").calendar_elapsed, 64 * kHour + 30 * kMinute);
  EXPECT_FALSE(Phase(v, "resolve").done_at.has_value()) << "reopened: resolving again";
  EXPECT_EQ(Phase(v, "resolve").state, PhaseState::kRunning);
  // 24 working hours: Friday 1 h, Monday to Wednesday 7.5 h each, Thursday 0.5 h.
  EXPECT_EQ(LocalText(*Phase(v, "resolve").due_at), "2026-11-26 09:30");
}

TEST(SlaPolicies, ChosenByConditionsAndCheckedByField) {
  const auto policies = DefaultSlaPolicies();
  Complaint c;
  c.priority = Priority::kUrgent;
  EXPECT_EQ(ChoosePolicy(policies, c, std::nullopt).code, "urgent");
  c.priority = Priority::kHigh;
  EXPECT_EQ(ChoosePolicy(policies, c, CustomerTier::kVip).code, "regular");
  SlaPolicy vip = policies.back();
  vip.code = "vip";
  vip.tiers = {CustomerTier::kVip};
  std::vector<SlaPolicy> with_vip = {policies[0], vip, policies[1]};
  EXPECT_EQ(ChoosePolicy(with_vip, c, CustomerTier::kVip).code, "vip");
  EXPECT_EQ(ChoosePolicy(with_vip, c, CustomerTier::kRegular).code, "regular");
  for (const auto& p : policies) EXPECT_TRUE(p.Validate().ok());
  SlaPolicy bad = policies.back();
  bad.analyse = -kHour;
  EXPECT_EQ(bad.Validate().field(), "analyse");
  bad = policies.back();
  bad.warn_at_percent = 100;
  EXPECT_EQ(bad.Validate().field(), "warn_at_percent");
}

}  // namespace
}  // namespace closeloop::domain
