#include "http/handlers/config_json.h"

#include <cmath>

#include "core/time_format.h"
#include "domain/analysis/entities.h"
#include "domain/model/ids.h"
#include "http/handlers/complaints_json.h"
#include "http/handlers/customers_json.h"
#include "http/handlers/json_fields.h"
#include "http/handlers/org_json.h"
#include "http/json_reader.h"

namespace closeloop::http {

using core::Status;
using json = nlohmann::ordered_json;
namespace d = domain;

json ToJson(const d::ReferenceData& data) {
  json regions = json::array(), cities = json::array(), stores = json::array(),
       products = json::array();
  for (const auto& r : data.regions)
    regions.push_back({{"id", r.id}, {"code", r.code}, {"name", r.name}});
  for (const auto& c : data.cities) {
    cities.push_back(
        {{"id", c.id}, {"name", c.name}, {"province", c.province}, {"region_id", c.region_id}});
  }
  for (const auto& s : data.stores) {
    stores.push_back({{"id", s.id}, {"code", s.code}, {"name", s.name}, {"city_id", s.city_id}});
  }
  for (const auto& p : data.products) {
    products.push_back({{"id", p.id},
                        {"sku", p.sku},
                        {"name", p.name},
                        {"product_line", p.product_line},
                        {"category", p.category}});
  }
  return {{"regions", regions},
          {"cities", cities},
          {"stores", stores},
          {"products", products},
          {"categories", data.categories}};
}

json ToJson(const d::Lifecycle& lifecycle) {
  json items = json::array();
  for (const d::Transition& t : lifecycle.transitions()) {
    json requires_list = json::array();
    for (d::Requirement r : t.requirements) requires_list.push_back(d::ToString(r));
    items.push_back({{"from", d::ToString(t.from)},
                     {"to", d::ToString(t.to)},
                     {"permission", d::ToString(t.permission)},
                     {"requires", requires_list}});
  }
  return {{"transitions", items}};
}

core::Result<std::vector<d::Transition>> ParseLifecycle(const json& body) {
  JsonReader r(body);
  CL_RETURN_IF_ERROR(r.OnlyKnown({"transitions"}));
  CL_RETURN_IF_ERROR(r.Required("transitions"));
  const json& items = body.at("transitions");
  if (!items.is_array()) return Status::Invalid("transitions", "transitions must be an array");
  std::vector<d::Transition> out;
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string prefix = "transitions[" + std::to_string(i) + "].";
    if (!items[i].is_object())
      return Status::Invalid(prefix.substr(0, prefix.size() - 1), "must be an object");
    JsonReader t(items[i], prefix);
    CL_RETURN_IF_ERROR(t.OnlyKnown({"from", "to", "permission", "requires"}));
    CL_RETURN_IF_ERROR(t.Required("from"));
    CL_RETURN_IF_ERROR(t.Required("to"));
    CL_RETURN_IF_ERROR(t.Required("permission"));
    std::optional<d::ComplaintStatus> from, to;
    std::optional<d::Permission> permission;
    CL_RETURN_IF_ERROR(t.Enum("from", from, d::ParseComplaintStatus));
    CL_RETURN_IF_ERROR(t.Enum("to", to, d::ParseComplaintStatus));
    CL_RETURN_IF_ERROR(t.Enum("permission", permission, d::ParsePermission));
    d::Transition transition{*from, *to, *permission, {}};
    if (t.Has("requires")) {
      const json& reqs = items[i].at("requires");
      if (!reqs.is_array()) return t.Invalid("requires", "must be an array");
      for (const json& req : reqs) {
        auto parsed = req.is_string() ? d::ParseRequirement(req.get<std::string>()) : std::nullopt;
        if (!parsed)
          return t.Invalid("requires", "entries must be note, type, category or assignee_id");
        transition.requirements.push_back(*parsed);
      }
    }
    out.push_back(std::move(transition));
  }
  return out;
}

}  // namespace closeloop::http
