// SLA timers on the job scheduler: every open complaint has one "sla.check" job (key
// "sla:<id>") due at its next warning or deadline. The check recomputes the clocks from the
// history, records `sla_warning` and `sla_breach` events once per phase, escalates on a breach
// along the chain — the assignee, then the team lead (a manager scoped to the complaint's team),
// then the regional manager (scoped to its region), then the unscoped managers — and notifies
// them in the application and, when they have an address, by email. While the complaint is open
// and not waiting on the customer, the customer gets a progress update every `update_every` of
// calendar time since they last heard from us. Then the check schedules itself for the next
// instant that matters. Intake
// (through the analysis pipeline), lifecycle moves and edits schedule a check at once, so a
// changed clock is picked up; a paused clock schedules nothing until the complaint moves again.
// Cost is proportional to the complaints actually due.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "domain/complaint/change_events.h"
#include "domain/complaint/entities.h"
#include "domain/context.h"
#include "domain/jobs/entities.h"
#include "domain/jobs/jobs.h"
#include "domain/model/ids.h"
#include "domain/org/entities.h"
#include "domain/sla/sla.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

inline constexpr const char* kSlaCheckJob = "sla.check";

// Schedules (or moves earlier) the complaint's SLA check; inside the caller's unit of work.
void ScheduleSlaCheck(Repositories& repos, Id complaint_id, UnixMillis at, UnixMillis now);

// Sends the customer a progress update by email (or, without an address, reminds the assignee
// to call) and records a customer_update event; inside the caller's unit of work.
// Where a complaint stands against its clocks now: breached (with the first passed target),
// at_risk (a warning share passed; the nearest target), ok (the nearest target), paused, or ""
// when nothing is running.
std::pair<std::string, std::optional<UnixMillis>> SlaStanding(const SlaView& view, UnixMillis now);
// An escalation (kEscalated) whose publisher did not tell people itself: the managers of the
// new level hear (a manual escalation is a hand-over too), and the assignee unless they raised it.
class EscalationNotifier final : public ChangeSubscriber {
 public:
  explicit EscalationNotifier(const Context& ctx) : ctx_(ctx) {}
  core::Status OnChange(const ComplaintChange& change, Repositories& repos) override;

 private:
  const Context& ctx_;
};

// Tells the managers of the complaint's escalation level (team lead, regional manager, the
// unscoped managers; a level with nobody falls through to the next).
// `managers`: the active managers when the caller has them loaded already.
void NotifyEscalation(Repositories& repos, const Context& ctx, const Complaint& complaint,
                      const std::string& detail, std::optional<UnixMillis> due = std::nullopt,
                      const std::vector<User>* managers = nullptr);
void SendCustomerUpdate(Repositories& repos, const Context& ctx, const Complaint& complaint);

class SlaCheckHandler final : public JobHandler {
 public:
  explicit SlaCheckHandler(const Context& ctx) : ctx_(ctx) {}
  core::Status Run(const Job& job, Repositories& repos, JobFollowUp& follow_up) override;
  bool Batchable() const override { return true; }
  void UnitOfWorkBegins() override { managers_.reset(); }

 private:
  const Context& ctx_;
  // The active managers, read at the first escalation of a transaction.
  std::optional<std::vector<User>> managers_;
};

// Re-checks a complaint's SLA clocks after each change that may move them (all but kCreated: the
// clocks start watching once the complaint is understood, at kAnalysed; and kAssigned).
class SlaClockSubscriber final : public ChangeSubscriber {
 public:
  core::Status OnChange(const ComplaintChange& change, Repositories& repos) override;
};

class ManageNotifications {
 public:
  explicit ManageNotifications(const Context& ctx) : ctx_(ctx) {}
  // Newest first, a page of `limit` older than `before_id` (0: the newest).
  core::Result<std::vector<Notification>> Mine(const Principal& who, bool unread_only, Id before_id,
                                               int limit) const;
  core::Status MarkRead(const Principal& who, Id id) const;
  core::Result<int> MarkAllRead(const Principal& who) const;

 private:
  const Context& ctx_;
};

}  // namespace closeloop::domain
