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

}  // namespace closeloop::domain
