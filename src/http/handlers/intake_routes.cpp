// Webhook intake: POST /api/v1/intake/{source} (signed, no bearer token) and the admin API for
// sources, /api/v1/intake-sources.
#include <cstdint>

#include "core/time_format.h"
#include "domain/complaint/entities.h"
#include "domain/intake/entities.h"
#include "domain/intake/webhook_intake.h"
#include "domain/model/ids.h"
#include "domain/notify/customer_delivery.h"
#include "http/handlers/complaints_json.h"
#include "http/handlers/handler_support.h"
#include "http/json_reader.h"

namespace closeloop::http {

using core::Status;
using json = nlohmann::ordered_json;
namespace d = domain;

namespace {

// Builds a complaint request body from a platform payload through the source's mapping.
// Absent pointers leave the field out; numbers become text for text fields.
json MapPayload(const d::IntakeSource& source, const json& payload) {
  json out = json::object();
  out["channel"] = d::ToString(source.channel);
  for (const auto& [field, pointer] : source.mapping) {
    json value;
    try {
      json::json_pointer ptr(pointer);
      if (!payload.contains(ptr)) continue;
      value = payload.at(ptr);
    } catch (const json::exception&) {
      continue;
    }
    if (value.is_null()) continue;
    const bool numeric_field = field == "amount_claimed" || field == "order_amount" ||
                               field == "product_id" || field == "store_id";
    if (!numeric_field && value.is_number()) value = value.dump();
    size_t dot = field.find('.');
    if (dot == std::string::npos) {
      out[field] = value;
    } else {
      out[field.substr(0, dot)][field.substr(dot + 1)] = value;
    }
  }
  return out;
}

json SourceJson(const d::IntakeSource& s) {
  json mapping = json::object();
  for (const auto& [field, pointer] : s.mapping) mapping[field] = pointer;
  json out = {{"id", s.id},
              {"name", s.name},
              {"channel", d::ToString(s.channel)},
              {"user_id", s.user_id},
              {"mapping", mapping},
              {"active", s.active},
              {"delivery_url", s.delivery_url.empty() ? json(nullptr) : json(s.delivery_url)},
              {"created_at", core::FormatIso8601(s.created_at)}};
  if (!s.secret.empty()) out["secret"] = s.secret;  // only when just created
  return out;
}

}  // namespace

void RegisterIntakeRoutes(Router& router, Api& api) {
  router.Post(R"(/api/v1/intake/([a-z0-9_-]{1,40}))",
              Public([&api](const Request& req) -> core::Result<Reply> {
                auto source = api.intake.Authenticate(
                    req.matches[1], req.body, req.get_header_value("X-Closeloop-Signature"));
                if (!source.ok()) return source.status();
                auto payload = ParseJsonObject(req.body);
                if (!payload.ok()) return payload.status();
                auto input = ParseNewComplaint(MapPayload(source.value(), payload.value()));
                if (!input.ok()) return input.status();
                auto outcome = api.intake.File(source.value(), std::move(input.value()));
                if (!outcome.ok()) return outcome.status();
                const d::Complaint& c = outcome->view.complaint;
                return Reply{outcome->replayed ? 200 : 201,
                             {{"id", c.id},
                              {"reference", c.reference},
                              {"status", d::ToString(c.status)},
                              {"replayed", outcome->replayed}}};
              }));

  router.Get("/api/v1/intake-sources", Authed(api, [&api](const Request&, const d::Principal& who) {
               return ReplyOf(api.intake.ListSources(who), 200,
                              [](const std::vector<d::IntakeSource>& sources) {
                                json items = json::array();
                                for (const auto& s : sources) items.push_back(SourceJson(s));
                                return json{{"items", items}};
                              });
             }));

  router.Post(
      "/api/v1/intake-sources",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        auto body = BodyObject(req);
        if (!body.ok()) return body.status();
        JsonReader r(body.value());
        CL_RETURN_IF_ERROR(r.OnlyKnown({"name", "channel", "user_id", "mapping", "delivery_url"}));
        CL_RETURN_IF_ERROR(r.Required("name"));
        CL_RETURN_IF_ERROR(r.Required("user_id"));
        CL_RETURN_IF_ERROR(r.Required("mapping"));
        d::IntakeSource source;
        std::optional<d::Channel> channel;
        std::optional<d::Id> user_id;
        CL_RETURN_IF_ERROR(r.String("name", source.name));
        CL_RETURN_IF_ERROR(r.String("delivery_url", source.delivery_url));
        CL_RETURN_IF_ERROR(r.Enum("channel", channel, d::ParseChannel));
        CL_RETURN_IF_ERROR(r.Id("user_id", user_id));
        source.channel = channel.value_or(d::Channel::kEcommerce);
        source.user_id = *user_id;
        const json& mapping = body->at("mapping");
        if (!mapping.is_object()) {
          return Status::Invalid("mapping", "mapping must map field names to JSON pointers");
        }
        for (auto it = mapping.begin(); it != mapping.end(); ++it) {
          if (!it.value().is_string()) {
            return Status::Invalid("mapping." + it.key(), "must be a JSON pointer string");
          }
          source.mapping.emplace_back(it.key(), it.value().get<std::string>());
        }
        return ReplyOf(api.intake.CreateSource(who, std::move(source)), 201, SourceJson);
      }));

  router.Patch(
      R"(/api/v1/intake-sources/(\d{1,18}))",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        auto body = BodyObject(req);
        if (!body.ok()) return body.status();
        JsonReader r(body.value());
        CL_RETURN_IF_ERROR(r.OnlyKnown({"active", "delivery_url"}));
        if (!body->contains("active") && !body->contains("delivery_url")) {
          return Status::Invalid("active", "give active or delivery_url");
        }
        // Both are read before either is applied, so a bad value changes nothing.
        const d::Id id = std::stoll(req.matches[1]);
        bool active = false;
        CL_RETURN_IF_ERROR(r.Bool("active", active));
        std::string url;
        if (body->contains("delivery_url") && !body->at("delivery_url").is_null()) {
          CL_RETURN_IF_ERROR(r.String("delivery_url", url));
        }
        CL_RETURN_IF_ERROR(d::CheckDeliveryUrl(url));
        core::Result<d::IntakeSource> changed = Status::NotFound("no intake source");
        if (body->contains("delivery_url")) {
          changed = api.intake.SetDeliveryUrl(who, id, url);
          if (!changed.ok()) return changed.status();
        }
        if (body->contains("active")) changed = api.intake.SetSourceActive(who, id, active);
        if (!changed.ok()) return changed.status();
        changed->secret.clear();
        return Reply{200, SourceJson(changed.value())};
      }));

  router.Post(R"(/api/v1/intake-sources/(\d{1,18})/rotate-secret)",
              Authed(api, [&api](const Request& req, const d::Principal& who) {
                return ReplyOf(api.intake.RotateSecret(who, std::stoll(req.matches[1])), 200,
                               SourceJson);
              }));

  // Messages to customers on channels other than email, for the channel's integration.
  router.Get(
      "/api/v1/outbound-messages",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        CL_RETURN_IF_ERROR(OnlyKnownParams(req, {"channel", "after", "limit"}));
        std::int64_t after = 0, limit = 100;
        CL_RETURN_IF_ERROR(IntParam(req, "after", after, 0, INT64_MAX));
        CL_RETURN_IF_ERROR(IntParam(req, "limit", limit, 1, 500));
        auto pending = d::OutboundMessages(api.ctx).Pending(who, req.get_param_value("channel"),
                                                            after, static_cast<int>(limit));
        if (!pending.ok()) return pending.status();
        json items = json::array();
        for (const d::OutboundMessage& m : pending.value()) {
          items.push_back({{"id", m.id},
                           {"complaint", m.reference},
                           {"channel", d::ToString(m.channel)},
                           {"purpose", m.purpose},
                           {"recipient", m.recipient},
                           {"body", m.body},
                           {"created_at", core::FormatIso8601(m.created_at)}});
        }
        return Reply{200, {{"items", items}}};
      }));
  router.Post(
      R"(/api/v1/outbound-messages/(\d{1,18})/delivered)",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        CL_RETURN_IF_ERROR(
            d::OutboundMessages(api.ctx).MarkDelivered(who, std::stoll(req.matches[1])));
        return Reply{204, nullptr};
      }));

  router.Delete(
      R"(/api/v1/intake-sources/(\d{1,18}))",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        CL_RETURN_IF_ERROR(api.intake.DeactivateSource(who, std::stoll(req.matches[1])));
        return Reply{204, nullptr};
      }));
}

}  // namespace closeloop::http
