#include "domain/sla/sla_timers.h"

#include <algorithm>

#include "core/time_format.h"
#include "domain/complaint/complaint_support.h"
#include "domain/complaint/entities.h"
#include "domain/complaint/repository.h"
#include "domain/customer/repository.h"
#include "domain/intake/entities.h"
#include "domain/intake/mail.h"
#include "domain/jobs/entities.h"
#include "domain/jobs/repository.h"
#include "domain/model/ids.h"
#include "domain/notify/notify.h"
#include "domain/org/entities.h"
#include "domain/org/repository.h"
#include "domain/sla/sla_config.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

using core::Status;

namespace {

bool Contains(const std::vector<Id>& ids, std::optional<Id> id) {
  return id && std::find(ids.begin(), ids.end(), *id) != ids.end();
}

std::vector<User> ActiveManagers(Repositories& repos) {
  return repos.users().ActiveWithRole(Role::kManager);
}

// Who among `managers` hears of escalation level `level` (1 = team lead, 2 = regional manager,
// 3+ = the unscoped managers); a level with nobody falls through to the next.
std::vector<User> EscalationTargets(const std::vector<User>& managers, const Complaint& c,
                                    int level) {
  for (int step = std::max(level, 1); step <= 3; ++step) {
    std::vector<User> out;
    for (const User& u : managers) {
      const bool unscoped = u.region_scope.empty() && u.team_scope.empty();
      if ((step == 1 && Contains(u.team_scope, c.team_id)) ||
          (step == 2 && Contains(u.region_scope, c.region_id)) || (step == 3 && unscoped)) {
        out.push_back(u);
      }
    }
    if (!out.empty()) return out;
  }
  return {};
}

// Whether an SLA event of `kind` for `phase` was recorded since the last reopening.
bool Recorded(const std::vector<ComplaintEvent>& history, EventKind kind,
              const std::string& phase) {
  bool found = false;
  for (const ComplaintEvent& e : history) {
    if (e.kind == EventKind::kTransitioned && e.to_status == ComplaintStatus::kReopened) {
      found = false;
    }
    if (e.kind == kind && e.note.rfind(phase + ":", 0) == 0) found = true;
  }
  return found;
}

// The customer's words for where their complaint is.
std::string StatusForCustomer(ComplaintStatus s) {
  switch (s) {
    case ComplaintStatus::kReceived:
    case ComplaintStatus::kClassified:
      return "已受理，正在分析 / received and being reviewed";
    case ComplaintStatus::kAssigned:
      return "已由专员负责 / with an agent";
    case ComplaintStatus::kReopened:
      return "已重新处理 / reopened and being handled";
    default:
      return "正在处理中 / being handled";
  }
}

// When the customer last heard from us: receipt (the acknowledgement), a customer-visible note,
// or a progress update.
UnixMillis LastCustomerContact(const Complaint& c, const std::vector<ComplaintEvent>& history) {
  UnixMillis last = c.received_at;
  for (const ComplaintEvent& e : history) {
    const bool public_note =
        e.kind == EventKind::kNoteAdded &&
        std::any_of(e.changes.begin(), e.changes.end(), [](const FieldChange& ch) {
          return ch.field == "visibility" && ch.new_value == "public";
        });
    if (public_note || e.kind == EventKind::kCustomerUpdate) last = std::max(last, e.at);
  }
  return last;
}

}  // namespace

void NotifyEscalation(Repositories& repos, const Context& ctx, const Complaint& c,
                      const std::string& detail, std::optional<UnixMillis> due,
                      const std::vector<User>* managers) {
  std::vector<User> loaded;
  if (!managers) {
    loaded = ActiveManagers(repos);
    managers = &loaded;
  }
  for (const User& u : EscalationTargets(*managers, c, c.escalation_level)) {
    NotifyUser(repos, ctx, u, c, "escalated", detail, due);
  }
}

Status EscalationNotifier::OnChange(const ComplaintChange& change, Repositories& repos) {
  if (change.kind != ChangeKind::kEscalated || change.people_told) return Status::Ok();
  const Complaint& c = change.complaint;
  NotifyEscalation(repos, ctx_, c, change.note);
  if (c.assignee_id && *c.assignee_id != change.actor.user_id) {
    NotifyUser(repos, ctx_, *c.assignee_id, c, "escalated", change.note);
  }
  return Status::Ok();
}

std::pair<std::string, std::optional<UnixMillis>> SlaStanding(const SlaView& view, UnixMillis now) {
  std::optional<UnixMillis> breached, at_risk, running;
  bool paused = false;
  auto earliest = [](std::optional<UnixMillis>& slot, std::optional<UnixMillis> at) {
    if (at && (!slot || *at < *slot)) slot = at;
  };
  for (const PhaseClock& p : view.phases) {
    if (p.done_at) continue;
    if (p.state == PhaseState::kBreached) {
      earliest(breached, p.due_at);
      if (!p.due_at) breached = breached.value_or(now);
    } else if (p.state == PhaseState::kPaused) {
      paused = true;
    } else if (p.warn_at && now >= *p.warn_at) {
      earliest(at_risk, p.due_at);
    } else {
      earliest(running, p.due_at);
    }
  }
  if (breached) return {"breached", breached};
  if (at_risk) return {"at_risk", at_risk};
  if (running) return {"ok", running};
  if (paused) return {"paused", std::nullopt};
  return {"", std::nullopt};
}

