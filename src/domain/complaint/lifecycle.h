// The complaint lifecycle as data: which moves exist, which permission each needs and what must
// be present before it. Defaults ship in code; admins replace the table through the API.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "domain/model/enums.h"
#include "domain/org/policy.h"

namespace closeloop::domain {

// What a transition needs before it may happen.
enum class Requirement { kNote, kType, kCategory, kAssignee };
const char* ToString(Requirement r);
std::optional<Requirement> ParseRequirement(std::string_view s);

struct Transition {
  ComplaintStatus from;
  ComplaintStatus to;
  Permission permission;
  std::vector<Requirement> requirements;
};

class Lifecycle {
 public:
  // The shipped lifecycle (see docs/api.md for the diagram).
  static Lifecycle Default();
  // Validates a table: no self-loops, no duplicate moves, every state reachable from received.
  static core::Result<Lifecycle> Build(std::vector<Transition> transitions);

  // The move from → to, or nullptr when the lifecycle has none.
  const Transition* Find(ComplaintStatus from, ComplaintStatus to) const;
  std::vector<ComplaintStatus> Targets(ComplaintStatus from) const;
  const std::vector<Transition>& transitions() const { return transitions_; }

 private:
  explicit Lifecycle(std::vector<Transition> transitions) : transitions_(std::move(transitions)) {}
  std::vector<Transition> transitions_;
};

}  // namespace closeloop::domain
