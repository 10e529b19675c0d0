#include "app/analytics_commands.h"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <vector>

#include "app/wiring.h"
#include "domain/analytics/analytics_upkeep.h"
#include "domain/analytics/report.h"
#include "domain/analytics/report_html.h"
#include "domain/context.h"

namespace closeloop::app {

int RunAnalyticsCommand(const StoreFlags& flags, const std::string& verb) {
  Wiring wiring(WiringFor(flags));
  const domain::RefreshAnalytics analytics(wiring.context());
  const auto start = std::chrono::steady_clock::now();
  auto seconds = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  if (verb == "verify") {
    std::vector<domain::Id> examples;
    auto refreshed = analytics.UntilDone();
    if (!refreshed.ok()) throw std::runtime_error(refreshed.status().ToString());
    auto differing = analytics.Verify(&examples);
    if (!differing.ok()) throw std::runtime_error(differing.status().ToString());
    std::printf("%d facts differ from a fresh computation", *differing);
    for (size_t i = 0; i < examples.size(); ++i) {
      std::printf("%s%lld", i ? ", " : " (complaints ", static_cast<long long>(examples[i]));
    }
    std::printf("%s\n", examples.empty() ? "" : ")");
    return *differing == 0 ? 0 : 1;
  }
  auto n = verb == "rebuild" ? analytics.Rebuild() : analytics.UntilDone();
  if (!n.ok()) throw std::runtime_error(n.status().ToString());
  const double took = seconds();
  std::printf("%s %d complaint facts in %.1f s (%.0f/s)\n",
              verb == "rebuild" ? "rebuilt" : "refreshed", *n, took,
              took > 0 ? static_cast<double>(*n) / took : 0.0);
  return 0;
}

namespace {

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path);
}

}  // namespace

int RunReportCommand(const ReportOptions& options) {
  Wiring wiring(WiringFor(options.store));
  const domain::Context& ctx = wiring.context();
  const auto start = std::chrono::steady_clock::now();
  // The facts of anything changed since the server last ran count too.
  auto refreshed = domain::RefreshAnalytics(ctx).UntilDone();
  if (!refreshed.ok()) throw std::runtime_error(refreshed.status().ToString());
  auto report = domain::BuildReport(ctx).Execute(domain::SystemPrincipal(), options.period);
  if (!report.ok()) {
    std::fprintf(stderr, "error: %s\n", report.status().ToString().c_str());
    return 2;
  }
  WriteFile(options.out,
            domain::RenderReportHtml(*report, options.lang, ctx.config.org_utc_offset_minutes));
  if (!options.csv.empty()) WriteFile(options.csv, domain::RenderReportCsv(*report));
  const double took =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("report %s (%s to %s) written to %s%s%s in %.2f s\n", report->period.name.c_str(),
              report->period.from.c_str(), report->period.to.c_str(), options.out.c_str(),
              options.csv.empty() ? "" : " and ", options.csv.c_str(), took);
  return 0;
}

}  // namespace closeloop::app
