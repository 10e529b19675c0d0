// What the live feed reads from the store: committed complaint events and staff notifications
// after a position, with what a reader's scope is checked against. Reads only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/model/enums.h"
#include "domain/model/ids.h"
#include "domain/org/policy.h"

namespace closeloop::domain {

// A place in the two sequences the feed follows (both ids only grow).
struct LivePosition {
  Id event_id = 0;         // complaint_events
  Id notification_id = 0;  // notifications
};

// One committed row: a complaint event (with the complaint as it stands now) or a notification.
struct LiveRecord {
  bool is_notification = false;
  Id id = 0;  // the event's or the notification's id
  UnixMillis at = 0;
  // Complaint events.
  EventKind kind = EventKind::kCreated;
  std::optional<ComplaintStatus> from_status;
  std::optional<ComplaintStatus> to_status;
  // The complaint (both kinds; a notification may have none: complaint_id 0).
  Id complaint_id = 0;
  std::string reference;
  ComplaintStatus status = ComplaintStatus::kReceived;
  Priority priority = Priority::kNormal;
  ScopedPlace place;
  std::vector<Id> task_teams;  // department teams with a task on the complaint
  // Notifications.
  Id user_id = 0;  // the one reader
  std::string notification_kind;
  std::string message;
};

class LiveFeedRepository {
 public:
  virtual ~LiveFeedRepository() = default;
  // Complaint events with an id above `after`, oldest first, at most `limit`.
  virtual std::vector<LiveRecord> EventsAfter(Id after, int limit) = 0;
  // Notifications with an id above `after`, oldest first, at most `limit`.
  virtual std::vector<LiveRecord> NotificationsAfter(Id after, int limit) = 0;
  // The newest ids of both sequences (0 when empty).
  virtual LivePosition Newest() = 0;
};

}  // namespace closeloop::domain
