// Small helpers over Query for the common shapes: one row by a key, all rows. Private to
// store/sqlite.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/sqlite/connection.h"

namespace closeloop::store::sqlite {

// The first row of `sql` with `key` bound to its only parameter, mapped by `read`.
template <typename T, typename Read, typename Key>
std::optional<T> QueryOne(Connection& c, const std::string& sql, const Key& key, Read read) {
  Query q(c, sql);
  q.Bind(key);
  if (!q.Next()) return std::nullopt;
  return read(q);
}

// Every row of `sql` (no parameters), mapped by `read`.
template <typename T, typename Read>
std::vector<T> QueryAll(Connection& c, const std::string& sql, Read read) {
  Query q(c, sql);
  std::vector<T> out;
  while (q.Next()) out.push_back(read(q));
  return out;
}

}  // namespace closeloop::store::sqlite
