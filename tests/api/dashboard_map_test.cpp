// The dashboard's map: the tile grid by default; an uploaded GeoJSON with its approval number
// (审图号) only from an unscoped admin, checked, recorded, and removable.
#include <gtest/gtest.h>

#include "api/api_fixture.h"

namespace closeloop::testing {
namespace {

using nlohmann::json;

json Province(const std::string& name, const std::string& type = "Polygon") {
  return {{"type", "Feature"},
          {"properties", {{"name", name}}},
          {"geometry",
           {{"type", type},
            {"coordinates",
             json::array({json::array({json::array({120, 30}), json::array({121, 30}),
                                       json::array({121, 31}), json::array({120, 30})})})}}}};
}

json Collection(std::initializer_list<json> features) {
  json list = json::array();
  for (const json& f : features) list.push_back(f);
  return {{"type", "FeatureCollection"}, {"features", list}};
}

class DashboardMapApi : public ApiFixture {
 protected:
  HttpResult Put(const std::string& token, const std::string& approval, const std::string& body) {
    return Call("PUT", "/api/v1/config/map?approval_no=" + approval + "&name=china.geojson", token,
                body);
  }
};

TEST_F(DashboardMapApi, AnAdminUploadsAGeoJsonWithItsApprovalNumberAndCanGoBack) {
  const std::string admin = TokenOf(world->admin);
  const std::string manager = TokenOf(world->manager);
  EXPECT_EQ(Call("GET", "/api/v1/config/map", manager).status, 404) << "the tile grid";
  const std::string body =
      Collection({Province("浙江省"), Province("江苏省", "MultiPolygon")}).dump();
  // GS(2024)0650号, URL-encoded.
  const std::string approval = "GS%282024%290650%E5%8F%B7";
  EXPECT_EQ(Put(manager, approval, body).status, 403);
  EXPECT_EQ(Put(TokenOf(world->east_manager), approval, body).status, 403);
  auto saved = Put(admin, approval, body);
  ASSERT_EQ(saved.status, 200) << saved.raw;
  EXPECT_EQ(saved.body["regions"], 2);
  EXPECT_EQ(saved.body["approval_no"], "GS(2024)0650号");
  auto caption = Call("GET", "/api/v1/config/map?geometry=false", manager);
  EXPECT_EQ(caption.body["approval_no"], "GS(2024)0650号");
  EXPECT_FALSE(caption.body.contains("geojson"));
  auto full = Call("GET", "/api/v1/config/map", TokenOf(world->analyst));
  EXPECT_EQ(full.body["geojson"], json::parse(body));
  EXPECT_EQ(Call("GET", "/api/v1/config/map", TokenOf(world->agent)).status, 403);
  auto changes = Call("GET", "/api/v1/config/changes?limit=5", admin);
  EXPECT_EQ(changes.body["items"][0]["area"], "dashboard_map");
  EXPECT_EQ(Call("DELETE", "/api/v1/config/map", admin).status, 204);
  EXPECT_EQ(Call("GET", "/api/v1/config/map", manager).status, 404);
}

TEST_F(DashboardMapApi, ABadMapOrAMissingApprovalNumberIsRefusedAndNothingIsStored) {
  const std::string admin = TokenOf(world->admin);
  const std::string good = Collection({Province("浙江省")}).dump();
  auto error_of = [&](const std::string& approval, const std::string& body) {
    auto r = Put(admin, approval, body);
    EXPECT_EQ(r.status, 422) << r.raw;
    return std::make_pair(r.body["error"]["field"].get<std::string>(),
                          r.body["error"]["message"].get<std::string>());
  };
  EXPECT_EQ(error_of("", good).first, "approval_no");
  EXPECT_EQ(error_of("hello", good).first, "approval_no");
  EXPECT_EQ(error_of("GS%282024%290650", "{not json").first, "geojson");
  EXPECT_EQ(error_of("GS%282024%290650", R"({"type":"Feature"})").first, "geojson");
  auto unnamed =
      error_of("GS%282024%290650", Collection({Province("浙江省"),
                                               {{"type", "Feature"},
                                                {"properties", json::object()},
                                                {"geometry", Province("x")["geometry"]}}})
                                       .dump());
  EXPECT_EQ(unnamed.first, "geojson");
  EXPECT_NE(unnamed.second.find("features[1]"), std::string::npos) << unnamed.second;
  auto line = error_of("GS%282024%290650", Collection({Province("浙江省", "LineString")}).dump());
  EXPECT_NE(line.second.find("LineString"), std::string::npos);
  EXPECT_EQ(Call("GET", "/api/v1/config/map", admin).status, 404) << "nothing stored";
}

}  // namespace
}  // namespace closeloop::testing
