#include "text_adapters/icu_time_zones.h"

#include "text/time_zones.h"

namespace closeloop::text_adapters {

std::optional<int> IcuTimeZones::OffsetMinutesAt(const std::string& zone,
                                                 domain::UnixMillis at) const {
  return text::UtcOffsetMinutesAt(zone, at);
}

}  // namespace closeloop::text_adapters
