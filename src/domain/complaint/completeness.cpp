#include "domain/complaint/completeness.h"

#include "core/text.h"

namespace closeloop::domain {

std::vector<std::string> MissingEssentials(const Complaint& c,
                                           const std::optional<Customer>& customer) {
  std::vector<std::string> missing;
  if (!customer || (customer->phone.empty() && customer->email.empty())) {
    missing.emplace_back("customer_contact");
  }
  if (!c.product_id && c.order_ref.empty()) missing.emplace_back("product");
  if (!c.occurred_at) missing.emplace_back("occurred_at");
  if (!c.store_id && c.order_ref.empty()) missing.emplace_back("place");
  if (core::Utf8Length(core::Trim(c.description)) < 15) missing.emplace_back("details");
  if (!c.remedy) missing.emplace_back("remedy");
  return missing;
}

}  // namespace closeloop::domain
