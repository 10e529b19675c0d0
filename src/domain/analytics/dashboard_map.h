// The dashboard's map (R-5.2, issue 17). No boundary data is shipped: a published map of China
// must follow the 公开地图内容表示规范 and carry its approval number (审图号), so the dashboard
// draws a tile grid of the provinces unless an admin uploads a GeoJSON they hold the rights to,
// with that number, which is shown as the map's caption. The HTTP layer checks the GeoJSON's shape
// (a FeatureCollection of named Polygon / MultiPolygon features); this use case checks the rest
// and keeps it.
#pragma once

#include <optional>

#include "core/status.h"
#include "domain/config_repository.h"
#include "domain/context.h"

namespace closeloop::domain {

class ManageDashboardMap {
 public:
  explicit ManageDashboardMap(const Context& ctx) : ctx_(ctx) {}
  // analytics.read; none (nullopt) when the tile grid is in use.
  core::Result<std::optional<DashboardMap>> Get(const Principal& who, bool with_geometry) const;
  // Unscoped config.manage (the map is the organisation's); recorded in the configuration
  // changes. Errors name approval_no or geojson.
  core::Result<DashboardMap> Replace(const Principal& who, DashboardMap map) const;
  core::Status Remove(const Principal& who) const;
  // Whether the caller may change the map at all (checked before a large upload is parsed).
  core::Status MayChange(const Principal& who) const;

 private:
  const Context& ctx_;
};

}  // namespace closeloop::domain
