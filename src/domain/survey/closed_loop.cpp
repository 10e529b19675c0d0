#include "domain/survey/closed_loop.h"

#include <algorithm>

#include "core/text.h"
#include "domain/complaint/entities.h"
#include "domain/notify/notify.h"
#include "domain/org/entities.h"
#include "domain/org/repository.h"
#include "domain/survey/repository.h"
#include "domain/survey/survey_policy.h"
#include "domain/tasks/entities.h"
#include "domain/tasks/repository.h"
#include "domain/tasks/tasks.h"

namespace closeloop::domain {

using core::Status;

bool LowAnswer(const SurveyPolicy& p, const SurveyResponse& r) {
  if (r.csat && *r.csat <= p.low_csat_at_most) return true;
  if (r.nps && *r.nps <= p.low_nps_at_most) return true;
  return !core::Trim(r.comment).empty() && r.comment_sentiment < p.negative_comment_below;
}

namespace {

// "CSAT 1/5 · NPS 3/10 · reasons: slow, unresolved · comment: …"
std::string Details(const SurveyResponse& r) {
  std::vector<std::string> parts;
  if (r.csat) parts.push_back("CSAT " + std::to_string(*r.csat) + "/5");
  if (r.nps) parts.push_back("NPS " + std::to_string(*r.nps) + "/10");
  if (r.spm) parts.push_back("SPM " + std::to_string(*r.spm) + "/5");
  if (r.effort) parts.push_back("CES " + std::to_string(*r.effort) + "/5");
  if (!r.reasons.empty()) {
    std::string list;
    for (const auto& reason : r.reasons) list += (list.empty() ? "" : ", ") + reason;
    parts.push_back("reasons: " + list);
  }
  if (!core::Trim(r.comment).empty()) parts.push_back("comment: " + core::Trim(r.comment));
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : " · ") + p;
  return out;
}

std::optional<Team> TeamByCode(Repositories& repos, const std::string& code) {
  auto team = repos.org().FindTeamByKey(code);
  if (team && team->kind == "department") return team;
  return std::nullopt;
}

// The owner of the cause: the product line's owner, the category's department, store operations.
std::optional<Team> CauseOwner(Repositories& repos, const Context& ctx, const Complaint& c) {
  if (c.product_id) {
    if (auto product = repos.org().FindProduct(*c.product_id)) {
      for (const auto& [line, code] : ctx.config.product_line_owners) {
        if (line == product->product_line) {
          if (auto team = TeamByCode(repos, code)) return team;
        }
      }
    }
  }
  for (const auto& [category, code] : ctx.config.category_departments) {
    if (category == c.category) {
      if (auto team = TeamByCode(repos, code)) return team;
    }
  }
  if (c.store_id) return TeamByCode(repos, "store-ops");
  return std::nullopt;
}

bool HasTaskFor(Repositories& repos, Id complaint_id, Id response_id, const std::string& kind) {
  for (const DepartmentTask& t : repos.tasks().ForComplaint(complaint_id)) {
    if (t.kind == kind && t.survey_response_id == response_id) return true;
  }
  return false;
}

void TellTeam(Repositories& repos, const Context& ctx, Id team_id, const Complaint& c,
              const std::string& detail, UnixMillis due) {
  for (const User& u : repos.users().ActiveWithRole(Role::kDepartment)) {
    if (std::find(u.team_scope.begin(), u.team_scope.end(), team_id) != u.team_scope.end()) {
      NotifyUser(repos, ctx, u, c, "root_cause_opened", detail, due);
    }
  }
}

}  // namespace

std::optional<Id> CallbackTeam(Repositories& repos, const Complaint& c) {
  if (c.team_id) return c.team_id;
  if (c.assignee_id) {
    if (auto user = repos.users().FindById(*c.assignee_id)) {
      for (Id team_id : user->team_scope) {
        auto team = repos.org().FindTeam(team_id);
        if (team && team->kind != "department") return team_id;
      }
    }
  }
  for (const Team& team : repos.org().Teams()) {
    if (team.kind != "department" && team.region_id && team.region_id == c.region_id) {
      return team.id;
    }
  }
  return std::nullopt;
}

Status ClosedLoopSubscriber::OnChange(const ComplaintChange& change, Repositories& repos) {
  if (change.kind != ChangeKind::kSurveyAnswered || !change.survey_response_id) {
    return Status::Ok();
  }
  auto response = repos.surveys().FindResponse(*change.survey_response_id);
  if (!response) return Status::Ok();
  const SurveyPolicy policy = SurveyPolicyInForce(repos);
  if (!LowAnswer(policy, *response)) return Status::Ok();
  const Complaint& c = change.complaint;
  const UnixMillis now = ctx_.clock.Now();
  const std::string details = Details(*response);
  const Principal system = SystemPrincipal();
  const std::optional<Id> callback_team = CallbackTeam(repos, c);
  if (callback_team && !HasTaskFor(repos, c.id, response->id, "callback")) {
    DepartmentTask callback;
    callback.complaint_id = c.id;
    callback.team_id = *callback_team;
    callback.kind = "callback";
    callback.title = "回访客户 / call the customer back: " + c.reference;
    callback.details = details;
    callback.survey_response_id = response->id;
    callback.blocking = false;
    callback.owner_id = c.assignee_id;
    callback.due_at = now + policy.callback_hours * core::kHour;
    OpenTask(repos, ctx_, system, callback);
    if (c.assignee_id) {
      NotifyUser(repos, ctx_, *c.assignee_id, c, "callback_opened", details, callback.due_at);
    }
  }
  if (auto owner = CauseOwner(repos, ctx_, c);
      owner && !HasTaskFor(repos, c.id, response->id, "root_cause")) {
    DepartmentTask cause;
    cause.complaint_id = c.id;
    cause.team_id = owner->id;
    cause.kind = "root_cause";
    cause.title = "根因分析 / root cause: " + c.title;
    cause.details = details;
    cause.survey_response_id = response->id;
    cause.blocking = false;
    cause.due_at = now + ctx_.config.root_cause_deadline;
    OpenTask(repos, ctx_, system, cause);
    TellTeam(repos, ctx_, owner->id, c, details, cause.due_at);
  }
  return Status::Ok();
}

}  // namespace closeloop::domain
