#include "domain/org/login_throttle.h"

#include <algorithm>

namespace closeloop::domain {

namespace {
constexpr size_t kPruneAbove = 10000;  // records kept before expired ones are dropped
}  // namespace

std::int64_t LoginThrottle::Wait(const Record* r, int free, core::UnixMillis now) const {
  if (!r || now - r->first > limits_.window || r->failures < free) return 0;
  const int over = std::min(r->failures - free, 30);
  const core::UnixMillis delay =
      std::min<core::UnixMillis>(core::kSecond << over, limits_.max_delay);
  const core::UnixMillis until = r->last + delay;
  return until > now ? (until - now + core::kSecond - 1) / core::kSecond : 0;
}

std::int64_t LoginThrottle::WaitSeconds(const std::string& account, const std::string& address,
                                        core::UnixMillis now) {
  std::lock_guard lock(mutex_);
  auto pair = pairs_.find({account, address});
  auto whole = addresses_.find(address);
  std::int64_t wait =
      Wait(pair == pairs_.end() ? nullptr : &pair->second, limits_.free_failures, now);
  if (whole != addresses_.end() && now - whole->second.first <= limits_.window &&
      whole->second.failures >= limits_.address_failures) {
    wait = std::max(wait, (whole->second.first + limits_.window - now) / core::kSecond + 1);
  }
  return wait;
}

void LoginThrottle::Count(Record& r, core::UnixMillis now) const {
  if (r.failures == 0 || now - r.first > limits_.window) r = Record{0, now, now};
  ++r.failures;
  r.last = now;
}

void LoginThrottle::Failed(const std::string& account, const std::string& address,
                           core::UnixMillis now) {
  std::lock_guard lock(mutex_);
  if (pairs_.size() + addresses_.size() > kPruneAbove) Prune(now);
  Count(pairs_[{account, address}], now);
  Count(addresses_[address], now);
}

void LoginThrottle::Succeeded(const std::string& account, const std::string& address) {
  std::lock_guard lock(mutex_);
  pairs_.erase({account, address});
}

void LoginThrottle::Prune(core::UnixMillis now) {
  auto expired = [&](const Record& r) { return now - r.last > limits_.window + limits_.max_delay; };
  std::erase_if(pairs_, [&](const auto& entry) { return expired(entry.second); });
  std::erase_if(addresses_, [&](const auto& entry) { return expired(entry.second); });
}

}  // namespace closeloop::domain
