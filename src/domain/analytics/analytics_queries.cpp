#include "domain/analytics/analytics_queries.h"

#include <algorithm>
#include <map>

#include "core/time_format.h"
#include "domain/analytics/facts.h"
#include "domain/analytics/kpis.h"
#include "domain/analytics/repository.h"
#include "domain/complaint/repository.h"
#include "domain/org/config_audit.h"
#include "domain/org/repository.h"
#include "domain/routing/entities.h"
#include "domain/routing/repository.h"

namespace closeloop::domain {

using core::Status;

namespace {

std::string Joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

Status CheckDay(const std::string& field, const std::string& day) {
  if (day.empty()) return Status::Invalid(field, field + " is required (YYYY-MM-DD)");
  if (day.size() != 10 || !core::ParseIso8601(day)) {
    return Status::Invalid(field, field + " must be a date YYYY-MM-DD");
  }
  return Status::Ok();
}

bool RoleMay(const Principal& who, const DimensionDefinition& d) {
  return d.roles.empty() || std::find(d.roles.begin(), d.roles.end(), who.role) != d.roles.end();
}

// The names of the records an id dimension's values point at, loaded once per question.
class RecordNames {
 public:
  explicit RecordNames(Repositories& repos) : repos_(repos) {}
  std::string Of(const std::string& dimension, const std::string& value) {
    if (value.empty()) return "";
    const Id id = std::stoll(value);
    auto& table = tables_[dimension];
    if (table.empty()) Load(dimension, table);
    auto it = table.find(id);
    if (it != table.end()) return it->second;
    if (dimension == "batch") {
      auto batch = repos_.trace().FindBatch(id);
      return table[id] = batch ? batch->batch_no : "";
    }
    return "";
  }

