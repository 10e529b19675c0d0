// The JSON shapes of the API: domain values to JSON, request bodies to use-case inputs. Field
// names here are the public contract documented in docs/api.md.
#pragma once

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "domain/usecases/admin.h"
#include "domain/usecases/auth.h"
#include "domain/usecases/complaint_actions.h"
#include "domain/usecases/complaint_io.h"
#include "domain/usecases/customers.h"

namespace closeloop::http {

nlohmann::json ToJson(const domain::ComplaintView& view);
nlohmann::json ToJson(const domain::Customer& customer);
nlohmann::json ToJson(const domain::CustomerDetail& detail);
nlohmann::json ToJson(const domain::ComplaintEvent& event);
nlohmann::json ToJson(const domain::Note& note);
nlohmann::json ToJson(const domain::User& user);
nlohmann::json ToJson(const domain::Team& team);
nlohmann::json ToJson(const domain::ApiKey& key);
nlohmann::json ToJson(const domain::ReferenceData& data);
nlohmann::json ToJson(const domain::Lifecycle& lifecycle);
// A complaint without the per-caller parts (used in customer pages).
nlohmann::json ComplaintSummaryJson(const domain::Complaint& complaint);

core::Result<domain::NewComplaint> ParseNewComplaint(const nlohmann::json& body);
core::Result<domain::ComplaintPatch> ParseComplaintPatch(const nlohmann::json& body);
core::Result<domain::TransitionRequest> ParseTransition(const nlohmann::json& body);
core::Result<domain::AssignRequest> ParseAssign(const nlohmann::json& body);
core::Result<domain::CustomerInput> ParseCustomerInput(const nlohmann::json& body,
                                                       const std::string& prefix);
core::Result<domain::UserInput> ParseUserInput(const nlohmann::json& body);
core::Result<domain::TeamInput> ParseTeamInput(const nlohmann::json& body);
core::Result<std::vector<domain::Transition>> ParseLifecycle(const nlohmann::json& body);

}  // namespace closeloop::http
