// Conversions between UTC instants and text. Stored and transmitted times are UTC; a display
// offset is applied only when showing a time to a person.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace closeloop::core {

// "2026-11-22T03:04:05Z", or with ".123" when the instant has milliseconds.
std::string FormatIso8601(UnixMillis t);

// Accepts "YYYY-MM-DD" (midnight UTC) and "YYYY-MM-DDTHH:MM[:SS[.fff]]" followed by "Z" or
// "+HH:MM"/"-HH:MM". Returns nothing for anything else, including impossible dates.
std::optional<UnixMillis> ParseIso8601(std::string_view text);

// The calendar date "YYYYMMDD" of `t` at a fixed UTC offset (minutes east of UTC).
std::string CompactDate(UnixMillis t, int utc_offset_minutes);

// "2026-11-22 11:04" at a fixed UTC offset, for people.
std::string FormatLocal(UnixMillis t, int utc_offset_minutes);

// Days since 1970-01-01 for a proleptic Gregorian date, and back.
long long DaysFromCivil(int year, unsigned month, unsigned day);
void CivilFromDays(long long days, int& year, unsigned& month, unsigned& day);

}  // namespace closeloop::core
