// The JSON shapes of satisfaction answers.
#include "http/handlers/survey_json.h"

#include <cstdint>

#include "core/time_format.h"
#include "http/handlers/json_fields.h"
#include "http/json_reader.h"

namespace closeloop::http {

using core::Status;
using json = nlohmann::ordered_json;
namespace d = domain;

core::Result<d::SurveyAnswer> ParseSurveyAnswer(const json& body) {
  JsonReader r(body);
  CL_RETURN_IF_ERROR(r.OnlyKnown({"csat", "nps", "spm", "effort", "comment", "answered_at"}));
  d::SurveyAnswer in;
  in.source = "staff";
  for (auto [name, target] : {std::pair{"csat", &in.csat}, std::pair{"nps", &in.nps},
                              std::pair{"spm", &in.spm}, std::pair{"effort", &in.effort}}) {
    if (r.Has(name)) {
      const json& value = body.at(name);
      if (!value.is_null() && !value.is_number_integer()) {
        return Status::Invalid(name, std::string(name) + " must be a whole number");
      }
      if (value.is_number_integer()) *target = static_cast<int>(value.get<std::int64_t>());
    }
  }
  CL_RETURN_IF_ERROR(r.String("comment", in.comment));
  CL_RETURN_IF_ERROR(r.Time("answered_at", in.answered_at));
  return in;
}

json ToJson(const d::SurveyResponse& r) {
  auto opt = [](const std::optional<int>& v) { return v ? json(*v) : json(nullptr); };
  return {{"id", r.id},
          {"complaint_id", r.complaint_id},
          {"csat", opt(r.csat)},
          {"nps", opt(r.nps)},
          {"spm", opt(r.spm)},
          {"effort", opt(r.effort)},
          {"comment", r.comment},
          {"comment_sentiment", Round3(r.comment_sentiment)},
          {"comment_agitation", r.comment_agitation},
          {"source", r.source},
          {"answered_at", core::FormatIso8601(r.answered_at)}};
}

}  // namespace closeloop::http
