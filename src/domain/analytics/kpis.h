// The KPIs as data: each has a name (the API's and docs/kpi.md's), a unit, and a formula
// over the sums of the fact rows it covers. ComputeKpis is the one place the formulas live.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "domain/analytics/entities.h"
#include "domain/model/enums.h"

namespace closeloop::domain {

struct KpiDefinition {
  const char* name;
  const char* unit;  // count, minutes, hours, rate (0..1), score, points, yuan
  const char* zh;    // the name people read
  const char* en;
  const char* flag;  // the fact flag of its numerator, for the drill-down ("" none)
  bool higher_is_better;
};

// Every KPI, in the order the API lists them.
const std::vector<KpiDefinition>& KpiDefinitions();
const KpiDefinition* FindKpi(const std::string& name);

// The value of each KPI over `sums` at `now` (backlog age), in KpiDefinitions order; nothing
// where the denominator is zero (no complaints, no answers).
std::vector<std::pair<std::string, std::optional<double>>> ComputeKpis(const FactSums& sums,
                                                                       UnixMillis now);

// The shipped targets (seed 000 2.3 and 6.1, seed 002) and weights summing to 1.
std::vector<KpiTarget> DefaultKpiTargets();
// Known KPIs (not counts), each once, finite targets, weights 0..100 with at least one above 0;
// the error names the entry ("targets[2].kpi").
core::Status ValidateTargets(const std::vector<KpiTarget>& targets);
// Each target's attainment from `values`: higher-is-better KPIs value ÷ target, lower-is-better
// ones target ÷ value, capped at 1 (a rate of 0 against a lower-is-better target is met); and the
// composite score 0..100 = Σ weight × attainment ÷ Σ weight over the KPIs that have a value.
std::optional<double> CompositeScore(
    const std::vector<std::pair<std::string, std::optional<double>>>& values,
    const std::vector<KpiTarget>& targets, std::vector<KpiAttainment>* attainments);

// A dimension to filter or break down by.
struct DimensionDefinition {
  const char* name;    // as in by= and in the breakdown's rows
  const char* filter;  // the query parameter that filters by it ("" = by= only)
  bool is_id;          // its value is a record id (the row also carries the record's name)
  // Roles that may break down by it (empty: every role that may read analytics).
  std::vector<Role> roles;
};

const std::vector<DimensionDefinition>& Dimensions();
const DimensionDefinition* FindDimension(const std::string& name);
const DimensionDefinition* FindDimensionByFilter(const std::string& parameter);

// Flags a drill-down may ask for (the numerators of the rate KPIs).
const std::vector<std::string>& FactFlags();

}  // namespace closeloop::domain
