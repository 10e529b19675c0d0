// Improvement actions: a problem, the department responsible, the measure, an owner and
// a deadline, linked to the complaints, survey answers and root-cause tasks that motivated it;
// run through PDCA (plan → do → check → act, then closed, or act → plan for another cycle),
// each move dated; an A3 record; and an effect check before it is closed: complaints of its kind
// (category × product line or store) per week in the N weeks before it took effect (its move to
// "do") against the N weeks after.
// Who: improvement.manage (managers; a scoped manager only organisation-wide actions and those of
// their regions) opens and runs any; a department user sees and updates their teams' actions;
// improvement.read (analysts, auditors) reads them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/context.h"
#include "domain/improvement/entities.h"

namespace closeloop::domain {

// Create: problem, team_id, owner_id and deadline are required. Update: what is given changes;
// `links` are added; `stage` is the next stage.
struct ImprovementInput {
  std::optional<std::string> problem, measure, category, product_line, stage;
  std::optional<Id> team_id, owner_id, store_id, region_id;
  std::optional<UnixMillis> deadline;
  std::vector<ImprovementLink> links;
  std::optional<A3Record> a3;
};

// The fishbone categories an A3 cause may name: man, machine, material, method, environment,
// measurement (人机料法环测).
bool KnownCauseCategory(const std::string& category);

class ManageImprovements {
 public:
  explicit ManageImprovements(const Context& ctx) : ctx_(ctx) {}
  core::Result<ImprovementAction> Create(const Principal& who, const ImprovementInput& in) const;
  core::Result<ImprovementAction> Update(const Principal& who, Id id,
                                         const ImprovementInput& in) const;
  core::Result<ImprovementAction> Get(const Principal& who, Id id) const;
  core::Result<std::vector<ImprovementAction>> List(const Principal& who, std::optional<Id> team_id,
                                                    const std::string& stage) const;
  // Records the effect check over `weeks` (1-52) on each side of the move to "do"; the action
  // must be in check or act and the weeks after must have passed.
  core::Result<ImprovementAction> CheckEffect(const Principal& who, Id id, int weeks) const;

 private:
  const Context& ctx_;
};

}  // namespace closeloop::domain
