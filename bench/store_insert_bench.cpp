// The create path without HTTP: CreateComplaint (validation, customer resolution, reference
// number, complaint row, FTS index, created event) on a SQLite file in WAL mode, one
// transaction per complaint, as the API runs it.
//   build/bench/store_insert_bench --benchmark_min_time=3
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>

#include "app/wiring.h"
#include "domain/complaint/complaint_queries.h"
#include "domain/complaint/create_complaint.h"

namespace {

namespace d = closeloop::domain;

struct BenchDb {
  BenchDb() {
    dir = std::filesystem::temp_directory_path() / ("closeloop-bench-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    closeloop::app::WiringOptions options;
    options.db_path = (dir / "bench.db").string();
    wiring = std::make_unique<closeloop::app::Wiring>(options);
  }
  ~BenchDb() {
    wiring.reset();
    std::filesystem::remove_all(dir);
  }
  std::filesystem::path dir;
  std::unique_ptr<closeloop::app::Wiring> wiring;
};

d::NewComplaint Sample(int i) {
  d::NewComplaint in;
  in.channel = d::Channel::kApi;
  in.title = "猫粮发霉";
  in.description =
      "上周在上海万达店买的鲜肉无谷全价猫粮，打开发现结块发霉，猫吃了以后上吐下泻，要求退款并给个说"
      "法。订单号PO" +
      std::to_string(100000 + i);
  in.customer = d::CustomerInput{std::nullopt, "王小明",
                                 "138" + std::to_string(10000000 + i % 50000), "", std::nullopt};
  in.amount_claimed_cents = 19950;
  return in;
}

// One database per run, shared by the run's threads: the first thread to arrive creates it, the
// last holder destroys it.
std::mutex shared_db_mutex;
std::shared_ptr<BenchDb> shared_db;

std::shared_ptr<BenchDb> SharedDb() {
  std::lock_guard lock(shared_db_mutex);
  if (!shared_db) shared_db = std::make_shared<BenchDb>();
  return shared_db;
}

void BM_CreateComplaint(benchmark::State& state) {
  std::shared_ptr<BenchDb> db = SharedDb();
  d::CreateComplaint create(db->wiring->context());
  d::Principal system = d::SystemPrincipal();
  int i = state.thread_index() * 10'000'000;
  for (auto _ : state) {
    auto result = create.Execute(system, Sample(i++), std::nullopt);
    if (!result.ok()) state.SkipWithError(result.status().ToString().c_str());
  }
  state.SetItemsProcessed(state.iterations());
  if (state.thread_index() == 0) {
    std::lock_guard lock(shared_db_mutex);
    shared_db.reset();  // the timed loops of all threads have ended
  }
}
// Threads(1): one caller, a commit per complaint. Threads(8): eight concurrent callers, as with
// eight HTTP connections, so group commit can share commits.
BENCHMARK(BM_CreateComplaint)->Unit(benchmark::kMicrosecond)->Threads(1)->Threads(8)->UseRealTime();

void BM_GetComplaintById(benchmark::State& state) {
  BenchDb db;
  d::CreateComplaint create(db.wiring->context());
  d::GetComplaint get(db.wiring->context());
  d::Principal system = d::SystemPrincipal();
  const int n = 20000;
  for (int i = 0; i < n; ++i) (void)create.Execute(system, Sample(i), std::nullopt);
  int i = 0;
  for (auto _ : state) {
    auto view = get.Execute(system, std::to_string(1 + (i++ * 7919) % n));
    if (!view.ok()) state.SkipWithError(view.status().ToString().c_str());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_GetComplaintById)->Unit(benchmark::kMicrosecond);

// The same read from eight threads at once, sharing one store: shows whether reads scale.
std::shared_ptr<BenchDb> read_db;
std::once_flag read_db_once;

void BM_GetComplaintByIdConcurrent(benchmark::State& state) {
  constexpr int n = 20000;
  std::call_once(read_db_once, [] {
    read_db = std::make_shared<BenchDb>();
    d::CreateComplaint create(read_db->wiring->context());
    for (int i = 0; i < n; ++i) {
      (void)create.Execute(d::SystemPrincipal(), Sample(i), std::nullopt);
    }
  });
  d::GetComplaint get(read_db->wiring->context());
  d::Principal system = d::SystemPrincipal();
  int i = state.thread_index();
  for (auto _ : state) {
    auto view = get.Execute(system, std::to_string(1 + (i++ * 7919) % n));
    if (!view.ok()) state.SkipWithError(view.status().ToString().c_str());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_GetComplaintByIdConcurrent)
    ->Unit(benchmark::kMicrosecond)
    ->Threads(2)
    ->Threads(8)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
