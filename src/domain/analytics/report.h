// Periodic reports: the daily, weekly, monthly and year-end report in the structure of
// seed 002 — KPI attainment against targets and the previous period, volume over time, the top
// three categories, timeliness per SLA phase, repeat rates by product, region and touchpoint
// (the process), the channel mix, the scorecard by region, and the improvement actions with
// their effect — as data (BuildReport) and as one self-contained HTML file with inline SVG
// charts or as CSV (report_html.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/analytics/analytics_queries.h"
#include "domain/improvement/entities.h"

namespace closeloop::domain {

// A report period: "YYYY-MM-DD" (daily), "YYYY-Www" (ISO week), "YYYY-MM" or "YYYY".
struct ReportPeriod {
  std::string name;  // as given
  std::string kind;  // day, week, month, year
  std::string from, to;
  std::string previous_from, previous_to;  // the period before, for comparison
};
core::Result<ReportPeriod> ParseReportPeriod(const std::string& text);

// Complaint volume during one promotion of the period (the part inside it).
struct PromotionVolume {
  Promotion promotion;
  int days = 0;
  int complaints = 0;
};

struct ReportData {
  ReportPeriod period;
  UnixMillis generated_at = 0;
  KpiValues kpis, previous_kpis;
  std::vector<ScoreRow> overall;  // one row: the caller's scope against the targets
  std::vector<ScoreRow> by_region;
  std::string trend_by;  // day or month
  Breakdown trend, categories, products, regions, touchpoints, channels;
  std::vector<ImprovementAction> improvements;  // open in the period or closed in it
  std::vector<PromotionVolume> promotions;      // promotions overlapping the period
  int days = 0;                                 // days reported (up to today)
};

class BuildReport {
 public:
  explicit BuildReport(const Context& ctx) : ctx_(ctx) {}
  core::Result<ReportData> Execute(const Principal& who, const std::string& period) const;

 private:
  const Context& ctx_;
};

}  // namespace closeloop::domain
