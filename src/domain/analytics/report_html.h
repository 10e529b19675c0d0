// A report (report.h) as one self-contained HTML file — inline CSS and SVG charts, no script,
// nothing fetched — in zh-CN or en, and as CSV (section, group, KPI, value).
#pragma once

#include <string>

#include "domain/analytics/report.h"

namespace closeloop::domain {

// `language`: "zh-CN" or "en"; `utc_offset_minutes` for the generation time shown.
std::string RenderReportHtml(const ReportData& report, const std::string& language,
                             int utc_offset_minutes);
std::string RenderReportCsv(const ReportData& report);

}  // namespace closeloop::domain
