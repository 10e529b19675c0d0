// A limit of `limit` events per key within a sliding `window`, in memory, per process (like the
// login throttle): the public pages count filings and status lookups per client address, and
// failed lookups per reference, so that nobody floods intake or guesses a customer's phone
// number for a reference they know.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>

#include "core/clock.h"

namespace closeloop::domain {

class RateLimiter {
 public:
  RateLimiter(int limit, core::UnixMillis window) : limit_(limit), window_(window) {}
  // 0 when one more event under `key` is allowed now, else the seconds until it is.
  std::int64_t RetryAfterSeconds(const std::string& key, core::UnixMillis now);
  // Counts one event under `key`.
  void Hit(const std::string& key, core::UnixMillis now);

 private:
  void Prune(core::UnixMillis now);
  const int limit_;
  const core::UnixMillis window_;
  std::mutex mutex_;
  std::map<std::string, std::deque<core::UnixMillis>> events_;
  core::UnixMillis last_prune_ = 0;
};

}  // namespace closeloop::domain
