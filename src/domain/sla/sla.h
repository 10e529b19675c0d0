// Service-level agreements: policies chosen by conditions, and the SLA clocks of a
// complaint computed from its event history — so they can be recomputed after a policy change.
//
// Phases and their targets, counted in the calendar's working time from when the complaint was
// received, with time spent waiting on the customer left out (the clock pauses):
//   first_response  the first customer-visible reply (first_response_at)
//   identify        classified: type, category and priority known (first move out of received)
//   analyse         diagnosed and departments involved (first move to in_progress), cumulative
//   resolve         resolved (the latest resolution while it stands), cumulative: the total
// Targets are cumulative: with 2 h / 6 h / 16 h, analyse is due 8 h and resolve 24 h after
// receipt.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/complaint/entities.h"
#include "domain/sla/calendar.h"

namespace closeloop::domain {

struct SlaPolicy {
  std::string code;
  std::string name;
  // Conditions; an empty list matches everything. The first policy whose conditions all hold
  // applies (policies are ordered).
  std::vector<Priority> priorities;
  std::vector<CustomerTier> tiers;
  std::vector<Channel> channels;
  std::vector<ComplaintType> types;
  std::string calendar = "24x7";  // a calendar code
  UnixMillis first_response = 2 * core::kHour;
  UnixMillis identify = 2 * core::kHour;
  UnixMillis analyse = 6 * core::kHour;
  UnixMillis resolve = 16 * core::kHour;
  int warn_at_percent = 75;                     // a warning when this share of a phase has passed
  UnixMillis update_every = 4 * core::kHour;    // customer updates while open (calendar time)
  UnixMillis survey_within = 72 * core::kHour;  // the satisfaction callback after resolution

  // Durations positive, warning 1..99, update and survey windows positive; names the field.
  core::Status Validate() const;
  bool Matches(const Complaint& complaint, std::optional<CustomerTier> tier) const;
};

// The shipped policies: urgent (priority urgent: 30 min / 1 h / 3 h / 8 h on the 24×7 calendar)
// and regular (2 h / 2 h / 6 h / 16 h — the seeds' 24 hours — on the 24×7 calendar).
std::vector<SlaPolicy> DefaultSlaPolicies();

// The first policy that matches; the last one when none does.
const SlaPolicy& ChoosePolicy(const std::vector<SlaPolicy>& policies, const Complaint& complaint,
                              std::optional<CustomerTier> tier);

enum class PhaseState { kRunning, kPaused, kMet, kBreached };
const char* ToString(PhaseState s);

struct PhaseClock {
  // first_response, identify, analyse, resolve; survey_callback once resolved (calendar time
  // from the resolution to the customer's survey answer)
  std::string phase;
  UnixMillis target = 0;           // working time allowed, cumulative from receipt
  UnixMillis working_elapsed = 0;  // working time used (to completion, or until now)
  UnixMillis calendar_elapsed = 0;
  std::optional<UnixMillis> due_at;   // when the target runs out (absent while paused)
  std::optional<UnixMillis> warn_at;  // when the warning share is reached
  std::optional<UnixMillis> done_at;
  PhaseState state = PhaseState::kRunning;
  int percent = 0;  // working_elapsed / target
};

struct SlaView {
  std::string policy;
  std::string calendar;
  bool paused = false;
  UnixMillis paused_working = 0;  // working time spent waiting on the customer
  std::vector<PhaseClock> phases;
};

// The clocks of `complaint` at `now` from its history (oldest first).
SlaView ComputeSla(const Complaint& complaint, const std::vector<ComplaintEvent>& history,
                   const SlaPolicy& policy, const BusinessCalendar& calendar, UnixMillis now);

}  // namespace closeloop::domain
