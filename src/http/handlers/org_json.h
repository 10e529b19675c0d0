// The JSON shapes of users, teams and API keys: domain values to JSON, request bodies to use-case
// inputs. Field names are the public contract documented in docs/api.md.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/org/admin.h"
#include "domain/org/auth.h"
#include "domain/org/entities.h"

namespace closeloop::http {

nlohmann::ordered_json ToJson(const domain::User& user);
nlohmann::ordered_json ToJson(const domain::Team& team);
nlohmann::ordered_json ToJson(const domain::ApiKey& key);
core::Result<domain::UserInput> ParseUserInput(const nlohmann::ordered_json& body);
core::Result<domain::TeamInput> ParseTeamInput(const nlohmann::ordered_json& body);

}  // namespace closeloop::http
