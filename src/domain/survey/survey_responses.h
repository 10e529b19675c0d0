// Satisfaction answers: recorded by staff today (a phone survey); the survey dispatch,
// the public survey page and the callback that a bad score opens will live in this module.
#pragma once

#include <optional>
#include <string>

#include "core/status.h"
#include "domain/context.h"
#include "domain/survey/entities.h"

namespace closeloop::domain {

struct SurveyAnswer {
  std::optional<int> csat, nps, spm, effort;
  std::string comment;
  std::string source = "survey";
  std::optional<UnixMillis> answered_at;  // now when absent
};

// Stores a satisfaction answer for a resolved or closed complaint; the comment's sentiment and
// agitation are scored on the way in.
class RecordSurveyResponse {
 public:
  explicit RecordSurveyResponse(const Context& ctx) : ctx_(ctx) {}
  core::Result<SurveyResponse> Execute(const Principal& who, const std::string& key,
                                       const SurveyAnswer& answer) const;

 private:
  const Context& ctx_;
};

}  // namespace closeloop::domain
