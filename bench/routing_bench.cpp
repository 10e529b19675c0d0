// Routing at scale: loads the agent pool (profiles, skills, current load from the open
// complaints), times the decision for each waiting complaint (p50 / p99 / max), then drains the
// waiting queue through the store (decision, assignment, events, notification, SLA check) and
// prints the throughput and the load spread (max / mean over agents with work).
//   build/bench/routing_bench DB NOW_MS      (bench/run_routing.sh makes DB)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "app/job_commands.h"
#include "app/wiring.h"
#include "domain/analysis/repository.h"
#include "domain/complaint/repository.h"
#include "domain/model/ids.h"
#include "domain/routing/repository.h"
#include "domain/routing/routing.h"
#include "domain/unit_of_work.h"

using Clock = std::chrono::steady_clock;
namespace d = closeloop::domain;

namespace {

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

void PrintSpread(const closeloop::domain::Context& ctx, const char* when) {
  std::vector<int> loads;
  (void)ctx.store.Read([&](d::Repositories& repos) {
    for (const auto& [user, load] : repos.routing().OpenLoads()) loads.push_back(load);
    return closeloop::core::Status::Ok();
  });
  double sum = 0;
  for (int l : loads) sum += l;
  const int max = loads.empty() ? 0 : *std::max_element(loads.begin(), loads.end());
  std::printf("%s: %zu agents with work, load max %d, mean %.1f, max/mean %.2f\n", when,
              loads.size(), max, loads.empty() ? 0 : sum / loads.size(),
              loads.empty() ? 0 : max / (sum / loads.size()));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: routing_bench DB NOW_MS\n");
    return 2;
  }
  closeloop::core::FakeClock clock(std::stoll(argv[2]));
  closeloop::app::WiringOptions options;
  options.db_path = argv[1];
  options.clock = &clock;
  closeloop::app::Wiring wiring(options);
  const d::Context& ctx = wiring.context();

  d::AgentPool pool;
  std::vector<d::RoutingRequest> requests;
  double load_s = 0;
  (void)ctx.store.Read([&](d::Repositories& repos) {
    const auto start = Clock::now();
    pool = d::LoadAgentPool(repos, ctx, clock.Now());
    load_s = Seconds(start);
    for (d::Id id : repos.routing().Waiting(5000)) {
      auto c = repos.complaints().FindById(id);
      auto a = repos.analysis().Find(id);
      requests.push_back(d::MakeRoutingRequest(repos, *c, a ? &*a : nullptr));
    }
    return closeloop::core::Status::Ok();
  });
  std::printf("pool: %zu people loaded in %.1f ms (profiles, skills, open loads)\n",
              pool.agents().size(), load_s * 1000);

  const auto rules = ctx.routing->Get();
  std::vector<double> micros;
  int assigned = 0;
  for (const d::RoutingRequest& r : requests) {
    const auto start = Clock::now();
    const d::RoutingDecision decision = d::DecideRoute(pool, *rules, r);
    micros.push_back(Seconds(start) * 1e6);
    d::Commit(pool, decision);
    assigned += decision.agent_id.has_value();
  }
  std::sort(micros.begin(), micros.end());
  auto pct = [&](double p) { return micros[static_cast<size_t>(p * (micros.size() - 1))]; };
  if (!micros.empty()) {
    std::printf("decision: %zu decisions (%d to an agent), p50 %.0f us, p99 %.0f us, max %.0f us\n",
                micros.size(), assigned, pct(0.5), pct(0.99), micros.back());
  }

  PrintSpread(ctx, "before the drain");
  closeloop::app::JobWorker worker(ctx);
  (void)ctx.store.Write([&](d::Repositories& repos) {
    d::ScheduleRoutingDrain(repos, clock.Now(), clock.Now());
    return closeloop::core::Status::Ok();
  });
  const auto start = Clock::now();
  int runs = 0;
  size_t before = requests.size(), left = before;
  for (;;) {
    // Everything due: the drain and the first SLA checks of what it assigned.
    for (;;) {
      auto ran = worker.RunDue(500);
      if (!ran.ok()) {
        std::fprintf(stderr, "%s\n", ran.status().ToString().c_str());
        return 1;
      }
      if (*ran < 500) break;
    }
    ++runs;
    size_t now_left = 0;
    (void)ctx.store.Read([&](d::Repositories& repos) {
      now_left = repos.routing().Waiting(100000).size();
      return closeloop::core::Status::Ok();
    });
    const bool progress = now_left < left;
    left = now_left;
    if (!progress || left == 0) break;
    clock.Advance(d::kDrainInterval);
  }
  const double s = Seconds(start);
  std::printf(
      "drain through the store: %zu of %zu routed in %.2f s (%.0f/s, with their first SLA "
      "checks), %d runs\n",
      before - left, before, s, s > 0 ? (before - left) / s : 0.0, runs);
  PrintSpread(ctx, "after the drain");
  return 0;
}
