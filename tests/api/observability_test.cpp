// What operators see of the server (issue 14): the JSON access log (request id, route pattern,
// status, latency, user id — never bodies or personal data), the separate metrics address, and
// CORS (off unless origins are configured).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "api/api_fixture.h"
#include "http/access_log.h"

namespace closeloop::testing {
namespace {

using nlohmann::json;

class Observability : public ApiFixture {
 protected:
  void Configure(http::ServerOptions& options) override {
    log_path_ = log_dir_.File("access.log");
    log_ = http::AccessLog::Open(log_path_);
    ASSERT_TRUE(log_);
    options.access_log = log_.get();
    options.cors_origins = {"https://cx.example.com"};
  }
  // Every line written so far, each parsed.
  std::vector<json> LogLines() {
    log_->Flush();
    std::ifstream in(log_path_);
    std::vector<json> out;
    for (std::string line; std::getline(in, line);) out.push_back(json::parse(line));
    return out;
  }
  std::string RawLog() {
    log_->Flush();
    std::ifstream in(log_path_);
    std::stringstream all;
    all << in.rdbuf();
    return all.str();
  }

  TempDir log_dir_;
  std::string log_path_;
  std::unique_ptr<http::AccessLog> log_;
};

TEST_F(Observability, EveryRequestIsOneJsonLineWithoutBodiesOrPersonalData) {
  const std::string token = TokenOf(world->agent);
  auto created = Call(
      "POST", "/api/v1/complaints", token,
      json{{"description", "洗衣机漏水，电话13912345678，地址上海市浦东新区"}, {"channel", "api"}},
      {{"X-Request-Id", "trace-abc.1"}});
  ASSERT_EQ(created.status, 201) << created.raw;
  EXPECT_EQ(created.headers.find("X-Request-Id")->second, "trace-abc.1");
  const std::string ref = created.body["reference"];
  auto got = Call("GET", "/api/v1/complaints/" + ref, token);
  const std::string generated = got.headers.find("X-Request-Id")->second;
  EXPECT_FALSE(generated.empty());
  Call("GET", "/api/v1/complaints/" + ref, "");  // 401: no user

  const std::vector<json> lines = LogLines();
  ASSERT_GE(lines.size(), 3u);
  const json& create = lines[lines.size() - 3];
  EXPECT_EQ(create["request_id"], "trace-abc.1");
  EXPECT_EQ(create["method"], "POST");
  EXPECT_EQ(create["route"], "/api/v1/complaints");
  EXPECT_EQ(create["status"], 201);
  EXPECT_EQ(create["user_id"], world->agent.user_id);
  EXPECT_GE(create["ms"].get<double>(), 0.0);
  EXPECT_EQ(lines[lines.size() - 2]["request_id"], generated);
  EXPECT_EQ(lines[lines.size() - 2]["route"], "/api/v1/complaints/([^/]+)");
  EXPECT_TRUE(lines.back()["user_id"].is_null());
  EXPECT_EQ(lines.back()["status"], 401);
  const std::string raw = RawLog();
  for (const char* secret : {"13912345678", "洗衣机", "上海", "Bearer", token.c_str()}) {
    EXPECT_EQ(raw.find(secret), std::string::npos) << secret << " in the access log";
  }
  EXPECT_EQ(raw.find(ref), std::string::npos) << "the path's values stay out of the log";
}

TEST_F(Observability, ARequestIdThatIsNotPlainTextIsReplaced) {
  auto r = Call("GET", "/healthz", "", "", {{"X-Request-Id", "a\"b{}\\"}});
  const std::string id = r.headers.find("X-Request-Id")->second;
  EXPECT_EQ(id.find('"'), std::string::npos) << id;
  EXPECT_EQ(LogLines().back()["request_id"], id);
}

TEST_F(Observability, TheMetricsAddressServesMetricsWithoutATokenAndNothingElse) {
  const int metrics_port = server().BindMetrics("127.0.0.1", 0);
  ASSERT_GT(metrics_port, 0);
  httplib::Client client("127.0.0.1", metrics_port);
  client.set_connection_timeout(2, 0);
  auto metrics = client.Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_EQ(metrics->status, 200);
  EXPECT_NE(metrics->body.find("closeloop_http_requests_total"), std::string::npos);
  EXPECT_NE(metrics->body.find("closeloop_event_streams"), std::string::npos);
  auto api = client.Get("/api/v1/complaints");
  ASSERT_TRUE(api);
  EXPECT_EQ(api->status, 404);
}

TEST_F(Observability, CorsHeadersGoOnlyToConfiguredOrigins) {
  auto preflight = Call("OPTIONS", "/api/v1/complaints", "", "",
                        {{"Origin", "https://cx.example.com"},
                         {"Access-Control-Request-Method", "POST"},
                         {"Access-Control-Request-Headers", "authorization,content-type"}});
  EXPECT_EQ(preflight.status, 204);
  EXPECT_EQ(preflight.headers.find("Access-Control-Allow-Origin")->second,
            "https://cx.example.com");
  EXPECT_NE(preflight.headers.find("Access-Control-Allow-Headers")->second.find("Authorization"),
            std::string::npos);
  auto allowed = Call("GET", "/api/v1/auth/me", TokenOf(world->agent), "",
                      {{"Origin", "https://cx.example.com"}});
  EXPECT_EQ(allowed.headers.find("Access-Control-Allow-Origin")->second, "https://cx.example.com");
  auto other = Call("GET", "/api/v1/auth/me", TokenOf(world->agent), "",
                    {{"Origin", "https://evil.example"}});
  EXPECT_EQ(other.headers.count("Access-Control-Allow-Origin"), 0u);
  auto other_preflight =
      Call("OPTIONS", "/api/v1/complaints", "", "",
           {{"Origin", "https://evil.example"}, {"Access-Control-Request-Method", "POST"}});
  EXPECT_NE(other_preflight.status, 204);
  EXPECT_EQ(other_preflight.headers.count("Access-Control-Allow-Origin"), 0u);
}

class DefaultServer : public ApiFixture {};

TEST_F(DefaultServer, SendsNoCorsHeadersWhenNoOriginIsConfigured) {
  auto preflight =
      Call("OPTIONS", "/api/v1/complaints", "", "",
           {{"Origin", "https://cx.example.com"}, {"Access-Control-Request-Method", "POST"}});
  EXPECT_NE(preflight.status, 204);
  EXPECT_EQ(preflight.headers.count("Access-Control-Allow-Origin"), 0u);
  auto get = Call("GET", "/api/v1/auth/me", TokenOf(world->agent), "",
                  {{"Origin", "https://cx.example.com"}});
  EXPECT_EQ(get.status, 200);
  EXPECT_EQ(get.headers.count("Access-Control-Allow-Origin"), 0u);
  EXPECT_EQ(get.headers.count("Vary"), 0u);
}

}  // namespace
}  // namespace closeloop::testing
