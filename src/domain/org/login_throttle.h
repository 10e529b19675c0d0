// Throttling of password guessing (login), in memory, per process.
//
// Failures are counted per (account, client address) and per client address, within a sliding
// window. After `free_failures` for one pair, each further attempt from that address waits out
// a delay that doubles (1 s, 2 s, 4 s … up to `max_delay`); an address that fails across many
// accounts is stopped as a whole after `address_failures`. A success clears the pair. An account
// is never locked for every address, so a stranger cannot lock a known user out: the user's own
// address stays free. Throttled attempts are answered before any password hashing, so a flood
// costs little.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "core/clock.h"

namespace closeloop::domain {

struct LoginThrottleLimits {
  core::UnixMillis window = 15 * core::kMinute;
  int free_failures = 5;
  core::UnixMillis max_delay = 15 * core::kMinute;
  int address_failures = 50;
};

class LoginThrottle {
 public:
  explicit LoginThrottle(LoginThrottleLimits limits = {}) : limits_(limits) {}
  // 0 when an attempt may go ahead now, else the seconds to wait.
  std::int64_t WaitSeconds(const std::string& account, const std::string& address,
                           core::UnixMillis now);
  void Failed(const std::string& account, const std::string& address, core::UnixMillis now);
  void Succeeded(const std::string& account, const std::string& address);

 private:
  struct Record {
    int failures = 0;
    core::UnixMillis first = 0;  // the window starts here
    core::UnixMillis last = 0;
  };
  std::int64_t Wait(const Record* r, int free, core::UnixMillis now) const;
  void Count(Record& r, core::UnixMillis now) const;
  void Prune(core::UnixMillis now);

  LoginThrottleLimits limits_;
  std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, Record> pairs_;
  std::map<std::string, Record> addresses_;
};

}  // namespace closeloop::domain
