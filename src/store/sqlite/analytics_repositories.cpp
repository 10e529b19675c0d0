// complaint_facts and analytics_pending (migration 0018).
#include <array>
#include <string>
#include <utility>

#include "store/sqlite/repositories.h"

namespace closeloop::store::sqlite {

namespace {

constexpr const char* kFactColumns =
    "id, received_at, day, week, month, region_id, province, city_id, store_id, product_id, "
    "product_line, lifecycle_stage, batch_id, category, type, channel, channel_group, team_id, "
    "assignee_id, tier, touchpoint, status, is_open, rejected, first_response_minutes, "
    "first_response_business_minutes, resolved, resolution_minutes, "
    "resolution_business_minutes, resolved_within_24h, ever_resolved, reopened, fcr, escalated, "
    "repeat_7d, repeat_30d, overdue, sla_first_response, sla_identify, sla_analyse, sla_resolve, "
    "tpi, csat, nps, spm, ces, surveyed, answered, compensation_cents";
constexpr int kFactColumnCount = 49;

// The column of each dimension (domain/analytics/kpis.h names them) and whether it holds ids.
struct DimensionColumn {
  const char* name;
  const char* column;
  bool is_id;
};
constexpr std::array<DimensionColumn, 20> kDimensionColumns = {{
    {"day", "day", false},
    {"week", "week", false},
    {"month", "month", false},
    {"region", "region_id", true},
    {"province", "province", false},
    {"city", "city_id", true},
    {"store", "store_id", true},
    {"category", "category", false},
    {"type", "type", false},
    {"product", "product_id", true},
    {"product_line", "product_line", false},
    {"lifecycle_stage", "lifecycle_stage", false},
    {"batch", "batch_id", true},
    {"channel", "channel", false},
    {"channel_group", "channel_group", false},
    {"team", "team_id", true},
    {"agent", "assignee_id", true},
    {"tier", "tier", false},
    {"touchpoint", "touchpoint", false},
    {"status", "status", false},
}};

// The flags a drill-down may select (domain FactFlags) and their conditions.
constexpr std::array<std::pair<const char*, const char*>, 11> kFlagConditions = {{
    {"resolved", "c.resolved = 1"},
    {"resolved_within_24h", "c.resolved_within_24h = 1"},
    {"fcr", "c.fcr = 1"},
    {"escalated", "c.escalated = 1"},
    {"repeat_7d", "c.repeat_7d = 1"},
    {"repeat_30d", "c.repeat_30d = 1"},
    {"overdue", "c.overdue = 1"},
    {"reopened", "c.reopened = 1"},
    {"answered", "c.answered = 1"},
    {"open", "c.is_open = 1"},
    {"rejected", "c.rejected = 1"},
}};

// The sums of domain::Sum, in its order.
constexpr std::array<const char*, domain::kSumCount> kSumExpressions = {
    "COUNT(*)",
    "TOTAL(1 - c.rejected)",
    "COUNT(c.first_response_minutes)",
    "TOTAL(c.first_response_minutes)",
    "COUNT(c.first_response_business_minutes)",
    "TOTAL(c.first_response_business_minutes)",
    "TOTAL(c.resolved)",
    "TOTAL(c.resolution_minutes)",
    "COUNT(c.resolution_business_minutes)",
    "TOTAL(c.resolution_business_minutes)",
    "TOTAL(c.resolved_within_24h)",
    "TOTAL(c.ever_resolved)",
    "TOTAL(c.reopened)",
    "TOTAL(c.fcr)",
    "TOTAL(c.escalated)",
    "TOTAL(c.repeat_7d)",
    "TOTAL(c.repeat_30d)",
    "TOTAL(c.overdue)",
    "TOTAL(c.sla_first_response = 1)",
    "TOTAL(c.sla_first_response = 0)",
    "TOTAL(c.sla_identify = 1)",
    "TOTAL(c.sla_identify = 0)",
    "TOTAL(c.sla_analyse = 1)",
    "TOTAL(c.sla_analyse = 0)",
    "TOTAL(c.sla_resolve = 1)",
    "TOTAL(c.sla_resolve = 0)",
    "COUNT(c.tpi)",
    "TOTAL(c.tpi)",
    "COUNT(c.csat)",
    "TOTAL(c.csat)",
    "TOTAL(c.csat >= 4)",
    "COUNT(c.nps)",
    "TOTAL(c.nps >= 9)",
    "TOTAL(c.nps <= 6)",
    "COUNT(c.spm)",
    "TOTAL(c.spm)",
    "COUNT(c.ces)",
    "TOTAL(c.ces)",
    "TOTAL(c.surveyed)",
    "TOTAL(c.answered)",
    "TOTAL(c.compensation_cents)",
    "TOTAL(c.is_open)",
    "TOTAL(CASE WHEN c.is_open = 1 THEN c.received_at END)",
    "COALESCE(MIN(CASE WHEN c.is_open = 1 THEN c.received_at END), 0)",
};

const DimensionColumn& ColumnOf(const std::string& dimension) {
  for (const DimensionColumn& d : kDimensionColumns) {
    if (dimension == d.name) return d;
  }
  throw std::invalid_argument("unknown analytics dimension " + dimension);
}

void BindOptDouble(Query& q, const std::optional<double>& v) {
  if (v) {
    q.BindDouble(*v);
  } else {
    q.BindNull();
  }
}

void BindOptInt(Query& q, const std::optional<int>& v) {
  q.Bind(v ? std::optional<std::int64_t>(*v) : std::nullopt);
}

void BindOptBool(Query& q, const std::optional<bool>& v) {
  q.Bind(v ? std::optional<std::int64_t>(*v ? 1 : 0) : std::nullopt);
}

std::optional<double> OptDouble(const Query& q, int col) {
  if (q.IsNull(col)) return std::nullopt;
  return q.Double(col);
}

std::optional<int> OptSmall(const Query& q, int col) {
  auto v = q.OptInt(col);
  return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
}

// The WHERE clause of a fact query (alias c) and its parameters, bound in order by `bind`.
struct Where {
  std::string sql;
  std::vector<std::pair<bool, std::string>> params;  // (is integer, value)
};

Where WhereOf(const domain::FactQuery& query, const Principal& scope) {
  Where w;
  w.sql = " WHERE c.day BETWEEN ? AND ?";
  w.params.emplace_back(false, query.from_day);
  w.params.emplace_back(false, query.to_day);
  for (const auto& [dimension, value] : query.filters) {
    const DimensionColumn& d = ColumnOf(dimension);
    w.sql += std::string(" AND c.") + d.column + " = ?";
    w.params.emplace_back(d.is_id, value);
  }
  if (!query.flag.empty()) {
    for (const auto& [flag, condition] : kFlagConditions) {
      if (query.flag == flag) w.sql += std::string(" AND ") + condition;
    }
  }
  std::vector<std::int64_t> scope_params;
  const std::string scope_condition = ScopeCondition(scope, scope_params);
  if (!scope_condition.empty()) {
    w.sql += " AND " + scope_condition;
    for (std::int64_t p : scope_params) w.params.emplace_back(true, std::to_string(p));
  }
  return w;
}

void BindWhere(Query& q, const Where& w) {
  for (const auto& [is_int, value] : w.params) {
    if (is_int) {
      q.Bind(static_cast<std::int64_t>(std::stoll(value)));
    } else {
      q.Bind(value);
    }
  }
}

}  // namespace

void SqliteAnalytics::SaveFact(const domain::ComplaintFact& f) {
  std::string placeholders;
  for (int i = 0; i < kFactColumnCount; ++i) placeholders += i ? ", ?" : "?";
  Query q(c_, std::string("INSERT OR REPLACE INTO complaint_facts (") + kFactColumns +
                  ") VALUES (" + placeholders + ")");
  q.Bind(f.id).Bind(f.received_at).Bind(f.day).Bind(f.week).Bind(f.month).Bind(f.region_id);
  q.Bind(f.province).Bind(f.city_id).Bind(f.store_id).Bind(f.product_id).Bind(f.product_line);
  q.Bind(f.lifecycle_stage).Bind(f.batch_id).Bind(f.category).Bind(f.type).Bind(f.channel);
  q.Bind(f.channel_group).Bind(f.team_id).Bind(f.assignee_id).Bind(f.tier).Bind(f.touchpoint);
  q.Bind(f.status).Bind(f.is_open).Bind(f.rejected);
  BindOptDouble(q, f.first_response_minutes);
  BindOptDouble(q, f.first_response_business_minutes);
  q.Bind(f.resolved);
  BindOptDouble(q, f.resolution_minutes);
  BindOptDouble(q, f.resolution_business_minutes);
  q.Bind(f.resolved_within_24h).Bind(f.ever_resolved).Bind(f.reopened).Bind(f.fcr);
  q.Bind(f.escalated).Bind(f.repeat_7d).Bind(f.repeat_30d).Bind(f.overdue);
  for (const auto& met : f.sla_met) BindOptBool(q, met);
  BindOptDouble(q, f.tpi);
  BindOptInt(q, f.csat);
  BindOptInt(q, f.nps);
  BindOptInt(q, f.spm);
  BindOptInt(q, f.ces);
  q.Bind(f.surveyed).Bind(f.answered).Bind(f.compensation_cents);
  q.Run();
}

std::optional<domain::ComplaintFact> SqliteAnalytics::FindFact(Id complaint_id) {
  Query q(c_, std::string("SELECT ") + kFactColumns + " FROM complaint_facts WHERE id = ?");
  q.Bind(complaint_id);
  if (!q.Next()) return std::nullopt;
  domain::ComplaintFact f;
  int i = 0;
  f.id = q.Int(i++);
  f.received_at = q.Int(i++);
  f.day = q.Text(i++);
  f.week = q.Text(i++);
  f.month = q.Text(i++);
  f.region_id = q.OptInt(i++);
  f.province = q.Text(i++);
  f.city_id = q.OptInt(i++);
  f.store_id = q.OptInt(i++);
  f.product_id = q.OptInt(i++);
  f.product_line = q.Text(i++);
  f.lifecycle_stage = q.Text(i++);
  f.batch_id = q.OptInt(i++);
  f.category = q.Text(i++);
  f.type = q.Text(i++);
  f.channel = q.Text(i++);
  f.channel_group = q.Text(i++);
  f.team_id = q.OptInt(i++);
  f.assignee_id = q.OptInt(i++);
  f.tier = q.Text(i++);
  f.touchpoint = q.Text(i++);
  f.status = q.Text(i++);
  f.is_open = q.Int(i++) != 0;
  f.rejected = q.Int(i++) != 0;
  f.first_response_minutes = OptDouble(q, i++);
  f.first_response_business_minutes = OptDouble(q, i++);
  f.resolved = q.Int(i++) != 0;
  f.resolution_minutes = OptDouble(q, i++);
  f.resolution_business_minutes = OptDouble(q, i++);
  f.resolved_within_24h = q.Int(i++) != 0;
  f.ever_resolved = q.Int(i++) != 0;
  f.reopened = q.Int(i++) != 0;
  f.fcr = q.Int(i++) != 0;
  f.escalated = q.Int(i++) != 0;
  f.repeat_7d = q.Int(i++) != 0;
  f.repeat_30d = q.Int(i++) != 0;
  f.overdue = q.Int(i++) != 0;
  for (auto& met : f.sla_met) {
    auto v = q.OptInt(i++);
    if (v) met = *v != 0;
  }
  f.tpi = OptDouble(q, i++);
  f.csat = OptSmall(q, i++);
  f.nps = OptSmall(q, i++);
  f.spm = OptSmall(q, i++);
  f.ces = OptSmall(q, i++);
  f.surveyed = q.Int(i++) != 0;
  f.answered = q.Int(i++) != 0;
  f.compensation_cents = q.Int(i++);
  return f;
}

void SqliteAnalytics::DeleteAllFacts() { Query(c_, "DELETE FROM complaint_facts").Run(); }

void SqliteAnalytics::MarkPending(Id complaint_id) {
  Query(c_, "INSERT OR IGNORE INTO analytics_pending (complaint_id) VALUES (?)")
      .Bind(complaint_id)
      .Run();
}

std::vector<Id> SqliteAnalytics::Pending(int limit) {
  Query q(c_, "SELECT complaint_id FROM analytics_pending ORDER BY complaint_id LIMIT ?");
  q.Bind(limit);
  std::vector<Id> out;
  while (q.Next()) out.push_back(q.Int(0));
  return out;
}

void SqliteAnalytics::ClearPending(const std::vector<Id>& ids) {
  for (Id id : ids) {
    Query(c_, "DELETE FROM analytics_pending WHERE complaint_id = ?").Bind(id).Run();
  }
}

int SqliteAnalytics::PendingCount() {
  Query q(c_, "SELECT COUNT(*) FROM analytics_pending");
  return q.Next() ? static_cast<int>(q.Int(0)) : 0;
}

std::vector<domain::KpiTarget> SqliteAnalytics::Targets() {
  Query q(c_, "SELECT kpi, target, weight FROM analytics_targets ORDER BY rowid");
  std::vector<domain::KpiTarget> out;
  while (q.Next()) out.push_back({q.Text(0), q.Double(1), q.Double(2)});
  return out;
}

void SqliteAnalytics::SaveTargets(const std::vector<domain::KpiTarget>& targets) {
  Query(c_, "DELETE FROM analytics_targets").Run();
  for (const domain::KpiTarget& t : targets) {
    Query q(c_, "INSERT INTO analytics_targets (kpi, target, weight) VALUES (?, ?, ?)");
    q.Bind(t.kpi).BindDouble(t.target).BindDouble(t.weight);
    q.Run();
  }
}

std::vector<domain::Promotion> SqliteAnalytics::Promotions() {
  Query q(c_, "SELECT name, starts_on, ends_on FROM promotions ORDER BY starts_on, id");
  std::vector<domain::Promotion> out;
  while (q.Next()) out.push_back({q.Text(0), q.Text(1), q.Text(2)});
  return out;
}

void SqliteAnalytics::SavePromotions(const std::vector<domain::Promotion>& promotions) {
  Query(c_, "DELETE FROM promotions").Run();
  for (const domain::Promotion& p : promotions) {
    Query(c_, "INSERT INTO promotions (name, starts_on, ends_on) VALUES (?, ?, ?)")
        .Bind(p.name)
        .Bind(p.starts_on)
        .Bind(p.ends_on)
        .Run();
  }
}

std::vector<Id> SqliteAnalytics::ComplaintIds(Id after_id, int limit) {
  Query q(c_, "SELECT id FROM complaints WHERE id > ? ORDER BY id LIMIT ?");
  q.Bind(after_id).Bind(limit);
  std::vector<Id> out;
  while (q.Next()) out.push_back(q.Int(0));
  return out;
}

std::vector<domain::GroupSums> SqliteAnalytics::Sums(const domain::FactQuery& query,
                                                     const Principal& scope) {
  std::string select = "SELECT ";
  std::string group;
  for (const std::string& dimension : query.group_by) {
    const std::string column = std::string("c.") + ColumnOf(dimension).column;
    select += column + ", ";
    group += (group.empty() ? " GROUP BY " : ", ") + column;
  }
  for (size_t i = 0; i < kSumExpressions.size(); ++i) {
    select += (i ? ", " : "") + std::string(kSumExpressions[i]);
  }
  const Where where = WhereOf(query, scope);
  // Most complaints first, so that a cut-off breakdown keeps the groups that matter.
  Query q(c_, select + " FROM complaint_facts c" + where.sql + group +
                  (group.empty() ? "" : " ORDER BY COUNT(*) DESC, 1"));
  BindWhere(q, where);
  std::vector<domain::GroupSums> out;
  const int keys = static_cast<int>(query.group_by.size());
  while (q.Next()) {
    domain::GroupSums g;
    for (int k = 0; k < keys; ++k) g.keys.push_back(q.OptText(k).value_or(""));
    for (size_t i = 0; i < kSumExpressions.size(); ++i) {
      g.sums.v[i] = q.Double(keys + static_cast<int>(i));
    }
    out.push_back(std::move(g));
  }
  return out;
}

std::vector<domain::FactComplaint> SqliteAnalytics::Complaints(const domain::FactQuery& query,
                                                               const Principal& scope, Id before_id,
                                                               int limit) {
  Where where = WhereOf(query, scope);
  if (before_id > 0) {
    where.sql += " AND c.id < ?";
    where.params.emplace_back(true, std::to_string(before_id));
  }
  Query q(c_,
          "SELECT c.id, k.reference, c.status, c.received_at, c.category, c.type, c.channel, "
          "c.region_id, c.team_id, c.assignee_id FROM complaint_facts c JOIN complaints k ON "
          "k.id = c.id" +
              where.sql + " ORDER BY c.id DESC LIMIT ?");
  BindWhere(q, where);
  q.Bind(limit);
  std::vector<domain::FactComplaint> out;
  while (q.Next()) {
    domain::FactComplaint f;
    f.id = q.Int(0);
    f.reference = q.Text(1);
    f.status = q.Text(2);
    f.received_at = q.Int(3);
    f.category = q.Text(4);
    f.type = q.Text(5);
    f.channel = q.Text(6);
    f.region_id = q.OptInt(7);
    f.team_id = q.OptInt(8);
    f.assignee_id = q.OptInt(9);
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace closeloop::store::sqlite
