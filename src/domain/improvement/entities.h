// Improvement actions: the outer loop's fix for everyone.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/model/ids.h"

namespace closeloop::domain {

// The A3 record of an action (seed 003 p22): background, current state, goal, the root cause as
// a 5-why chain and fishbone causes by category (人 man, 机 machine, 料 material, 法 method,
// 环 environment, 测 measurement), countermeasures and follow-up.
struct A3Record {
  std::string background;
  std::string current_state;
  std::string goal;
  std::vector<std::string> whys;                            // why 1 … why 5
  std::vector<std::pair<std::string, std::string>> causes;  // {category, cause}
  std::string countermeasures;
  std::string follow_up;
  bool Empty() const {
    return background.empty() && current_state.empty() && goal.empty() && whys.empty() &&
           causes.empty() && countermeasures.empty() && follow_up.empty();
  }
};

// What motivated an action: complaints, survey answers, root-cause tasks.
struct ImprovementLink {
  std::string kind;  // complaint, survey_response, task
  Id id = 0;
};

// The effect check: complaints of the action's kind (category × product line or store) per week
// in the `weeks` before the action was put into effect versus the `weeks` after.
struct EffectCheck {
  int weeks = 0;
  UnixMillis pivot = 0;  // when the action took effect (its move to "do")
  int before = 0, after = 0;
  double before_per_week = 0, after_per_week = 0;
  UnixMillis checked_at = 0;
};

// An improvement action: problem → responsible department → measure → owner → deadline. Stage:
// plan, do, check, act (PDCA), then closed; each move is dated.
struct ImprovementAction {
  Id id = 0;
  std::string problem;
  Id team_id = 0;  // the responsible department
  std::string measure;
  Id owner_id = 0;
  UnixMillis deadline = 0;
  std::optional<Id> region_id;  // none: organisation-wide
  std::string category;         // what kind of complaint it addresses (for the effect check)
  std::string product_line;
  std::optional<Id> store_id;
  std::string stage = "plan";
  std::optional<UnixMillis> plan_at, do_at, check_at, act_at, closed_at;
  std::vector<ImprovementLink> links;
  A3Record a3;
  std::optional<EffectCheck> effect;
  std::optional<Id> created_by;
  UnixMillis created_at = 0;
  UnixMillis updated_at = 0;
};

}  // namespace closeloop::domain
