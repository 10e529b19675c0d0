// Tiered contact strategies, configured in the survey policy and run once a day by the
// "survey.strategies" job (key "daily", which reschedules itself a day later):
//   deep interview  a VIP who complained in the last year gets a task (kind "deep_interview") on
//                   their latest complaint every `vip_interview_days`, due in 30 days, for the
//                   team that handled it; VIPs who never complained are reached by relationship
//                   campaigns (tier vip) instead
//   re-contact      a customer whose complaint of the last `recontact_days` is still open after
//                   `recontact_unresolved_after_days`, or was answered low, gets one task
//                   (kind "recontact") due within `recontact_days`, owned by the handler
//   first time      a customer's first complaint gets the short survey (survey_dispatch)
// Tasks are never blocking and appear in the team's list and the complaint's timeline.
#pragma once

#include "core/status.h"
#include "domain/context.h"
#include "domain/jobs/jobs.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

inline constexpr const char* kContactStrategiesJob = "survey.strategies";

// Queues the daily run unless one is queued already.
core::Status EnsureDailyContactStrategies(const Context& ctx);

class ContactStrategyHandler final : public JobHandler {
 public:
  explicit ContactStrategyHandler(const Context& ctx) : ctx_(ctx) {}
  core::Status Run(const Job& job, Repositories& repos, JobFollowUp& follow_up) override;

 private:
  const Context& ctx_;
};

}  // namespace closeloop::domain
