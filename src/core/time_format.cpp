#include "core/time_format.h"

#include <cstdio>

namespace closeloop::core {
namespace {

long long FloorDiv(long long a, long long b) { return (a >= 0 ? a : a - b + 1) / b; }

bool ReadDigits(std::string_view s, size_t pos, size_t count, int& out) {
  if (pos + count > s.size()) return false;
  out = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

unsigned DaysInMonth(int year, unsigned month) {
  static const unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

}  // namespace

long long DaysFromCivil(int year, unsigned month, unsigned day) {
  year -= month <= 2;
  const long long era = FloorDiv(year, 400);
  const unsigned yoe = static_cast<unsigned>(year - era * 400);
  const unsigned doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long long>(doe) - 719468;
}

void CivilFromDays(long long days, int& year, unsigned& month, unsigned& day) {
  days += 719468;
  const long long era = FloorDiv(days, 146097);
  const unsigned doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  day = doy - (153 * mp + 2) / 5 + 1;
  month = mp < 10 ? mp + 3 : mp - 9;
  year = static_cast<int>(yoe + era * 400) + (month <= 2);
}

std::string FormatIso8601(UnixMillis t) {
  long long days = FloorDiv(t, kDay);
  long long ms_of_day = t - days * kDay;
  int y;
  unsigned m, d;
  CivilFromDays(days, y, m, d);
  int hh = static_cast<int>(ms_of_day / kHour);
  int mi = static_cast<int>(ms_of_day % kHour / kMinute);
  int ss = static_cast<int>(ms_of_day % kMinute / 1000);
  int ms = static_cast<int>(ms_of_day % 1000);
  char buf[40];
  if (ms == 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", y, m, d, hh, mi, ss);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", y, m, d, hh, mi, ss, ms);
  }
  return buf;
}

std::optional<UnixMillis> ParseIso8601(std::string_view s) {
  int y, mo, d;
  if (!ReadDigits(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !ReadDigits(s, 5, 2, mo) ||
      s[7] != '-' || !ReadDigits(s, 8, 2, d)) {
    return std::nullopt;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > static_cast<int>(DaysInMonth(y, mo))) return std::nullopt;
  UnixMillis t = DaysFromCivil(y, mo, d) * kDay;
  if (s.size() == 10) return t;
  if (s[10] != 'T' && s[10] != ' ') return std::nullopt;
  int hh, mi, ss = 0, frac = 0;
  if (!ReadDigits(s, 11, 2, hh) || s.size() < 16 || s[13] != ':' || !ReadDigits(s, 14, 2, mi)) {
    return std::nullopt;
  }
  size_t pos = 16;
  if (pos < s.size() && s[pos] == ':') {
    if (!ReadDigits(s, pos + 1, 2, ss)) return std::nullopt;
    pos += 3;
    if (pos < s.size() && s[pos] == '.') {
      ++pos;
      int digits = 0;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
        if (digits < 3) frac = frac * 10 + (s[pos] - '0');
        ++digits;
        ++pos;
      }
      if (digits == 0) return std::nullopt;
      for (int i = digits; i < 3; ++i) frac *= 10;
    }
  }
  if (hh > 23 || mi > 59 || ss > 60) return std::nullopt;
  t += hh * kHour + mi * kMinute + ss * 1000 + frac;
  if (pos == s.size()) return std::nullopt;  // an offset is required with a time
  if (s[pos] == 'Z' && pos + 1 == s.size()) return t;
  if ((s[pos] == '+' || s[pos] == '-') && pos + 6 == s.size() && s[pos + 3] == ':') {
    int oh, om;
    if (!ReadDigits(s, pos + 1, 2, oh) || !ReadDigits(s, pos + 4, 2, om) || oh > 14 || om > 59) {
      return std::nullopt;
    }
    UnixMillis offset = oh * kHour + om * kMinute;
    return s[pos] == '+' ? t - offset : t + offset;
  }
  return std::nullopt;
}

std::string CompactDate(UnixMillis t, int utc_offset_minutes) {
  long long days = FloorDiv(t + utc_offset_minutes * kMinute, kDay);
  int y;
  unsigned m, d;
  CivilFromDays(days, y, m, d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02u%02u", y, m, d);
  return buf;
}

std::string FormatLocal(UnixMillis t, int utc_offset_minutes) {
  UnixMillis local = t + utc_offset_minutes * kMinute;
  long long days = FloorDiv(local, kDay);
  long long ms_of_day = local - days * kDay;
  int y;
  unsigned m, d;
  CivilFromDays(days, y, m, d);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02d:%02d", y, m, d,
                static_cast<int>(ms_of_day / kHour), static_cast<int>(ms_of_day % kHour / kMinute));
  return buf;
}

}  // namespace closeloop::core
