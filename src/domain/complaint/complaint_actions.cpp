#include "domain/complaint/complaint_actions.h"

#include <algorithm>
#include <cstdio>

#include "core/text.h"
#include "core/time_format.h"
#include "domain/complaint/complaint_support.h"
#include "domain/complaint/entities.h"
#include "domain/complaint/repository.h"
#include "domain/customer/repository.h"
#include "domain/model/ids.h"
#include "domain/org/repository.h"
#include "domain/tasks/repository.h"
#include "domain/tasks/tasks.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

using core::Status;

namespace {

std::string AllowedList(const Lifecycle& lifecycle, ComplaintStatus from,
                        std::vector<std::string>& names) {
  std::string text;
  for (ComplaintStatus to : lifecycle.Targets(from)) {
    names.emplace_back(ToString(to));
    text += (text.empty() ? "" : ", ") + names.back();
  }
  return text.empty() ? "none" : text;
}

// Applies the side effects of entering a state.
void EnterState(Complaint& c, ComplaintStatus to, const std::string& note, UnixMillis now) {
  switch (to) {
    case ComplaintStatus::kResolved:
      c.resolved_at = now;
      break;
    case ComplaintStatus::kClosed:
      c.closed_at = now;
      if (!c.resolved_at) c.resolved_at = now;
      break;
    case ComplaintStatus::kReopened:
      ++c.reopen_count;
      c.resolved_at.reset();
      c.closed_at.reset();
      break;
    case ComplaintStatus::kRejected:
      c.rejection_reason = note;
      c.closed_at = now;
      break;
    default:
      break;
  }
  c.status = to;
  c.updated_at = now;
}

std::string Yuan(std::int64_t cents) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld.%02lld", static_cast<long long>(cents / 100),
                static_cast<long long>(cents % 100));
  return buf;
}

}  // namespace

std::int64_t PayoutAllowance(Repositories& repos, const Context& ctx, const Complaint& c,
                             Remedy remedy) {
  const std::int64_t limit = ctx.config.compensation_approval_cents;
  if (remedy != Remedy::kRefund) return limit;
  // A refund gives back what was paid: the order's amount when the order is known, else the
  // amount on the complaint, else what the customer claims (else the plain limit).
  std::optional<std::int64_t> paid;
  if (c.order_id) {
    if (auto order = repos.trace().FindOrder(*c.order_id)) paid = order->amount_cents;
  }
  if (!paid) paid = c.order_amount_cents;
  if (!paid) paid = c.amount_claimed_cents;
  return paid ? *paid : limit;
}

Status CheckPayoutAllowance(Repositories& repos, const Context& ctx, const Complaint& c,
                            const ResolutionInput& resolution) {
  const std::int64_t allowance = PayoutAllowance(repos, ctx, c, resolution.remedy);
  if (resolution.compensation_cents <= allowance) return Status::Ok();
  const std::string what =
      resolution.remedy == Remedy::kRefund ? "a refund above " : "an amount above ";
  return Status(core::StatusCode::kPermissionDenied,
                what + Yuan(allowance) + " needs a manager's approval (compensation.approve)",
                "resolution.compensation");
}

