// closeloop serve --web-root: the built web application at /, beside the API.
#include "http/web_app.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "api/api_fixture.h"

namespace closeloop::testing {
namespace {

namespace fs = std::filesystem;

// A small stand-in for web/dist: index.html and one hashed asset.
fs::path MakeDist() {
  const fs::path dir = fs::temp_directory_path() / ("closeloop-web-" + std::to_string(::getpid()) +
                                                    "-" + std::to_string(std::rand()));
  fs::create_directories(dir / "assets");
  std::ofstream(dir / "index.html")
      << "<!doctype html><div id=\"app\"></div>"
         "<script type=\"module\" src=\"/assets/index-abc.js\"></script>";
  std::ofstream js(dir / "assets" / "index-abc.js");
  for (int i = 0; i < 200; ++i) js << "console.log('closeloop line " << i << "');\n";
  return dir;
}

class WebAppServing : public ApiFixture {
 protected:
  void Configure(http::ServerOptions& options) override {
    dist_ = MakeDist();
    options.web_root = dist_.string();
  }
  void TearDown() override {
    ApiFixture::TearDown();
    fs::remove_all(dist_);
  }
  fs::path dist_;
};

TEST_F(WebAppServing, PagesComeFromIndexAssetsAreCachedAndTheApiStaysTheApi) {
  auto index = Call("GET", "/", "");
  ASSERT_EQ(index.status, 200);
  EXPECT_NE(index.raw.find("id=\"app\""), std::string::npos);
  EXPECT_EQ(index.headers.find("Content-Type")->second, "text/html; charset=utf-8");
  EXPECT_NE(index.headers.find("Content-Security-Policy")->second.find("script-src 'self'"),
            std::string::npos);
  EXPECT_EQ(index.headers.find("X-Frame-Options")->second, "DENY");
  EXPECT_EQ(index.headers.find("Cache-Control")->second, "no-cache");
  // The application's own routes load the same page.
  for (const char* route : {"/complaints/CL-20261207-000001", "/dashboard", "/status"}) {
    auto page = Call("GET", route, "");
    EXPECT_EQ(page.status, 200) << route;
    EXPECT_EQ(page.raw, index.raw) << route;
  }
  auto js = Call("GET", "/assets/index-abc.js", "");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.headers.find("Cache-Control")->second, "public, max-age=31536000, immutable");
  EXPECT_EQ(js.headers.find("Content-Type")->second, "text/javascript; charset=utf-8");
  EXPECT_EQ(Call("GET", "/assets/missing-abc.js", "").status, 404) << "a missing file is no page";
  // Revalidation by ETag.
  const std::string etag = index.headers.find("ETag")->second;
  EXPECT_EQ(Call("GET", "/", "", "", {{"If-None-Match", etag}}).status, 304);
  // The API answers as before, in its own format.
  auto api = Call("GET", "/api/v1/no-such-thing", "");
  EXPECT_EQ(api.status, 404);
  EXPECT_EQ(api.body["error"]["code"], "not_found");
  EXPECT_EQ(Call("GET", "/healthz", "").body["status"], "ok");
}

TEST(WebApp, TextIsSentCompressedToClientsThatTakeGzip) {
  const fs::path dist = MakeDist();
  http::WebApp app(dist.string());
  http::Request request;
  request.method = "GET";
  request.path = "/assets/index-abc.js";
  http::Response plain, packed;
  app.Respond(request, plain);
  request.headers.emplace("Accept-Encoding", "gzip, br");
  app.Respond(request, packed);
  EXPECT_EQ(plain.headers.count("Content-Encoding"), 0u);
  EXPECT_EQ(packed.headers.find("Content-Encoding")->second, "gzip");
  EXPECT_LT(packed.body.size(), plain.body.size() / 4);
  EXPECT_EQ(static_cast<unsigned char>(packed.body[0]), 0x1f) << "gzip magic";
  fs::remove_all(dist);
  EXPECT_THROW(http::WebApp(dist.string()), std::runtime_error) << "no index.html";
}

}  // namespace
}  // namespace closeloop::testing

namespace closeloop::testing {
namespace {

// The web application shows no menu or button the API would refuse: it takes the permissions
// from login and /auth/me, which list what the role grants, from the one policy.
TEST_F(WebAppServing, LoginAndMeTellThePermissionsTheRoleGrants) {
  auto me = Call("GET", "/api/v1/auth/me", TokenOf(world->east_agent));
  ASSERT_EQ(me.status, 200);
  const auto& granted = me.body["permissions"];
  auto has = [&](const char* p) {
    return std::find(granted.begin(), granted.end(), p) != granted.end();
  };
  EXPECT_TRUE(has("complaint.work"));
  EXPECT_TRUE(has("note.add_public"));
  EXPECT_FALSE(has("analytics.read"));
  EXPECT_FALSE(has("config.manage"));
  EXPECT_FALSE(me.body["unscoped"].get<bool>());
  auto admin = Call("POST", "/api/v1/auth/login", "",
                    nlohmann::json{{"username", world->admin.username}, {"password", kPassword}});
  ASSERT_EQ(admin.status, 200) << admin.raw;
  EXPECT_TRUE(admin.body["user"]["unscoped"].get<bool>());
  EXPECT_EQ(admin.body["user"]["permissions"].size(), 33u) << "every permission";
  auto analyst = Call("GET", "/api/v1/auth/me", TokenOf(world->analyst));
  const auto& a = analyst.body["permissions"];
  EXPECT_NE(std::find(a.begin(), a.end(), "analytics.read"), a.end());
  EXPECT_EQ(std::find(a.begin(), a.end(), "complaint.work"), a.end());
}

}  // namespace
}  // namespace closeloop::testing
