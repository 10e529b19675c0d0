#include "http/handlers/customers_json.h"

#include <cmath>

#include "core/time_format.h"
#include "domain/analysis/entities.h"
#include "domain/model/ids.h"
#include "http/handlers/complaints_json.h"
#include "http/handlers/config_json.h"
#include "http/handlers/json_fields.h"
#include "http/handlers/org_json.h"
#include "http/json_reader.h"

namespace closeloop::http {

using core::Status;
using json = nlohmann::ordered_json;
namespace d = domain;

json ToJson(const d::Customer& c) {
  json accounts = json::array();
  for (const d::PlatformAccount& a : c.accounts) {
    accounts.push_back({{"platform", a.platform}, {"account_id", a.account_id}});
  }
  return {{"id", c.id ? json(c.id) : json(nullptr)},  // null: a record the caller may not see
          {"name", Text(c.name)},
          {"phone", Text(c.phone)},
          {"email", Text(c.email)},
          {"address", Text(c.address)},
          {"id_card", Text(c.id_card)},
          {"tier", d::ToString(c.tier)},
          {"merged_into", Opt(c.merged_into)},
          {"accounts", accounts},
          {"created_at", core::FormatIso8601(c.created_at)},
          {"updated_at", core::FormatIso8601(c.updated_at)}};
}

json ToJson(const d::CustomerDetail& detail) {
  json out = ToJson(detail.customer);
  out["same_person"] = detail.same_person;
  json complaints = json::array();
  for (const d::Complaint& c : detail.complaints) complaints.push_back(ComplaintSummaryJson(c));
  out["complaints"] = std::move(complaints);
  json orders = json::array();
  for (const d::Order& o : detail.orders) orders.push_back(ToJson(o));
  out["orders"] = std::move(orders);
  return out;
}

json ToJson(const d::Order& o) {
  json items = json::array();
  for (const d::OrderItem& item : o.items) {
    items.push_back({{"line_no", item.line_no},
                     {"product_id", item.product_id},
                     {"batch_id", Opt(item.batch_id)},
                     {"quantity", item.quantity},
                     {"amount", Money(item.amount_cents)}});
  }
  return {{"id", o.id},
          {"order_no", o.order_no},
          {"customer_id", Opt(o.customer_id)},
          {"store_id", Opt(o.store_id)},
          {"channel", o.channel},
          {"amount", Money(o.amount_cents)},
          {"shipping_mode", Text(o.shipping_mode)},
          {"ordered_at", core::FormatIso8601(o.ordered_at)},
          {"items", std::move(items)}};
}

core::Result<d::CustomerInput> ParseCustomerInput(const json& body, const std::string& prefix) {
  if (!body.is_object())
    return Status::Invalid(prefix.empty() ? "body" : prefix.substr(0, prefix.size() - 1),
                           "must be an object");
  JsonReader r(body, prefix);
  d::CustomerInput in;
  CL_RETURN_IF_ERROR(r.OnlyKnown(
      {"id", "name", "phone", "email", "address", "id_card", "tier", "platform", "account_id"}));
  CL_RETURN_IF_ERROR(r.Id("id", in.id));
  CL_RETURN_IF_ERROR(r.String("name", in.name));
  CL_RETURN_IF_ERROR(r.String("phone", in.phone));
  CL_RETURN_IF_ERROR(r.String("email", in.email));
  CL_RETURN_IF_ERROR(r.String("address", in.address));
  CL_RETURN_IF_ERROR(r.String("id_card", in.id_card));
  CL_RETURN_IF_ERROR(r.String("platform", in.account.platform));
  CL_RETURN_IF_ERROR(r.String("account_id", in.account.account_id));
  CL_RETURN_IF_ERROR(r.Enum("tier", in.tier, d::ParseCustomerTier));
  return in;
}

}  // namespace closeloop::http
