#include "jobs/scheduler.h"

#include <gtest/gtest.h>

#include <atomic>

namespace closeloop::jobs {
namespace {

using namespace std::chrono_literals;

TEST(Scheduler, LoopsRunUntilStopAndStopWakesThemAtOnce) {
  core::FakeClock clock(1000);
  Scheduler loops(clock);
  std::atomic<int> busy_rounds{0}, idle_rounds{0}, firsts{0};
  // A loop with work waiting runs round after round; an idle one waits an hour between rounds.
  loops.Add(
      "busy", 1h, [&](core::UnixMillis) { return ++busy_rounds < 50; }, [&] { ++firsts; });
  loops.Add("idle", 1h, [&](core::UnixMillis) {
    ++idle_rounds;
    return false;
  });
  loops.Start();
  for (int i = 0; i < 200 && (busy_rounds < 50 || idle_rounds < 1); ++i) {
    std::this_thread::sleep_for(5ms);
  }
  const auto before = std::chrono::steady_clock::now();
  loops.Stop();
  const auto took = std::chrono::steady_clock::now() - before;
  EXPECT_EQ(busy_rounds.load(), 50) << "more waiting: next round at once, then the idle wait";
  EXPECT_EQ(idle_rounds.load(), 1);
  EXPECT_EQ(firsts.load(), 1);
  EXPECT_LT(took, 1s) << "Stop must not wait out an idle loop's hour";
  loops.Stop();  // idempotent
}

TEST(Scheduler, RunOnceRunsOneRoundOfEachLoopOnTheCaller) {
  core::FakeClock clock(1000);
  Scheduler loops(clock);
  std::vector<std::string> order;
  loops.Add("a", 1h, [&](core::UnixMillis) {
    order.push_back("a");
    return true;
  });
  loops.Add("b", 1h, [&](core::UnixMillis now) {
    EXPECT_EQ(now, 1000) << "the time comes from the injected clock";
    order.push_back("b");
    return false;
  });
  loops.RunOnce();
  EXPECT_EQ(order, (std::vector<std::string>{"a", "b"}));
}

}  // namespace
}  // namespace closeloop::jobs
