// Sending surveys. Resolving a complaint schedules an invitation `delay_minutes` later
// (SurveyScheduler, a change subscriber); reopening it cancels a pending one. One durable job per
// invitation ("survey.dispatch", key "survey:<id>") walks it through its life:
//   scheduled  at send time the contact rules run — opted out, no customer or contact, sampled
//              out, too many surveys in the period, too soon after the last: skipped with that
//              reason — otherwise the survey goes out on the complaint's channel: email through
//              the outbox with the first question answerable by one click, else an outbound
//              message for the channel's integration. The link carries a fresh 256-bit secret;
//              only its keyed digest is stored, and nobody sees the link but the customer.
//   sent       once unanswered `reminder_after_hours` later: a reminder with a second link
//   sent / reminded  at `expiry_days` after sending: expired
// Every step is one transaction with the job's completion; a crash repeats the step, never half.
#pragma once

#include <optional>
#include <string>

#include "core/status.h"
#include "domain/complaint/change_events.h"
#include "domain/complaint/entities.h"
#include "domain/context.h"
#include "domain/jobs/jobs.h"
#include "domain/survey/entities.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

inline constexpr const char* kSurveyDispatchJob = "survey.dispatch";

// A fresh link to the invitation's page: a 256-bit secret of which only the keyed digest is
// stored (each link of an invitation has its own secret; any of them opens the page).
std::string NewSurveyLink(Repositories& repos, const Context& ctx, const SurveyInvitation& inv);

// Creates a scheduled invitation for `complaint` (its template chosen by `policy`, the one in
// force) and its job, inside the caller's unit of work.
Id ScheduleSurvey(Repositories& repos, const Context& ctx, const SurveyPolicy& policy,
                  const Complaint& complaint, const std::string& purpose, UnixMillis send_at);

// Queues the "survey.dispatch" job of a stored invitation (key "survey:<id>"), due at `send_at`.
void ScheduleDispatch(Repositories& repos, Id invitation_id, UnixMillis send_at, UnixMillis now);

// Schedules the survey of each resolved complaint; cancels the pending one of a reopened one.
class SurveyScheduler final : public ChangeSubscriber {
 public:
  explicit SurveyScheduler(const Context& ctx) : ctx_(ctx) {}
  core::Status OnChange(const ComplaintChange& change, Repositories& repos) override;

 private:
  const Context& ctx_;
};

class SurveyDispatchHandler final : public JobHandler {
 public:
  explicit SurveyDispatchHandler(const Context& ctx) : ctx_(ctx) {}
  core::Status Run(const Job& job, Repositories& repos, JobFollowUp& follow_up) override;
  bool Batchable() const override { return true; }

 private:
  const Context& ctx_;
};

// "survey.recovered" (tasks/tasks.h): a callback won the customer back; when the policy says
// so they get the short survey again after the usual delay.
class RecoveredCustomerHandler final : public JobHandler {
 public:
  explicit RecoveredCustomerHandler(const Context& ctx) : ctx_(ctx) {}
  core::Status Run(const Job& job, Repositories& repos, JobFollowUp& follow_up) override;

 private:
  const Context& ctx_;
};

}  // namespace closeloop::domain
