// The JSON shapes of the reference data and the complaint lifecycle: domain values to JSON, request
// bodies to use-case inputs. Field names are the public contract documented in docs/api.md.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/complaint/lifecycle.h"
#include "domain/org/admin.h"

namespace closeloop::http {

nlohmann::ordered_json ToJson(const domain::ReferenceData& data);
nlohmann::ordered_json ToJson(const domain::Lifecycle& lifecycle);
core::Result<std::vector<domain::Transition>> ParseLifecycle(const nlohmann::ordered_json& body);

}  // namespace closeloop::http
