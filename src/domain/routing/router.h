// The routing decision (分派, R-3.2): which agent takes a complaint, and why. Pure and in
// memory: the caller builds an AgentPool (profiles, skills, current load, who is on shift) once
// per batch and asks for decisions; each decision costs O(agents × skills of the complaint).
//
// Hard conditions (a candidate must meet all): available, on shift, under capacity, at least the
// seniority the rules ask for, and the role the rules route to (an agent; a manager scoped to the
// complaint's team for team_lead, to its region for regional_manager, else an unscoped one).
// Among candidates the highest score wins (ties: lower load, then lower user id):
//   skill   50 × mean over the complaint's dimensions (type, category, product line, language,
//                channel) of the agent's level / 5 (0 without the skill)
//   region  15 when the agent's region is the complaint's (7.5 when the complaint has none)
//   load    25 × free share of capacity (35 for high and urgent complaints: pick up now)
//   tier    10 × seniority / 3 for VIP customers and high or urgent complaints, else
//           10 × (1 − (seniority − 1) / 3) so seniors stay free for the hard cases
//   shift  −10 when the agent's shift ends within the hour
// Nobody qualifies → no agent: the complaint waits in its team's queue (oldest first) until
// capacity frees up.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/model/ids.h"
#include "domain/routing/routing_rules.h"

namespace closeloop::domain {

// Skill dimensions, in this order in RoutingRequest::skill_keys.
inline constexpr const char* kSkillDimensions[] = {"type", "category", "product_line", "language",
                                                   "channel"};

struct AgentState {
  Id user_id = 0;
  std::string name;
  Role role = Role::kAgent;
  std::optional<Id> team_id;
  std::optional<Id> region_id;
  std::vector<Id> region_scope;  // managers: the regions they lead
  std::vector<Id> team_scope;    // managers: the teams they lead
  Seniority seniority = Seniority::kJunior;
  int capacity = 0;
  int load = 0;  // open complaints assigned now
  bool available = true;
  bool on_shift = true;
  int shift_minutes_left = 24 * 60;
  std::vector<std::pair<int, int>> skills;  // (interned "dimension:value", level 1..5), sorted
};

class AgentPool {
 public:
  // The id of "dimension:value", created on first use.
  int Intern(const std::string& key);
  // -1 when no agent has that skill.
  int Find(const std::string& key) const;
  void Add(AgentState agent);  // sorts its skills
  std::vector<AgentState>& agents() { return agents_; }
  const std::vector<AgentState>& agents() const { return agents_; }
  AgentState* FindAgent(Id user_id);

 private:
  std::unordered_map<std::string, int> keys_;
  std::vector<AgentState> agents_;
  std::unordered_map<Id, size_t> by_user_;
};

struct RoutingRequest {
  RoutingFacts facts;  // also gives the skill values
  std::optional<Id> region_id;
  std::optional<Id> team_id;
};

struct RoutingDecision {
  std::optional<Id> agent_id;  // none: queued
  std::optional<Id> team_id;   // the agent's team, else the complaint's
  Priority priority = Priority::kNormal;
  RuleOutcome rules;
  double score = 0;
  int candidates = 0;       // met every hard condition
  std::string explanation;  // one line, for people
};

// Decides for one complaint. Does not change the pool: call Commit to count the assignment.
RoutingDecision DecideRoute(const AgentPool& pool, const RoutingRules& rules,
                            const RoutingRequest& request);
// Counts an assignment made by `decision` in the pool's loads.
void Commit(AgentPool& pool, const RoutingDecision& decision);

}  // namespace closeloop::domain
