// /api/v1/customers: search, customer page with complaints, create, edit; reveals of personal
// data and their record.
#include "core/time_format.h"
#include "domain/customer/entities.h"
#include "domain/customer/repository.h"
#include "domain/customer360/reveal.h"
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

constexpr const char* kCustomerPath = R"(/api/v1/customers/(\d{1,18}))";

core::Result<int> LimitParam(const Request& req) {
  if (!req.has_param("limit")) return 50;
  std::string v = req.get_param_value("limit");
  if (v.empty() || v.size() > 4 || v.find_first_not_of("0123456789") != std::string::npos) {
    return Status::Invalid("limit", "limit must be between 1 and 200");
  }
  return std::stoi(v);
}

// The body of a reveal: {"purpose"} (optional; why the data is needed).
core::Result<std::string> Purpose(const Request& req) {
  if (req.body.empty()) return std::string();
  auto body = BodyObject(req);
  if (!body.ok()) return body.status();
  JsonReader r(body.value());
  CL_RETURN_IF_ERROR(r.OnlyKnown({"purpose"}));
  std::string purpose;
  CL_RETURN_IF_ERROR(r.String("purpose", purpose));
  return purpose;
}

json AccessJson(const d::PersonalDataAccess& a) {
  return {{"id", a.id},
          {"user", {{"id", a.user_id}, {"username", a.username}}},
          {"customer_id", a.customer_id ? json(*a.customer_id) : json(nullptr)},
          {"complaint_id", a.complaint_id ? json(*a.complaint_id) : json(nullptr)},
          {"purpose", a.purpose},
          {"at", core::FormatIso8601(a.at)}};
}

}  // namespace

void RegisterCustomerRoutes(Router& router, Api& api) {
  router.Post(
      std::string(kComplaintPath) + "/reveal",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        auto purpose = Purpose(req);
        if (!purpose.ok()) return purpose.status();
        return ReplyOf(d::RevealPersonalData(api.ctx).Complaint(who, req.matches[1], *purpose), 200,
                       [](const d::ComplaintView& v) { return ToJson(v); });
      }));
  router.Post(
      std::string(kCustomerPath) + "/reveal",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        auto purpose = Purpose(req);
        if (!purpose.ok()) return purpose.status();
        return ReplyOf(
            d::RevealPersonalData(api.ctx).Customer(who, std::stoll(req.matches[1]), *purpose), 200,
            [](const d::CustomerDetail& detail) { return ToJson(detail); });
      }));
  router.Get(
      "/api/v1/personal-data-access",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        std::int64_t customer = 0, before = 0, limit = 100;
        CL_RETURN_IF_ERROR(IntParam(req, "customer_id", customer, 1, 999999999999999999));
        CL_RETURN_IF_ERROR(IntParam(req, "before", before, 1, 999999999999999999));
        CL_RETURN_IF_ERROR(IntParam(req, "limit", limit, 1, 500));
        auto record = d::RevealPersonalData(api.ctx).Record(
            who, customer ? std::optional<d::Id>(customer) : std::nullopt, before,
            static_cast<int>(limit));
        if (!record.ok()) return record.status();
        json items = json::array();
        for (const auto& a : *record) items.push_back(AccessJson(a));
        json next = nullptr;
        if (static_cast<std::int64_t>(record->size()) == limit) next = record->back().id;
        return Reply{200, {{"items", std::move(items)}, {"next_before", next}}};
      }));

  router.Get(
      "/api/v1/customers",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        d::CustomerQuery query;
        query.text = req.get_param_value("q");
        auto limit = LimitParam(req);
        if (!limit.ok()) return limit.status();
        query.limit = limit.value();
        if (req.has_param("cursor")) {
          std::string c = req.get_param_value("cursor");
          if (c.empty() || c.size() > 18 ||
              c.find_first_not_of("0123456789") != std::string::npos) {
            return Status::Invalid("cursor", "cursor is not one this server issued");
          }
          query.after_id = std::stoll(c);
        }
        auto found = api.customers.Search(who, query);
        if (!found.ok()) return found.status();
        json items = json::array();
        for (const auto& c : found.value()) items.push_back(ToJson(c));
        json next = nullptr;
        if (static_cast<int>(found->size()) == query.limit) next = std::to_string(found->back().id);
        return Reply{200, {{"items", items}, {"next_cursor", next}}};
      }));

  router.Get(kCustomerPath, Authed(api, [&api](const Request& req, const d::Principal& who) {
               return ReplyOf(api.customers.Get(who, std::stoll(req.matches[1])), 200,
                              [](const d::CustomerDetail& detail) { return ToJson(detail); });
             }));

  router.Post(
      "/api/v1/customers",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        auto body = BodyObject(req);
        if (!body.ok()) return body.status();
        auto input = ParseCustomerInput(body.value(), "");
        if (!input.ok()) return input.status();
        if (input->id) return Status::Invalid("id", "id is assigned by the server");
        return ReplyOf(api.customers.Create(who, std::move(input.value())), 201,
                       [](const d::Customer& c) { return ToJson(c); });
      }));

  router.Post(
      std::string(kCustomerPath) + "/merge",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        auto body = BodyObject(req);
        if (!body.ok()) return body.status();
        JsonReader r(body.value());
        CL_RETURN_IF_ERROR(r.OnlyKnown({"from", "reason"}));
        CL_RETURN_IF_ERROR(r.Required("from"));
        std::optional<d::Id> from;
        std::string reason;
        CL_RETURN_IF_ERROR(r.Id("from", from));
        CL_RETURN_IF_ERROR(r.String("reason", reason));
        return ReplyOf(api.customers.Merge(who, std::stoll(req.matches[1]), *from, reason), 200,
                       [](const d::CustomerDetail& detail) { return ToJson(detail); });
      }));

  router.Patch(
      kCustomerPath,
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        auto body = BodyObject(req);
        if (!body.ok()) return body.status();
        auto input = ParseCustomerInput(body.value(), "");
        if (!input.ok()) return input.status();
        return ReplyOf(
            api.customers.Update(who, std::stoll(req.matches[1]), std::move(input.value())), 200,
            [](const d::Customer& c) { return ToJson(c); });
      }));
}

}  // namespace closeloop::http
