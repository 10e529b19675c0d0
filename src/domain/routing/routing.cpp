#include "domain/routing/routing.h"

#include <algorithm>

#include "core/text.h"
#include "domain/analysis/entities.h"
#include "domain/analysis/repository.h"
#include "domain/complaint/complaint_support.h"
#include "domain/complaint/entities.h"
#include "domain/complaint/repository.h"
#include "domain/customer/repository.h"
#include "domain/jobs/entities.h"
#include "domain/jobs/repository.h"
#include "domain/model/ids.h"
#include "domain/notify/notify.h"
#include "domain/org/entities.h"
#include "domain/org/repository.h"
#include "domain/routing/entities.h"
#include "domain/routing/repository.h"
#include "domain/sla/sla_config.h"
#include "domain/sla/sla_timers.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

using core::Status;

namespace {

// Whether the calendar works at `now`, and for how many more minutes.
std::pair<bool, int> ShiftAt(const BusinessCalendar& cal, UnixMillis now) {
  if (cal.always_open) return {true, 24 * 60};
  const long long local_day =
      (now + static_cast<long long>(cal.utc_offset_minutes) * core::kMinute) / core::kDay;
  for (const auto& [from, to] : cal.WorkingIntervalsOfDay(local_day)) {
    if (from <= now && now < to) return {true, static_cast<int>((to - now) / core::kMinute)};
  }
  return {false, 0};
}

// The states from which a complaint moves to `assigned` once someone takes it.
bool BeforeAssignment(ComplaintStatus s) {
  return s == ComplaintStatus::kReceived || s == ComplaintStatus::kClassified ||
         s == ComplaintStatus::kReopened;
}

std::string Joined(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

// The record of an automatic decision.
RoutingRecord RecordOf(const RoutingDecision& d, Id complaint_id, std::string mode, UnixMillis at) {
  RoutingRecord r;
  r.complaint_id = complaint_id;
  r.mode = std::move(mode);
  r.agent_id = d.agent_id;
  r.team_id = d.team_id;
  r.score = d.score;
  r.rules_fired = Joined(d.rules.fired);
  r.explanation = d.explanation;
  r.decided_at = at;
  return r;
}

// Carries out a decision with an agent: one `assigned` event with every change (the priority
// the rules raised, assignee, team), the move to `assigned` where the lifecycle has it, and the
// agent's notification. The caller updates the stored complaint.
void ApplyDecision(Repositories& repos, const Context& ctx, const Principal& who, Complaint& c,
                   const RoutingDecision& d, const std::string& note) {
  std::vector<FieldChange> changes;
  if (d.priority > c.priority) {
    changes.push_back({"priority", ToString(c.priority), ToString(d.priority)});
    c.priority = d.priority;
  }
  if (d.agent_id != c.assignee_id) {
    changes.push_back({"assignee_id", OptionalIdText(c.assignee_id), OptionalIdText(d.agent_id)});
  }
  if (d.team_id != c.team_id) {
    changes.push_back({"team_id", OptionalIdText(c.team_id), OptionalIdText(d.team_id)});
  }
  ComplaintEvent assigned;
  assigned.complaint_id = c.id;
  assigned.kind = EventKind::kAssigned;
  assigned.note = note;
  assigned.changes = std::move(changes);
  AppendEvent(repos, ctx, who, assigned);
  c.assignee_id = d.agent_id;
  c.team_id = d.team_id;
  if (BeforeAssignment(c.status) &&
      ctx.lifecycle.Get()->Find(c.status, ComplaintStatus::kAssigned)) {
    MoveToAssigned(repos, ctx, who, c);
  }
  NotifyUser(repos, ctx, *d.agent_id, c, "assigned", c.title);
}

// The routing view of `c` with its stored analysis.
RoutingRequest RequestFor(Repositories& repos, const Complaint& c) {
  const std::optional<TextAnalysis> analysis = repos.analysis().Find(c.id);
  return MakeRoutingRequest(repos, c, analysis ? &*analysis : nullptr);
}

// Routes `c` again by the rules (a reroute, a handover, the green channel); its holder's load no
// longer counts it. When an agent takes it — another one, unless `allow_same` — the decision is
// applied (an assigned event "reason — mode: why"), recorded with `mode`, `reason` and the actor,
// and counted in the pool; `c` is changed, not stored. Nothing when nobody (else) can take it.
// `decision` receives the decision either way.
std::optional<RoutingRecord> Reassign(Repositories& repos, const Context& ctx, const Principal& who,
                                      AgentPool& pool, Complaint& c, const RoutingRequest& request,
                                      const std::string& mode, const std::string& reason,
                                      bool allow_same, RoutingDecision& decision) {
  if (c.assignee_id) {
    if (AgentState* holder = pool.FindAgent(*c.assignee_id)) --holder->load;
  }
  decision = DecideRoute(pool, *RulesInForce(ctx), request);
  const RoutingDecision& d = decision;
  if (!d.agent_id || (!allow_same && d.agent_id == c.assignee_id)) {
    if (c.assignee_id) {
      if (AgentState* holder = pool.FindAgent(*c.assignee_id)) ++holder->load;
    }
    return std::nullopt;
  }
  ApplyDecision(repos, ctx, who, c, d, reason + " — " + mode + ": " + d.explanation);
  RoutingRecord record = RecordOf(d, c.id, mode, ctx.clock.Now());
  if (who.user_id != 0) record.actor_id = who.user_id;
  record.reason = reason;
  record.id = repos.routing().InsertDecision(record);
  Commit(pool, d);
  return record;
}

}  // namespace

std::shared_ptr<const RoutingRules> RulesInForce(const Context& ctx) {
  if (ctx.routing) return ctx.routing->Get();
  return std::shared_ptr<const RoutingRules>(&DefaultRoutingRules(), [](const RoutingRules*) {});
}

bool WaitsForRouting(const Complaint& c) { return !c.assignee_id && BeforeAssignment(c.status); }

AgentPool LoadAgentPool(Repositories& repos, const Context& ctx, UnixMillis now) {
  AgentPool pool;
  std::vector<AgentProfile> profiles = repos.routing().Profiles();
  if (profiles.empty()) return pool;
  std::unordered_map<Id, AgentProfile*> by_user;
  for (AgentProfile& p : profiles) by_user[p.user_id] = &p;
  std::unordered_map<Id, int> loads;
  for (const auto& [user, load] : repos.routing().OpenLoads()) loads[user] = load;
  const auto sla = ctx.sla ? ctx.sla->Get() : nullptr;
  for (const User& u : repos.users().List()) {
    if (!u.active || (u.role != Role::kAgent && u.role != Role::kManager)) continue;
    AgentState a;
    a.user_id = u.id;
    a.name = u.display_name.empty() ? u.username : u.display_name;
    a.role = u.role;
    a.region_scope = u.region_scope;
    a.team_scope = u.team_scope;
    a.load = loads.count(u.id) ? loads[u.id] : 0;
    auto it = by_user.find(u.id);
    if (it == by_user.end()) {
      if (u.role != Role::kManager) continue;  // agents without a profile are not routed to
      a.seniority = Seniority::kExpert;
      a.capacity = kManagerDefaultCapacity;
      pool.Add(std::move(a));
      continue;
    }
    const AgentProfile& p = *it->second;
    a.team_id = p.team_id;
    a.region_id = p.region_id;
    a.seniority = static_cast<Seniority>(std::clamp(p.seniority, 1, 3));
    a.capacity = p.capacity;
    a.available = p.available;
    if (!p.shift_calendar.empty() && sla) {
      if (const BusinessCalendar* cal = sla->FindCalendar(p.shift_calendar)) {
        std::tie(a.on_shift, a.shift_minutes_left) = ShiftAt(*cal, now);
      }
    }
    for (const AgentSkill& s : p.skills) {
      a.skills.emplace_back(pool.Intern(s.dimension + ":" + s.value), s.level);
    }
    pool.Add(std::move(a));
  }
  return pool;
}

RoutingRequest MakeRoutingRequest(Repositories& repos, const Complaint& c, const TextAnalysis* a) {
  RoutingRequest r;
  RoutingFacts& f = r.facts;
  if (c.amount_claimed_cents && c.order_amount_cents && *c.order_amount_cents > 0) {
    f.claim_ratio = static_cast<double>(*c.amount_claimed_cents) / *c.order_amount_cents;
  }
  f.escalation_level = c.escalation_level;
  f.reopen_count = c.reopen_count;
  f.priority = c.priority;
  f.severity = c.severity;
  f.safety = c.safety_flag;
  if (c.type) {
    f.type = ToString(*c.type);
  } else if (a && a->suggested_type) {
    f.type = ToString(*a->suggested_type);
  }
  f.category = !c.category.empty() ? c.category : a ? a->suggested_category : "";
  f.channel = ToString(c.channel);
  f.language = LooksEnglish(c.title + c.description) ? "en" : "zh";
  if (a) {
    f.agitation = a->agitation;
    f.sentiment = a->sentiment;
    f.flags = a->flags;
  }
  if (c.customer_id) {
    if (auto tier = repos.customers().TierOf(*c.customer_id)) f.tier = ToString(*tier);
  }
  if (c.product_id) {
    if (auto product = repos.org().FindProduct(*c.product_id))
      f.product_line = product->product_line;
  }
  r.region_id = c.region_id;
  r.team_id = c.team_id;
  return r;
}

core::Result<RoutingDecision> RouteComplaint(Repositories& repos, const Context& ctx,
                                             AgentPool& pool, Complaint& c, const TextAnalysis* a,
                                             bool record_queued) {
  const UnixMillis now = ctx.clock.Now();
  const RoutingDecision d = DecideRoute(pool, *RulesInForce(ctx), MakeRoutingRequest(repos, c, a));
  const std::string fired = Joined(d.rules.fired);
  if (!d.agent_id && !record_queued) return d;
  const Principal system = SystemPrincipal();
  repos.routing().InsertDecision(RecordOf(d, c.id, d.agent_id ? "auto" : "queued", now));
  if (d.agent_id) {
    ApplyDecision(repos, ctx, system, c, d, "auto: " + d.explanation);
    Commit(pool, d);
  } else if (d.priority > c.priority) {
    ComplaintEvent raised;
    raised.complaint_id = c.id;
    raised.kind = EventKind::kUpdated;
    raised.note = "routing rules: " + fired;
    raised.changes.push_back({"priority", ToString(c.priority), ToString(d.priority)});
    AppendEvent(repos, ctx, system, raised);
    c.priority = d.priority;
  }
  c.updated_at = now;
  repos.complaints().Update(c);
  CL_RETURN_IF_ERROR(PublishChange(repos, ctx, {ChangeKind::kRouted, c, system, now}));
  return d;
}

namespace {

void RecordManualRouting(Repositories& repos, const ComplaintChange& change) {
  const Complaint& c = change.complaint;
  const Principal& who = change.actor;
  const std::optional<Id>& previous = change.previous_assignee;
  RoutingRecord record;
  record.complaint_id = c.id;
  record.mode = previous ? "override" : "manual";
  record.agent_id = c.assignee_id;
  record.team_id = c.team_id;
  if (who.user_id != 0) record.actor_id = who.user_id;
  record.reason = change.note;
  record.explanation =
      std::string(previous ? "taken from user " + std::to_string(*previous) + " " : "") + "by " +
      (who.username.empty() ? "system" : who.username);
  record.decided_at = change.at;
  repos.routing().InsertDecision(record);
  if (previous) ScheduleRoutingDrain(repos, change.at, change.at);
}

bool RouteAfterEscalation(Repositories& repos, const Context& ctx, Complaint& c) {
  // Nobody has it yet: the queue's drain routes it, with the rules applied to the new level.
  // A person without a routing profile who holds it chose to.
  if (!c.assignee_id) return false;
  std::optional<AgentProfile> current = repos.routing().FindProfile(*c.assignee_id);
  if (!current) return false;
  const RoutingRequest request = RequestFor(repos, c);
  const RuleOutcome wanted = ApplyRoutingRules(*RulesInForce(ctx), request.facts);
  if (wanted.route_to != RouteTo::kAgent) return false;  // managers already hear of escalations
  if (current->seniority >= static_cast<int>(wanted.seniority)) return false;
  AgentPool pool = LoadAgentPool(repos, ctx, ctx.clock.Now());
  RoutingDecision d;
  return Reassign(repos, ctx, SystemPrincipal(), pool, c, request, "reroute",
                  "escalation level " + std::to_string(c.escalation_level), false, d)
      .has_value();
}

}  // namespace

Status RoutingChangeSubscriber::OnChange(const ComplaintChange& change, Repositories& repos) {
  if (change.kind == ChangeKind::kAssigned) RecordManualRouting(repos, change);
  if (change.kind == ChangeKind::kEscalated && change.amendable) {
    RouteAfterEscalation(repos, ctx_, *change.amendable);
  }
  return Status::Ok();
}

Status RoutingQueueSubscriber::OnChange(const ComplaintChange& change, Repositories& repos) {
  if (change.kind == ChangeKind::kStatusChanged && change.previous_assignee &&
      !IsOpen(change.complaint.status)) {
    ScheduleRoutingDrain(repos, change.at, change.at);
  }
  return Status::Ok();
}

void ScheduleRoutingDrain(Repositories& repos, UnixMillis at, UnixMillis now) {
  Job job;
  job.kind = kRoutingDrainJob;
  job.key = "routing:queue";
  job.run_at = at;
  job.created_at = now;
  repos.jobs().Schedule(job);
}

Status RoutingDrainHandler::Run(const Job&, Repositories& repos, JobFollowUp& follow_up) {
  const UnixMillis now = ctx_.clock.Now();
  follow_up.run_again_at = now + kDrainInterval;
  AgentPool pool = LoadAgentPool(repos, ctx_, now);
  if (pool.agents().empty()) return Status::Ok();
  CL_RETURN_IF_ERROR(HandOverFromEndedShifts(repos, pool));
  for (Id id : repos.routing().Waiting(kDrainBatch)) {
    // Stop as soon as nobody can take more work.
    const bool any_free = std::any_of(
        pool.agents().begin(), pool.agents().end(),
        [](const AgentState& a) { return a.available && a.on_shift && a.load < a.capacity; });
    if (!any_free) break;
    auto c = repos.complaints().FindById(id);
    if (!c || !WaitsForRouting(*c)) continue;
    const std::optional<TextAnalysis> analysis = repos.analysis().Find(id);
    CL_RETURN_IF_ERROR(
        RouteComplaint(repos, ctx_, pool, *c, analysis ? &*analysis : nullptr, false).status());
  }
  return Status::Ok();
}

core::Status RoutingDrainHandler::HandOverFromEndedShifts(Repositories& repos, AgentPool& pool) {
  const UnixMillis now = ctx_.clock.Now();
  std::vector<std::pair<Id, std::string>> off;  // agents off shift who hold work
  for (const AgentState& a : pool.agents()) {
    if (a.role == Role::kAgent && !a.on_shift && a.load > 0) off.emplace_back(a.user_id, a.name);
  }
  for (const auto& [holder_id, holder_name] : off) {
    for (Id id : repos.routing().NotStartedOf(holder_id)) {
      auto c = repos.complaints().FindById(id);
      if (!c) continue;
      RoutingDecision d;
      if (!Reassign(repos, ctx_, SystemPrincipal(), pool, *c, RequestFor(repos, *c), "handover",
                    holder_name + " off shift", false, d)) {
        break;  // nobody on shift can take more of it now
      }
      c->updated_at = now;
      repos.complaints().Update(*c);
      CL_RETURN_IF_ERROR(
          PublishChange(repos, ctx_, {ChangeKind::kRouted, *c, SystemPrincipal(), now}));
    }
  }
  return Status::Ok();
}

core::Result<std::vector<RoutingRecord>> RoutingHistory::Get(const Principal& who,
                                                             const std::string& key) const {
  if (!ctx_.policy.Allows(who, Permission::kHistoryRead)) {
    return Status::Denied("your role may not read complaint history");
  }
  std::vector<RoutingRecord> out;
  CL_RETURN_IF_ERROR(ctx_.store.Read([&](Repositories& repos) -> Status {
    auto c = LoadVisibleComplaint(repos, ctx_, who, key);
    if (!c.ok()) return c.status();
    out = repos.routing().DecisionsFor(c->id);
    return Status::Ok();
  }));
  return out;
}

core::Result<RoutingRecord> RoutingHistory::Reroute(const Principal& who, const std::string& key,
                                                    const std::string& reason) const {
  if (!ctx_.policy.Allows(who, Permission::kComplaintAssign)) {
    return Status::Denied("your role may not assign complaints");
  }
  CL_RETURN_IF_ERROR(CheckText("reason", reason, 2000, true));
  RoutingRecord record;
  CL_RETURN_IF_ERROR(ctx_.store.Write([&](Repositories& repos) -> Status {
    auto loaded = LoadVisibleComplaint(repos, ctx_, who, key);
    if (!loaded.ok()) return loaded.status();
    Complaint c = *loaded;
    if (!IsOpen(c.status)) {
      return Status::Conflict(
          std::string("a ") + ToString(c.status) + " complaint is not routed; reopen it first",
          "status");
    }
    const UnixMillis now = ctx_.clock.Now();
    AgentPool pool = LoadAgentPool(repos, ctx_, now);
    if (pool.agents().empty()) {
      return Status::Conflict("no agent has a routing profile; assign by hand", "assignee_id");
    }
    RoutingDecision d;
    auto made = Reassign(repos, ctx_, who, pool, c, RequestFor(repos, c), "reroute",
                         core::Trim(reason), true, d);
    if (!made) return Status::Conflict("nobody can take it now: " + d.explanation, "assignee_id");
    record = *made;
    c.updated_at = now;
    repos.complaints().Update(c);
    return PublishChange(repos, ctx_, {ChangeKind::kRouted, c, who, now});
  }));
  return record;
}

}  // namespace closeloop::domain
