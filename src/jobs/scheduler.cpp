#include "jobs/scheduler.h"

namespace closeloop::jobs {

void Scheduler::Add(std::string name, std::chrono::milliseconds idle, Round round,
                    std::function<void()> first) {
  loops_.push_back({std::move(name), idle, std::move(round), std::move(first)});
}

void Scheduler::Start() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = false;
  }
  for (Loop& loop : loops_) threads_.emplace_back([this, &loop] { RunLoop(loop); });
}

void Scheduler::RunLoop(Loop& loop) {
  if (loop.first) loop.first();
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
    }
    if (loop.round(clock_.Now())) continue;
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, loop.idle, [this] { return stopping_; });
  }
}

void Scheduler::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (std::thread& t : threads_) t.join();
  threads_.clear();
}

void Scheduler::RunOnce() {
  for (Loop& loop : loops_) (void)loop.round(clock_.Now());
}

}  // namespace closeloop::jobs
