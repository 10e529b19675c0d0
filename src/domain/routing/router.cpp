#include "domain/routing/router.h"

#include <algorithm>
#include <cstdio>

namespace closeloop::domain {

namespace {

struct Breakdown {
  double skill = 0;
  double region = 0;
  double load = 0;
  double tier = 0;
  double shift = 0;
  double Total() const { return skill + region + load + tier + shift; }
};

int LevelOf(const AgentState& a, int key) {
  if (key < 0) return 0;
  auto it = std::lower_bound(a.skills.begin(), a.skills.end(), std::make_pair(key, 0));
  return it != a.skills.end() && it->first == key ? it->second : 0;
}

bool Contains(const std::vector<Id>& ids, std::optional<Id> id) {
  return id && std::find(ids.begin(), ids.end(), *id) != ids.end();
}

// Whether the agent holds the role the rules route to.
bool RoleFits(const AgentState& a, RouteTo to, const RoutingRequest& r, bool any_scoped_lead) {
  if (to == RouteTo::kAgent) return a.role == Role::kAgent;
  if (a.role != Role::kManager) return false;
  const bool leads = to == RouteTo::kTeamLead ? Contains(a.team_scope, r.team_id)
                                              : Contains(a.region_scope, r.region_id);
  const bool unscoped = a.region_scope.empty() && a.team_scope.empty();
  return leads || (!any_scoped_lead && unscoped);
}

const std::string* FactOf(const RoutingFacts& f, int dimension) {
  switch (dimension) {
    case 0:
      return &f.type;
    case 1:
      return &f.category;
    case 2:
      return &f.product_line;
    case 3:
      return &f.language;
    default:
      return &f.channel;
  }
}

std::string Fixed(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

}  // namespace

int AgentPool::Intern(const std::string& key) {
  auto [it, added] = keys_.emplace(key, static_cast<int>(keys_.size()));
  return it->second;
}

int AgentPool::Find(const std::string& key) const {
  auto it = keys_.find(key);
  return it == keys_.end() ? -1 : it->second;
}

void AgentPool::Add(AgentState agent) {
  std::sort(agent.skills.begin(), agent.skills.end());
  by_user_[agent.user_id] = agents_.size();
  agents_.push_back(std::move(agent));
}

AgentState* AgentPool::FindAgent(Id user_id) {
  auto it = by_user_.find(user_id);
  return it == by_user_.end() ? nullptr : &agents_[it->second];
}

RoutingDecision DecideRoute(const AgentPool& pool, const RoutingRules& rules,
                            const RoutingRequest& request) {
  RoutingDecision d;
  d.rules = ApplyRoutingRules(rules, request.facts);
  d.priority = d.rules.priority;
  d.team_id = request.team_id;

  // The complaint's skill keys, interned once.
  int keys[std::size(kSkillDimensions)];
  int dimensions = 0;
  for (size_t i = 0; i < std::size(kSkillDimensions); ++i) {
    const std::string* value = FactOf(request.facts, static_cast<int>(i));
    keys[i] = -2;  // not asked for
    if (value->empty()) continue;
    keys[i] = pool.Find(std::string(kSkillDimensions[i]) + ":" + *value);
    ++dimensions;
  }
  const bool pressing = d.priority >= Priority::kHigh || request.facts.tier == "vip";
  const double load_weight = d.priority >= Priority::kHigh ? 35 : 25;
  const RouteTo to = d.rules.route_to;
  bool any_scoped_lead = false;
  if (to != RouteTo::kAgent) {
    for (const AgentState& a : pool.agents()) {
      if (a.role == Role::kManager &&
          (to == RouteTo::kTeamLead ? Contains(a.team_scope, request.team_id)
                                    : Contains(a.region_scope, request.region_id))) {
        any_scoped_lead = true;
        break;
      }
    }
  }

  auto score = [&](const AgentState& a) {
    Breakdown b;
    if (dimensions > 0) {
      int total = 0;
      for (size_t i = 0; i < std::size(kSkillDimensions); ++i) {
        if (keys[i] != -2) total += LevelOf(a, keys[i]);
      }
      b.skill = 50.0 * total / (5.0 * dimensions);
    }
    b.region = !request.region_id ? 7.5 : (a.region_id == request.region_id ? 15 : 0);
    b.load = load_weight * (1.0 - static_cast<double>(a.load) / a.capacity);
    const double seniority = static_cast<int>(a.seniority);
    b.tier = pressing ? 10 * seniority / 3 : 10 * (1 - (seniority - 1) / 3);
    if (a.shift_minutes_left < 60) b.shift = -10;
    return b;
  };

  int away = 0, off_shift = 0, full = 0, junior = 0, role = 0;
  const AgentState* best = nullptr;
  double best_score = 0;
  for (const AgentState& a : pool.agents()) {
    if (!RoleFits(a, to, request, any_scoped_lead)) {
      ++role;
      continue;
    }
    if (!a.available) {
      ++away;
      continue;
    }
    if (!a.on_shift) {
      ++off_shift;
      continue;
    }
    if (a.load >= a.capacity) {
      ++full;
      continue;
    }
    if (a.seniority < d.rules.seniority) {
      ++junior;
      continue;
    }
    ++d.candidates;
    const double s = score(a).Total();
    if (!best || s > best_score ||
        (s == best_score &&
         (a.load < best->load || (a.load == best->load && a.user_id < best->user_id)))) {
      best = &a;
      best_score = s;
    }
  }

  std::string why;
  if (!d.rules.fired.empty()) {
    why = "rules ";
    for (size_t i = 0; i < d.rules.fired.size(); ++i) {
      why += (i ? "," : "") + d.rules.fired[i];
    }
    why += "; ";
  }
  if (!best) {
    d.explanation = why + "queued: no " + ToString(to) + " free (" + std::to_string(away) +
                    " away, " + std::to_string(off_shift) + " off shift, " + std::to_string(full) +
                    " at capacity, " + std::to_string(junior) + " below " +
                    ToString(d.rules.seniority) + ")";
    return d;
  }
  const Breakdown b = score(*best);
  d.agent_id = best->user_id;
  if (best->team_id) d.team_id = best->team_id;
  d.score = b.Total();
  d.explanation = why + best->name + " score " + Fixed(d.score) + " = skill " + Fixed(b.skill) +
                  " + region " + Fixed(b.region) + " + load " + Fixed(b.load) + " (" +
                  std::to_string(best->load) + "/" + std::to_string(best->capacity) +
                  ") + seniority " + Fixed(b.tier) + " (" + ToString(best->seniority) + ")" +
                  (b.shift < 0 ? " - shift ending 10.0" : "") + "; best of " +
                  std::to_string(d.candidates) + " candidates";
  return d;
}

void Commit(AgentPool& pool, const RoutingDecision& decision) {
  if (!decision.agent_id) return;
  if (AgentState* a = pool.FindAgent(*decision.agent_id)) ++a->load;
}

}  // namespace closeloop::domain
