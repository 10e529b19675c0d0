// Internal to domain/complaint: recording a field's change in a complaint's history.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/complaint/entities.h"
#include "domain/model/ids.h"

namespace closeloop::domain::field_changes {

// Sets `target` to `value` and records the change (old and new value as `format` writes them);
// nothing when they are equal.
template <typename T, typename Format>
void Change(std::vector<FieldChange>& changes, const char* field, T& target, const T& value,
            Format format) {
  if (target == value) return;
  changes.push_back({field, format(target), format(value)});
  target = value;
}

inline std::string Text(const std::string& s) { return s; }
inline std::string Cents(const std::optional<std::int64_t>& v) {
  return v ? std::to_string(*v) : "";
}
inline std::string IdText(const std::optional<Id>& v) { return OptionalIdText(v); }
template <typename E>
std::string EnumText(const std::optional<E>& v) {
  return v ? ToString(*v) : "";
}
template <typename E>
std::string PlainEnum(const E& v) {
  return ToString(v);
}
inline std::string BoolText(const bool& b) { return b ? "true" : "false"; }

}  // namespace closeloop::domain::field_changes
