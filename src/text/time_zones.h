// IANA time zones (Asia/Shanghai, Europe/Berlin, America/New_York …) from ICU's tz data, with
// daylight saving time: the offset from UTC at an instant. ICU lives in this library, so the
// zones do too; the domain sees them through its TimeZones port.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace closeloop::text {

// The offset in minutes at `at_ms` (Unix milliseconds), or nothing for an unknown zone name.
std::optional<int> UtcOffsetMinutesAt(const std::string& zone, std::int64_t at_ms);

}  // namespace closeloop::text
