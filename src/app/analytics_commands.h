// `closeloop analytics rebuild|refresh|verify --db PATH`: the analytics facts (docs/kpi.md).
#pragma once

#include <string>

#include "app/store_flags.h"

namespace closeloop::app {

// rebuild: every fact from the stored history; refresh: the pending ones; verify: how many
// stored facts differ from a fresh computation (exit 1 when any does).
int RunAnalyticsCommand(const StoreFlags& flags, const std::string& verb);

struct ReportOptions {
  StoreFlags store;
  std::string period;  // YYYY-MM-DD, YYYY-Www, YYYY-MM or YYYY
  std::string out;     // the HTML file
  std::string csv;     // and, when set, the CSV
  std::string lang = "zh-CN";
};

// `closeloop report`: the report of a period over the whole organisation.
int RunReportCommand(const ReportOptions& options);

}  // namespace closeloop::app
