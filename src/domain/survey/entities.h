// Satisfaction survey answers.
#pragma once

#include <optional>
#include <string>

#include "domain/model/ids.h"

namespace closeloop::domain {

// A customer's answer to the satisfaction survey. Scores are absent when not answered;
// the comment's emotion is scored when the answer is stored.
struct SurveyResponse {
  Id id = 0;
  Id complaint_id = 0;
  std::optional<int> csat;    // 1..5
  std::optional<int> nps;     // 0..10
  std::optional<int> spm;     // solution match, 1..5
  std::optional<int> effort;  // customer effort, 1..5 (1 = effortless)
  std::string comment;
  double comment_sentiment = 0;
  int comment_agitation = 0;
  std::string source = "survey";  // survey, import, demo
  UnixMillis answered_at = 0;
};

}  // namespace closeloop::domain