 private:
  void Load(const std::string& dimension, std::map<Id, std::string>& table) {
    table[0] = "";
    if (dimension == "region") {
      for (const auto& r : repos_.org().Regions()) table[r.id] = r.name;
    } else if (dimension == "city") {
      for (const auto& c : repos_.org().Cities()) table[c.id] = c.name;
    } else if (dimension == "store") {
      for (const auto& s : repos_.org().Stores()) table[s.id] = s.name;
    } else if (dimension == "product") {
      for (const auto& p : repos_.org().Products()) table[p.id] = p.name;
    } else if (dimension == "team") {
      for (const auto& t : repos_.org().Teams()) table[t.id] = t.name;
    } else if (dimension == "agent") {
      for (const auto& u : repos_.users().List()) {
        table[u.id] = u.display_name.empty() ? u.username : u.display_name;
      }
    }
  }
  Repositories& repos_;
  std::map<std::string, std::map<Id, std::string>> tables_;
};

KpiValues Selected(const KpiValues& all, const std::vector<std::string>& names) {
  if (names.empty()) return all;
  KpiValues out;
  for (const std::string& n : names) {
    for (const auto& kv : all) {
      if (kv.first == n) out.push_back(kv);
    }
  }
  return out;
}

}  // namespace

core::Result<FactQuery> QueryAnalytics::Prepare(const Principal& who,
                                                const AnalyticsRequest& request, bool own) const {
  if (!own && !ctx_.policy.Allows(who, Permission::kAnalyticsRead)) {
    return Status::Denied("your role may not read analytics");
  }
  CL_RETURN_IF_ERROR(CheckDay("from", request.from));
  CL_RETURN_IF_ERROR(CheckDay("to", request.to));
  if (request.to < request.from) {
    return Status::Invalid(
        "to", "the period ends (" + request.to + ") before it starts (" + request.from + ")");
  }
  const std::string today = LocalDay(ctx_.clock.Now(), ctx_.config.org_utc_offset_minutes);
  if (request.from > today) {
    return Status::Invalid("from", "the period starts after today (" + today + ")");
  }
  std::vector<std::string> unknown;
  for (const std::string& k : request.kpis) {
    if (!FindKpi(k)) unknown.push_back(k);
  }
  if (!unknown.empty()) {
    std::vector<std::string> known;
    for (const auto& d : KpiDefinitions()) known.emplace_back(d.name);
    return Status::Invalid("kpis",
                           "unknown KPI: " + Joined(unknown) + " (known: " + Joined(known) + ")");
  }
  FactQuery q;
  q.from_day = request.from;
  q.to_day = request.to;
  if (request.by.size() > 2) return Status::Invalid("by", "break down by at most two dimensions");
  for (const std::string& name : request.by) {
    const DimensionDefinition* d = FindDimension(name);
    if (!d) unknown.push_back(name);
  }
  if (!unknown.empty()) {
    std::vector<std::string> known;
    for (const auto& d : Dimensions()) known.emplace_back(d.name);
    return Status::Invalid(
        "by", "unknown dimension: " + Joined(unknown) + " (known: " + Joined(known) + ")");
  }
  if (request.by.size() == 2 && request.by[0] == request.by[1]) {
    return Status::Invalid("by", "the two dimensions are the same (" + request.by[0] + ")");
  }
  for (const std::string& name : request.by) {
    const DimensionDefinition* d = FindDimension(name);
    if (!RoleMay(who, *d)) {
      return Status::Denied(std::string("your role may not break down by ") + d->name);
    }
    q.group_by.push_back(name);
  }
  for (const auto& [param, value] : request.filters) {
    const DimensionDefinition* d = FindDimensionByFilter(param);
    if (!d) return Status::Invalid(param, param + " is not a filter of analytics");
    if (!own && !RoleMay(who, *d)) {
      return Status::Denied(std::string("your role may not filter by ") + d->name);
    }
    if (d->is_id && (value.empty() || value.size() > 18 ||
                     !std::all_of(value.begin(), value.end(), ::isdigit))) {
      return Status::Invalid(param, param + " must be a record id");
    }
    if (value.empty()) return Status::Invalid(param, param + " must not be empty");
    q.filters.emplace_back(d->name, value);
  }
  if (!request.flag.empty()) {
    const auto& flags = FactFlags();
    if (std::find(flags.begin(), flags.end(), request.flag) == flags.end()) {
      return Status::Invalid("flag", "flag is one of " + Joined(flags));
    }
    q.flag = request.flag;
  }
  return q;
}

core::Result<KpiValues> QueryAnalytics::Kpis(const Principal& who,
                                             const AnalyticsRequest& request) const {
  auto q = Prepare(who, request);
  if (!q.ok()) return q.status();
  q->group_by.clear();
  FactSums sums;
  Status status = ctx_.store.Read([&](Repositories& repos) {
    auto groups = repos.analytics().Sums(*q, who);
    if (!groups.empty()) sums = groups.front().sums;
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return Selected(ComputeKpis(sums, ctx_.clock.Now()), request.kpis);
}

core::Result<Breakdown> QueryAnalytics::BreakDown(const Principal& who,
                                                  const AnalyticsRequest& request) const {
  if (request.by.empty()) return Status::Invalid("by", "by names one or two dimensions");
  auto q = Prepare(who, request);
  if (!q.ok()) return q.status();
  Breakdown out;
  out.by = q->group_by;
  const UnixMillis now = ctx_.clock.Now();
  Status status = ctx_.store.Read([&](Repositories& repos) {
    std::vector<GroupSums> groups = repos.analytics().Sums(*q, who);
    if (groups.size() > kMaxBreakdownRows) {
      groups.resize(kMaxBreakdownRows);
      out.truncated = true;
    }
    RecordNames names(repos);
    for (const GroupSums& g : groups) {
      BreakdownRow row;
      for (size_t i = 0; i < out.by.size(); ++i) {
        row.keys.emplace_back(out.by[i], g.keys.at(i));
        if (FindDimension(out.by[i])->is_id) {
          row.names.emplace_back(out.by[i], names.Of(out.by[i], g.keys[i]));
        }
      }
      row.kpis = Selected(ComputeKpis(g.sums, now), request.kpis);
      out.rows.push_back(std::move(row));
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return out;
}

core::Result<DrillDown> QueryAnalytics::Complaints(const Principal& who,
                                                   const AnalyticsRequest& request, Id before_id,
                                                   int limit) const {
  if (limit < 1 || limit > 1000) return Status::Invalid("limit", "limit must be 1-1000");
  auto q = Prepare(who, request);
  if (!q.ok()) return q.status();
  q->group_by.clear();
  DrillDown out;
  Status status = ctx_.store.Read([&](Repositories& repos) {
    auto groups = repos.analytics().Sums(*q, who);
    out.total = groups.empty() ? 0 : static_cast<int>(groups.front().sums[Sum::kComplaints]);
    out.complaints = repos.analytics().Complaints(*q, who, before_id, limit + 1);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  if (out.complaints.size() > static_cast<size_t>(limit)) {
    out.complaints.resize(static_cast<size_t>(limit));
    out.next_before = out.complaints.back().id;
  }
  return out;
}

std::vector<KpiTarget> QueryAnalytics::TargetsInForce(Repositories& repos) const {
  std::vector<KpiTarget> stored = repos.analytics().Targets();
  return stored.empty() ? DefaultKpiTargets() : stored;
}

core::Result<std::vector<KpiTarget>> QueryAnalytics::Targets(const Principal& who) const {
  if (!ctx_.policy.Allows(who, Permission::kAnalyticsRead)) {
    return Status::Denied("your role may not read analytics");
  }
  std::vector<KpiTarget> out;
  Status status = ctx_.store.Read([&](Repositories& repos) {
    out = TargetsInForce(repos);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return out;
}

core::Result<std::vector<KpiTarget>> QueryAnalytics::ReplaceTargets(
    const Principal& who, const std::vector<KpiTarget>& targets) const {
  if (!ctx_.policy.Allows(who, Permission::kConfigManage)) {
    return Status::Denied("your role may not change configuration");
  }
  CL_RETURN_IF_ERROR(CheckOrganisationWide(who, "KPI targets", "targets"));
  CL_RETURN_IF_ERROR(ValidateTargets(targets));
  CL_RETURN_IF_ERROR(ctx_.store.Write([&](Repositories& repos) {
    repos.analytics().SaveTargets(targets);
    RecordConfigChange(repos, ctx_, who, "kpi_targets",
                       std::to_string(targets.size()) + " KPI targets and weights");
    return Status::Ok();
  }));
  return targets;
}

core::Result<std::vector<ScoreRow>> QueryAnalytics::Scorecard(
    const Principal& who, const AnalyticsRequest& request) const {
  if (request.by.size() > 1 || (request.by.size() == 1 && request.by[0] != "team" &&
                                request.by[0] != "region" && request.by[0] != "agent")) {
    return Status::Invalid("by", "a scorecard is by team, region or agent (or none)");
  }
  std::vector<KpiTarget> targets;
  CL_RETURN_IF_ERROR(ctx_.store.Read([&](Repositories& repos) {
    targets = TargetsInForce(repos);
    return Status::Ok();
  }));
  AnalyticsRequest asked = request;
  asked.kpis = {"complaints"};
  for (const KpiTarget& t : targets) asked.kpis.push_back(t.kpi);
  std::vector<ScoreRow> out;
  auto score_of = [&](const KpiValues& values, ScoreRow& row) {
    for (const auto& [name, value] : values) {
      if (name == "complaints" && value) row.complaints = static_cast<int>(*value);
    }
    row.score = CompositeScore(values, targets, &row.kpis);
  };
  if (request.by.empty()) {
    auto values = Kpis(who, asked);
    if (!values.ok()) return values.status();
    ScoreRow row;
    score_of(*values, row);
    out.push_back(std::move(row));
    return out;
  }
  auto breakdown = BreakDown(who, asked);
  if (!breakdown.ok()) return breakdown.status();
  for (const BreakdownRow& b : breakdown->rows) {
    ScoreRow row;
    row.key = b.keys.front().second;
    if (!b.names.empty()) row.name = b.names.front().second;
    score_of(b.kpis, row);
    out.push_back(std::move(row));
  }
  std::stable_sort(out.begin(), out.end(), [](const ScoreRow& a, const ScoreRow& b) {
    return a.score.value_or(-1) > b.score.value_or(-1);
  });
  return out;
}

core::Result<AgentPerformance> QueryAnalytics::Agent(const Principal& who, Id agent_id,
                                                     AnalyticsRequest request) const {
  // An agent sees their own view (their own complaints: the assignee filter); others need to
  // be managers or admins, and see the agent's complaints within their own scope.
  const bool own = who.user_id == agent_id;
  if (!own && who.role != Role::kAdmin && who.role != Role::kManager) {
    return Status::Denied("an agent's performance is for managers, admins and the agent");
  }
  request.by.clear();
  request.filters.emplace_back("assignee_id", std::to_string(agent_id));
  auto q = Prepare(who, request, own);
  if (!q.ok()) return q.status();
  AgentPerformance out;
  out.agent_id = agent_id;
  FactSums sums;
  std::vector<KpiTarget> targets;
  CL_RETURN_IF_ERROR(ctx_.store.Read([&](Repositories& repos) -> Status {
    auto user = repos.users().FindById(agent_id);
    if (!user) return Status::NotFound("no user " + std::to_string(agent_id));
    out.name = user->display_name.empty() ? user->username : user->display_name;
    if (auto profile = repos.routing().FindProfile(agent_id)) {
      for (const AgentSkill& s : profile->skills) {
        out.skills.push_back({s.dimension, s.value, s.level});
      }
    }
    targets = TargetsInForce(repos);
    auto groups = repos.analytics().Sums(*q, who);
    if (!groups.empty()) sums = groups.front().sums;
    return Status::Ok();
  }));
  const KpiValues values = ComputeKpis(sums, ctx_.clock.Now());
  out.complaints = static_cast<int>(sums[Sum::kComplaints]);
  out.score = CompositeScore(values, targets, &out.kpis);
  return out;
}

}  // namespace closeloop::domain
