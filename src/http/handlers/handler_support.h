// What the route handlers share: the use cases, authentication, and one way to turn a Status
// or a result into an HTTP response. Private to http/.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/status.h"
#include "domain/complaint/complaint_actions.h"
#include "domain/complaint/complaint_queries.h"
#include "domain/complaint/create_complaint.h"
#include "domain/customer360/customers.h"
#include "domain/intake/webhook_intake.h"
#include "domain/org/admin.h"
#include "domain/org/auth.h"
#include "domain/publicdesk/public_desk.h"
#include "http/message.h"
#include "http/router.h"

namespace closeloop::domain {
class LiveFeed;
}

namespace closeloop::http {

constexpr std::size_t kDefaultMaxJsonBytes = 1 << 20;

// The use cases the API exposes, built once per server.
struct Api {
  explicit Api(const domain::Context& c, domain::PublicDeskLimits desk_limits = {})
      : ctx(c),
        create(c),
        get(c),
        list(c),
        history(c),
        notes(c),
        transition(c),
        update(c),
        assign(c),
        escalate(c),
        add_note(c),
        login(c),
        authenticate(c),
        logout(c),
        api_keys(c),
        users(c),
        teams(c),
        reference(c),
        lifecycle(c),
        customers(c),
        intake(c),
        public_desk(c, create, desk_limits) {}
  const domain::Context& ctx;
  domain::LiveFeed* live_feed = nullptr;              // GET /api/v1/events; null: 503
  std::size_t max_json_bytes = kDefaultMaxJsonBytes;  // JSON bodies; uploads may be larger
  domain::CreateComplaint create;
  domain::GetComplaint get;
  domain::ListComplaints list;
  domain::GetComplaintHistory history;
  domain::ListNotes notes;
  domain::TransitionComplaint transition;
  domain::UpdateComplaint update;
  domain::AssignComplaint assign;
  domain::EscalateComplaint escalate;
  domain::AddNote add_note;
  domain::Login login;
  domain::Authenticate authenticate;
  domain::Logout logout;
  domain::ManageApiKeys api_keys;
  domain::ManageUsers users;
  domain::ManageTeams teams;
  domain::GetReferenceData reference;
  domain::ManageLifecycle lifecycle;
  domain::ManageCustomers customers;
  domain::WebhookIntake intake;
  domain::PublicDesk public_desk;
};

struct Reply {
  int status = 200;
  nlohmann::ordered_json body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra response headers
  // Set: the body is this text of this Content-Type (a CSV export) instead of `body`.
  std::optional<std::string> text;
  std::string content_type;
};

// The single mapping from domain Status codes to HTTP status codes.
int HttpStatusOf(const core::Status& status);
void SendError(Response& res, const core::Status& status);
void SendJson(Response& res, int status, const nlohmann::ordered_json& body);

// A Reply from a Result: the value through `to_json` with `ok_status`, or the error.
template <typename T, typename ToJsonFn>
core::Result<Reply> ReplyOf(core::Result<T> result, int ok_status, ToJsonFn to_json) {
  if (!result.ok()) return result.status();
  return Reply{ok_status, to_json(result.value())};
}

using AuthedHandler = std::function<core::Result<Reply>(const Request&, const domain::Principal&)>;
using PublicHandler = std::function<core::Result<Reply>(const Request&)>;

// Wraps a handler: authenticates (Authorization: Bearer <token> or X-API-Key), runs it,
// catches anything thrown and writes the reply or the error.
Endpoint Authed(Api& api, AuthedHandler handler);
Endpoint Public(PublicHandler handler);
// Like Authed, for endpoints that take files: the body may exceed the JSON limit, up to the
// server's upload limit.
Endpoint AuthedUpload(Api& api, AuthedHandler handler);

// Parses the request body as a JSON object (400 when malformed).
core::Result<nlohmann::ordered_json> BodyObject(const Request& req);
// The body as a JSON object, turned into a use-case input by `parse` (which returns a Result).
template <typename Parse>
auto ParseBody(const Request& req, Parse parse)
    -> decltype(parse(std::declval<const nlohmann::ordered_json&>())) {
  auto body = BodyObject(req);
  if (!body.ok()) return body.status();
  return parse(*body);
}

// Query parameters must be known: a misspelt one (?stauts=) is a 422 naming it, never ignored.
core::Status OnlyKnownParams(const Request& req, std::initializer_list<const char*> known);
// An optional integer query parameter within [min, max] (422 naming it otherwise).
core::Status IntParam(const Request& req, const char* name, std::int64_t& out, std::int64_t min,
                      std::int64_t max);

// An optional ISO 8601 date or time query parameter (422 naming it otherwise).
core::Status TimeParam(const Request& req, const char* name, std::optional<core::UnixMillis>& out);
// An optional true/false query parameter (422 naming it for anything else).
core::Status BoolParam(const Request& req, const char* name, bool& out);
// An optional parameter that must be one of `allowed` (422 naming it and listing them).
core::Status OneOfParam(const Request& req, const char* name,
                        std::initializer_list<const char*> allowed, std::string& out);

// An Idempotency-Key's fingerprint of a body: of its meaning, not its bytes (keys in any order
// and any spacing give one fingerprint).
std::string BodyFingerprint(const nlohmann::ordered_json& body);

// A body of exactly {"text": "…"} (rules and other configuration written as text).
core::Result<std::string> TextBody(const Request& req);

// A complaint by id or reference number; routes append their sub-paths.
inline constexpr const char* kComplaintPath = R"(/api/v1/complaints/([^/]+))";
// The bearer token or API key of a request, or empty.
std::string CredentialOf(const Request& req);
// The caller of a request by its credential (401 when it has none or a bad one); with the header
// `X-Personal-Data: masked` personal data is masked for them whatever their role.
core::Result<domain::Principal> AuthenticateRequest(Api& api, const Request& req);

void RegisterAuthRoutes(Router& router, Api& api);
void RegisterComplaintRoutes(Router& router, Api& api);
void RegisterCustomerRoutes(Router& router, Api& api);
void RegisterAdminRoutes(Router& router, Api& api);
void RegisterIntakeRoutes(Router& router, Api& api);
void RegisterTraceRoutes(Router& router, Api& api);
void RegisterKnowledgeRoutes(Router& router, Api& api);
void RegisterSurveyRoutes(Router& router, Api& api);
void RegisterSurveyPageRoutes(Router& router, Api& api);
void RegisterImprovementRoutes(Router& router, Api& api);
void RegisterCampaignRoutes(Router& router, Api& api);
void RegisterAnalyticsRoutes(Router& router, Api& api);
void RegisterAnalysisRoutes(Router& router, Api& api);
void RegisterModelRoutes(Router& router, Api& api);
void RegisterSlaRoutes(Router& router, Api& api);
void RegisterTaskRoutes(Router& router, Api& api);
void RegisterRoutingRoutes(Router& router, Api& api);
void RegisterTemplateRoutes(Router& router, Api& api);
void RegisterEventRoutes(Router& router, Api& api);
void RegisterPublicRoutes(Router& router, Api& api);
void RegisterMapRoutes(Router& router, Api& api);
void RegisterOpenApiRoutes(Router& router);

}  // namespace closeloop::http
