#include "domain/model/time_zones.h"

#include <map>

namespace closeloop::domain {
namespace {

const std::map<std::string, int>& Zones() {
  static const std::map<std::string, int> kZones = {
      {"Asia/Shanghai", 480},  {"Asia/Chongqing", 480},
      {"Asia/Hong_Kong", 480}, {"Asia/Macau", 480},
      {"Asia/Taipei", 480},    {"Asia/Singapore", 480},
      {"Asia/Urumqi", 360},    {"Asia/Tokyo", 540},
      {"Asia/Seoul", 540},     {"UTC", 0}};
  return kZones;
}

}  // namespace

bool KnownTimeZone(const TimeZones* zones, const std::string& zone) {
  if (zones) return zones->OffsetMinutesAt(zone, 0).has_value();
  return Zones().count(zone) > 0;
}

int UtcOffsetMinutesOf(const TimeZones* zones, const std::string& zone, UnixMillis at) {
  if (zones) return zones->OffsetMinutesAt(zone, at).value_or(480);
  auto it = Zones().find(zone);
  return it == Zones().end() ? 480 : it->second;
}

}  // namespace closeloop::domain
