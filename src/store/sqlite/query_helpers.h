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

// A stored enum name read back; `fallback` for a name this build does not know.
template <typename E, typename Parse>
E ParseOr(const std::string& text, Parse parse, E fallback) {
  auto v = parse(text);
  return v ? *v : fallback;
}

// The same for a nullable column.
template <typename E, typename Parse>
std::optional<E> ParseOpt(const std::optional<std::string>& text, Parse parse) {
  if (!text) return std::nullopt;
  return parse(*text);
}

}  // namespace closeloop::store::sqlite
