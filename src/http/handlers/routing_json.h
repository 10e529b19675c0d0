// The JSON shapes of agent profiles, routing records and routing rules. Field names are the public
// contract in docs/api.md.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "core/status.h"
#include "domain/model/ids.h"
#include "domain/routing/entities.h"
#include "domain/routing/routing.h"

namespace closeloop::http {

nlohmann::ordered_json AgentJson(const domain::AgentView& v);
nlohmann::ordered_json RecordJson(const domain::RoutingRecord& r);
nlohmann::ordered_json RulesJson(const domain::RoutingRules& rules);
core::Result<domain::AgentProfile> ParseProfile(const nlohmann::ordered_json& body,
                                                domain::Id user_id);

}  // namespace closeloop::http
