// Change events: what happened to a complaint, published inside the unit of work that changed it.
// Side effects of a change (SLA clocks, department tasks, the routing queue, notifications; the
// survey dispatch and analytics rollups to come) subscribe here instead of being called by every
// use case. A subscriber writes through the same Repositories, so its writes commit or roll back
// with the change; an error from a subscriber rolls the whole change back. A subscriber whose
// work is slow queues a job instead of doing it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/complaint/entities.h"
#include "domain/model/ids.h"
#include "domain/org/policy.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

class Repositories;

enum class ChangeKind {
  kCreated,          // filed (any channel)
  kAnalysed,         // the text analysis stored its result (type, category may follow)
  kUpdated,          // fields edited (`fields` names them)
  kStatusChanged,    // moved along the lifecycle (`from_status`)
  kAssigned,         // a person gave it to someone (`previous_assignee`, `note`: their reason)
  kRouted,           // the router decided (assigned, queued or priority raised)
  kEscalated,        // raised a level (`note`: "L2, reason"; `amendable` set)
  kPublicReply,      // staff answered the customer (`note`: the text they are sent)
  kCustomerReplied,  // the customer wrote again
  kSurveyAnswered,   // a satisfaction answer was recorded
  kSurveySent,       // a satisfaction survey about it reached the customer (analytics counts it)
};

const char* ToString(ChangeKind kind);

struct ComplaintChange {
  ChangeKind kind;
  const Complaint& complaint;  // as it stands after the change (stored or about to be)
  const Principal& actor;
  UnixMillis at = 0;
  std::optional<ComplaintStatus> from_status;  // kStatusChanged
  std::optional<Id> previous_assignee;         // kStatusChanged, kAssigned
  std::vector<std::string> fields;             // kUpdated: the fields that changed
  std::string old_category;                    // kUpdated with "category" among the fields
  std::string note;                            // kAssigned, kEscalated, kPublicReply
  std::optional<Id> survey_response_id;        // kSurveyAnswered: the answer recorded
  // Set when the publisher stores the complaint after publishing: a subscriber may move it on
  // (the green channel gives an escalated complaint to an expert). Null otherwise.
  Complaint* amendable = nullptr;
  // kEscalated: the publisher has told the managers and the assignee itself (the SLA sweep does,
  // once per breached phase, with the managers loaded once per transaction).
  bool people_told = false;

  bool Changed(const std::string& field) const;
};

class ChangeSubscriber {
 public:
  virtual ~ChangeSubscriber() = default;
  // Runs inside the change's unit of work; an error rolls the change back.
  virtual core::Status OnChange(const ComplaintChange& change, Repositories& repos) = 0;
};

// The subscribers, in the order they were added (the wiring adds them once at start-up; they
// must outlive the registry). Publishing stops at the first error.
class ChangeEvents {
 public:
  void Subscribe(ChangeSubscriber& subscriber) { subscribers_.push_back(&subscriber); }
  core::Status Publish(const ComplaintChange& change, Repositories& repos) const;

 private:
  std::vector<ChangeSubscriber*> subscribers_;
};

}  // namespace closeloop::domain
