// The JSON shapes of text rules, a text's analysis and dictionary words.
#include "http/handlers/analysis_json.h"

#include <cstdint>

#include "core/time_format.h"
#include "http/handlers/json_fields.h"
#include "http/json_reader.h"

namespace closeloop::http {

using core::Status;
using json = nlohmann::ordered_json;
namespace d = domain;

json ToJson(const d::TextRules& r) {
  return {{"rule_set", r.rule_set}, {"custom", r.custom}, {"text", r.text}};
}

json ToJson(const d::TextAnalysis& a) {
  return {
      {"sentiment", Round3(a.sentiment)},
      {"agitation", a.agitation},
      {"suggested_type", a.suggested_type ? json(d::ToString(*a.suggested_type)) : json(nullptr)},
      {"type_confidence", Round3(a.type_confidence)},
      {"suggested_category", a.suggested_category},
      {"category_confidence", Round3(a.category_confidence)},
      {"flags", a.flags},
      {"rules_fired", a.rules_fired}};
}

std::vector<std::string> ParseWords(const json& body, Status& error) {
  std::vector<std::string> out;
  if (!body.contains("words") || !body.at("words").is_array()) {
    error = Status::Invalid("words", "words must be an array of strings");
    return out;
  }
  for (const auto& w : body.at("words")) {
    if (!w.is_string()) {
      error = Status::Invalid("words", "words must be an array of strings");
      return {};
    }
    out.push_back(w.get<std::string>());
  }
  return out;
}

}  // namespace closeloop::http
