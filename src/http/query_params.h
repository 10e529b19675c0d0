// The query parameters each GET endpoint knows. A misspelt or unknown one (?stauts=resolved,
// ?sort=sla_due where sorting has another name) is a 422 naming it, never silently ignored:
// an ignored filter returns the whole list as if it had been applied.
#pragma once

#include <optional>
#include <string>

#include "core/status.h"

namespace closeloop::http {

// Ok when every parameter name is known for this GET path (params: name, value pairs); paths
// that take no parameters refuse any. Values are checked by the handlers.
template <typename Params>
core::Status CheckQueryParams(const std::string& path, const Params& params);

// The known names for a GET path, comma-separated ("" for none), or nothing when the path is not
// an API path.
std::optional<std::string> KnownQueryParams(const std::string& path);

template <typename Params>
core::Status CheckQueryParams(const std::string& path, const Params& params) {
  auto known = KnownQueryParams(path);
  if (!known) return core::Status::Ok();
  const std::string list = "," + *known + ",";
  for (const auto& [name, value] : params) {
    if (list.find("," + name + ",") == std::string::npos) {
      return core::Status::Invalid(
          name, "unknown query parameter '" + name + "'" +
                    (known->empty() ? "; this endpoint takes none" : "; known: " + *known));
    }
  }
  return core::Status::Ok();
}

}  // namespace closeloop::http
