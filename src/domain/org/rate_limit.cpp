#include "domain/org/rate_limit.h"

namespace closeloop::domain {

std::int64_t RateLimiter::RetryAfterSeconds(const std::string& key, core::UnixMillis now) {
  std::lock_guard<std::mutex> lock(mutex_);
  Prune(now);
  auto it = events_.find(key);
  if (it == events_.end()) return 0;
  std::deque<core::UnixMillis>& times = it->second;
  while (!times.empty() && times.front() <= now - window_) times.pop_front();
  if (static_cast<int>(times.size()) < limit_) return 0;
  const core::UnixMillis free_at = times.front() + window_;
  return (free_at - now + 999) / 1000;
}

void RateLimiter::Hit(const std::string& key, core::UnixMillis now) {
  std::lock_guard<std::mutex> lock(mutex_);
  events_[key].push_back(now);
}

void RateLimiter::Prune(core::UnixMillis now) {
  // Keys whose events all left the window are dropped now and then, so memory stays bounded.
  if (now - last_prune_ < window_) return;
  last_prune_ = now;
  for (auto it = events_.begin(); it != events_.end();) {
    if (it->second.empty() || it->second.back() <= now - window_) {
      it = events_.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace closeloop::domain
