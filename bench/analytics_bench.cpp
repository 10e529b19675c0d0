// Dashboard tiles over a large facts table (bench/run_analytics.sh fills it): the p50 and p99 of
// the questions a manager's overview asks — one month's KPIs, a breakdown by one and by two
// dimensions, a year by month, a scoped manager's month, the drill-down's first page — and the
// whole overview (those calls together). Each is asked RUNS times through QueryAnalytics, as
// the API does (without HTTP).
//   build/bench/analytics_bench DB [RUNS]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "app/wiring.h"
#include "core/time_format.h"
#include "domain/analytics/analytics_queries.h"

namespace d = closeloop::domain;
using Clock = std::chrono::steady_clock;

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: analytics_bench DB [RUNS]\n");
    return 2;
  }
  const int runs = argc > 2 ? std::stoi(argv[2]) : 30;
  // The last day of the generated history is "today".
  closeloop::core::FakeClock clock(*closeloop::core::ParseIso8601("2026-12-31T12:00:00Z"));
  closeloop::app::WiringOptions options;
  options.db_path = argv[1];
  options.clock = &clock;
  closeloop::app::Wiring wiring(options);
  const d::QueryAnalytics q(wiring.context());
  const d::Principal admin = d::SystemPrincipal();
  d::Principal scoped = admin;
  scoped.role = d::Role::kManager;
  scoped.user_id = 1;
  scoped.region_scope = {3};
  auto request = [](std::string from, std::string to, std::vector<std::string> by,
                    std::vector<std::string> kpis) {
    d::AnalyticsRequest r;
    r.from = std::move(from);
    r.to = std::move(to);
    r.by = std::move(by);
    r.kpis = std::move(kpis);
    return r;
  };
  const auto month = request("2026-11-01", "2026-11-30", {}, {});
  const auto by_region =
      request("2026-11-01", "2026-11-30", {"region"}, {"complaints", "csat_mean"});
  const auto by_two = request("2026-11-01", "2026-11-30", {"region", "category"},
                              {"complaints", "csat_mean", "overdue_rate"});
  const auto year_by_month = request("2026-01-01", "2026-12-31", {"month"}, {"complaints"});
  struct Tile {
    const char* name;
    std::function<bool()> ask;
  };
  const std::vector<Tile> tiles = {
      {"month KPIs (all 28)", [&] { return q.Kpis(admin, month).ok(); }},
      {"month by region", [&] { return q.BreakDown(admin, by_region).ok(); }},
      {"month by region x category", [&] { return q.BreakDown(admin, by_two).ok(); }},
      {"year by month", [&] { return q.BreakDown(admin, year_by_month).ok(); }},
      {"scoped manager's month KPIs", [&] { return q.Kpis(scoped, month).ok(); }},
      {"drill-down first page", [&] { return q.Complaints(admin, by_region, 0, 50).ok(); }},
  };
  std::vector<double> overview;
  std::vector<std::vector<double>> times(tiles.size());
  for (int run = 0; run < runs; ++run) {
    double total = 0;
    for (size_t t = 0; t < tiles.size(); ++t) {
      const auto start = Clock::now();
      if (!tiles[t].ask()) {
        std::fprintf(stderr, "%s failed\n", tiles[t].name);
        return 1;
      }
      const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
      times[t].push_back(ms);
      total += ms;
    }
    overview.push_back(total);
  }
  auto report = [](const char* name, std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const double p50 = v[v.size() / 2];
    const double p99 = v[std::min(v.size() - 1, v.size() * 99 / 100)];
    std::printf("%-30s p50 %8.1f ms   p99 %8.1f ms\n", name, p50, p99);
  };
  for (size_t t = 0; t < tiles.size(); ++t) report(tiles[t].name, times[t]);
  report("overview (all of the above)", overview);
  return 0;
}
