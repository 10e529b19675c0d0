#include "http/handlers/handler_support.h"

#include <cstdio>
#include <exception>

#include "core/time_format.h"
#include "http/json_reader.h"

namespace closeloop::http {

using core::Status;
using core::StatusCode;
using json = nlohmann::ordered_json;
namespace d = domain;

// Marked by ParseJsonObject; a field that happens to be named "body" (a note's) is not.
bool IsMalformedJson(const Status& status) {
  return status.code() == StatusCode::kInvalidArgument && !status.details().empty() &&
         status.details().front() == "malformed_json";
}

int HttpStatusOf(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk:
      return 200;
    case StatusCode::kInvalidArgument:
      // A body that is not JSON at all (or JSON we cannot read: a number out of range, a key
      // given twice) is a 400, naming the field where it can; a field that is wrong is a 422.
      return IsMalformedJson(status) ? 400 : 422;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kConflict:
    case StatusCode::kInvalidTransition:
      return 409;
    case StatusCode::kUnauthenticated:
      return 401;
    case StatusCode::kPermissionDenied:
      return 403;
    case StatusCode::kTooLarge:
      return 413;
    case StatusCode::kRateLimited:
      return 429;
    case StatusCode::kInternal:
      return 500;
  }
  return 500;
}

void SendJson(Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace),
                  "application/json; charset=utf-8");
}

void SendError(Response& res, const Status& status) {
  std::string code = core::StatusCodeName(status.code());
  if (IsMalformedJson(status)) code = "malformed_json";
  json error = {{"code", code}, {"message", status.message()}};
  if (!status.field().empty()) error["field"] = status.field();
  if (status.code() == StatusCode::kInvalidTransition) error["allowed"] = status.details();
  if (status.code() == StatusCode::kInternal) {
    std::fprintf(stderr, "internal error: %s\n", status.message().c_str());
    error["message"] = "internal error";
  }
  if (status.code() == StatusCode::kRateLimited && !status.details().empty()) {
    res.set_header("Retry-After", status.details().front());
  }
  if (status.code() == StatusCode::kUnauthenticated) {
    res.set_header("WWW-Authenticate", "Bearer");
  }
  SendJson(res, HttpStatusOf(status), {{"error", error}});
}

core::Result<json> BodyObject(const Request& req) { return ParseJsonObject(req.body); }

Status OnlyKnownParams(const Request& req, std::initializer_list<const char*> known) {
  for (const auto& [name, value] : req.params) {
    bool ok = false;
    for (const char* k : known) ok = ok || name == k;
    if (!ok) {
      std::string list;
      for (const char* k : known) list += (list.empty() ? "" : ", ") + std::string(k);
      return Status::Invalid(name, "unknown query parameter '" + name + "'" +
                                       (list.empty() ? "" : "; known: " + list));
    }
  }
  return Status::Ok();
}

Status IntParam(const Request& req, const char* name, std::int64_t& out, std::int64_t min,
                std::int64_t max) {
  if (!req.has_param(name)) return Status::Ok();
  const std::string text = req.get_param_value(name);
  if (text.empty() || text.size() > 18 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    return Status::Invalid(name, std::string(name) + " must be a whole number");
  }
  const std::int64_t v = std::stoll(text);
  if (v < min || v > max) {
    return Status::Invalid(
        name, std::string(name) + " must be " + std::to_string(min) + "-" + std::to_string(max));
  }
  out = v;
  return Status::Ok();
}

Status TimeParam(const Request& req, const char* name, std::optional<core::UnixMillis>& out) {
  if (!req.has_param(name)) return Status::Ok();
  auto value = core::ParseIso8601(req.get_param_value(name));
  if (!value) return Status::Invalid(name, std::string(name) + " must be an ISO 8601 date or time");
  out = *value;
  return Status::Ok();
}

Status BoolParam(const Request& req, const char* name, bool& out) {
  if (!req.has_param(name)) return Status::Ok();
  const std::string v = req.get_param_value(name);
  if (v != "true" && v != "false") {
    return Status::Invalid(name, std::string(name) + " must be true or false");
  }
  out = v == "true";
  return Status::Ok();
}

