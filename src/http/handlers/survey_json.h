// The JSON shapes of satisfaction answers. Field names are the public contract in docs/api.md.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/survey/entities.h"
#include "domain/survey/survey_responses.h"

namespace closeloop::http {

// A staff member's entry of an answer taken by phone (source "staff").
core::Result<domain::SurveyAnswer> ParseSurveyAnswer(const nlohmann::ordered_json& body);
nlohmann::ordered_json ToJson(const domain::SurveyResponse& response);

}  // namespace closeloop::http
