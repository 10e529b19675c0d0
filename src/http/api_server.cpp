#include "http/api_server.h"

#include <httplib.h>

#include <algorithm>

#include "http/handlers/handler_support.h"
#include "http/query_params.h"

namespace closeloop::http {

struct ApiServer::Impl {
  Impl(const domain::Context& ctx, ServerOptions opts) : api(ctx), options(opts) {}
  Api api;
  ServerOptions options;
  httplib::Server server;
};

ApiServer::ApiServer(const domain::Context& ctx, ServerOptions options)
    : impl_(std::make_unique<Impl>(ctx, options)) {
  httplib::Server& s = impl_->server;
  const int threads = options.threads;
  s.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  s.set_tcp_nodelay(true);  // otherwise Nagle adds ~40 ms to every response
  s.set_keep_alive_timeout(options.keep_alive_seconds);
  s.set_keep_alive_max_count(10000);
  impl_->api.max_json_bytes = options.max_body_bytes;
  s.set_payload_max_length(std::max(options.max_body_bytes, options.max_upload_bytes));
  s.set_read_timeout(10, 0);
  s.set_write_timeout(10, 0);

  // Bodies are JSON whatever Content-Type says: `curl -d @file.json` sends a form type, which
  // httplib would parse as a form and refuse above 8 KB. Uploads name their format in the query.
  s.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    if (req.method == "GET") {
      core::Status params = CheckQueryParams(req.path, req.params);
      if (!params.ok()) {
        SendError(res, params);
        return httplib::Server::HandlerResponse::Handled;
      }
    }
    auto type = req.headers.find("Content-Type");
    if (type != req.headers.end() &&
        type->second.rfind("application/x-www-form-urlencoded", 0) == 0) {
      // The request object is ours to adjust before routing reads its body.
      const_cast<httplib::Request&>(req).headers.erase(type->first);
      const_cast<httplib::Request&>(req).headers.emplace("Content-Type", "application/json");
    }
    // A POST with no body at all (logout, mark read) has no Content-Length: it is empty.
    if (!req.has_header("Content-Length") && !req.has_header("Transfer-Encoding")) {
      const_cast<httplib::Request&>(req).headers.emplace("Content-Length", "0");
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });

  RegisterAuthRoutes(s, impl_->api);
  RegisterComplaintRoutes(s, impl_->api);
  RegisterCustomerRoutes(s, impl_->api);
  RegisterAdminRoutes(s, impl_->api);
  RegisterIntakeRoutes(s, impl_->api);
  RegisterTraceRoutes(s, impl_->api);
  RegisterKnowledgeRoutes(s, impl_->api);
  RegisterSurveyRoutes(s, impl_->api);
  RegisterAnalysisRoutes(s, impl_->api);
  RegisterModelRoutes(s, impl_->api);
  RegisterSlaRoutes(s, impl_->api);
  RegisterTaskRoutes(s, impl_->api);
  RegisterRoutingRoutes(s, impl_->api);
  RegisterTemplateRoutes(s, impl_->api);

  // Responses httplib makes itself (no route, body too large) get the same error format.
  s.set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        const char* code = "bad_request";
        const char* message = "request rejected";
        if (res.status == 413) {
          code = "payload_too_large";
          message = "request body exceeds the limit";
        } else if (res.status == 404) {
          code = "not_found";
          message = "no such endpoint";
        }
        SendJson(res, res.status, {{"error", {{"code", code}, {"message", message}}}});
        return httplib::Server::HandlerResponse::Handled;
      }));
}

ApiServer::~ApiServer() = default;

int ApiServer::Bind(const std::string& host, int port) {
  if (port == 0) return impl_->server.bind_to_any_port(host);
  return impl_->server.bind_to_port(host, port) ? port : -1;
}

void ApiServer::Run() { impl_->server.listen_after_bind(); }

void ApiServer::Stop() { impl_->server.stop(); }

}  // namespace closeloop::http
