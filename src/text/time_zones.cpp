#include "text/time_zones.h"

#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <memory>

namespace closeloop::text {

std::optional<int> UtcOffsetMinutesAt(const std::string& zone, std::int64_t at_ms) {
  const icu::UnicodeString id = icu::UnicodeString::fromUTF8(zone);
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString canonical;
  UBool is_system = false;
  icu::TimeZone::getCanonicalID(id, canonical, is_system, status);
  if (U_FAILURE(status) || !is_system) return std::nullopt;
  std::unique_ptr<icu::TimeZone> tz(icu::TimeZone::createTimeZone(id));
  int32_t raw = 0, dst = 0;
  tz->getOffset(static_cast<UDate>(at_ms), false, raw, dst, status);
  if (U_FAILURE(status)) return std::nullopt;
  return (raw + dst) / 60000;
}

}  // namespace closeloop::text
