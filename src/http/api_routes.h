// What the server does with a request, independent of the library that reads it: the checks on
// a request's head before its body is read, and the routing of the whole request to a handler.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>

#include "domain/context.h"
#include "http/api_server.h"
#include "http/message.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/web_app.h"

namespace closeloop::http {

struct Api;

class ApiRoutes {
 public:
  ApiRoutes(const domain::Context& ctx, const ServerOptions& options);
  ~ApiRoutes();
  ApiRoutes(const ApiRoutes&) = delete;
  ApiRoutes& operator=(const ApiRoutes&) = delete;

  // Called with the request's method, path, params and headers, before its body is read.
  // Returns the response to send (the server then closes the connection, the body unread) when
  // the body would exceed the route's limit (413) or when a route that needs a credential gets a
  // large body without a valid one (401); else sets `body_limit` for the read and returns
  // nothing. `content_length` is null for a chunked body. `long_running` tells whether the
  // route takes file uploads (which may run for seconds).
  std::optional<Response> CheckHead(Request& head, std::optional<std::size_t> content_length,
                                    std::size_t& body_limit, bool& long_running) const;
  // The response to a whole request: the route's handler, or a 404 / 405 / 422 in the API's
  // error format; security headers on every response.
  Response Handle(Request& request) const;
  // A request to the --metrics-listen address: GET /metrics without a token, else 404.
  Response HandleMetricsListener(Request& request) const;

  const Router& router() const { return router_; }
  // Tells GET /metrics how many connections are open (the server knows).
  void CountConnectionsWith(std::function<std::size_t()> open_connections) {
    open_connections_ = std::move(open_connections);
  }

 private:
  void HandleMetrics(const Request& request, Response& response) const;
  void RenderMetrics(Response& response) const;
  // CORS for an allowed Origin: the preflight's answer (OPTIONS), or the headers of a response.
  bool AllowedOrigin(const Request& request) const;
  void AddCorsHeaders(const Request& request, Response& response) const;
  Response Route(Request& request) const;
  std::function<std::size_t()> open_connections_;
  mutable HttpMetrics metrics_;
  std::unique_ptr<Api> api_;
  std::unique_ptr<WebApp> web_app_;  // null without --web-root
  Router router_;
  ServerOptions options_;
};

// The error format (`{"error":{"code","message"}}`) for the server's own refusals.
Response ErrorResponse(int status, const char* code, const std::string& message);

}  // namespace closeloop::http
