// Small encoders shared by the resource codecs (http/handlers/*_json.cpp): absent values are
// JSON null, instants ISO 8601 UTC, money in yuan from cents.
#pragma once

#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/time_format.h"

namespace closeloop::http {

inline nlohmann::ordered_json Opt(const std::optional<std::int64_t>& v) {
  return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr);
}
inline nlohmann::ordered_json OptTime(const std::optional<core::UnixMillis>& v) {
  return v ? nlohmann::ordered_json(core::FormatIso8601(*v)) : nlohmann::ordered_json(nullptr);
}
inline nlohmann::ordered_json Money(const std::optional<std::int64_t>& cents) {
  return cents ? nlohmann::ordered_json(static_cast<double>(*cents) / 100.0)
               : nlohmann::ordered_json(nullptr);
}
// An optional enumeration by its ToString name (found by argument-dependent lookup).
template <typename E>
nlohmann::ordered_json OptEnum(const std::optional<E>& v) {
  return v ? nlohmann::ordered_json(ToString(*v)) : nlohmann::ordered_json(nullptr);
}
// Scores and shares to three decimals.
inline double Round3(double v) { return std::round(v * 1000) / 1000; }
// An empty text is null.
inline nlohmann::ordered_json Text(const std::string& s) {
  return s.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s);
}

}  // namespace closeloop::http
