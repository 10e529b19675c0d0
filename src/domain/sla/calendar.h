// Business calendars: when a team works, so SLA clocks count working time only. A
// calendar has working periods per weekday at a fixed UTC offset, public holidays (days off) and
// make-up working days (调休: a weekend day worked with the hours of a Monday), or is open round
// the clock. Holidays and make-up days are data, updated every year when the State Council
// publishes the next year's arrangement.
#pragma once

#include <array>
#include <set>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/status.h"

namespace closeloop::domain {

using core::UnixMillis;

struct WorkingPeriod {
  int start_minute = 0;  // minutes after local midnight, 0..1440
  int end_minute = 0;    // after start_minute
};

struct BusinessCalendar {
  std::string code;  // e.g. "cn-office"
  std::string name;
  int utc_offset_minutes = 480;
  bool always_open = false;                        // 24/7: every instant is working time
  std::array<std::vector<WorkingPeriod>, 7> week;  // index 0 = Monday … 6 = Sunday
  std::set<std::string> holidays;                  // "YYYY-MM-DD", local days off
  std::set<std::string> makeup_workdays;           // "YYYY-MM-DD", worked with Monday's hours

  // Checks the calendar: periods inside the day and not overlapping, at least one working period
  // a week (unless always open), dates real, no day both a holiday and a make-up day. The
  // Status names the field ("week[2][1]", "holidays", …).
  core::Status Validate() const;
  // Working milliseconds in [from, to); 0 when to <= from.
  UnixMillis WorkingTimeBetween(UnixMillis from, UnixMillis to) const;
  // The instant at which `working` milliseconds of working time have passed since `from`.
  // A calendar that never works (an invalid one) returns `from` + 10 years.
  UnixMillis AddWorkingTime(UnixMillis from, UnixMillis working) const;
  // The working intervals of the local day that starts at day index `day` (days since
  // 1970-01-01, local), as UTC instants.
  std::vector<std::pair<UnixMillis, UnixMillis>> WorkingIntervalsOfDay(long long day) const;
};

// Round the clock, every day.
BusinessCalendar AlwaysOpenCalendar();
// China office hours: Monday to Friday 09:00-12:00 and 13:30-18:00 (UTC+8), the 2026 public
// holidays and make-up working days.
BusinessCalendar ChinaOfficeCalendar();
// China service-desk hours: every day 08:00-22:00 (UTC+8) except the Spring Festival days off
// of 2026 (service desks work other holidays).
BusinessCalendar ChinaServiceDeskCalendar();

}  // namespace closeloop::domain
