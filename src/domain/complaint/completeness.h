// 5W1H completeness: which essentials a complaint still lacks, so the agent asks the
// customer for them. Only facts the system can check are listed; the names are stable API
// values.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/complaint/entities.h"
#include "domain/customer/entities.h"

namespace closeloop::domain {

// In this order, each only when missing:
//   "customer_contact"  who: a customer with a phone number or email address
//   "product"           what: a product or an order reference
//   "occurred_at"       when: when the problem happened
//   "place"             where: a store, or an order reference for online purchases
//   "details"           how/why: a description of at least 15 characters
//   "remedy"            what the customer wants
std::vector<std::string> MissingEssentials(const Complaint& complaint,
                                           const std::optional<Customer>& customer);

}  // namespace closeloop::domain
