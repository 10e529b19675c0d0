// Routing use cases: the automatic dispatch of analysed complaints, the waiting
// queue drained oldest-first when capacity frees up, agents' profiles and skill matrix, the
// priority rules as configuration, and the recorded explanation of every decision.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/analysis/entities.h"
#include "domain/complaint/entities.h"
#include "domain/context.h"
#include "domain/jobs/entities.h"
#include "domain/jobs/jobs.h"
#include "domain/model/ids.h"
#include "domain/routing/entities.h"
#include "domain/routing/router.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

inline constexpr const char* kRoutingDrainJob = "routing.drain";
// Managers without a profile can still be routed to (rules that route to them) with this load.
inline constexpr int kManagerDefaultCapacity = 50;
// How often the queue is looked at even when nothing signalled freed capacity (shifts start).
inline constexpr UnixMillis kDrainInterval = core::kMinute;
// The oldest this many waiting complaints are considered per run (one transaction).
inline constexpr int kDrainBatch = 5000;

// Everyone who can be routed to, with load and shift as of `now`. Empty when no agent has a
// profile: then routing is off and complaints wait for a person to dispatch them.
AgentPool LoadAgentPool(Repositories& repos, const Context& ctx, UnixMillis now);

// The routing rules in force (the defaults when the context holds none).
std::shared_ptr<const RoutingRules> RulesInForce(const Context& ctx);

// Open, not yet with anyone: the automatic routing may assign it.
bool WaitsForRouting(const Complaint& c);

// The routing view of a complaint (analysis may be absent).
RoutingRequest MakeRoutingRequest(Repositories& repos, const Complaint& c, const TextAnalysis* a);

// Routes `c` inside the caller's unit of work: raises the priority the rules ask for, assigns the
// chosen agent (moving the complaint to `assigned`), notifies them, and records the decision
// (mode "auto", or "queued" when nobody is free and `record_queued`). Updates the pool's load.
// A decision that changed the complaint is published (kRouted); a subscriber's error is returned.
core::Result<RoutingDecision> RouteComplaint(Repositories& repos, const Context& ctx,
                                             AgentPool& pool, Complaint& c, const TextAnalysis* a,
                                             bool record_queued);

// A person's assignment (kAssigned: `c` already carries the new assignee and team) recorded as
// a routing decision: "manual" when it had nobody, "override" when it is taken from the previous
// assignee, which frees capacity for the waiting queue. And the green channel (kEscalated): when
// the rules now ask for more than the assignee is — repeated escalation needs an expert — the
// complaint moves to an agent who qualifies (mode "reroute", the escalation as reason), changing
// the change's amendable complaint before its publisher stores it.
class RoutingChangeSubscriber final : public ChangeSubscriber {
 public:
  explicit RoutingChangeSubscriber(const Context& ctx) : ctx_(ctx) {}
  core::Status OnChange(const ComplaintChange& change, Repositories& repos) override;

 private:
  const Context& ctx_;
};

// Queues (or moves to now) the drain of the waiting queue; inside the caller's unit of work.
void ScheduleRoutingDrain(Repositories& repos, UnixMillis at, UnixMillis now);

// Capacity freed when an assigned complaint leaves the open states: the waiting queue may move.
class RoutingQueueSubscriber final : public ChangeSubscriber {
 public:
  core::Status OnChange(const ComplaintChange& change, Repositories& repos) override;
};

// The job that hands over the complaints not started yet of agents whose shift has ended (to an
// agent on shift, mode "handover"; an agent away for a while keeps theirs), then assigns waiting
// complaints, oldest first, while anyone has capacity; it runs again every kDrainInterval.
class RoutingDrainHandler final : public JobHandler {
 public:
  explicit RoutingDrainHandler(const Context& ctx) : ctx_(ctx) {}
  core::Status Run(const Job& job, Repositories& repos, JobFollowUp& follow_up) override;

 private:
  core::Status HandOverFromEndedShifts(Repositories& repos, AgentPool& pool);
  const Context& ctx_;
};

struct AgentView {
  AgentProfile profile;
  std::string username;
  std::string display_name;
  Role role = Role::kAgent;
  int load = 0;
};

class ManageAgents {
 public:
  explicit ManageAgents(const Context& ctx) : ctx_(ctx) {}
  // Everyone with a profile (needs complaint.assign).
  core::Result<std::vector<AgentView>> List(const Principal& who) const;
  core::Result<AgentView> Get(const Principal& who, Id user_id) const;
  // Creates or replaces a profile (needs routing.manage; a scoped manager only for agents of
  // their regions or teams, before and after). Errors name the field ("skills[2].level");
  // nothing is stored then.
  core::Result<AgentView> Save(const Principal& who, AgentProfile profile) const;
  // Available / away: agents for themselves, routing.manage for anyone.
  core::Result<AgentView> SetAvailable(const Principal& who, Id user_id, bool available) const;

 private:
  const Context& ctx_;
};

class ManageRoutingRules {
 public:
  explicit ManageRoutingRules(const Context& ctx) : ctx_(ctx) {}
  core::Result<RoutingRules> Get(const Principal& who) const;
  // Replaces the rules (needs routing.manage); empty text restores the defaults. A syntax error
  // names the line, and the rules in force stay.
  core::Result<RoutingRules> Replace(const Principal& who, const std::string& text) const;
  // Puts the stored rules in force at start.
  core::Status Load() const;

 private:
  const Context& ctx_;
};

class RoutingHistory {
 public:
  explicit RoutingHistory(const Context& ctx) : ctx_(ctx) {}
  core::Result<std::vector<RoutingRecord>> Get(const Principal& who, const std::string& key) const;
  // Runs the automatic routing again (after an escalation, say); needs complaint.assign and a
  // reason. The current assignee's own complaint does not count against them.
  core::Result<RoutingRecord> Reroute(const Principal& who, const std::string& key,
                                      const std::string& reason) const;

 private:
  const Context& ctx_;
};

}  // namespace closeloop::domain
