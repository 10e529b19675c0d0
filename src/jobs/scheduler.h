// The background loops of one process (the server's analysis pipeline, job worker, outbox
// sender and the store's upkeep), each on its own thread, with one clean stop: Stop() wakes every
// waiting loop at once and returns when each has finished the round it was in. Loops know nothing
// of threads, and take the time from the scheduler's injected clock, never from the system.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"

namespace closeloop::jobs {

class Scheduler {
 public:
  // One round of a loop's work; returns true when more is waiting (the next round starts at
  // once), false to wait `idle` first. `now` is the clock's time when the round starts. A round
  // reports its own errors.
  using Round = std::function<bool(core::UnixMillis now)>;

  // `clock` must outlive the scheduler.
  explicit Scheduler(const core::Clock& clock) : clock_(clock) {}
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;
  ~Scheduler() { Stop(); }

  // Adds a loop before Start(); `first` runs once on the loop's thread before its first round.
  void Add(std::string name, std::chrono::milliseconds idle, Round round,
           std::function<void()> first = {});
  void Start();
  // Idempotent; joins every loop.
  void Stop();
  // One round of every loop, in the order added, on the calling thread (tests, one-shot CLIs).
  void RunOnce();

 private:
  struct Loop {
    std::string name;
    std::chrono::milliseconds idle;
    Round round;
    std::function<void()> first;
  };
  void RunLoop(Loop& loop);

  const core::Clock& clock_;
  std::vector<Loop> loops_;
  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
};

}  // namespace closeloop::jobs
