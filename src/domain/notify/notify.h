// Telling staff about a complaint: an in-app notification always; for what must not wait
// until they next look — SLA warnings, breaches, escalations — also an email through the outbox
// to their work address, when they have one. Written in the reader's language (zh-CN, en) and
// with times in their time zone, the zone named. Inside the caller's unit of work.
#pragma once

#include <optional>
#include <string>

#include "domain/complaint/entities.h"
#include "domain/context.h"
#include "domain/model/ids.h"
#include "domain/org/entities.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

// Kinds: assigned, taken_over, escalated, sla_warning, sla_breach, callback_overdue,
// update_due, customer_replied, reply_held, delivery_failed, callback_opened, root_cause_opened,
// recontact_opened, deep_interview_opened. The text is the kind's sentence in
// the reader's language with the reference, then `detail` (data: a phase, an address, a title),
// then `due` in the reader's time zone. An inactive or unknown user is skipped.
void NotifyUser(Repositories& repos, const Context& ctx, Id user_id, const Complaint& complaint,
                const std::string& kind, const std::string& detail,
                std::optional<UnixMillis> due = std::nullopt);
// The same for a user already loaded.
void NotifyUser(Repositories& repos, const Context& ctx, const User& user,
                const Complaint& complaint, const std::string& kind, const std::string& detail,
                std::optional<UnixMillis> due = std::nullopt);

// Every hand-over by a person is told (kAssigned): to whoever gets it (unless they took it
// themselves) and to whoever lost it (taken_over, with the reason).
class AssignmentNotifier final : public ChangeSubscriber {
 public:
  explicit AssignmentNotifier(const Context& ctx) : ctx_(ctx) {}
  core::Status OnChange(const ComplaintChange& change, Repositories& repos) override;

 private:
  const Context& ctx_;
};

// Whether `kind` is also sent by email.
bool NotifiesByEmail(const std::string& kind);

}  // namespace closeloop::domain
