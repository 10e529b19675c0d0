// Runs the real API server on an ephemeral loopback port over a fresh test database, and talks
// to it with a real HTTP client.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <type_traits>

#include "domain/live/live_feed.h"
#include "http/api_server.h"
#include "support/test_world.h"

namespace closeloop::testing {

struct HttpResult {
  int status = 0;
  nlohmann::json body;
  std::string raw;
  httplib::Headers headers;
};

class ApiFixture : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;
  // Lets a test suite change the server's options before it starts.
  virtual void Configure(http::ServerOptions& /*options*/) {}

  // Sends a request; `token` empty means unauthenticated.
  HttpResult Call(const std::string& method, const std::string& path, const std::string& token,
                  const std::string& body = "", const httplib::Headers& extra = {});
  template <typename J, std::enable_if_t<std::is_same_v<J, nlohmann::json>, int> = 0>
  HttpResult Call(const std::string& method, const std::string& path, const std::string& token,
                  const J& body, const httplib::Headers& extra = {}) {
    return Call(method, path, token, body.dump(), extra);
  }
  std::string Login(const std::string& username);
  // Creates the department team "qc" (质检部) and puts the department user in it (their token
  // must be taken again afterwards: Login); returns the team's id.
  long AddQcDepartment();
  std::string TokenOf(const domain::Principal& p) { return tokens_.at(p.username); }

  std::unique_ptr<TestWorld> world;
  int port = 0;
  // GET /api/v1/events reads it; tests run its rounds themselves (Round()).
  std::unique_ptr<domain::LiveFeed> live_feed;
  http::ApiServer& server() { return *server_; }

 private:
  std::unique_ptr<http::ApiServer> server_;
  std::thread thread_;
  std::unique_ptr<httplib::Client> client_;
  std::map<std::string, std::string> tokens_;
};

}  // namespace closeloop::testing
