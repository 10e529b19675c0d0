// The domain's TimeZones over ICU's tz data (text/time_zones.h).
#pragma once

#include "domain/model/time_zones.h"

namespace closeloop::text_adapters {

class IcuTimeZones final : public domain::TimeZones {
 public:
  std::optional<int> OffsetMinutesAt(const std::string& zone, domain::UnixMillis at) const override;
};

}  // namespace closeloop::text_adapters
