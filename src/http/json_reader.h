// Typed, field-naming access to a JSON object from a request body. Every getter leaves the
// output untouched when the field is absent (or null, for optional fields) and returns an
// invalid_argument Status naming the field when it has the wrong type or value.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "domain/model/ids.h"

namespace closeloop::http {

class JsonReader {
 public:
  // `prefix` is prepended to field names in errors ("customer.").
  JsonReader(const nlohmann::ordered_json& object, std::string prefix = {})
      : object_(object), prefix_(std::move(prefix)) {}

  // Fails on any field not in `known`.
  core::Status OnlyKnown(std::initializer_list<const char*> known) const;
  bool Has(const char* name) const;
  core::Status Required(const char* name) const;

  core::Status String(const char* name, std::string& out) const;
  core::Status String(const char* name, std::optional<std::string>& out) const;
  core::Status Id(const char* name, std::optional<std::int64_t>& out) const;
  core::Status Ids(const char* name, std::optional<std::vector<std::int64_t>>& out) const;
  // An integer in [min, max].
  core::Status Int(const char* name, int& out, int min, int max) const;
  core::Status Bool(const char* name, bool& out) const;
  core::Status Bool(const char* name, std::optional<bool>& out) const;
  // A non-negative amount of money in yuan with at most two decimals (number or string), as fen.
  core::Status Money(const char* name, std::optional<std::int64_t>& out) const;
  // An ISO 8601 time with offset, as UTC milliseconds.
  core::Status Time(const char* name, std::optional<core::UnixMillis>& out) const;

  // An enum by wire name, parsed with `parse`; the error lists no names (they are documented).
  template <typename E, typename Parse>
  core::Status Enum(const char* name, std::optional<E>& out, Parse parse) const {
    std::optional<std::string> text;
    CL_RETURN_IF_ERROR(String(name, text));
    if (!text) return core::Status::Ok();
    auto value = parse(*text);
    if (!value) return Invalid(name, "unknown value '" + *text + "'");
    out = *value;
    return core::Status::Ok();
  }

  core::Status Invalid(const char* name, const std::string& message) const;
  std::string FieldName(const char* name) const { return prefix_ + name; }

 private:
  const nlohmann::ordered_json* Get(const char* name) const;
  const nlohmann::ordered_json& object_;
  std::string prefix_;
};

// Parses a request body that must be a JSON object. Malformed JSON gives a Status whose
// message says where it broke; the caller maps it to 400.
core::Result<nlohmann::ordered_json> ParseJsonObject(const std::string& body);

}  // namespace closeloop::http
