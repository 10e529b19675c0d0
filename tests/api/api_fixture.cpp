#include "api/api_fixture.h"

#include <csignal>

namespace closeloop::testing {

void ApiFixture::SetUp() {
  world = std::make_unique<TestWorld>();
  // A client writing a body the server refused unread (413, 401) gets EPIPE, not a signal.
  std::signal(SIGPIPE, SIG_IGN);
  http::ServerOptions options;
  options.threads = 8;
  options.max_body_bytes = 64 * 1024;
  options.keep_alive_seconds = 2;
  live_feed = std::make_unique<domain::LiveFeed>(world->ctx());
  live_feed->Round();
  options.live_feed = live_feed.get();
  Configure(options);
  server_ = std::make_unique<http::ApiServer>(world->ctx(), options);
  port = server_->Bind("127.0.0.1", 0);
  ASSERT_GT(port, 0);
  thread_ = std::thread([this] { server_->Run(); });
  client_ = std::make_unique<httplib::Client>("127.0.0.1", port);
  client_->set_connection_timeout(5, 0);
  client_->set_read_timeout(10, 0);
  for (const auto* p :
       {&world->admin, &world->manager, &world->east_manager, &world->agent, &world->east_agent,
        &world->north_agent, &world->department, &world->analyst, &world->auditor}) {
    tokens_[p->username] = Login(p->username);
  }
}

void ApiFixture::TearDown() {
  client_.reset();
  if (server_) server_->Stop();
  if (thread_.joinable()) thread_.join();
  server_.reset();
  live_feed.reset();
  world.reset();
}

HttpResult ApiFixture::Call(const std::string& method, const std::string& path,
                            const std::string& token, const std::string& body,
                            const httplib::Headers& extra) {
  httplib::Headers headers = extra;
  if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
  const char* type = "application/json";
  auto send = [&]() -> httplib::Result {
    if (method == "POST") return client_->Post(path, headers, body, type);
    if (method == "PATCH") return client_->Patch(path, headers, body, type);
    if (method == "PUT") return client_->Put(path, headers, body, type);
    if (method == "DELETE") return client_->Delete(path, headers);
    if (method == "OPTIONS") return client_->Options(path, headers);
    return client_->Get(path, headers);
  };
  httplib::Result r = send();
  HttpResult out;
  if (!r) {
    ADD_FAILURE() << method << " " << path << ": " << httplib::to_string(r.error());
    return out;
  }
  out.status = r->status;
  out.raw = r->body;
  out.headers = r->headers;
  if (!r->body.empty()) out.body = nlohmann::json::parse(r->body, nullptr, false);
  return out;
}

std::string ApiFixture::Login(const std::string& username) {
  HttpResult r = Call("POST", "/api/v1/auth/login", "",
                      nlohmann::json{{"username", username}, {"password", kPassword}});
  EXPECT_EQ(r.status, 200) << r.raw;
  return r.body.value("token", "");
}

long ApiFixture::AddQcDepartment() {
  const std::string admin = TokenOf(world->admin);
  HttpResult team =
      Call("POST", "/api/v1/teams", admin,
           nlohmann::json{{"code", "qc"}, {"name", "质检部"}, {"kind", "department"}});
  EXPECT_EQ(team.status, 201) << team.raw;
  const long id = team.body.value("id", 0L);
  HttpResult user = Call("PATCH", "/api/v1/users/" + std::to_string(world->department.user_id),
                         admin, nlohmann::json{{"team_scope", {id}}});
  EXPECT_EQ(user.status, 200) << user.raw;
  return id;
}

}  // namespace closeloop::testing