core::Result<ComplaintView> TransitionComplaint::Execute(const Principal& who,
                                                         const std::string& key,
                                                         const TransitionRequest& request) const {
  CL_RETURN_IF_ERROR(CheckText("note", request.note, ctx_.config.max_text_chars, false));
  if (request.resolution) {
    if (request.to != ComplaintStatus::kResolved && request.to != ComplaintStatus::kClosed) {
      return Status::Invalid("resolution", "a resolution goes with a move to resolved or closed");
    }
    CL_RETURN_IF_ERROR(CheckText("resolution.summary", request.resolution->summary, 2000, false));
    CL_RETURN_IF_ERROR(
        CheckAmount("resolution.compensation", request.resolution->compensation_cents));
  }
  ComplaintView view;
  Status status = ctx_.store.Write([&](Repositories& repos) -> Status {
    auto loaded = LoadVisibleComplaint(repos, ctx_, who, key);
    if (!loaded.ok()) return loaded.status();
    Complaint& c = loaded.value();
    if (request.resolution && !ctx_.policy.Allows(who, Permission::kCompensationApprove)) {
      CL_RETURN_IF_ERROR(CheckPayoutAllowance(repos, ctx_, c, *request.resolution));
    }
    auto lifecycle = ctx_.lifecycle.Get();
    const Transition* move = lifecycle->Find(c.status, request.to);
    if (!move) {
      std::vector<std::string> names;
      std::string allowed = AllowedList(*lifecycle, c.status, names);
      return Status(core::StatusCode::kInvalidTransition,
                    std::string("cannot move from ") + ToString(c.status) + " to " +
                        ToString(request.to) + "; allowed: " + allowed,
                    "to", names);
    }
    if (!ctx_.policy.Allows(who, move->permission)) {
      return Status::Denied(std::string("moving to ") + ToString(request.to) + " needs " +
                            ToString(move->permission));
    }
    std::optional<Id> previous_assignee = c.assignee_id;
    if (request.assignee_id) {
      if (!ctx_.policy.Allows(who, Permission::kComplaintAssign)) {
        return Status::Denied("your role may not assign complaints");
      }
      CL_RETURN_IF_ERROR(CheckAssignee(repos, *request.assignee_id, "assignee_id"));
      if (c.assignee_id && *c.assignee_id != *request.assignee_id &&
          core::Trim(request.note).empty()) {
        return Status::Invalid("note", "taking a complaint from its assignee needs a reason");
      }
      c.assignee_id = request.assignee_id;
    }
    for (Requirement r : move->requirements) {
      bool met = true;
      switch (r) {
        case Requirement::kNote:
          met = !core::Trim(request.note).empty();
          break;
        case Requirement::kType:
          met = c.type.has_value();
          break;
        case Requirement::kCategory:
          met = !c.category.empty();
          break;
        case Requirement::kAssignee:
          met = c.assignee_id.has_value();
          break;
      }
      if (!met) {
        return Status::Invalid(ToString(r), std::string("moving to ") + ToString(request.to) +
                                                " needs " + ToString(r));
      }
    }
    std::string override_note;
    if (request.to == ComplaintStatus::kResolved || request.to == ComplaintStatus::kClosed) {
      int blocking = 0;
      for (const auto& t : repos.tasks().ForComplaint(c.id)) blocking += t.blocking && t.Open();
      if (blocking > 0 && !request.override_tasks) {
        return Status::Conflict(std::to_string(blocking) +
                                    " blocking department task(s) still open; finish them or "
                                    "have a manager override",
                                "tasks");
      }
      if (blocking > 0) {
        if (!ctx_.policy.Allows(who, Permission::kTaskOverride)) {
          return Status::Denied("overriding open department tasks needs task.override");
        }
        override_note = "（覆盖 " + std::to_string(blocking) + " 个未完成的部门任务 / override)";
      }
    }
    const bool finishing =
        (request.to == ComplaintStatus::kResolved || request.to == ComplaintStatus::kClosed) &&
        c.status != ComplaintStatus::kResolved;
    if (finishing && ctx_.config.resolve_needs_classification) {
      if (!c.type)
        return Status::Invalid("type", "a complaint needs its type before it is resolved");
      if (c.category.empty()) {
        return Status::Invalid("category", "a complaint needs its category before it is resolved");
      }
    }
    if (finishing && ctx_.config.resolve_needs_resolution && !request.resolution &&
        !repos.outcomes().FindResolution(c.id)) {
      return Status::Invalid("resolution",
                             "resolving needs a resolution: the remedy given (and any amount)");
    }
    const ComplaintStatus from = c.status;
    const UnixMillis now = ctx_.clock.Now();
    EnterState(c, request.to, core::Trim(request.note), now);
    repos.complaints().Update(c);
    ComplaintChange change{ChangeKind::kStatusChanged, c, who, now};
    change.from_status = from;
    change.previous_assignee = previous_assignee;
    CL_RETURN_IF_ERROR(PublishChange(repos, ctx_, change));
    if (request.resolution) {
      Resolution r;
      r.complaint_id = c.id;
      r.remedy = request.resolution->remedy;
      r.compensation_cents = request.resolution->compensation_cents;
      r.summary = core::Trim(request.resolution->summary);
      if (who.user_id > 0) r.resolved_by = who.user_id;
      r.resolved_at = now;
      repos.outcomes().SaveResolution(r);
    }
    if (c.assignee_id != previous_assignee) {
      ComplaintEvent assigned;
      assigned.complaint_id = c.id;
      assigned.kind = EventKind::kAssigned;
      assigned.changes.push_back(
          {"assignee_id", OptionalIdText(previous_assignee), OptionalIdText(c.assignee_id)});
      AppendEvent(repos, ctx_, who, assigned);
      CL_RETURN_IF_ERROR(
          PublishHandOver(repos, ctx_, who, c, previous_assignee, core::Trim(request.note), now));
    }
    ComplaintEvent moved;
    moved.complaint_id = c.id;
    moved.kind = EventKind::kTransitioned;
    moved.from_status = from;
    moved.to_status = c.status;
    moved.note = core::Trim(request.note) + override_note;
    if (request.resolution) {
      // The history says what was given, as it says every other change.
      moved.changes.push_back({"resolution.remedy", "", ToString(request.resolution->remedy)});
      moved.changes.push_back(
          {"resolution.compensation", "", Yuan(request.resolution->compensation_cents)});
      if (!core::Trim(request.resolution->summary).empty()) {
        moved.changes.push_back(
            {"resolution.summary", "", core::Trim(request.resolution->summary)});
      }
    }
    AppendEvent(repos, ctx_, who, moved);
    view = MakeView(repos, ctx_, who, std::move(c));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return view;
}

core::Result<Note> AddNote::Execute(const Principal& who, const std::string& key,
                                    NoteVisibility visibility, const std::string& body) const {
  const Permission needed = visibility == NoteVisibility::kPublic ? Permission::kNoteAddPublic
                                                                  : Permission::kNoteAddInternal;
  if (!ctx_.policy.Allows(who, needed)) {
    return Status::Denied(std::string("your role may not add ") + ToString(visibility) + " notes");
  }
  CL_RETURN_IF_ERROR(CheckText("body", body, ctx_.config.max_text_chars, true));
  Note note;
  Status status = ctx_.store.Write([&](Repositories& repos) -> Status {
    auto loaded = LoadVisibleComplaint(repos, ctx_, who, key);
    if (!loaded.ok()) return loaded.status();
    Complaint c = loaded.value();
    const UnixMillis now = ctx_.clock.Now();
    note.complaint_id = c.id;
    if (who.user_id != 0) note.author_id = who.user_id;
    note.author_name = who.username;
    note.visibility = visibility;
    note.body = body;
    note.created_at = now;
    note.id = repos.notes().Insert(note);
    ComplaintEvent added;
    added.complaint_id = c.id;
    added.kind = EventKind::kNoteAdded;
    added.note = body;
    added.changes.push_back({"visibility", "", ToString(visibility)});
    AppendEvent(repos, ctx_, who, added);
    if (visibility == NoteVisibility::kPublic && !c.first_response_at) {
      c.first_response_at = now;
      c.updated_at = now;
      repos.complaints().Update(c);
    }
    // A public note is what the customer is told: a subscriber sends it on their channel.
    if (visibility == NoteVisibility::kPublic) {
      ComplaintChange reply{ChangeKind::kPublicReply, c, who, now};
      reply.note = body;
      CL_RETURN_IF_ERROR(PublishChange(repos, ctx_, reply));
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return note;
}

}  // namespace closeloop::domain
