// The public desk, without login: POST /api/v1/public/complaints (the web form) and
// POST /api/v1/public/status (a complaint's status by reference and the customer's contact).
#include "core/time_format.h"
#include "domain/model/enums.h"
#include "http/handlers/handler_support.h"
#include "http/json_reader.h"

namespace closeloop::http {

using core::Status;
using json = nlohmann::ordered_json;
namespace d = domain;

void RegisterPublicRoutes(Router& router, Api& api) {
  router.Post(
      "/api/v1/public/complaints", Public([&api](const Request& req) -> core::Result<Reply> {
        auto body = BodyObject(req);
        if (!body.ok()) return body.status();
        JsonReader r(body.value());
        CL_RETURN_IF_ERROR(
            r.OnlyKnown({"description", "name", "phone", "email", "order_ref", "language"}));
        CL_RETURN_IF_ERROR(r.Required("description"));
        d::PublicComplaint in;
        std::string language;
        CL_RETURN_IF_ERROR(r.String("description", in.description));
        CL_RETURN_IF_ERROR(r.String("name", in.name));
        CL_RETURN_IF_ERROR(r.String("phone", in.phone));
        CL_RETURN_IF_ERROR(r.String("email", in.email));
        CL_RETURN_IF_ERROR(r.String("order_ref", in.order_ref));
        CL_RETURN_IF_ERROR(r.String("language", language));
        const std::string key = req.get_header_value("Idempotency-Key");
        if (key.size() > 200) {
          return Status::Invalid("Idempotency-Key", "Idempotency-Key has over 200 characters");
        }
        auto receipt = api.public_desk.File(std::move(in), key, BodyFingerprint(body.value()),
                                            req.remote_addr);
        if (!receipt.ok()) return receipt.status();
        return Reply{201,
                     {{"reference", receipt->reference},
                      {"status", d::ToString(receipt->status)},
                      {"received_at", core::FormatIso8601(receipt->received_at)}}};
      }));

  router.Post(
      "/api/v1/public/status", Public([&api](const Request& req) -> core::Result<Reply> {
        auto body = BodyObject(req);
        if (!body.ok()) return body.status();
        JsonReader r(body.value());
        CL_RETURN_IF_ERROR(r.OnlyKnown({"reference", "contact"}));
        CL_RETURN_IF_ERROR(r.Required("reference"));
        CL_RETURN_IF_ERROR(r.Required("contact"));
        std::string reference, contact;
        CL_RETURN_IF_ERROR(r.String("reference", reference));
        CL_RETURN_IF_ERROR(r.String("contact", contact));
        auto status = api.public_desk.Lookup(reference, contact, req.remote_addr);
        if (!status.ok()) return status.status();
        json timeline = json::array(), replies = json::array();
        for (const auto& [moved_to, at] : status->timeline) {
          timeline.push_back({{"status", d::ToString(moved_to)}, {"at", core::FormatIso8601(at)}});
        }
        for (const auto& [at, text] : status->replies) {
          replies.push_back({{"at", core::FormatIso8601(at)}, {"body", text}});
        }
        return Reply{200,
                     {{"reference", status->reference},
                      {"status", d::ToString(status->status)},
                      {"received_at", core::FormatIso8601(status->received_at)},
                      {"timeline", std::move(timeline)},
                      {"replies", std::move(replies)},
                      {"survey_url",
                       status->survey_url.empty() ? json(nullptr) : json(status->survey_url)}}};
      }));
}

}  // namespace closeloop::http
