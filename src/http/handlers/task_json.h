// The JSON shapes of department tasks. Field names are the public contract in docs/api.md.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "core/status.h"
#include "domain/tasks/entities.h"
#include "domain/tasks/tasks.h"

namespace closeloop::http {

nlohmann::ordered_json TaskJson(const domain::TaskView& v);
nlohmann::ordered_json TaskList(const std::vector<domain::TaskView>& list);
core::Result<domain::TaskInput> ParseTaskInput(const nlohmann::ordered_json& body);
core::Result<domain::TaskUpdate> ParseTaskUpdate(const nlohmann::ordered_json& body);

}  // namespace closeloop::http
