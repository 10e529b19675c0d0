// The JSON shapes of trained models and jobs. Field names are the public contract in docs/api.md.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "core/status.h"
#include "domain/analysis/entities.h"
#include "domain/jobs/entities.h"

namespace closeloop::http {

nlohmann::ordered_json ModelJson(const domain::ModelVersion& m);
nlohmann::ordered_json JobJson(const domain::Job& j);

}  // namespace closeloop::http
