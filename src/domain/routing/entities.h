// Agents' routing profiles and the recorded routing decisions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/model/ids.h"

namespace closeloop::domain {

// How an agent (or a manager who takes complaints) is routed work. Seniority: 1 junior,
// 2 senior, 3 expert. The shift is a business calendar's working hours (empty: always on shift).
struct AgentSkill {
  std::string dimension;  // type, category, product_line, language, channel
  std::string value;      // e.g. "quality", "logistics", "cat_food", "en", "social"
  int level = 1;          // 1..5
};

struct AgentProfile {
  Id user_id = 0;
  std::optional<Id> team_id;    // the complaint team whose queue they work
  std::optional<Id> region_id;  // where they sit (region fit of the routing score)
  int seniority = 1;
  int capacity = 10;  // open complaints at most
  bool available = true;
  std::string shift_calendar;
  std::vector<AgentSkill> skills;
  UnixMillis updated_at = 0;
};

// One routing decision as recorded on the complaint: automatic, manual or an override.
struct RoutingRecord {
  Id id = 0;
  Id complaint_id = 0;
  std::string mode;  // "auto", "queued", "manual", "override"
  std::optional<Id> agent_id;
  std::optional<Id> team_id;
  double score = 0;
  std::string rules_fired;  // space-separated rule names
  std::string explanation;
  std::optional<Id> actor_id;
  std::string reason;
  UnixMillis decided_at = 0;
};

}  // namespace closeloop::domain
