// What managers and analysts ask of the facts: KPIs over a period, breakdowns by
// up to two dimensions, and the complaints behind any number (the drill-down: the same rows the
// number was computed from). Everything is within the caller's data scope and needs
// analytics.read; breaking down by agent needs a manager or an admin.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "domain/analytics/entities.h"
#include "domain/context.h"

namespace closeloop::domain {

using KpiValues = std::vector<std::pair<std::string, std::optional<double>>>;

struct AnalyticsRequest {
  std::string from;  // YYYY-MM-DD, the organisation's calendar
  std::string to;    // inclusive
  // Filters by query parameter name (region_id, category …: DimensionDefinition::filter).
  std::vector<std::pair<std::string, std::string>> filters;
  std::vector<std::string> kpis;  // empty: all
  std::vector<std::string> by;    // breakdown dimensions, at most two
  std::string flag;               // drill-down: only the numerator's complaints
};

struct BreakdownRow {
  std::vector<std::pair<std::string, std::string>> keys;   // dimension, value ("" = none)
  std::vector<std::pair<std::string, std::string>> names;  // id dimensions: the record's name
  KpiValues kpis;
};

struct Breakdown {
  std::vector<std::string> by;
  std::vector<BreakdownRow> rows;
  bool truncated = false;  // more groups than kMaxBreakdownRows
};

struct DrillDown {
  std::vector<FactComplaint> complaints;
  int total = 0;
  std::optional<Id> next_before;  // the cursor of the next page
};

inline constexpr size_t kMaxBreakdownRows = 10000;

// One row of a scorecard: a team, region or agent (or everything) against the targets.
struct ScoreRow {
  std::string key;   // the record id ("" for everything)
  std::string name;  // the record's name
  int complaints = 0;
  std::optional<double> score;  // the composite 0..100; none without any KPI value
  std::vector<KpiAttainment> kpis;
};

// The agent performance view: their KPIs against the targets and their skills, the
// data of a radar chart.
struct AgentPerformance {
  Id agent_id = 0;
  std::string name;
  int complaints = 0;
  std::optional<double> score;
  std::vector<KpiAttainment> kpis;
  struct Skill {
    std::string dimension, value;
    int level = 1;
  };
  std::vector<Skill> skills;
};

class QueryAnalytics {
 public:
  explicit QueryAnalytics(const Context& ctx) : ctx_(ctx) {}
  core::Result<KpiValues> Kpis(const Principal& who, const AnalyticsRequest& request) const;
  core::Result<Breakdown> BreakDown(const Principal& who, const AnalyticsRequest& request) const;
  core::Result<DrillDown> Complaints(const Principal& who, const AnalyticsRequest& request,
                                     Id before_id, int limit) const;
  // The targets in force (analytics.read) and their replacement (config.manage, unscoped:
  // they apply to every region; recorded).
  core::Result<std::vector<KpiTarget>> Targets(const Principal& who) const;
  core::Result<std::vector<KpiTarget>> ReplaceTargets(const Principal& who,
                                                      const std::vector<KpiTarget>& targets) const;
  // The composite score per team, region or agent (`request.by`: one of them, or none for the
  // whole scope), best first.
  core::Result<std::vector<ScoreRow>> Scorecard(const Principal& who,
                                                const AnalyticsRequest& request) const;
  // An agent's performance: managers and admins for agents in their scope, and every agent for
  // themselves (their own complaints).
  core::Result<AgentPerformance> Agent(const Principal& who, Id agent_id,
                                       AnalyticsRequest request) const;

 private:
  // `own`: an agent's view of their own performance (no analytics.read needed).
  core::Result<FactQuery> Prepare(const Principal& who, const AnalyticsRequest& request,
                                  bool own = false) const;
  std::vector<KpiTarget> TargetsInForce(Repositories& repos) const;
  const Context& ctx_;
};

}  // namespace closeloop::domain
