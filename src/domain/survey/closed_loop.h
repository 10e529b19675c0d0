// The closed loop: a low survey answer — CSAT at or below `low_csat_at_most`, an
// NPS detractor, or a comment whose sentiment is below `negative_comment_below` — opens
//   the inner loop: a callback task (kind "callback") for the complaint's team, owned by the
//     specialist who handled it, due `callback_hours` after the answer, with the score, reason
//     codes and comment; its outcome is recorded on the task (recovered / not_recovered /
//     unreachable), and a recovered customer may be surveyed again;
//   the outer loop: a root-cause item (kind "root_cause") at the owner of the product line
//     (DomainConfig::product_line_owners), else the category's department, else store
//     operations for a store's complaint — linked to the complaint and the answer.
// Both are told in the application. Once per answer, inside the answer's unit of work.
#pragma once

#include <optional>

#include "core/status.h"
#include "domain/complaint/change_events.h"
#include "domain/complaint/entities.h"
#include "domain/context.h"
#include "domain/survey/entities.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

// Whether an answer is low under the policy.
bool LowAnswer(const SurveyPolicy& policy, const SurveyResponse& response);

// The team that calls a complaint's customer: the complaint's, else the handler's complaint
// team, else a complaint team of the complaint's region (none: no team can).
std::optional<Id> CallbackTeam(Repositories& repos, const Complaint& complaint);

class ClosedLoopSubscriber final : public ChangeSubscriber {
 public:
  explicit ClosedLoopSubscriber(const Context& ctx) : ctx_(ctx) {}
  core::Status OnChange(const ComplaintChange& change, Repositories& repos) override;

 private:
  const Context& ctx_;
};

}  // namespace closeloop::domain
