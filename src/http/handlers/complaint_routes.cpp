// /api/v1/complaints and its sub-resources (transitions, notes, history, assign, escalate).
#include <cstdio>

#include "core/text.h"
#include "core/time_format.h"
#include "domain/complaint/entities.h"
#include "domain/complaint/repository.h"
#include "domain/intake/mail.h"
#include "domain/model/ids.h"
#include "http/handlers/complaints_json.h"
#include "http/handlers/customers_json.h"
#include "http/handlers/handler_support.h"
#include "http/json_reader.h"

namespace closeloop::http {

using core::Status;
using json = nlohmann::ordered_json;
namespace d = domain;

namespace {

Status IdParam(const Request& req, const char* name, std::optional<d::Id>& out) {
  if (!req.has_param(name)) return Status::Ok();
  std::string text = req.get_param_value(name);
  if (text.empty() || text.size() > 18 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    return Status::Invalid(name, std::string(name) + " must be a positive integer id");
  }
  out = std::stoll(text);
  return Status::Ok();
}

template <typename E, typename Parse>
Status EnumParam(const Request& req, const char* name, std::optional<E>& out, Parse parse) {
  if (!req.has_param(name)) return Status::Ok();
  auto value = parse(req.get_param_value(name));
  if (!value)
    return Status::Invalid(
        name, std::string(name) + ": unknown value '" + req.get_param_value(name) + "'");
  out = *value;
  return Status::Ok();
}

core::Result<d::ComplaintQuery> ParseListQuery(const Request& req, const d::Principal& who) {
  d::ComplaintQuery q;
  if (req.has_param("status")) {
    for (const std::string& name : core::Split(req.get_param_value("status"), ',')) {
      auto status = d::ParseComplaintStatus(name);
      if (!status) return Status::Invalid("status", "status: unknown value '" + name + "'");
      q.statuses.push_back(*status);
    }
  }
  CL_RETURN_IF_ERROR(EnumParam(req, "type", q.type, d::ParseComplaintType));
  if (req.has_param("category")) q.category = req.get_param_value("category");
  CL_RETURN_IF_ERROR(IdParam(req, "team_id", q.team_id));
  if (req.get_param_value("assignee_id") == "me") {
    q.assignee_id = who.user_id;
  } else {
    CL_RETURN_IF_ERROR(IdParam(req, "assignee_id", q.assignee_id));
  }
  CL_RETURN_IF_ERROR(IdParam(req, "region_id", q.region_id));
  CL_RETURN_IF_ERROR(IdParam(req, "customer_id", q.customer_id));
  CL_RETURN_IF_ERROR(EnumParam(req, "channel", q.channel, d::ParseChannel));
  CL_RETURN_IF_ERROR(EnumParam(req, "priority", q.priority, d::ParsePriority));
  if (req.has_param("escalated")) {
    std::string v = req.get_param_value("escalated");
    if (v != "true" && v != "false")
      return Status::Invalid("escalated", "escalated must be true or false");
    q.escalated = v == "true";
  }
  CL_RETURN_IF_ERROR(TimeParam(req, "from", q.received_from));
  CL_RETURN_IF_ERROR(TimeParam(req, "to", q.received_to));
  if (req.has_param("q")) q.text = req.get_param_value("q");
  if (req.has_param("sla")) {
    for (const std::string& state : core::Split(req.get_param_value("sla"), ',')) {
      if (state != "ok" && state != "at_risk" && state != "breached" && state != "paused") {
        return Status::Invalid(
            "sla", "sla: unknown value '" + state + "'; one of ok, at_risk, breached, paused");
      }
      q.sla_states.push_back(state);
    }
  }
  bool triage = false;
  CL_RETURN_IF_ERROR(BoolParam(req, "triage", triage));
  q.triage = triage;
  std::string sort = "received";
  CL_RETURN_IF_ERROR(OneOfParam(req, "sort", {"received", "sla_due"}, sort));
  q.sort_by_sla = sort == "sla_due";
  if (req.has_param("limit")) {
    std::string v = req.get_param_value("limit");
    if (v.empty() || v.size() > 4 || v.find_first_not_of("0123456789") != std::string::npos) {
      return Status::Invalid("limit", "limit must be between 1 and 200");
    }
    q.limit = std::stoi(v);
  }
  return q;
}

json ViewJson(const d::ComplaintView& v) { return ToJson(v); }

}  // namespace

void RegisterComplaintRoutes(Router& router, Api& api) {
  router.Post(
      "/api/v1/complaints",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        auto body = BodyObject(req);
        if (!body.ok()) return body.status();
        auto input = ParseNewComplaint(body.value());
        if (!input.ok()) return input.status();
        std::optional<d::IdempotencyRequest> idempotency;
        if (req.has_header("Idempotency-Key")) {
          idempotency = d::IdempotencyRequest{req.get_header_value("Idempotency-Key"),
                                              BodyFingerprint(body.value())};
        }
        auto outcome = api.create.Execute(who, std::move(input.value()), idempotency);
        if (!outcome.ok()) return outcome.status();
        Reply reply{201, ToJson(outcome->view)};
        // A retry gets the first answer, and is told so.
        if (outcome->replayed) reply.headers.emplace_back("Idempotent-Replayed", "true");
        return reply;
      }));

  router.Get(
      "/api/v1/complaints",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        auto query = ParseListQuery(req, who);
        if (!query.ok()) return query.status();
        auto page = api.list.Execute(who, std::move(query.value()), req.get_param_value("cursor"));
        if (!page.ok()) return page.status();
        json items = json::array();
        for (const auto& view : page->items) items.push_back(ToJson(view));
        return Reply{
            200,
            {{"items", std::move(items)},
             {"next_cursor", page->next_cursor.empty() ? json(nullptr) : json(page->next_cursor)}}};
      }));

  router.Get(kComplaintPath, Authed(api, [&api](const Request& req, const d::Principal& who) {
               return ReplyOf(api.get.Execute(who, req.matches[1]), 200, ViewJson);
             }));

  router.Patch(
      kComplaintPath,
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        auto body = BodyObject(req);
        if (!body.ok()) return body.status();
        auto patch = ParseComplaintPatch(body.value());
        if (!patch.ok()) return patch.status();
        return ReplyOf(api.update.Execute(who, req.matches[1], std::move(patch.value())), 200,
                       ViewJson);
      }));

  router.Post(
      std::string(kComplaintPath) + "/transitions",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        auto body = BodyObject(req);
        if (!body.ok()) return body.status();
        auto request = ParseTransition(body.value());
        if (!request.ok()) return request.status();
        return ReplyOf(api.transition.Execute(who, req.matches[1], request.value()), 200, ViewJson);
      }));

  router.Post(
      std::string(kComplaintPath) + "/assign",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        auto body = BodyObject(req);
        if (!body.ok()) return body.status();
        auto request = ParseAssign(body.value());
        if (!request.ok()) return request.status();
        return ReplyOf(api.assign.Execute(who, req.matches[1], request.value()), 200, ViewJson);
      }));

  router.Post(
      std::string(kComplaintPath) + "/escalate",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        auto body = BodyObject(req);
        if (!body.ok()) return body.status();
        JsonReader r(body.value());
        CL_RETURN_IF_ERROR(r.OnlyKnown({"note"}));
        std::string note;
        CL_RETURN_IF_ERROR(r.String("note", note));
        return ReplyOf(api.escalate.Execute(who, req.matches[1], note), 200, ViewJson);
      }));

  // Raw bytes, so not through Authed's JSON reply: errors still use the JSON error format.
  router.Get(std::string(kComplaintPath) + R"(/attachments/(\d{1,18}))", [&api](const Request& req,
                                                                                Response& res) {
    try {
      auto who = api.authenticate.Execute(CredentialOf(req));
      if (!who.ok()) return SendError(res, who.status());
      auto a = d::GetAttachment(api.ctx).Execute(*who, req.matches[1], std::stoll(req.matches[2]));
      if (!a.ok()) return SendError(res, a.status());
      res.status = 200;
      res.set_header("Content-Disposition",
                     "attachment; filename*=UTF-8''" + EncodeUrl(a->filename));
      res.set_header("X-Content-Type-Options", "nosniff");
      res.set_content(a->content, "application/octet-stream");
    } catch (const std::exception& e) {
      SendError(res, core::Status::Internal(e.what()));
    }
  });

  router.Get(std::string(kComplaintPath) + "/notes",
             Authed(api, [&api](const Request& req, const d::Principal& who) {
               return ReplyOf(api.notes.Execute(who, req.matches[1]), 200,
                              [](const std::vector<d::Note>& notes) {
                                json items = json::array();
                                for (const auto& n : notes) items.push_back(ToJson(n));
                                return json{{"items", items}};
                              });
             }));

  router.Post(
      std::string(kComplaintPath) + "/notes",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        auto body = BodyObject(req);
        if (!body.ok()) return body.status();
        JsonReader r(body.value());
        CL_RETURN_IF_ERROR(r.OnlyKnown({"body", "visibility"}));
        CL_RETURN_IF_ERROR(r.Required("body"));
        std::string text;
        std::optional<d::NoteVisibility> visibility;
        CL_RETURN_IF_ERROR(r.String("body", text));
        CL_RETURN_IF_ERROR(r.Enum("visibility", visibility, d::ParseNoteVisibility));
        return ReplyOf(
            api.add_note.Execute(who, req.matches[1],
                                 visibility.value_or(d::NoteVisibility::kInternal), text),
            201, [](const d::Note& n) { return ToJson(n); });
      }));

  router.Get(std::string(kComplaintPath) + "/history",
             Authed(api, [&api](const Request& req, const d::Principal& who) {
               return ReplyOf(api.history.Execute(who, req.matches[1]), 200,
                              [](const std::vector<d::ComplaintEvent>& events) {
                                json items = json::array();
                                for (const auto& e : events) items.push_back(ToJson(e));
                                return json{{"items", items}};
                              });
             }));
}

}  // namespace closeloop::http
