// A department task on a complaint.
#pragma once

#include <optional>
#include <string>

#include "domain/model/ids.h"

namespace closeloop::domain {

// Work a team must do on a complaint. Status: open, in_progress, done, cancelled. Kinds:
//   department  a department's part of handling the complaint
//   callback    a specialist calls back a customer whose survey answer was low (R-4.3, the
//               inner loop); `outcome` records recovered, not_recovered or unreachable
//   root_cause  the owner of the product line or store looks into the cause of a low answer
//               (R-4.4, the outer loop); never blocking
//   recontact   the tiered strategy's second contact with a customer whose recent complaint is
//               unresolved or was answered low; never blocking
//   deep_interview  the quarterly interview of a VIP who complained; never blocking
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
  std::string kind = "department";
  std::string details;  // callback / root_cause: the score, reason codes and comment
  std::optional<Id> survey_response_id;
  std::string outcome;  // callback: recovered, not_recovered, unreachable ("" until recorded)
  bool Open() const { return status == "open" || status == "in_progress"; }
};

}  // namespace closeloop::domain
