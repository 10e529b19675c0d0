// Remembers recently authenticated credentials for a few seconds so that each request does not
// pay a database round trip. Revocations made in this process (logout, user change, key
// revocation) take effect at once; one made by another process takes effect within `ttl`.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/clock.h"
#include "domain/org/policy.h"

namespace closeloop::domain {

class AuthCache {
 public:
  explicit AuthCache(core::UnixMillis ttl = 10'000, size_t max_entries = 100'000)
      : ttl_(ttl), max_entries_(max_entries) {}

  // The principal cached for `digest`, if it is still fresh at `now` and its credential has
  // not expired.
  std::optional<Principal> Find(const std::string& digest, core::UnixMillis now) const;
  void Put(const std::string& digest, const Principal& principal, core::UnixMillis now,
           core::UnixMillis credential_expires_at);
  void Erase(const std::string& digest);
  void Clear();

 private:
  struct Entry {
    Principal principal;
    core::UnixMillis fresh_until;
  };
  core::UnixMillis ttl_;
  size_t max_entries_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace closeloop::domain
