// The dashboard's map: GET /api/v1/config/map (?geometry=false for the caption alone), PUT with a
// GeoJSON body (?approval_no=审图号&name=file), DELETE (back to the province tile grid).
#include "core/time_format.h"
#include "domain/analytics/dashboard_map.h"
#include "http/handlers/handler_support.h"

namespace closeloop::http {

using core::Status;
using json = nlohmann::ordered_json;
namespace d = domain;

namespace {

json MapJson(const d::DashboardMap& map, bool with_geometry) {
  json out = {{"name", map.name},
              {"approval_no", map.approval_no},
              {"regions", map.regions},
              {"updated_at", core::FormatIso8601(map.updated_at)}};
  // The GeoJSON is sent as it was uploaded, inside the answer.
  if (with_geometry) out["geojson"] = json::parse(map.geojson, nullptr, false);
  return out;
}

// A FeatureCollection of Polygon / MultiPolygon features, each named by properties.name; the
// number of named features, or an error naming the first bad feature.
core::Result<int> CheckGeoJson(const std::string& text) {
  const json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded()) return Status::Invalid("geojson", "the body is not valid JSON");
  if (!doc.is_object() || doc.value("type", "") != "FeatureCollection" ||
      !doc.contains("features") || !doc["features"].is_array()) {
    return Status::Invalid("geojson", "a GeoJSON FeatureCollection is needed");
  }
  int named = 0;
  const json& features = doc["features"];
  for (std::size_t i = 0; i < features.size(); ++i) {
    const json& f = features[i];
    const std::string at = "features[" + std::to_string(i) + "]";
    if (!f.is_object() || !f.contains("geometry") || !f["geometry"].is_object()) {
      return Status::Invalid("geojson", at + " has no geometry");
    }
    const std::string type = f["geometry"].value("type", "");
    if (type != "Polygon" && type != "MultiPolygon") {
      return Status::Invalid("geojson", at + ".geometry is a " + (type.empty() ? "?" : type) +
                                            ", not a Polygon or MultiPolygon");
    }
    if (!f.contains("properties") || !f["properties"].is_object() ||
        !f["properties"].contains("name") || !f["properties"]["name"].is_string() ||
        f["properties"]["name"].get<std::string>().empty()) {
      return Status::Invalid("geojson", at + ".properties.name (the province) is missing");
    }
    ++named;
  }
  if (named == 0) return Status::Invalid("geojson", "the FeatureCollection has no features");
  return named;
}

}  // namespace

void RegisterMapRoutes(Router& router, Api& api) {
  static const char* kPath = "/api/v1/config/map";
  router.Get(
      kPath,
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        bool geometry = true;
        CL_RETURN_IF_ERROR(BoolParam(req, "geometry", geometry));
        auto map = d::ManageDashboardMap(api.ctx).Get(who, geometry);
        if (!map.ok()) return map.status();
        if (!*map) return Status::NotFound("no map: the dashboard draws the province tile grid");
        return Reply{200, MapJson(**map, geometry)};
      }));
  router.Put(
      kPath,
      AuthedUpload(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        CL_RETURN_IF_ERROR(d::ManageDashboardMap(api.ctx).MayChange(who));
        auto regions = CheckGeoJson(req.body);
        if (!regions.ok()) return regions.status();
        d::DashboardMap map;
        map.name = req.get_param_value("name");
        map.approval_no = req.get_param_value("approval_no");
        map.regions = *regions;
        map.geojson = req.body;
        auto saved = d::ManageDashboardMap(api.ctx).Replace(who, std::move(map));
        if (!saved.ok()) return saved.status();
        return Reply{200, MapJson(*saved, false)};
      }));
  router.Delete(kPath,
                Authed(api, [&api](const Request&, const d::Principal& who) -> core::Result<Reply> {
                  CL_RETURN_IF_ERROR(d::ManageDashboardMap(api.ctx).Remove(who));
                  return Reply{204, nullptr};
                }));
}

}  // namespace closeloop::http
