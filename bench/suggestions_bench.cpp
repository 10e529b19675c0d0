// Suggestions over a large database: the time to build the similar-case index from the
// stored resolutions, then the latency of SuggestForComplaint (index query, resolutions and
// surveys of the candidates, knowledge search, reply draft) for random open complaints.
//   build/bench/suggestions_bench DB [QUERIES]      (bench/run_suggestions.sh makes DB)
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "app/wiring.h"
#include "domain/complaint/repository.h"
#include "domain/knowledge/suggestions.h"
#include "domain/model/ids.h"
#include "domain/unit_of_work.h"

namespace d = closeloop::domain;
using Clock = std::chrono::steady_clock;

namespace {

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

long PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: suggestions_bench DB [QUERIES]\n");
    return 2;
  }
  const int queries = argc > 2 ? std::stoi(argv[2]) : 2000;
  closeloop::app::WiringOptions options;
  options.db_path = argv[1];
  closeloop::app::Wiring wiring(options);
  const d::Context& ctx = wiring.context();

  auto start = Clock::now();
  auto refreshed = ctx.cases->Refresh(ctx.store, ctx.clock.Now());
  if (!refreshed.ok()) {
    std::fprintf(stderr, "refresh: %s\n", refreshed.ToString().c_str());
    return 1;
  }
  std::printf("index of %zu resolved complaints built in %.1f s, peak RSS %ld MB\n",
              ctx.cases->index().size(), Ms(Clock::now() - start) / 1000, PeakRssMb());

  std::vector<d::Id> open;
  (void)ctx.store.Read([&](d::Repositories& repos) {
    d::ComplaintQuery q;
    q.statuses = {d::ComplaintStatus::kInProgress};
    q.limit = 5000;
    for (const auto& c : repos.complaints().List(q, d::SystemPrincipal())) open.push_back(c.id);
    return closeloop::core::Status::Ok();
  });
  if (open.empty()) {
    std::fprintf(stderr, "no open complaints to ask about\n");
    return 1;
  }
  d::SuggestForComplaint suggest(ctx);
  std::mt19937 rng(1);
  std::vector<double> latencies;
  size_t similar = 0, options_total = 0;
  for (int i = 0; i < queries; ++i) {
    const d::Id id = open[rng() % open.size()];
    auto t0 = Clock::now();
    auto s = suggest.Execute(d::SystemPrincipal(), std::to_string(id));
    latencies.push_back(Ms(Clock::now() - t0));
    if (!s.ok()) {
      std::fprintf(stderr, "suggest %lld: %s\n", static_cast<long long>(id),
                   s.status().ToString().c_str());
      return 1;
    }
    similar += s->similar.size();
    options_total += s->options.size();
  }
  std::sort(latencies.begin(), latencies.end());
  auto at = [&](double p) { return latencies[static_cast<size_t>(p * (latencies.size() - 1))]; };
  double sum = 0;
  for (double v : latencies) sum += v;
  std::printf(
      "%d suggestions: mean %.2f ms, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms; "
      "%.1f similar cases and %.1f options each; peak RSS %ld MB\n",
      queries, sum / queries, at(0.5), at(0.95), at(0.99), latencies.back(),
      static_cast<double>(similar) / queries, static_cast<double>(options_total) / queries,
      PeakRssMb());
  return 0;
}
