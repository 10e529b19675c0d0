#include "domain/org/auth_cache.h"

#include <algorithm>

namespace closeloop::domain {

std::optional<Principal> AuthCache::Find(const std::string& digest, core::UnixMillis now) const {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(digest);
  if (it == entries_.end() || it->second.fresh_until <= now) return std::nullopt;
  return it->second.principal;
}

void AuthCache::Put(const std::string& digest, const Principal& principal, core::UnixMillis now,
                    core::UnixMillis credential_expires_at) {
  std::lock_guard lock(mutex_);
  if (entries_.size() >= max_entries_) entries_.clear();  // crude but bounded
  entries_[digest] = {principal, std::min(now + ttl_, credential_expires_at)};
}

void AuthCache::Erase(const std::string& digest) {
  std::lock_guard lock(mutex_);
  entries_.erase(digest);
}

void AuthCache::Clear() {
  std::lock_guard lock(mutex_);
  entries_.clear();
}

}  // namespace closeloop::domain
