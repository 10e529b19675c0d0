#include "domain/survey/contact_strategies.h"

#include <set>

#include "domain/complaint/entities.h"
#include "domain/complaint/repository.h"
#include "domain/jobs/entities.h"
#include "domain/jobs/repository.h"
#include "domain/notify/notify.h"
#include "domain/survey/closed_loop.h"
#include "domain/survey/repository.h"
#include "domain/survey/survey_policy.h"
#include "domain/tasks/entities.h"
#include "domain/tasks/tasks.h"

namespace closeloop::domain {

using core::Status;

namespace {

constexpr UnixMillis kInterviewDue = 30 * core::kDay;
constexpr UnixMillis kYear = 365 * core::kDay;

// Opens a strategy's task on the complaint for the team that handled it; false when no team can
// take it.
bool OpenStrategyTask(Repositories& repos, const Context& ctx, const Complaint& c,
                      const std::string& kind, const std::string& title, const std::string& details,
                      UnixMillis due) {
  const std::optional<Id> team = CallbackTeam(repos, c);
  if (!team) return false;
  DepartmentTask task;
  task.complaint_id = c.id;
  task.team_id = *team;
  task.kind = kind;
  task.title = title;
  task.details = details;
  task.blocking = false;
  task.owner_id = c.assignee_id;
  task.due_at = due;
  OpenTask(repos, ctx, SystemPrincipal(), task);
  if (c.assignee_id) NotifyUser(repos, ctx, *c.assignee_id, c, kind + "_opened", details, due);
  return true;
}

}  // namespace

Status EnsureDailyContactStrategies(const Context& ctx) {
  return ctx.store.Write([&](Repositories& repos) {
    Job job;
    job.kind = kContactStrategiesJob;
    job.key = "daily";
    job.run_at = ctx.clock.Now() + core::kHour;
    job.created_at = ctx.clock.Now();
    // A queued daily run keeps its time: Schedule only ever moves it earlier.
    repos.jobs().Schedule(job);
    return Status::Ok();
  });
}

Status ContactStrategyHandler::Run(const Job& job, Repositories& repos, JobFollowUp& follow_up) {
  const UnixMillis now = ctx_.clock.Now();
  if (job.key == "daily") follow_up.run_again_at = now + core::kDay;
  const SurveyPolicy policy = SurveyPolicyInForce(repos);
  if (policy.recontact_days > 0) {
    const UnixMillis window = policy.recontact_days * core::kDay;
    std::set<Id> customers;  // one re-contact per customer, even with several complaints
    for (Id id : repos.surveys().RecontactCandidates(
             now - window, now - policy.recontact_unresolved_after_days * core::kDay,
             policy.low_csat_at_most, policy.low_nps_at_most, policy.negative_comment_below)) {
      auto c = repos.complaints().FindById(id);
      if (!c || !c->customer_id || !customers.insert(*c->customer_id).second) continue;
      const std::string why = IsOpen(c->status) ? "unresolved" : "low_answer";
      OpenStrategyTask(
          repos, ctx_, *c, "recontact", "再次联系客户 / re-contact: " + c->reference,
          "strategy: re-contact within " + std::to_string(policy.recontact_days) + " days · " + why,
          now + window);
    }
  }
  if (policy.vip_interview_days > 0) {
    for (Id id : repos.surveys().VipsDueForInterview(
             now - kYear, now - policy.vip_interview_days * core::kDay)) {
      auto c = repos.complaints().FindById(id);
      if (!c) continue;
      OpenStrategyTask(repos, ctx_, *c, "deep_interview",
                       "VIP 深度访谈 / VIP deep interview: " + c->reference,
                       "strategy: VIP deep interview every " +
                           std::to_string(policy.vip_interview_days) + " days",
                       now + kInterviewDue);
    }
  }
  return Status::Ok();
}

}  // namespace closeloop::domain