void SendCustomerUpdate(Repositories& repos, const Context& ctx, const Complaint& c) {
  const UnixMillis now = ctx.clock.Now();
  std::string email;
  if (c.customer_id) {
    if (auto customer = repos.customers().FindById(*c.customer_id)) email = customer->email;
  }
  ComplaintEvent update;
  update.complaint_id = c.id;
  update.kind = EventKind::kCustomerUpdate;
  update.at = now;
  if (!email.empty()) {
    OutgoingMail m;
    m.complaint_id = c.id;
    m.purpose = "update";
    m.to = email;
    m.subject = "[" + c.reference + "] 处理进度 / Progress update";
    m.body = "您好，\n\n您的投诉「" + c.title + "」（编号 " + c.reference + "）目前状态：" +
             StatusForCustomer(c.status) +
             "。我们会持续跟进，有结果会第一时间通知您。回复本邮件即可补充信息。\n\n"
             "Hello,\n\nYour complaint \"" +
             c.title + "\" (reference " + c.reference + ") is " + StatusForCustomer(c.status) +
             ". We will keep you informed. Reply to this email to add information.\n";
    m.message_id =
        "update." + c.reference + "." + std::to_string(now) + "@" + ctx.config.mail_domain;
    m.next_attempt_at = now;
    m.created_at = now;
    QueueMail(repos, m);
    update.note = "progress update emailed to the customer";
  } else {
    update.note = "progress update due; no customer email, the assignee was reminded to call";
    if (c.assignee_id) {
      NotifyUser(repos, ctx, *c.assignee_id, c, "update_due", "");
    }
  }
  repos.events().Append(update);
}

Status SlaClockSubscriber::OnChange(const ComplaintChange& change, Repositories& repos) {
  // Who holds it moves no clock (the phases follow the status).
  if (change.kind == ChangeKind::kCreated || change.kind == ChangeKind::kAssigned ||
      change.kind == ChangeKind::kSurveySent) {
    return Status::Ok();
  }
  ScheduleSlaCheck(repos, change.complaint.id, change.at, change.at);
  return Status::Ok();
}

void ScheduleSlaCheck(Repositories& repos, Id complaint_id, UnixMillis at, UnixMillis now) {
  ScheduleJobFor(repos, kSlaCheckJob, "sla", complaint_id, at, now);
}

