#include "http/api_routes.h"

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>

#include "domain/live/live_feed.h"
#include "http/access_log.h"
#include "http/handlers/handler_support.h"
#include "http/query_params.h"

namespace closeloop::http {
namespace {

// A body this small is read before its credential is checked (the handler checks it then);
// above it, a route that needs a credential checks it first.
constexpr std::size_t kReadBeforeAuthBytes = 64 << 10;
const std::string kUnmatched = "unmatched";

void AddSecurityHeaders(const Request& request, Response& response) {
  response.set_header("X-Content-Type-Options", "nosniff");
  if (request.path.rfind("/api/", 0) == 0) response.set_header("Cache-Control", "no-store");
}

}  // namespace

Response ErrorResponse(int status, const char* code, const std::string& message) {
  Response response;
  SendJson(response, status, {{"error", {{"code", code}, {"message", message}}}});
  return response;
}

ApiRoutes::ApiRoutes(const domain::Context& ctx, const ServerOptions& options)
    : api_(std::make_unique<Api>(ctx, options.public_desk)), options_(options) {
  api_->max_json_bytes = options.max_body_bytes;
  api_->live_feed = options.live_feed;
  if (!options.web_root.empty()) web_app_ = std::make_unique<WebApp>(options.web_root);
  Api& api = *api_;
  RegisterAuthRoutes(router_, api);
  RegisterComplaintRoutes(router_, api);
  RegisterCustomerRoutes(router_, api);
  RegisterAdminRoutes(router_, api);
  RegisterIntakeRoutes(router_, api);
  RegisterTraceRoutes(router_, api);
  RegisterKnowledgeRoutes(router_, api);
  RegisterSurveyRoutes(router_, api);
  RegisterSurveyPageRoutes(router_, api);
  RegisterImprovementRoutes(router_, api);
  RegisterCampaignRoutes(router_, api);
  RegisterAnalyticsRoutes(router_, api);
  RegisterAnalysisRoutes(router_, api);
  RegisterModelRoutes(router_, api);
  RegisterSlaRoutes(router_, api);
  RegisterTaskRoutes(router_, api);
  RegisterRoutingRoutes(router_, api);
  RegisterTemplateRoutes(router_, api);
  RegisterEventRoutes(router_, api);
  RegisterPublicRoutes(router_, api);
  RegisterMapRoutes(router_, api);
  RegisterOpenApiRoutes(router_);
  router_.Get("/metrics", Endpoint([this](const Request& request,
                                          Response& response) { HandleMetrics(request, response); },
                                   true, false));
}

void ApiRoutes::HandleMetrics(const Request& request, Response& response) const {
  auto who = AuthenticateRequest(*api_, request);
  if (!who.ok()) return SendError(response, who.status());
  response.caller_id = who->user_id;
  if (who->role != domain::Role::kAdmin) {
    return SendError(response, core::Status::Denied("metrics are for admins"));
  }
  RenderMetrics(response);
}

Response ApiRoutes::HandleMetricsListener(Request& request) const {
  Response response;
  if (request.method == "GET" && request.path == "/metrics") {
    request.route = "/metrics";
    RenderMetrics(response);
  } else {
    response = ErrorResponse(404, "not_found", "this address serves GET /metrics only");
  }
  AddSecurityHeaders(request, response);
  return response;
}

bool ApiRoutes::AllowedOrigin(const Request& request) const {
  const std::string origin = request.get_header_value("Origin");
  return !origin.empty() && std::find(options_.cors_origins.begin(), options_.cors_origins.end(),
                                      origin) != options_.cors_origins.end();
}

void ApiRoutes::AddCorsHeaders(const Request& request, Response& response) const {
  if (options_.cors_origins.empty()) return;
  response.set_header("Vary", "Origin");
  if (!AllowedOrigin(request)) return;
  response.set_header("Access-Control-Allow-Origin", request.get_header_value("Origin"));
  response.set_header("Access-Control-Expose-Headers",
                      "X-Request-Id, Location, Retry-After, Content-Disposition");
}

void ApiRoutes::RenderMetrics(Response& response) const {
  std::string text = metrics_.Render();
  auto gauge = [&text](const char* name, const char* help, long long value) {
    text += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " gauge\n" + name +
            " " + std::to_string(value) + "\n";
  };
  if (open_connections_) {
    gauge("closeloop_http_open_connections", "Open client connections.",
          static_cast<long long>(open_connections_()));
  }
  if (options_.live_feed) {
    gauge("closeloop_event_streams", "Open event streams (GET /api/v1/events).",
          static_cast<long long>(options_.live_feed->Readers()));
  }
  if (domain::StoreAdmin* store = options_.store_admin) {
    const domain::StoreGauges g = store->Gauges(api_->ctx.clock.Now());
    gauge("closeloop_analysis_backlog", "Complaints not analysed yet.", g.unanalysed);
    gauge("closeloop_jobs_due", "Jobs due now or running.", g.due_jobs);
    gauge("closeloop_outbox_queued", "Mails queued for delivery.", g.queued_mail);
    gauge("closeloop_store_wal_bytes", "Size of the store's write-ahead log.",
          static_cast<long long>(store->LogBytes()));
    text +=
        "# HELP closeloop_store_checkpoints_total Checkpoints run by the store's upkeep.\n"
        "# TYPE closeloop_store_checkpoints_total counter\ncloseloop_store_checkpoints_total " +
        std::to_string(store->Checkpoints()) + "\n";
  }
  response.set_content(std::move(text), "text/plain; version=0.0.4; charset=utf-8");
}

ApiRoutes::~ApiRoutes() = default;

std::optional<Response> ApiRoutes::CheckHead(Request& head,
                                             std::optional<std::size_t> content_length,
                                             std::size_t& body_limit, bool& long_running) const {
  bool path_known = false;
  const Endpoint* endpoint = router_.Find(head, path_known);
  long_running = endpoint && endpoint->takes_upload;
  body_limit =
      endpoint && endpoint->takes_upload ? options_.max_upload_bytes : options_.max_body_bytes;
  if (content_length && *content_length > body_limit) {
    Response refused = ErrorResponse(
        413, "payload_too_large", "request body exceeds " + std::to_string(body_limit) + " bytes");
    AddSecurityHeaders(head, refused);
    metrics_.Started();
    metrics_.Finished(head.method, head.route.empty() ? "unmatched" : head.route, 413, 0);
    return refused;
  }
  const bool large = !content_length || *content_length > kReadBeforeAuthBytes;
  if (endpoint && endpoint->needs_credential && large) {
    const std::string credential = CredentialOf(head);
    core::Status refused =
        credential.empty()
            ? core::Status::Unauthenticated("send Authorization: Bearer <token> or X-API-Key")
            : api_->authenticate.Execute(credential).status();
    if (!refused.ok()) {
      Response response;
      SendError(response, refused);
      AddSecurityHeaders(head, response);
      metrics_.Started();
      metrics_.Finished(head.method, head.route, response.status, 0);
      return response;
    }
  }
  return std::nullopt;
}

Response ApiRoutes::Handle(Request& request) const {
  const auto started = std::chrono::steady_clock::now();
  metrics_.Started();
  const std::string request_id = RequestIdOf(request.get_header_value("X-Request-Id"));
  Response response = Route(request);
  response.set_header("X-Request-Id", request_id);
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
  const std::string& route = request.route.empty() ? kUnmatched : request.route;
  metrics_.Finished(request.method, route, response.status, took.count());
  if (options_.access_log) {
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    options_.access_log->Write({std::chrono::duration_cast<std::chrono::milliseconds>(now).count(),
                                request_id, request.method, route, response.status, took.count(),
                                response.caller_id});
  }
  return response;
}

Response ApiRoutes::Route(Request& request) const {
  Response response;
  // A browser's preflight from an allowed origin: which methods and headers it may send.
  if (request.method == "OPTIONS" && request.has_header("Access-Control-Request-Method") &&
      AllowedOrigin(request)) {
    response.status = 204;
    response.set_header("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE");
    response.set_header("Access-Control-Allow-Headers",
                        "Authorization, Content-Type, Idempotency-Key, X-Request-Id, "
                        "Last-Event-ID, X-API-Key, X-Personal-Data");
    response.set_header("Access-Control-Max-Age", "600");
    AddCorsHeaders(request, response);
    AddSecurityHeaders(request, response);
    return response;
  }
  if (web_app_ && WebApp::Serves(request)) {
    request.route = "/(web)";
    web_app_->Respond(request, response);
    response.set_header("X-Content-Type-Options", "nosniff");
    return response;
  }
  try {
    if (request.method == "GET") {
      core::Status params = CheckQueryParams(request.path, request.params);
      if (!params.ok()) {
        SendError(response, params);
        AddSecurityHeaders(request, response);
        return response;
      }
    }
    bool path_known = false;
    const Endpoint* endpoint = router_.Find(request, path_known);
    if (endpoint) {
      endpoint->handler(request, response);
    } else if (path_known) {
      response = ErrorResponse(405, "method_not_allowed",
                               request.method + " is not served at " + request.path);
    } else {
      response = ErrorResponse(404, "not_found", "no such endpoint");
    }
  } catch (const std::exception& e) {
    response = Response{};
    SendError(response, core::Status::Internal(e.what()));
  }
  AddCorsHeaders(request, response);
  AddSecurityHeaders(request, response);
  return response;
}

}  // namespace closeloop::http