Status OneOfParam(const Request& req, const char* name, std::initializer_list<const char*> allowed,
                  std::string& out) {
  if (!req.has_param(name)) return Status::Ok();
  const std::string v = req.get_param_value(name);
  std::string list;
  for (const char* a : allowed) {
    if (v == a) {
      out = v;
      return Status::Ok();
    }
    list += (list.empty() ? "" : ", ") + std::string(a);
  }
  return Status::Invalid(name, std::string(name) + ": unknown value '" + v + "'; one of " + list);
}

core::Result<std::string> TextBody(const Request& req) {
  return ParseBody(req, [](const json& body) -> core::Result<std::string> {
    JsonReader r(body);
    CL_RETURN_IF_ERROR(r.OnlyKnown({"text"}));
    CL_RETURN_IF_ERROR(r.Required("text"));
    std::string text;
    CL_RETURN_IF_ERROR(r.String("text", text));
    return text;
  });
}

std::string CredentialOf(const Request& req) {
  std::string auth = req.get_header_value("Authorization");
  const std::string bearer = "Bearer ";
  if (auth.size() > bearer.size() && auth.compare(0, bearer.size(), bearer) == 0) {
    return auth.substr(bearer.size());
  }
  return req.get_header_value("X-API-Key");
}

core::Result<domain::Principal> AuthenticateRequest(Api& api, const Request& req) {
  const std::string credential = CredentialOf(req);
  if (credential.empty()) {
    return Status::Unauthenticated("send Authorization: Bearer <token> or X-API-Key");
  }
  auto principal = api.authenticate.Execute(credential);
  if (principal.ok() && req.get_header_value("X-Personal-Data") == "masked") {
    principal->masked = true;
  }
  return principal;
}

namespace {

void Finish(Response& res, const core::Result<Reply>& reply) {
  if (reply.ok()) {
    for (const auto& [name, value] : reply->headers) res.set_header(name, value);
  }
  if (!reply.ok()) {
    SendError(res, reply.status());
  } else if (reply->status == 204) {
    res.status = 204;
  } else if (reply->text) {
    res.status = reply->status;
    res.set_content(*reply->text, reply->content_type);
  } else {
    SendJson(res, reply->status, reply->body);
  }
}

}  // namespace

Status JsonTooLarge(std::size_t limit) {
  return Status::TooLarge("request body exceeds " + std::to_string(limit) + " bytes");
}

Endpoint Authed(Api& api, AuthedHandler handler) {
  Endpoint e =
      AuthedUpload(api,
                   [&api, handler = std::move(handler)](
                       const Request& req, const d::Principal& who) -> core::Result<Reply> {
                     if (req.body.size() > api.max_json_bytes)
                       return JsonTooLarge(api.max_json_bytes);
                     return handler(req, who);
                   });
  e.takes_upload = false;
  return e;
}

Endpoint AuthedUpload(Api& api, AuthedHandler handler) {
  Handler run = [&api, handler = std::move(handler)](const Request& req, Response& res) {
    try {
      auto principal = AuthenticateRequest(api, req);
      if (!principal.ok()) {
        SendError(res, principal.status());
        return;
      }
      res.caller_id = principal->user_id;
      Finish(res, handler(req, principal.value()));
    } catch (const std::exception& e) {
      SendError(res, Status::Internal(e.what()));
    }
  };
  return Endpoint(std::move(run), true, true);
}

Endpoint Public(PublicHandler handler) {
  return [handler = std::move(handler)](const Request& req, Response& res) {
    try {
      if (req.body.size() > kDefaultMaxJsonBytes) {
        SendError(res, JsonTooLarge(kDefaultMaxJsonBytes));
        return;
      }
      Finish(res, handler(req));
    } catch (const std::exception& e) {
      SendError(res, Status::Internal(e.what()));
    }
  };
}

std::string BodyFingerprint(const nlohmann::ordered_json& body) {
  // nlohmann::json keeps object keys sorted.
  const std::string canonical = nlohmann::json(body).dump();
  std::uint64_t hash = 1469598103934665603ULL;  // FNV-1a 64
  for (unsigned char ch : canonical) {
    hash ^= ch;
    hash *= 1099511628211ULL;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(hash));
  return buf;
}

}  // namespace closeloop::http
