#include "http/json_reader.h"

#include <cmath>
#include <set>
#include <vector>

#include "core/time_format.h"

namespace closeloop::http {

using core::Status;
using json = nlohmann::ordered_json;

core::Result<json> ParseJsonObject(const std::string& body) {
  // The callback follows the path of keys, so that a number out of range names its field, and
  // refuses a key given twice in one object (which value would count is anybody's guess).
  std::vector<std::string> path;
  std::vector<std::set<std::string>> seen;
  std::string duplicate;
  auto field = [&path]() {
    std::string name;
    for (const std::string& key : path) {
      if (!key.empty()) name += (name.empty() ? "" : ".") + key;
    }
    return name.empty() ? std::string("body") : name;
  };
  json::parser_callback_t follow = [&](int, json::parse_event_t event, json& value) {
    switch (event) {
      case json::parse_event_t::object_start:
        path.emplace_back();
        seen.emplace_back();
        break;
      case json::parse_event_t::object_end:
        if (!path.empty()) path.pop_back();
        if (!seen.empty()) seen.pop_back();
        break;
      case json::parse_event_t::key:
        if (!path.empty()) {
          path.back() = value.get<std::string>();
          if (!seen.back().insert(path.back()).second && duplicate.empty()) duplicate = field();
        }
        break;
      default:
        break;
    }
    return true;
  };
  json parsed;
  try {
    parsed = json::parse(body, follow);
  } catch (const json::parse_error& e) {
    // e.byte is the 1-based offset where parsing stopped.
    return Status(core::StatusCode::kInvalidArgument,
                  "malformed JSON at byte " + std::to_string(e.byte) + ": " + e.what(), "body",
                  {"malformed_json"});
  } catch (const json::exception&) {
    // A number the parser cannot hold (1e999, a huge exponent).
    const std::string name = field();
    return Status(core::StatusCode::kInvalidArgument, name + ": the number is out of range", name,
                  {"malformed_json"});
  }
  if (!duplicate.empty()) {
    return Status(core::StatusCode::kInvalidArgument, duplicate + ": the key is given twice",
                  duplicate, {"malformed_json"});
  }
  if (!parsed.is_object()) {
    return Status(core::StatusCode::kInvalidArgument, "the body must be a JSON object", "body",
                  {"malformed_json"});
  }
  return parsed;
}

const json* JsonReader::Get(const char* name) const {
  auto it = object_.find(name);
  if (it == object_.end() || it->is_null()) return nullptr;
  return &*it;
}

Status JsonReader::Invalid(const char* name, const std::string& message) const {
  return Status::Invalid(FieldName(name), FieldName(name) + ": " + message);
}

Status JsonReader::OnlyKnown(std::initializer_list<const char*> known) const {
  for (auto it = object_.begin(); it != object_.end(); ++it) {
    bool found = false;
    for (const char* k : known) {
      if (it.key() == k) {
        found = true;
        break;
      }
    }
    if (!found) return Status::Invalid(prefix_ + it.key(), "unknown field " + prefix_ + it.key());
  }
  return Status::Ok();
}

bool JsonReader::Has(const char* name) const { return Get(name) != nullptr; }

Status JsonReader::Required(const char* name) const {
  if (!Has(name)) return Invalid(name, "is required");
  return Status::Ok();
}

Status JsonReader::String(const char* name, std::string& out) const {
  std::optional<std::string> value;
  CL_RETURN_IF_ERROR(String(name, value));
  if (value) out = std::move(*value);
  return Status::Ok();
}

Status JsonReader::String(const char* name, std::optional<std::string>& out) const {
  const json* v = Get(name);
  if (!v) return Status::Ok();
  if (!v->is_string()) return Invalid(name, "must be a string");
  out = v->get<std::string>();
  return Status::Ok();
}

Status JsonReader::Id(const char* name, std::optional<std::int64_t>& out) const {
  const json* v = Get(name);
  if (!v) return Status::Ok();
  if (!v->is_number_integer() || v->get<std::int64_t>() <= 0) {
    return Invalid(name, "must be a positive integer id");
  }
  out = v->get<std::int64_t>();
  return Status::Ok();
}

Status JsonReader::Ids(const char* name, std::optional<std::vector<std::int64_t>>& out) const {
  const json* v = Get(name);
  if (!v) return Status::Ok();
  if (!v->is_array()) return Invalid(name, "must be an array of ids");
  std::vector<std::int64_t> ids;
  for (const json& item : *v) {
    if (!item.is_number_integer() || item.get<std::int64_t>() <= 0) {
      return Invalid(name, "must be an array of positive integer ids");
    }
    ids.push_back(item.get<std::int64_t>());
  }
  out = std::move(ids);
  return Status::Ok();
}

Status JsonReader::Int(const char* name, int& out, int min, int max) const {
  const json* v = Get(name);
  if (!v) return Status::Ok();
  if (!v->is_number_integer() || v->get<std::int64_t>() < min || v->get<std::int64_t>() > max) {
    return Invalid(
        name, "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
  }
  out = static_cast<int>(v->get<std::int64_t>());
  return Status::Ok();
}

Status JsonReader::Bool(const char* name, bool& out) const {
  std::optional<bool> value;
  CL_RETURN_IF_ERROR(Bool(name, value));
  if (value) out = *value;
  return Status::Ok();
}

Status JsonReader::Bool(const char* name, std::optional<bool>& out) const {
  const json* v = Get(name);
  if (!v) return Status::Ok();
  if (!v->is_boolean()) return Invalid(name, "must be true or false");
  out = v->get<bool>();
  return Status::Ok();
}

Status JsonReader::Money(const char* name, std::optional<std::int64_t>& out) const {
  const json* v = Get(name);
  if (!v) return Status::Ok();
  double amount;
  if (v->is_number()) {
    amount = v->get<double>();
  } else if (v->is_string()) {
    const std::string& text = v->get_ref<const std::string&>();
    size_t used = 0;
    try {
      amount = std::stod(text, &used);
    } catch (const std::exception&) {
      return Invalid(name, "must be an amount such as 199.50");
    }
    if (used != text.size()) return Invalid(name, "must be an amount such as 199.50");
  } else {
    return Invalid(name, "must be an amount such as 199.50");
  }
  if (!std::isfinite(amount) || amount < 0) return Invalid(name, "must be a non-negative amount");
  if (amount > 1e8) return Invalid(name, "must not exceed 100000000");
  double cents = amount * 100.0;
  double rounded = std::round(cents);
  if (std::fabs(cents - rounded) > 1e-6) return Invalid(name, "has more than two decimals");
  out = static_cast<std::int64_t>(rounded);
  return Status::Ok();
}

Status JsonReader::Time(const char* name, std::optional<core::UnixMillis>& out) const {
  std::optional<std::string> text;
  CL_RETURN_IF_ERROR(String(name, text));
  if (!text) return Status::Ok();
  auto parsed = core::ParseIso8601(*text);
  if (!parsed) return Invalid(name, "must be an ISO 8601 time such as 2026-11-22T08:30:00+08:00");
  out = *parsed;
  return Status::Ok();
}

}  // namespace closeloop::http
