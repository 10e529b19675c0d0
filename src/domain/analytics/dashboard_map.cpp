#include "domain/analytics/dashboard_map.h"

#include "core/text.h"
#include "domain/org/config_audit.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

using core::Status;

namespace {

constexpr std::size_t kMaxGeoJsonBytes = 20 << 20;

// 审图号 look like GS(2024)0650号, GS京(2023)0123号 or 粤S(2022)045号: a short code with a year in
// brackets and a number. What is written is kept as written; only its form is checked.
Status CheckApprovalNumber(const std::string& number) {
  if (number.empty()) {
    return Status::Invalid("approval_no",
                           "the map's approval number (审图号) is required: a map of China "
                           "without one may not be published");
  }
  const bool bracketed =
      (number.find('(') != std::string::npos || number.find("（") != std::string::npos) &&
      (number.find(')') != std::string::npos || number.find("）") != std::string::npos);
  if (core::Utf8Length(number) > 40 || !bracketed ||
      number.find_first_of("0123456789") == std::string::npos) {
    return Status::Invalid(
        "approval_no", "approval_no must read like GS(2024)0650号 (审图号 as printed on the map)");
  }
  return Status::Ok();
}

}  // namespace

core::Result<std::optional<DashboardMap>> ManageDashboardMap::Get(const Principal& who,
                                                                  bool with_geometry) const {
  if (!ctx_.policy.Allows(who, Permission::kAnalyticsRead)) {
    return Status::Denied("your role may not read the dashboards");
  }
  std::optional<DashboardMap> map;
  CL_RETURN_IF_ERROR(ctx_.store.Read([&](Repositories& repos) {
    map = repos.config().LoadDashboardMap(with_geometry);
    return Status::Ok();
  }));
  return map;
}

Status ManageDashboardMap::MayChange(const Principal& who) const {
  if (!ctx_.policy.Allows(who, Permission::kConfigManage)) {
    return Status::Denied("your role may not change the dashboard's map");
  }
  return CheckOrganisationWide(who, "the dashboard's map", "approval_no");
}

core::Result<DashboardMap> ManageDashboardMap::Replace(const Principal& who,
                                                       DashboardMap map) const {
  CL_RETURN_IF_ERROR(MayChange(who));
  map.approval_no = core::Trim(map.approval_no);
  CL_RETURN_IF_ERROR(CheckApprovalNumber(map.approval_no));
  if (map.geojson.size() > kMaxGeoJsonBytes) {
    return Status::Invalid("geojson", "the GeoJSON is over 20 MB");
  }
  if (map.regions < 1) return Status::Invalid("geojson", "the GeoJSON has no named regions");
  map.name = core::Trim(map.name).substr(0, 200);
  if (map.name.empty()) map.name = "map.geojson";
  map.updated_by = who.user_id ? std::optional<Id>(who.user_id) : std::nullopt;
  map.updated_at = ctx_.clock.Now();
  CL_RETURN_IF_ERROR(ctx_.store.Write([&](Repositories& repos) {
    repos.config().SaveDashboardMap(map);
    RecordConfigChange(
        repos, ctx_, who, "dashboard_map",
        map.name + ", " + std::to_string(map.regions) + " regions, " + map.approval_no);
    return Status::Ok();
  }));
  map.geojson.clear();
  return map;
}

Status ManageDashboardMap::Remove(const Principal& who) const {
  CL_RETURN_IF_ERROR(MayChange(who));
  return ctx_.store.Write([&](Repositories& repos) {
    repos.config().DeleteDashboardMap();
    RecordConfigChange(repos, ctx_, who, "dashboard_map", "back to the province tile grid");
    return Status::Ok();
  });
}

}  // namespace closeloop::domain
