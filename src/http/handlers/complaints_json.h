// The JSON shapes of complaints, their events, notes and resolutions: domain values to JSON,
// request bodies to use-case inputs. Field names are the public contract documented in docs/api.md.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/complaint/complaint_actions.h"
#include "domain/complaint/complaint_io.h"
#include "domain/complaint/entities.h"

namespace closeloop::http {

// A complaint as the caller may see it (its customer masked as their role requires).
nlohmann::ordered_json ToJson(const domain::ComplaintView& view);
nlohmann::ordered_json ToJson(const domain::ComplaintEvent& event);
nlohmann::ordered_json ToJson(const domain::Note& note);
nlohmann::ordered_json ToJson(const domain::Resolution& resolution);
// A complaint without the per-caller parts (used in customer pages).
nlohmann::ordered_json ComplaintSummaryJson(const domain::Complaint& complaint);

core::Result<domain::NewComplaint> ParseNewComplaint(const nlohmann::ordered_json& body);
core::Result<domain::ComplaintPatch> ParseComplaintPatch(const nlohmann::ordered_json& body);
core::Result<domain::TransitionRequest> ParseTransition(const nlohmann::ordered_json& body);
core::Result<domain::AssignRequest> ParseAssign(const nlohmann::ordered_json& body);

}  // namespace closeloop::http
