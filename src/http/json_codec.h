// The JSON shapes of the API: domain values to JSON, request bodies to use-case inputs. Field
// names here are the public contract documented in docs/api.md.
#pragma once

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "domain/complaint/complaint_actions.h"
#include "domain/complaint/complaint_io.h"
#include "domain/complaint/entities.h"
#include "domain/customer/entities.h"
#include "domain/customer360/customers.h"
#include "domain/org/admin.h"
#include "domain/org/auth.h"
#include "domain/org/entities.h"

namespace closeloop::http {

nlohmann::ordered_json ToJson(const domain::ComplaintView& view);
nlohmann::ordered_json ToJson(const domain::Customer& customer);
nlohmann::ordered_json ToJson(const domain::CustomerDetail& detail);
nlohmann::ordered_json ToJson(const domain::ComplaintEvent& event);
nlohmann::ordered_json ToJson(const domain::Order& order);
nlohmann::ordered_json ToJson(const domain::Note& note);
nlohmann::ordered_json ToJson(const domain::User& user);
nlohmann::ordered_json ToJson(const domain::Team& team);
nlohmann::ordered_json ToJson(const domain::ApiKey& key);
nlohmann::ordered_json ToJson(const domain::ReferenceData& data);
nlohmann::ordered_json ToJson(const domain::Lifecycle& lifecycle);
nlohmann::ordered_json ToJson(const domain::Resolution& resolution);
// A complaint without the per-caller parts (used in customer pages).
nlohmann::ordered_json ComplaintSummaryJson(const domain::Complaint& complaint);

core::Result<domain::NewComplaint> ParseNewComplaint(const nlohmann::ordered_json& body);
core::Result<domain::ComplaintPatch> ParseComplaintPatch(const nlohmann::ordered_json& body);
core::Result<domain::TransitionRequest> ParseTransition(const nlohmann::ordered_json& body);
core::Result<domain::AssignRequest> ParseAssign(const nlohmann::ordered_json& body);
core::Result<domain::CustomerInput> ParseCustomerInput(const nlohmann::ordered_json& body,
                                                       const std::string& prefix);
core::Result<domain::UserInput> ParseUserInput(const nlohmann::ordered_json& body);
core::Result<domain::TeamInput> ParseTeamInput(const nlohmann::ordered_json& body);
core::Result<std::vector<domain::Transition>> ParseLifecycle(const nlohmann::ordered_json& body);

}  // namespace closeloop::http
