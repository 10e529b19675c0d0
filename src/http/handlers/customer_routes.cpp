// /api/v1/customers: search, customer page with complaints, create, edit.
#include "domain/customer/entities.h"
#include "domain/customer/repository.h"
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

}  // namespace

void RegisterCustomerRoutes(Router& router, Api& api) {
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
