// AssignComplaint and EscalateComplaint: who holds a complaint and at which level.
#include "core/text.h"
#include "domain/complaint/complaint_actions.h"
#include "domain/complaint/complaint_support.h"
#include "domain/complaint/entities.h"
#include "domain/complaint/field_changes.h"
#include "domain/complaint/repository.h"
#include "domain/model/ids.h"
#include "domain/org/repository.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

using core::Status;
using field_changes::Change;
using field_changes::IdText;

namespace {

// A closed or rejected complaint is finished: it must be reopened before it is `done` again.
Status RefuseWhenFinished(const Complaint& c, const char* done) {
  if (c.status != ComplaintStatus::kClosed && c.status != ComplaintStatus::kRejected) {
    return Status::Ok();
  }
  return Status::Conflict(
      std::string("a ") + ToString(c.status) + " complaint cannot be " + done + "; reopen it first",
      "status");
}

}  // namespace

core::Result<ComplaintView> AssignComplaint::Execute(const Principal& who, const std::string& key,
                                                     const AssignRequest& request) const {
  if (!ctx_.policy.Allows(who, Permission::kComplaintAssign)) {
    return Status::Denied("your role may not assign complaints");
  }
  if (!request.assignee_id && !request.team_id) {
    return Status::Invalid("assignee_id", "give assignee_id, team_id or both");
  }
  CL_RETURN_IF_ERROR(CheckText("reason", request.reason, 2000, false));
  ComplaintView view;
  Status status = ctx_.store.Write([&](Repositories& repos) -> Status {
    auto loaded = LoadVisibleComplaint(repos, ctx_, who, key);
    if (!loaded.ok()) return loaded.status();
    Complaint c = loaded.value();
    CL_RETURN_IF_ERROR(RefuseWhenFinished(c, "assigned"));
    if (request.assignee_id)
      CL_RETURN_IF_ERROR(CheckAssignee(repos, *request.assignee_id, "assignee_id"));
    if (request.team_id) {
      if (!repos.org().FindTeam(*request.team_id)) {
        return Status::Invalid("team_id", "no team " + std::to_string(*request.team_id));
      }
      if (!ctx_.policy.MayPlace(who, c.region_id, request.team_id)) {
        return Status(core::StatusCode::kPermissionDenied, "team_id lies outside your scope",
                      "team_id");
      }
    }
    const bool reassigning =
        request.assignee_id && c.assignee_id && *c.assignee_id != *request.assignee_id;
    if (reassigning && core::Trim(request.reason).empty()) {
      return Status::Invalid("reason", "taking a complaint from its assignee needs a reason");
    }
    const std::optional<Id> previous_assignee = c.assignee_id;
    std::vector<FieldChange> changes;
    if (request.assignee_id) {
      Change(changes, "assignee_id", c.assignee_id, request.assignee_id, IdText);
    }
    if (request.team_id) Change(changes, "team_id", c.team_id, request.team_id, IdText);
    const UnixMillis now = ctx_.clock.Now();
    ComplaintEvent assigned;
    assigned.complaint_id = c.id;
    assigned.kind = EventKind::kAssigned;
    assigned.changes = std::move(changes);
    assigned.note = core::Trim(request.reason);
    AppendEvent(repos, ctx_, who, assigned);
    if (request.assignee_id) {
      c.assignee_id = request.assignee_id;
      if (request.team_id) c.team_id = request.team_id;
      if (c.assignee_id != previous_assignee) {
        CL_RETURN_IF_ERROR(
            PublishHandOver(repos, ctx_, who, c, previous_assignee, assigned.note, now));
      }
    }

    auto lifecycle = ctx_.lifecycle.Get();
    const Transition* move = lifecycle->Find(c.status, ComplaintStatus::kAssigned);
    if (c.assignee_id && move && ctx_.policy.Allows(who, move->permission)) {
      MoveToAssigned(repos, ctx_, who, c);
    }
    c.updated_at = now;
    repos.complaints().Update(c);
    view = MakeView(repos, ctx_, who, std::move(c));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return view;
}

core::Result<ComplaintView> EscalateComplaint::Execute(const Principal& who, const std::string& key,
                                                       const std::string& reason) const {
  if (!ctx_.policy.Allows(who, Permission::kComplaintEscalate)) {
    return Status::Denied("your role may not escalate complaints");
  }
  CL_RETURN_IF_ERROR(CheckText("note", reason, 2000, true));
  ComplaintView view;
  Status status = ctx_.store.Write([&](Repositories& repos) -> Status {
    auto loaded = LoadVisibleComplaint(repos, ctx_, who, key);
    if (!loaded.ok()) return loaded.status();
    Complaint c = loaded.value();
    CL_RETURN_IF_ERROR(RefuseWhenFinished(c, "escalated"));
    ComplaintEvent escalated = Escalate(c, core::Trim(reason));
    const UnixMillis now = ctx_.clock.Now();
    // Subscribers tell the managers of the new level and the assignee, and may give it to an
    // expert (the green channel) before it is stored below.
    ComplaintChange raised{ChangeKind::kEscalated, c, who, now};
    raised.note = "L" + std::to_string(c.escalation_level) + ", " + core::Trim(reason);
    raised.amendable = &c;
    AppendEvent(repos, ctx_, who, escalated);
    CL_RETURN_IF_ERROR(PublishChange(repos, ctx_, raised));
    c.updated_at = now;
    repos.complaints().Update(c);
    view = MakeView(repos, ctx_, who, std::move(c));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return view;
}

}  // namespace closeloop::domain
