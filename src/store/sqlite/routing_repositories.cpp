// SQLite repository of agents' routing profiles, their load and routing decisions.
#include <unordered_map>

#include "domain/model/ids.h"
#include "domain/routing/entities.h"
#include "store/sqlite/query_helpers.h"
#include "store/sqlite/repositories.h"

namespace closeloop::store::sqlite {

namespace {

constexpr const char* kProfileColumns =
    "SELECT user_id, team_id, region_id, seniority, capacity, available, shift_calendar, "
    "updated_at FROM agent_profiles ";

domain::AgentProfile ReadProfile(const Query& q) {
  domain::AgentProfile p;
  p.user_id = q.Int(0);
  p.team_id = q.OptInt(1);
  p.region_id = q.OptInt(2);
  p.seniority = static_cast<int>(q.Int(3));
  p.capacity = static_cast<int>(q.Int(4));
  p.available = q.Int(5) != 0;
  p.shift_calendar = q.Text(6);
  p.updated_at = q.Int(7);
  return p;
}

std::vector<domain::AgentSkill> SkillsOf(Connection& c, Id user_id) {
  Query q(c,
          "SELECT dimension, value, level FROM agent_skills WHERE user_id = ? "
          "ORDER BY dimension, value");
  q.Bind(user_id);
  std::vector<domain::AgentSkill> out;
  while (q.Next()) out.push_back({q.Text(0), q.Text(1), static_cast<int>(q.Int(2))});
  return out;
}

domain::RoutingRecord ReadDecision(const Query& q) {
  domain::RoutingRecord r;
  r.id = q.Int(0);
  r.complaint_id = q.Int(1);
  r.mode = q.Text(2);
  r.agent_id = q.OptInt(3);
  r.team_id = q.OptInt(4);
  r.score = q.Double(5);
  r.rules_fired = q.Text(6);
  r.explanation = q.Text(7);
  r.actor_id = q.OptInt(8);
  r.reason = q.Text(9);
  r.decided_at = q.Int(10);
  return r;
}

}  // namespace

std::vector<domain::AgentProfile> SqliteRouting::Profiles() {
  std::vector<domain::AgentProfile> out = QueryAll<domain::AgentProfile>(
      c_, std::string(kProfileColumns) + "ORDER BY user_id", ReadProfile);
  std::unordered_map<Id, size_t> at;
  for (size_t i = 0; i < out.size(); ++i) at[out[i].user_id] = i;
  Query q(c_, "SELECT user_id, dimension, value, level FROM agent_skills ORDER BY user_id");
  while (q.Next()) {
    auto it = at.find(q.Int(0));
    if (it == at.end()) continue;
    out[it->second].skills.push_back({q.Text(1), q.Text(2), static_cast<int>(q.Int(3))});
  }
  return out;
}

std::optional<domain::AgentProfile> SqliteRouting::FindProfile(Id user_id) {
  auto p = QueryOne<domain::AgentProfile>(c_, std::string(kProfileColumns) + "WHERE user_id = ?",
                                          user_id, ReadProfile);
  if (p) p->skills = SkillsOf(c_, user_id);
  return p;
}

void SqliteRouting::SaveProfile(const domain::AgentProfile& p) {
  Query q(c_,
          "INSERT INTO agent_profiles (user_id, team_id, region_id, seniority, capacity, "
          "available, shift_calendar, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
          "ON CONFLICT(user_id) DO UPDATE SET team_id = excluded.team_id, "
          "region_id = excluded.region_id, seniority = excluded.seniority, "
          "capacity = excluded.capacity, available = excluded.available, "
          "shift_calendar = excluded.shift_calendar, updated_at = excluded.updated_at");
  q.Bind(p.user_id)
      .Bind(p.team_id)
      .Bind(p.region_id)
      .Bind(p.seniority)
      .Bind(p.capacity)
      .Bind(p.available)
      .Bind(p.shift_calendar)
      .Bind(p.updated_at)
      .Run();
  Query clear(c_, "DELETE FROM agent_skills WHERE user_id = ?");
  clear.Bind(p.user_id).Run();
  for (const domain::AgentSkill& s : p.skills) {
    Query add(c_,
              "INSERT INTO agent_skills (user_id, dimension, value, level) VALUES (?, ?, ?, ?)");
    add.Bind(p.user_id).Bind(s.dimension).Bind(s.value).Bind(s.level).Run();
  }
}

std::vector<std::pair<Id, int>> SqliteRouting::OpenLoads() {
  return QueryAll<std::pair<Id, int>>(
      c_,
      "SELECT assignee_id, count(*) FROM complaints WHERE assignee_id IS NOT NULL AND "
      "status NOT IN ('resolved', 'closed', 'rejected') GROUP BY assignee_id",
      [](const Query& q) { return std::make_pair(q.Int(0), static_cast<int>(q.Int(1))); });
}

int SqliteRouting::OpenLoadOf(Id assignee) {
  Query q(c_,
          "SELECT count(*) FROM complaints WHERE assignee_id = ? AND assignee_id IS NOT NULL AND "
          "status NOT IN ('resolved', 'closed', 'rejected')");
  q.Bind(assignee);
  q.Next();
  return static_cast<int>(q.Int(0));
}

std::vector<Id> SqliteRouting::Waiting(int limit) {
  Query q(c_,
          "SELECT c.id FROM complaints c JOIN complaint_analysis a ON a.complaint_id = c.id "
          "WHERE c.assignee_id IS NULL AND c.status IN ('received', 'classified', 'reopened') "
          "ORDER BY c.received_at, c.id LIMIT ?");
  q.Bind(limit);
  std::vector<Id> out;
  while (q.Next()) out.push_back(q.Int(0));
  return out;
}

std::vector<Id> SqliteRouting::NotStartedOf(Id assignee) {
  // The condition of complaints_open_assignee, so that index serves it.
  Query q(c_,
          "SELECT id FROM complaints WHERE assignee_id = ? AND assignee_id IS NOT NULL AND "
          "status NOT IN ('resolved', 'closed', 'rejected') AND status = 'assigned' "
          "ORDER BY received_at, id");
  q.Bind(assignee);
  std::vector<Id> out;
  while (q.Next()) out.push_back(q.Int(0));
  return out;
}

Id SqliteRouting::InsertDecision(const domain::RoutingRecord& r) {
  Query q(c_,
          "INSERT INTO routing_decisions (complaint_id, mode, agent_id, team_id, score, "
          "rules_fired, explanation, actor_id, reason, decided_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  q.Bind(r.complaint_id).Bind(r.mode).Bind(r.agent_id).Bind(r.team_id).BindDouble(r.score);
  q.Bind(r.rules_fired).Bind(r.explanation).Bind(r.actor_id).Bind(r.reason).Bind(r.decided_at);
  q.Run();
  return c_.LastInsertId();
}

std::vector<domain::RoutingRecord> SqliteRouting::DecisionsFor(Id complaint_id) {
  Query q(c_,
          "SELECT id, complaint_id, mode, agent_id, team_id, score, rules_fired, explanation, "
          "actor_id, reason, decided_at FROM routing_decisions WHERE complaint_id = ? ORDER BY id");
  q.Bind(complaint_id);
  std::vector<domain::RoutingRecord> out;
  while (q.Next()) out.push_back(ReadDecision(q));
  return out;
}

}  // namespace closeloop::store::sqlite
