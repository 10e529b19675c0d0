// The JSON shapes of SLA configuration (calendars with working periods as "HH:MM", policies with
// durations in minutes), a complaint's SLA clocks and notifications. Field names are the public
// contract documented in docs/api.md.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "core/status.h"
#include "domain/org/entities.h"
#include "domain/sla/sla_config.h"
#include "domain/sla/sla_timers.h"

namespace closeloop::http {

nlohmann::ordered_json ToJson(const domain::SlaConfig& config);
nlohmann::ordered_json ToJson(const domain::ComplaintSla& sla);
nlohmann::ordered_json ToJson(const domain::Notification& notification);
// The `calendars` / `policies` array of a PUT body; errors name the item ("policies[2].name").
core::Result<std::vector<domain::BusinessCalendar>> ParseCalendars(
    const nlohmann::ordered_json& body);
core::Result<std::vector<domain::SlaPolicy>> ParsePolicies(const nlohmann::ordered_json& body);

}  // namespace closeloop::http