Status SlaCheckHandler::Run(const Job& job, Repositories& repos, JobFollowUp& follow_up) {
  Id id = 0;
  try {
    id = std::stoll(job.payload);
  } catch (const std::exception&) {
    return Status::Invalid("payload", "an sla.check payload is a complaint id");
  }
  auto found = repos.complaints().FindById(id);
  // Rejected: nothing left to watch. Resolved and closed: the survey callback still runs.
  if (!found || found->status == ComplaintStatus::kRejected) return Status::Ok();
  Complaint c = *found;
  const UnixMillis now = ctx_.clock.Now();
  const std::vector<ComplaintEvent> history = repos.events().ListForComplaint(id);
  std::optional<CustomerTier> tier;
  if (c.customer_id) {
    tier = repos.customers().TierOf(*c.customer_id);
  }
  const auto config = ctx_.sla->Get();
  const SlaPolicy& policy = ChoosePolicy(config->policies, c, tier);
  const BusinessCalendar* found_calendar = config->FindCalendar(policy.calendar);
  const BusinessCalendar calendar = found_calendar ? *found_calendar : AlwaysOpenCalendar();
  const SlaView view = ComputeSla(c, history, policy, calendar, now);

  // Notifications name the phase and the policy; the due time is shown in the reader's zone.
  auto notify = [&](Id user, const std::string& kind, const std::string& detail,
                    std::optional<UnixMillis> due) {
    NotifyUser(repos, ctx_, user, c, kind, detail, due);
  };
  auto record = [&](EventKind kind, const std::string& note) {
    ComplaintEvent e;
    e.complaint_id = c.id;
    e.kind = kind;
    e.note = note;
    e.at = now;
    repos.events().Append(e);
  };
  std::optional<UnixMillis> next;
  auto consider = [&](std::optional<UnixMillis> at) {
    if (at && *at > now && (!next || *at < *next)) next = at;
  };
  bool changed = false;
  for (const PhaseClock& p : view.phases) {
    if (p.done_at) continue;
    const std::string due_text =
        p.due_at ? core::FormatLocal(*p.due_at, ctx_.config.org_utc_offset_minutes) : "paused";
    if (p.warn_at && now >= *p.warn_at && !Recorded(history, EventKind::kSlaWarning, p.phase)) {
      const std::string note = p.phase + ": " + std::to_string(p.percent) + "% used, due " +
                               due_text + " (" + view.policy + ")";
      record(EventKind::kSlaWarning, note);
      if (c.assignee_id) {
        notify(*c.assignee_id, "sla_warning",
               p.phase + " " + std::to_string(p.percent) + "% (" + view.policy + ")", p.due_at);
      }
    }
    const bool newly_breached =
        p.state == PhaseState::kBreached && !Recorded(history, EventKind::kSlaBreach, p.phase);
    if (newly_breached && p.phase == "survey_callback") {
      // The handling is over: an overdue callback goes to whoever resolved it, not up the chain.
      const std::string note =
          p.phase + ": no survey answer by " + due_text + " (" + view.policy + ")";
      record(EventKind::kSlaBreach, note);
      if (c.assignee_id) {
        notify(*c.assignee_id, "callback_overdue", p.phase + " (" + view.policy + ")", p.due_at);
      }
    } else if (newly_breached) {
      const std::string note =
          p.phase + ": target passed at " + due_text + " (" + view.policy + ")";
      record(EventKind::kSlaBreach, note);
      ComplaintEvent escalated = Escalate(c, "SLA breach, " + p.phase);
      escalated.at = now;
      repos.events().Append(escalated);
      changed = true;
      if (c.assignee_id) {
        notify(*c.assignee_id, "sla_breach", p.phase + " (" + view.policy + ")", p.due_at);
      }
      if (!managers_) managers_ = ActiveManagers(repos);  // once per transaction
      NotifyEscalation(
          repos, ctx_, c,
          "L" + std::to_string(c.escalation_level) + ", " + p.phase + " (" + view.policy + ")",
          p.due_at, &*managers_);
    }
    if (!Recorded(history, EventKind::kSlaWarning, p.phase) && !(p.warn_at && now >= *p.warn_at)) {
      consider(p.warn_at);
    }
    if (p.state != PhaseState::kBreached) consider(p.due_at);
  }
  // Repeated escalation may call for the green channel (an expert takes over): a subscriber's.
  if (changed) {
    const Principal system = SystemPrincipal();
    ComplaintChange raised{ChangeKind::kEscalated, c, system, now};
    raised.note = "L" + std::to_string(c.escalation_level) + ", SLA breach";
    raised.amendable = &c;
    raised.people_told = true;
    CL_RETURN_IF_ERROR(PublishChange(repos, ctx_, raised));
  }
  // Progress updates while open (not while waiting on the customer: the clocks stand still).
  if (policy.update_every > 0 && IsOpen(c.status) &&
      c.status != ComplaintStatus::kWaitingOnCustomer) {
    const UnixMillis update_due = LastCustomerContact(c, history) + policy.update_every;
    if (now >= update_due) {
      SendCustomerUpdate(repos, ctx_, c);
      consider(now + policy.update_every);
    } else {
      consider(update_due);
    }
  }
  // Where the complaint stands, for the queue's "most urgent first" (one indexed query).
  const auto [state, due] = SlaStanding(view, now);
  const bool standing_moved = state != c.sla_state || due != c.sla_due_at;
  c.sla_state = state;
  c.sla_due_at = due;
  if (standing_moved && !changed) repos.complaints().SetSlaStanding(c.id, state, due);
  if (changed) {
    c.updated_at = std::max(c.updated_at, now);
    repos.complaints().Update(c);
  }
  follow_up.run_again_at = next;
  return Status::Ok();
}

core::Result<std::vector<Notification>> ManageNotifications::Mine(const Principal& who,
                                                                  bool unread_only, Id before_id,
                                                                  int limit) const {
  if (who.user_id == 0) return Status::Invalid("user", "notifications belong to a user");
  if (limit < 1 || limit > 200) return Status::Invalid("limit", "limit must be 1-200");
  std::vector<Notification> out;
  Status status = ctx_.store.Read([&](Repositories& repos) {
    out = repos.notifications().ListFor(who.user_id, unread_only, before_id, limit);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return out;
}

core::Result<int> ManageNotifications::MarkAllRead(const Principal& who) const {
  if (who.user_id == 0) return Status::Invalid("user", "notifications belong to a user");
  int marked = 0;
  CL_RETURN_IF_ERROR(ctx_.store.Write([&](Repositories& repos) {
    marked = repos.notifications().MarkAllRead(who.user_id, ctx_.clock.Now());
    return Status::Ok();
  }));
  return marked;
}

Status ManageNotifications::MarkRead(const Principal& who, Id id) const {
  return ctx_.store.Write([&](Repositories& repos) -> Status {
    if (!repos.notifications().MarkRead(who.user_id, id, ctx_.clock.Now())) {
      return Status::NotFound("notification " + std::to_string(id) + " not found");
    }
    return Status::Ok();
  });
}

}  // namespace closeloop::domain
