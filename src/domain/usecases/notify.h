// Telling staff about a complaint: an in-app notification always; for what must not wait
// until they next look — SLA warnings, breaches, escalations — also an email through the outbox
// to their work address, when they have one. Inside the caller's unit of work.
#pragma once

#include <string>

#include "domain/usecases/context.h"

namespace closeloop::domain {

// Kinds: assigned, sla_warning, sla_breach, escalated. An inactive or unknown user is skipped.
void NotifyUser(Repositories& repos, const Context& ctx, Id user_id, const Complaint& complaint,
                const std::string& kind, const std::string& message);
// The same for a user already loaded.
void NotifyUser(Repositories& repos, const Context& ctx, const User& user,
                const Complaint& complaint, const std::string& kind, const std::string& message);

// Whether `kind` is also sent by email.
bool NotifiesByEmail(const std::string& kind);

}  // namespace closeloop::domain
