// The JSON shapes of customers and their orders: domain values to JSON, request bodies to use-case
// inputs. Field names are the public contract documented in docs/api.md.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/customer/entities.h"
#include "domain/customer360/customers.h"

namespace closeloop::http {

nlohmann::ordered_json ToJson(const domain::Customer& customer);
nlohmann::ordered_json ToJson(const domain::CustomerDetail& detail);
nlohmann::ordered_json ToJson(const domain::Order& order);
// A customer object of a request body; `prefix` ("customer.") names its fields in errors.
core::Result<domain::CustomerInput> ParseCustomerInput(const nlohmann::ordered_json& body,
                                                       const std::string& prefix);

}  // namespace closeloop::http
