// The JSON shapes of text rules, a text's analysis and dictionary words. Field names are the
// public contract in docs/api.md.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/analysis/entities.h"
#include "domain/analysis/text_rules.h"

namespace closeloop::http {

nlohmann::ordered_json ToJson(const domain::TextRules& rules);
nlohmann::ordered_json ToJson(const domain::TextAnalysis& analysis);
// The `words` array of strings; sets `error` (naming the field) when it is not one.
std::vector<std::string> ParseWords(const nlohmann::ordered_json& body, core::Status& error);

}  // namespace closeloop::http
