#include "app/analytics_commands.h"

#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <vector>

#include "app/wiring.h"
#include "domain/analytics/analytics_upkeep.h"

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

}  // namespace closeloop::app
