#include "domain/sla/calendar.h"

#include <algorithm>
#include <cstdio>

#include "core/time_format.h"

namespace closeloop::domain {

using core::kDay;
using core::kMinute;
using core::Status;

namespace {

constexpr long long kMaxDaysSearched = 3660;  // ten years

long long FloorDiv(long long a, long long b) { return (a >= 0 ? a : a - b + 1) / b; }

std::string DateOf(long long day) {
  int y;
  unsigned m, d;
  core::CivilFromDays(day, y, m, d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  return buf;
}

bool RealDate(const std::string& date) {
  auto parsed = core::ParseIso8601(date);
  return date.size() == 10 && parsed && DateOf(*parsed / kDay) == date;
}

// Monday = 0: 1970-01-01 was a Thursday (3).
int WeekdayOf(long long day) { return static_cast<int>(((day % 7) + 7 + 3) % 7); }

}  // namespace

Status BusinessCalendar::Validate() const {
  if (code.empty()) return Status::Invalid("code", "a calendar needs a code");
  if (utc_offset_minutes < -12 * 60 || utc_offset_minutes > 14 * 60) {
    return Status::Invalid("utc_offset_minutes", "the UTC offset must be within -12:00..+14:00");
  }
  bool works = always_open;
  for (size_t d = 0; d < week.size(); ++d) {
    std::vector<WorkingPeriod> sorted = week[d];
    for (size_t i = 0; i < sorted.size(); ++i) {
      const auto& p = sorted[i];
      const std::string field = "week[" + std::to_string(d) + "][" + std::to_string(i) + "]";
      if (p.start_minute < 0 || p.end_minute > 1440 || p.start_minute >= p.end_minute) {
        return Status::Invalid(field, field + ": a period runs forward within one day (0..1440)");
      }
    }
    std::sort(sorted.begin(), sorted.end(),
              [](const auto& a, const auto& b) { return a.start_minute < b.start_minute; });
    for (size_t i = 1; i < sorted.size(); ++i) {
      if (sorted[i].start_minute < sorted[i - 1].end_minute) {
        const std::string field = "week[" + std::to_string(d) + "]";
        return Status::Invalid(field, field + ": working periods overlap");
      }
    }
    works = works || !sorted.empty();
  }
  if (!works) return Status::Invalid("week", "the calendar has no working time at all");
  for (const auto& [field, dates] :
       {std::pair{"holidays", &holidays}, std::pair{"makeup_workdays", &makeup_workdays}}) {
    for (const std::string& date : *dates) {
      if (!RealDate(date)) {
        return Status::Invalid(field, std::string(field) + ": '" + date + "' is not a date");
      }
    }
  }
  for (const std::string& date : holidays) {
    if (makeup_workdays.count(date)) {
      return Status::Invalid("makeup_workdays", date + " is both a holiday and a make-up day");
    }
  }
  return Status::Ok();
}

std::vector<std::pair<UnixMillis, UnixMillis>> BusinessCalendar::WorkingIntervalsOfDay(
    long long day) const {
  const UnixMillis midnight = day * kDay - static_cast<UnixMillis>(utc_offset_minutes) * kMinute;
  if (always_open) return {{midnight, midnight + kDay}};
  const std::string date = DateOf(day);
  if (holidays.count(date)) return {};
  const std::vector<WorkingPeriod>& periods =
      makeup_workdays.count(date) ? week[0] : week[static_cast<size_t>(WeekdayOf(day))];
  std::vector<std::pair<UnixMillis, UnixMillis>> out;
  for (const auto& p : periods) {
    out.emplace_back(midnight + p.start_minute * kMinute, midnight + p.end_minute * kMinute);
  }
  std::sort(out.begin(), out.end());
  return out;
}

UnixMillis BusinessCalendar::WorkingTimeBetween(UnixMillis from, UnixMillis to) const {
  if (to <= from) return 0;
  if (always_open) return to - from;
  const UnixMillis offset = static_cast<UnixMillis>(utc_offset_minutes) * kMinute;
  UnixMillis total = 0;
  for (long long day = FloorDiv(from + offset, kDay); day <= FloorDiv(to + offset, kDay); ++day) {
    for (const auto& [start, end] : WorkingIntervalsOfDay(day)) {
      total += std::max<UnixMillis>(0, std::min(end, to) - std::max(start, from));
    }
  }
  return total;
}

UnixMillis BusinessCalendar::AddWorkingTime(UnixMillis from, UnixMillis working) const {
  if (working <= 0) return from;
  if (always_open) return from + working;
  const UnixMillis offset = static_cast<UnixMillis>(utc_offset_minutes) * kMinute;
  UnixMillis left = working;
  const long long first = FloorDiv(from + offset, kDay);
  for (long long day = first; day < first + kMaxDaysSearched; ++day) {
    for (const auto& [start, end] : WorkingIntervalsOfDay(day)) {
      const UnixMillis begin = std::max(start, from);
      if (end <= begin) continue;
      if (end - begin >= left) return begin + left;
      left -= end - begin;
    }
  }
  return from + kMaxDaysSearched * kDay;
}

BusinessCalendar AlwaysOpenCalendar() {
  BusinessCalendar c;
  c.code = "24x7";
  c.name = "全天候 / 24×7";
  c.always_open = true;
  return c;
}

BusinessCalendar ChinaOfficeCalendar() {
  BusinessCalendar c;
  c.code = "cn-office";
  c.name = "中国办公时间 / China office hours";
  for (int d = 0; d < 5; ++d)
    c.week[static_cast<size_t>(d)] = {{9 * 60, 12 * 60}, {13 * 60 + 30, 18 * 60}};
  // 国务院办公厅关于2026年部分节假日安排的通知.
  c.holidays = {"2026-01-01", "2026-01-02", "2026-01-03", "2026-02-15", "2026-02-16", "2026-02-17",
                "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-21", "2026-02-22", "2026-02-23",
                "2026-04-04", "2026-04-05", "2026-04-06", "2026-05-01", "2026-05-02", "2026-05-03",
                "2026-05-04", "2026-05-05", "2026-06-19", "2026-06-20", "2026-06-21", "2026-09-25",
                "2026-09-26", "2026-09-27", "2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04",
                "2026-10-05", "2026-10-06", "2026-10-07"};
  c.makeup_workdays = {"2026-01-04", "2026-02-14", "2026-02-28",
                       "2026-05-09", "2026-09-20", "2026-10-10"};
  return c;
}

BusinessCalendar ChinaServiceDeskCalendar() {
  BusinessCalendar c;
  c.code = "cn-service-desk";
  c.name = "客服中心 08:00-22:00 / service desk";
  for (auto& day : c.week) day = {{8 * 60, 22 * 60}};
  c.holidays = {"2026-02-16", "2026-02-17", "2026-02-18"};  // 除夕 to 初二
  return c;
}

}  // namespace closeloop::domain
