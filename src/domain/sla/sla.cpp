#include "domain/sla/sla.h"

#include <algorithm>

namespace closeloop::domain {

using core::Status;

namespace {

template <typename T>
bool InOrEmpty(const std::vector<T>& list, const T& value) {
  return list.empty() || std::find(list.begin(), list.end(), value) != list.end();
}

// The stretches of time in which the clock runs: from receipt, minus waiting on the customer.
// The last one is open (ends at `now`) unless the complaint is waiting now.
struct Running {
  std::vector<std::pair<UnixMillis, UnixMillis>> closed;
  std::optional<UnixMillis> open_since;
};

Running RunningStretches(const Complaint& c, const std::vector<ComplaintEvent>& history) {
  Running r;
  UnixMillis start = c.received_at;
  bool waiting = false;
  for (const ComplaintEvent& e : history) {
    if (e.kind != EventKind::kTransitioned || !e.to_status) continue;
    const bool to_waiting = *e.to_status == ComplaintStatus::kWaitingOnCustomer;
    if (to_waiting && !waiting) {
      if (e.at > start) r.closed.emplace_back(start, e.at);
      waiting = true;
    } else if (!to_waiting && waiting) {
      start = std::max(e.at, c.received_at);
      waiting = false;
    }
  }
  if (!waiting) r.open_since = start;
  return r;
}

// Working time on the running clock up to `t`.
UnixMillis Elapsed(const Running& r, const BusinessCalendar& cal, UnixMillis t) {
  UnixMillis total = 0;
  for (const auto& [a, b] : r.closed) total += cal.WorkingTimeBetween(a, std::min(b, t));
  if (r.open_since) total += cal.WorkingTimeBetween(*r.open_since, t);
  return total;
}

// The instant the running clock reaches `target`; nothing when it stops (waiting) before.
std::optional<UnixMillis> Reaches(const Running& r, const BusinessCalendar& cal,
                                  UnixMillis target) {
  UnixMillis left = target;
  for (const auto& [a, b] : r.closed) {
    const UnixMillis in = cal.WorkingTimeBetween(a, b);
    if (in >= left) return cal.AddWorkingTime(a, left);
    left -= in;
  }
  if (!r.open_since) return std::nullopt;
  return cal.AddWorkingTime(*r.open_since, left);
}

std::optional<UnixMillis> FirstMove(const std::vector<ComplaintEvent>& history,
                                    const std::vector<ComplaintStatus>& into) {
  for (const ComplaintEvent& e : history) {
    if (e.kind == EventKind::kTransitioned && e.to_status &&
        std::find(into.begin(), into.end(), *e.to_status) != into.end()) {
      return e.at;
    }
  }
  return std::nullopt;
}

std::optional<UnixMillis> EarliestOf(std::optional<UnixMillis> a, std::optional<UnixMillis> b) {
  if (!a) return b;
  if (!b) return a;
  return std::min(*a, *b);
}

// The resolution that stands: the last move to resolved, unless reopened after it.
std::optional<UnixMillis> StandingResolution(const std::vector<ComplaintEvent>& history) {
  std::optional<UnixMillis> at;
  for (const ComplaintEvent& e : history) {
    if (e.kind != EventKind::kTransitioned || !e.to_status) continue;
    if (*e.to_status == ComplaintStatus::kResolved) at = e.at;
    if (*e.to_status == ComplaintStatus::kClosed && !at) at = e.at;
    if (*e.to_status == ComplaintStatus::kReopened) at.reset();
  }
  return at;
}

}  // namespace

Status SlaPolicy::Validate() const {
  if (code.empty()) return Status::Invalid("code", "a policy needs a code");
  for (const auto& [field, value] :
       {std::pair{"first_response", first_response}, std::pair{"identify", identify},
        std::pair{"analyse", analyse}, std::pair{"resolve", resolve},
        std::pair{"update_every", update_every}, std::pair{"survey_within", survey_within}}) {
    if (value <= 0) return Status::Invalid(field, std::string(field) + " must be positive");
  }
  if (warn_at_percent < 1 || warn_at_percent > 99) {
    return Status::Invalid("warn_at_percent", "warn_at_percent must be between 1 and 99");
  }
  return Status::Ok();
}

bool SlaPolicy::Matches(const Complaint& c, std::optional<CustomerTier> tier) const {
  if (!InOrEmpty(priorities, c.priority) || !InOrEmpty(channels, c.channel)) return false;
  if (!tiers.empty() && (!tier || !InOrEmpty(tiers, *tier))) return false;
  if (!types.empty() && (!c.type || !InOrEmpty(types, *c.type))) return false;
  return true;
}

std::vector<SlaPolicy> DefaultSlaPolicies() {
  SlaPolicy urgent;
  urgent.code = "urgent";
  urgent.name = "紧急 / urgent";
  urgent.priorities = {Priority::kUrgent};
  urgent.first_response = 30 * core::kMinute;
  urgent.identify = core::kHour;
  urgent.analyse = 3 * core::kHour;
  urgent.resolve = 8 * core::kHour;
  urgent.update_every = core::kHour;
  urgent.survey_within = 48 * core::kHour;
  SlaPolicy regular;
  regular.code = "regular";
  regular.name = "常规 / regular";
  return {urgent, regular};
}

const SlaPolicy& ChoosePolicy(const std::vector<SlaPolicy>& policies, const Complaint& c,
                              std::optional<CustomerTier> tier) {
  for (const SlaPolicy& p : policies) {
    if (p.Matches(c, tier)) return p;
  }
  return policies.back();
}

const char* ToString(PhaseState s) {
  switch (s) {
    case PhaseState::kRunning:
      return "running";
    case PhaseState::kPaused:
      return "paused";
    case PhaseState::kMet:
      return "met";
    case PhaseState::kBreached:
      return "breached";
  }
  return "running";
}

SlaView ComputeSla(const Complaint& c, const std::vector<ComplaintEvent>& history,
                   const SlaPolicy& policy, const BusinessCalendar& calendar, UnixMillis now) {
  SlaView view;
  view.policy = policy.code;
  view.calendar = calendar.code;
  const Running running = RunningStretches(c, history);
  view.paused = !running.open_since && c.status == ComplaintStatus::kWaitingOnCustomer;
  view.paused_working =
      calendar.WorkingTimeBetween(c.received_at, now) - Elapsed(running, calendar, now);

  const std::optional<UnixMillis> identified =
      FirstMove(history, {ComplaintStatus::kClassified, ComplaintStatus::kAssigned,
                          ComplaintStatus::kInProgress, ComplaintStatus::kRejected});
  const std::optional<UnixMillis> analysed = FirstMove(
      history,
      {ComplaintStatus::kInProgress, ComplaintStatus::kResolved, ComplaintStatus::kRejected});
  std::optional<UnixMillis> resolved = StandingResolution(history);
  if (c.status == ComplaintStatus::kRejected) resolved = c.closed_at;
  const struct {
    const char* name;
    UnixMillis target;
    std::optional<UnixMillis> done;
  } phases[] = {
      // A resolution answers the customer too.
      {"first_response", policy.first_response, EarliestOf(c.first_response_at, resolved)},
      {"identify", policy.identify, identified},
      {"analyse", policy.identify + policy.analyse, analysed},
      {"resolve", policy.identify + policy.analyse + policy.resolve, resolved},
  };
  for (const auto& p : phases) {
    PhaseClock clock;
    clock.phase = p.name;
    clock.target = p.target;
    clock.done_at = p.done;
    const UnixMillis until = p.done ? *p.done : now;
    clock.working_elapsed = Elapsed(running, calendar, until);
    clock.calendar_elapsed = std::max<UnixMillis>(0, until - c.received_at);
    clock.due_at = Reaches(running, calendar, p.target);
    clock.warn_at = Reaches(running, calendar, p.target * policy.warn_at_percent / 100);
    clock.percent =
        static_cast<int>(clock.working_elapsed * 100 / std::max<UnixMillis>(1, p.target));
    if (p.done) {
      clock.state = clock.working_elapsed <= p.target ? PhaseState::kMet : PhaseState::kBreached;
    } else if (clock.working_elapsed >= p.target) {
      clock.state = PhaseState::kBreached;
    } else {
      clock.state = view.paused ? PhaseState::kPaused : PhaseState::kRunning;
    }
    view.phases.push_back(clock);
  }
  // The satisfaction callback: calendar time from the standing resolution to the
  // first survey answer after it. Not while the complaint is open.
  if (resolved && c.status != ComplaintStatus::kRejected) {
    PhaseClock clock;
    clock.phase = "survey_callback";
    clock.target = policy.survey_within;
    for (const ComplaintEvent& e : history) {
      if (e.kind == EventKind::kSurveyAnswered && e.at >= *resolved && !clock.done_at) {
        clock.done_at = e.at;
      }
    }
    const UnixMillis until = clock.done_at.value_or(now);
    clock.working_elapsed = std::max<UnixMillis>(0, until - *resolved);
    clock.calendar_elapsed = clock.working_elapsed;
    clock.due_at = *resolved + clock.target;
    clock.warn_at = *resolved + clock.target * policy.warn_at_percent / 100;
    clock.percent =
        static_cast<int>(clock.working_elapsed * 100 / std::max<UnixMillis>(1, clock.target));
    clock.state = clock.done_at ? (clock.working_elapsed <= clock.target ? PhaseState::kMet
                                                                         : PhaseState::kBreached)
                  : clock.working_elapsed >= clock.target ? PhaseState::kBreached
                                                          : PhaseState::kRunning;
    view.phases.push_back(clock);
  }
  return view;
}

}  // namespace closeloop::domain
