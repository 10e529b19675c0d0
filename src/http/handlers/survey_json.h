// The JSON shapes of satisfaction answers. Field names are the public contract in docs/api.md.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/survey/entities.h"
#include "domain/survey/survey_page.h"
#include "domain/survey/survey_responses.h"

namespace closeloop::http {

// A staff member's entry of an answer taken by phone (source "staff").
core::Result<domain::SurveyAnswer> ParseSurveyAnswer(const nlohmann::ordered_json& body);
nlohmann::ordered_json ToJson(const domain::SurveyResponse& response);
nlohmann::ordered_json ToJson(const domain::SurveyInvitation& invitation);
nlohmann::ordered_json ToJson(const domain::ComplaintSurveys& surveys);
// The survey policy (GET/PUT /api/v1/config/surveys).
nlohmann::ordered_json ToJson(const domain::SurveyPolicy& policy);
core::Result<domain::SurveyPolicy> ParseSurveyPolicy(const nlohmann::ordered_json& body);
// A survey template: {"name","version","questions":[{"code","required","text":{"zh-CN","en"}}]}.
nlohmann::ordered_json ToJson(const domain::SurveyTemplate& survey_template);
core::Result<std::vector<domain::SurveyQuestion>> ParseSurveyQuestions(
    const nlohmann::ordered_json& body);
// The customer's answer as JSON (the page's form fields: csat, nps, spm, ces, reasons, comment;
// scores as numbers or as the text a form sends).
core::Result<domain::SurveySubmission> ParseSurveySubmission(const nlohmann::ordered_json& body);

}  // namespace closeloop::http
