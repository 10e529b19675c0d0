// SQLite repository of improvement actions: the action row (with its A3 text and effect check),
// its fishbone causes and its links.
#include "core/text.h"
#include "domain/improvement/entities.h"
#include "domain/model/ids.h"
#include "store/sqlite/query_helpers.h"
#include "store/sqlite/repositories.h"

namespace closeloop::store::sqlite {

namespace {

constexpr const char* kActionColumns =
    "SELECT id, problem, team_id, measure, owner_id, deadline, region_id, category, "
    "product_line, store_id, stage, plan_at, do_at, check_at, act_at, closed_at, a3_background, "
    "a3_current_state, a3_goal, a3_whys, a3_countermeasures, a3_follow_up, effect_weeks, "
    "effect_pivot, effect_before, effect_after, effect_checked_at, created_by, created_at, "
    "updated_at FROM improvement_actions ";

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += (out.empty() ? "" : "\n") + l;
  return out;
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

domain::ImprovementAction ReadAction(const Query& q) {
  domain::ImprovementAction a;
  a.id = q.Int(0);
  a.problem = q.Text(1);
  a.team_id = q.Int(2);
  a.measure = q.Text(3);
  a.owner_id = q.Int(4);
  a.deadline = q.Int(5);
  a.region_id = q.OptInt(6);
  a.category = q.Text(7);
  a.product_line = q.Text(8);
  a.store_id = q.OptInt(9);
  a.stage = q.Text(10);
  a.plan_at = q.OptInt(11);
  a.do_at = q.OptInt(12);
  a.check_at = q.OptInt(13);
  a.act_at = q.OptInt(14);
  a.closed_at = q.OptInt(15);
  a.a3.background = q.Text(16);
  a.a3.current_state = q.Text(17);
  a.a3.goal = q.Text(18);
  a.a3.whys = SplitLines(q.Text(19));
  a.a3.countermeasures = q.Text(20);
  a.a3.follow_up = q.Text(21);
  if (auto weeks = q.OptInt(22)) {
    domain::EffectCheck e;
    e.weeks = static_cast<int>(*weeks);
    e.pivot = q.Int(23);
    e.before = static_cast<int>(q.Int(24));
    e.after = static_cast<int>(q.Int(25));
    e.before_per_week = static_cast<double>(e.before) / e.weeks;
    e.after_per_week = static_cast<double>(e.after) / e.weeks;
    e.checked_at = q.Int(26);
    a.effect = e;
  }
  a.created_by = q.OptInt(27);
  a.created_at = q.Int(28);
  a.updated_at = q.Int(29);
  return a;
}

void LoadParts(Connection& c, domain::ImprovementAction& a) {
  Query causes(c,
               "SELECT category, cause FROM improvement_causes WHERE action_id = ? "
               "ORDER BY position");
  causes.Bind(a.id);
  while (causes.Next()) a.a3.causes.emplace_back(causes.Text(0), causes.Text(1));
  Query links(
      c, "SELECT kind, ref_id FROM improvement_links WHERE action_id = ? ORDER BY kind, ref_id");
  links.Bind(a.id);
  while (links.Next()) a.links.push_back({links.Text(0), links.Int(1)});
}

void SaveParts(Connection& c, const domain::ImprovementAction& a) {
  Query clear_causes(c, "DELETE FROM improvement_causes WHERE action_id = ?");
  clear_causes.Bind(a.id).Run();
  int position = 0;
  for (const auto& [category, cause] : a.a3.causes) {
    Query q(c,
            "INSERT INTO improvement_causes (action_id, position, category, cause) "
            "VALUES (?, ?, ?, ?)");
    q.Bind(a.id).Bind(++position).Bind(category).Bind(cause).Run();
  }
  for (const auto& link : a.links) {
    Query q(c,
            "INSERT OR IGNORE INTO improvement_links (action_id, kind, ref_id) VALUES (?, ?, ?)");
    q.Bind(a.id).Bind(link.kind).Bind(link.id).Run();
  }
}

// Binds the columns shared by insert and update, in the order of kActionColumns from problem.
void BindFields(Query& q, const domain::ImprovementAction& a) {
  const auto* e = a.effect ? &*a.effect : nullptr;
  auto opt = [](bool has, std::int64_t v) {
    return has ? std::optional<std::int64_t>(v) : std::nullopt;
  };
  q.Bind(a.problem)
      .Bind(a.team_id)
      .Bind(a.measure)
      .Bind(a.owner_id)
      .Bind(a.deadline)
      .Bind(a.region_id)
      .Bind(a.category)
      .Bind(a.product_line)
      .Bind(a.store_id)
      .Bind(a.stage)
      .Bind(a.plan_at)
      .Bind(a.do_at)
      .Bind(a.check_at)
      .Bind(a.act_at)
      .Bind(a.closed_at)
      .Bind(a.a3.background)
      .Bind(a.a3.current_state)
      .Bind(a.a3.goal)
      .Bind(JoinLines(a.a3.whys))
      .Bind(a.a3.countermeasures)
      .Bind(a.a3.follow_up)
      .Bind(opt(e != nullptr, e ? e->weeks : 0))
      .Bind(opt(e != nullptr, e ? e->pivot : 0))
      .Bind(opt(e != nullptr, e ? e->before : 0))
      .Bind(opt(e != nullptr, e ? e->after : 0))
      .Bind(opt(e != nullptr, e ? e->checked_at : 0))
      .Bind(a.updated_at);
}

}  // namespace

Id SqliteImprovements::Insert(const domain::ImprovementAction& a) {
  Query q(
      c_,
      "INSERT INTO improvement_actions (problem, team_id, measure, owner_id, deadline, "
      "region_id, category, product_line, store_id, stage, plan_at, do_at, check_at, act_at, "
      "closed_at, a3_background, a3_current_state, a3_goal, a3_whys, a3_countermeasures, "
      "a3_follow_up, effect_weeks, effect_pivot, effect_before, effect_after, "
      "effect_checked_at, updated_at, created_by, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
      "?, ?)");
  BindFields(q, a);
  q.Bind(a.created_by).Bind(a.created_at).Run();
  domain::ImprovementAction stored = a;
  stored.id = c_.LastInsertId();
  SaveParts(c_, stored);
  return stored.id;
}

void SqliteImprovements::Update(const domain::ImprovementAction& a) {
  Query q(c_,
          "UPDATE improvement_actions SET problem = ?, team_id = ?, measure = ?, owner_id = ?, "
          "deadline = ?, region_id = ?, category = ?, product_line = ?, store_id = ?, stage = ?, "
          "plan_at = ?, do_at = ?, check_at = ?, act_at = ?, closed_at = ?, a3_background = ?, "
          "a3_current_state = ?, a3_goal = ?, a3_whys = ?, a3_countermeasures = ?, "
          "a3_follow_up = ?, effect_weeks = ?, effect_pivot = ?, effect_before = ?, "
          "effect_after = ?, effect_checked_at = ?, updated_at = ? WHERE id = ?");
  BindFields(q, a);
  q.Bind(a.id).Run();
  SaveParts(c_, a);
}

std::optional<domain::ImprovementAction> SqliteImprovements::Find(Id id) {
  auto a = QueryOne<domain::ImprovementAction>(c_, std::string(kActionColumns) + "WHERE id = ?", id,
                                               ReadAction);
  if (a) LoadParts(c_, *a);
  return a;
}

std::vector<domain::ImprovementAction> SqliteImprovements::List(
    const domain::ImprovementQuery& query) {
  std::vector<domain::ImprovementAction> out;
  auto run = [&](std::optional<Id> team) {
    Query q(c_, std::string(kActionColumns) +
                    "WHERE (? IS NULL OR team_id = ?) AND (? = '' OR stage = ?) "
                    "ORDER BY id DESC LIMIT ?");
    q.Bind(team).Bind(team).Bind(query.stage).Bind(query.stage).Bind(query.limit);
    while (q.Next()) out.push_back(ReadAction(q));
  };
  if (query.team_ids.empty()) {
    run(std::nullopt);
  } else {
    for (Id team : query.team_ids) run(team);
  }
  for (auto& a : out) LoadParts(c_, a);
  return out;
}

int SqliteImprovements::CountComplaints(const std::string& category,
                                        const std::string& product_line, std::optional<Id> store_id,
                                        UnixMillis from, UnixMillis to) {
  Query q(c_,
          "SELECT count(*) FROM complaints c LEFT JOIN products p ON p.id = c.product_id "
          "WHERE c.received_at >= ? AND c.received_at < ? AND c.category = ? "
          "AND (? = '' OR p.product_line = ?) AND (? IS NULL OR c.store_id = ?)");
  q.Bind(from)
      .Bind(to)
      .Bind(category)
      .Bind(product_line)
      .Bind(product_line)
      .Bind(store_id)
      .Bind(store_id);
  return q.Next() ? static_cast<int>(q.Int(0)) : 0;
}

}  // namespace closeloop::store::sqlite
