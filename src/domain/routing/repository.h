// Storage of agents' routing profiles, their load and routing decisions.
#pragma once

#include <optional>
#include <utility>
#include <vector>

#include "domain/model/ids.h"
#include "domain/routing/entities.h"

namespace closeloop::domain {

// Agents' routing profiles, their load and the recorded routing decisions.
class RoutingRepository {
 public:
  virtual ~RoutingRepository() = default;
  virtual std::vector<AgentProfile> Profiles() = 0;  // with skills
  virtual std::optional<AgentProfile> FindProfile(Id user_id) = 0;
  // Inserts or replaces the profile and its skills.
  virtual void SaveProfile(const AgentProfile& profile) = 0;
  // (assignee, open complaints assigned) for every assignee with any.
  virtual std::vector<std::pair<Id, int>> OpenLoads() = 0;
  // Open complaints assigned to one person.
  virtual int OpenLoadOf(Id assignee) = 0;
  // Analysed, open complaints without an assignee, oldest first.
  virtual std::vector<Id> Waiting(int limit) = 0;
  // The assignee's complaints in status `assigned` (not started yet), oldest first.
  virtual std::vector<Id> NotStartedOf(Id assignee) = 0;
  virtual Id InsertDecision(const RoutingRecord& record) = 0;
  virtual std::vector<RoutingRecord> DecisionsFor(Id complaint_id) = 0;
};

}  // namespace closeloop::domain
