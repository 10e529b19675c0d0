// A department task on a complaint.
#pragma once

#include <optional>
#include <string>

#include "domain/model/ids.h"

namespace closeloop::domain {

// Work a department must do on a complaint. Status: open, in_progress, done, cancelled.
struct DepartmentTask {
  Id id = 0;
  Id complaint_id = 0;
  Id team_id = 0;
  std::string title;
  std::string status = "open";
  bool blocking = true;  // the complaint cannot be resolved while it is open
  std::optional<Id> owner_id;
  UnixMillis due_at = 0;
  UnixMillis created_at = 0;
  UnixMillis updated_at = 0;
  std::optional<UnixMillis> closed_at;
  bool Open() const { return status == "open" || status == "in_progress"; }
};

}  // namespace closeloop::domain
