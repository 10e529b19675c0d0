// Time zones by IANA name (text_adapters/ implements them over ICU).
#pragma once

#include <optional>
#include <string>

#include "domain/model/ids.h"

namespace closeloop::domain {

// Time zones by IANA name (Asia/Shanghai, Europe/Berlin …), daylight saving included.
class TimeZones {
 public:
  virtual ~TimeZones() = default;
  // The offset from UTC in minutes at `at`, or nothing for a name that is not a time zone.
  virtual std::optional<int> OffsetMinutesAt(const std::string& zone, UnixMillis at) const = 0;
};

// The time zones staff may choose: any IANA zone when `zones` is given (the server and CLI wire
// one), else a fixed list (the zones of China and its neighbours, which keep no daylight saving
// time, and UTC). The offset is the one in force at `at` (daylight saving included); an unknown
// zone counts as the organisation's (UTC+8).
bool KnownTimeZone(const TimeZones* zones, const std::string& zone);
int UtcOffsetMinutesOf(const TimeZones* zones, const std::string& zone, UnixMillis at);

}  // namespace closeloop::domain
