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

class QueryAnalytics {
 public:
  explicit QueryAnalytics(const Context& ctx) : ctx_(ctx) {}
  core::Result<KpiValues> Kpis(const Principal& who, const AnalyticsRequest& request) const;
  core::Result<Breakdown> BreakDown(const Principal& who, const AnalyticsRequest& request) const;
  core::Result<DrillDown> Complaints(const Principal& who, const AnalyticsRequest& request,
                                     Id before_id, int limit) const;

 private:
  core::Result<FactQuery> Prepare(const Principal& who, const AnalyticsRequest& request) const;
  const Context& ctx_;
};

}  // namespace closeloop::domain
