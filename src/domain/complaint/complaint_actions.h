// Use cases that change an existing complaint. Each runs in one transaction, checks permission
// and scope first, and appends to the complaint's history.
#pragma once

#include <optional>
#include <string>

#include "core/status.h"
#include "domain/complaint/complaint_io.h"
#include "domain/complaint/entities.h"
#include "domain/context.h"
#include "domain/model/ids.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

// What was done to resolve a complaint; suggestions learn from it.
struct ResolutionInput {
  Remedy remedy = Remedy::kExplanation;
  std::int64_t compensation_cents = 0;
  std::string summary;
};

// The one approval rule for money paid out, whatever the remedy: up to the allowance a
// worker records it; above it needs compensation.approve. The allowance is the configured limit,
// or for a refund what was paid (the order's amount, else the complaint's order_amount, else the
// amount claimed).
std::int64_t PayoutAllowance(Repositories& repos, const Context& ctx, const Complaint& complaint,
                             Remedy remedy);
core::Status CheckPayoutAllowance(Repositories& repos, const Context& ctx,
                                  const Complaint& complaint, const ResolutionInput& resolution);

struct TransitionRequest {
  ComplaintStatus to = ComplaintStatus::kReceived;
  std::string note;
  std::optional<Id> assignee_id;  // may accompany a move to `assigned`
  // May accompany a move to `resolved` or `closed`; replaces an earlier resolution.
  std::optional<ResolutionInput> resolution;
  // Resolve although blocking department tasks are open (needs task.override; recorded).
  bool override_tasks = false;
};

// Moves a complaint along the lifecycle in force. A move the lifecycle lacks fails with
// kInvalidTransition listing the allowed targets; a missing requirement names its field.
class TransitionComplaint {
 public:
  explicit TransitionComplaint(const Context& ctx) : ctx_(ctx) {}
  core::Result<ComplaintView> Execute(const Principal& who, const std::string& key,
                                      const TransitionRequest& request) const;

 private:
  const Context& ctx_;
};

// Edits fields (classification, amounts, place…); records each change. Closed complaints are
// archived and must be reopened first.
class UpdateComplaint {
 public:
  explicit UpdateComplaint(const Context& ctx) : ctx_(ctx) {}
  core::Result<ComplaintView> Execute(const Principal& who, const std::string& key,
                                      ComplaintPatch patch) const;

 private:
  const Context& ctx_;
};

struct AssignRequest {
  std::optional<Id> assignee_id;
  std::optional<Id> team_id;
  std::string reason;
};

// 分派 dispatch by hand: sets assignee and/or team; a complaint not yet assigned also moves to
// `assigned` when the lifecycle allows it.
class AssignComplaint {
 public:
  explicit AssignComplaint(const Context& ctx) : ctx_(ctx) {}
  core::Result<ComplaintView> Execute(const Principal& who, const std::string& key,
                                      const AssignRequest& request) const;

 private:
  const Context& ctx_;
};

// Raises the escalation level by one (a flag with a level, not a state) and the priority to at
// least high. Needs a reason.
class EscalateComplaint {
 public:
  explicit EscalateComplaint(const Context& ctx) : ctx_(ctx) {}
  core::Result<ComplaintView> Execute(const Principal& who, const std::string& key,
                                      const std::string& reason) const;

 private:
  const Context& ctx_;
};

// Adds an internal or customer-visible note. The first customer-visible note by staff sets
// first_response_at.
class AddNote {
 public:
  explicit AddNote(const Context& ctx) : ctx_(ctx) {}
  core::Result<Note> Execute(const Principal& who, const std::string& key,
                             NoteVisibility visibility, const std::string& body) const;

 private:
  const Context& ctx_;
};

}  // namespace closeloop::domain
