// The customer's side of a survey: the page behind a link, its answer and the opt-out.
// No login: the link's secret is the only key. A secret is looked up by its keyed digest; an
// unknown, tampered or guessed one is "invalid" and says nothing more. The page shows only the
// customer's own complaint reference and the questions; once answered it shows the answer.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/context.h"
#include "domain/survey/entities.h"

namespace closeloop::domain {

struct SurveyPage {
  enum class State { kOpen, kAnswered, kExpired, kCancelled, kInvalid };
  State state = State::kInvalid;
  std::string language = "zh-CN";
  std::string reference;                    // the complaint's, for the customer
  std::optional<SurveyTemplate> questions;  // kOpen: the version the invitation was sent with
  std::optional<SurveyResponse> answer;     // kAnswered
  bool opted_out = false;
};

struct SurveySubmission {
  std::optional<int> csat, nps, spm, ces;
  std::vector<std::string> reasons;
  std::string comment;
};

class AnswerSurvey {
 public:
  explicit AnswerSurvey(const Context& ctx) : ctx_(ctx) {}
  SurveyPage Open(const std::string& secret) const;
  // Stores the answer once: a second submission (another tab, a replay) gets the page in state
  // kAnswered with the first answer; bad values are Invalid naming the field (csat, nps, spm,
  // ces, reasons, comment), with nothing stored.
  core::Result<SurveyPage> Submit(const std::string& secret, const SurveySubmission& in) const;
  // The customer asks to be surveyed no more (any valid link of theirs, answered or not).
  SurveyPage OptOut(const std::string& secret) const;

 private:
  const Context& ctx_;
};

}  // namespace closeloop::domain
