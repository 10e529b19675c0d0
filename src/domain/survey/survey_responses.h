// Satisfaction answers recorded by staff (a survey taken by phone), and a complaint's
// surveys as staff see them. The dispatch is survey_dispatch.h, the customer's page
// survey_page.h, the callback and root-cause item a low answer opens closed_loop.h.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/context.h"
#include "domain/survey/entities.h"

namespace closeloop::domain {

struct SurveyAnswer {
  std::optional<int> csat, nps, spm, effort;
  std::vector<std::string> reasons;  // codes of survey_templates.h
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

// A complaint's invitations (never their links) and answers, comments masked for roles that may
// not read personal data.
struct ComplaintSurveys {
  std::vector<SurveyInvitation> invitations;
  std::vector<SurveyResponse> responses;
};

class ListSurveys {
 public:
  explicit ListSurveys(const Context& ctx) : ctx_(ctx) {}
  core::Result<ComplaintSurveys> Execute(const Principal& who, const std::string& key) const;

 private:
  const Context& ctx_;
};

}  // namespace closeloop::domain
