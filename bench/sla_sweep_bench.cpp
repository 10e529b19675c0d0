// The SLA sweep over many open complaints: the job worker runs the "sla.check" jobs that are due
// (recomputing each complaint's clocks from its history, recording warnings and breaches and
// queueing the next check), then sweeps again with nothing due. Prints both times: the second
// shows that a sweep costs what is due, not what is open.
//   build/bench/sla_sweep_bench DB NOW_MS      (bench/run_sla_sweep.sh makes DB)
#include <chrono>
#include <cstdio>
#include <string>

#include "app/job_commands.h"
#include "app/wiring.h"
#include "jobs/scheduler.h"

using Clock = std::chrono::steady_clock;

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: sla_sweep_bench DB NOW_MS\n");
    return 2;
  }
  closeloop::core::FakeClock clock(std::stoll(argv[2]));
  closeloop::app::WiringOptions options;
  options.db_path = argv[1];
  options.clock = &clock;
  closeloop::app::Wiring wiring(options);
  // As the server: the store's upkeep in a scheduler loop, checkpoints off the write path.
  closeloop::core::SystemClock wall;
  closeloop::jobs::Scheduler upkeep(wall);
  upkeep.Add("store", std::chrono::milliseconds(100), wiring.StoreMaintenanceRound());
  upkeep.Start();
  closeloop::app::JobWorker worker(wiring.context());
  auto sweep = [&](const char* what) {
    const auto start = Clock::now();
    int total = 0;
    for (;;) {
      auto ran = worker.RunDue();
      if (!ran.ok()) {
        std::fprintf(stderr, "%s\n", ran.status().ToString().c_str());
        return;
      }
      total += *ran;
      if (*ran < closeloop::app::JobWorker::kClaim) break;
    }
    const double s = std::chrono::duration<double>(Clock::now() - start).count();
    std::printf("%s: %d checks in %.3f s (%.0f/s)\n", what, total, s, s > 0 ? total / s : 0.0);
  };
  sweep("sweep with checks due");
  sweep("sweep with nothing due");
  clock.Advance(closeloop::core::kMinute);
  sweep("a minute later");
  return 0;
}
