#include "domain/publicdesk/public_desk.h"

#include "core/text.h"
#include "domain/complaint/complaint_support.h"
#include "domain/complaint/entities.h"
#include "domain/complaint/repository.h"
#include "domain/customer/repository.h"
#include "domain/model/validation.h"
#include "domain/survey/repository.h"
#include "domain/survey/survey_dispatch.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

using core::Status;

PublicDesk::PublicDesk(const Context& ctx, const CreateComplaint& create, PublicDeskLimits limits)
    : ctx_(ctx),
      create_(create),
      limits_(limits),
      filings_(limits.filings_per_hour, core::kHour),
      lookups_(limits.lookups_per_ten_minutes, 10 * core::kMinute),
      misses_(limits.misses_per_hour, core::kHour),
      all_misses_(limits.all_misses_per_hour, core::kHour) {}

Status PublicDesk::Throttled(RateLimiter& limiter, const std::string& key, const char* what) {
  const std::int64_t wait = limiter.RetryAfterSeconds(key, ctx_.clock.Now());
  if (wait == 0) return Status::Ok();
  return Status(core::StatusCode::kRateLimited,
                std::string("too many ") + what + "; try again in " + std::to_string(wait) + " s",
                "", {std::to_string(wait)});
}

core::Result<PublicReceipt> PublicDesk::File(PublicComplaint input,
                                             const std::string& idempotency_key,
                                             const std::string& fingerprint,
                                             const std::string& address) {
  CL_RETURN_IF_ERROR(Throttled(filings_, address, "complaints from your address"));
  const std::string description = core::Trim(input.description);
  if (description.empty()) return Status::Invalid("description", "description is required");
  if (core::Utf8Length(description) > limits_.max_description) {
    return Status::Invalid(
        "description",
        "description has more than " + std::to_string(limits_.max_description) + " characters");
  }
  CustomerInput customer;
  customer.name = core::Trim(input.name);
  customer.phone = core::Trim(input.phone);
  customer.email = core::Trim(input.email);
  if (customer.phone.empty() && customer.email.empty()) {
    return Status::Invalid("phone", "give a phone number or an email address to be reached at");
  }
  CL_RETURN_IF_ERROR(NormalizeCustomerInput(customer, ""));
  NewComplaint complaint;
  complaint.channel = Channel::kWeb;
  complaint.description = description;
  complaint.order_ref = core::Trim(input.order_ref);
  complaint.customer = std::move(customer);
  std::optional<IdempotencyRequest> idempotency;
  // The desk files as the system; its keys get their own namespace.
  if (!idempotency_key.empty())
    idempotency = IdempotencyRequest{"public:" + idempotency_key, fingerprint};
  auto outcome = create_.Execute(SystemPrincipal(), std::move(complaint), idempotency);
  if (!outcome.ok()) return outcome.status();
  if (!outcome->replayed) filings_.Hit(address, ctx_.clock.Now());
  const Complaint& c = outcome->view.complaint;
  return PublicReceipt{c.reference, c.status, c.received_at};
}

namespace {

// Whether `contact` is the customer's phone or email (as they would type it).
bool ContactMatches(const Customer& customer, const std::string& contact) {
  const std::string email = core::AsciiLower(core::Trim(contact));
  if (!customer.email.empty() && email == customer.email) return true;
  const std::string phone = core::NormalizePhone(contact);
  return !customer.phone.empty() && phone.size() >= 5 && phone == customer.phone;
}

}  // namespace

core::Result<PublicStatus> PublicDesk::Lookup(const std::string& reference,
                                              const std::string& contact,
                                              const std::string& address) {
  CL_RETURN_IF_ERROR(Throttled(lookups_, address, "lookups from your address"));
  const std::string key = core::AsciiUpper(core::Trim(reference));
  if (key.empty()) return Status::Invalid("reference", "reference is required");
  if (core::Trim(contact).empty()) return Status::Invalid("contact", "contact is required");
  CL_RETURN_IF_ERROR(Throttled(misses_, key + "|" + address, "wrong contacts for this reference"));
  CL_RETURN_IF_ERROR(Throttled(all_misses_, key, "wrong contacts for this reference"));
  const UnixMillis now = ctx_.clock.Now();
  lookups_.Hit(address, now);
  const auto not_found = Status::NotFound("no complaint with this reference and contact");
  PublicStatus out;
  bool matched = false;
  CL_RETURN_IF_ERROR(ctx_.store.Write([&](Repositories& repos) -> core::Status {
    auto complaint = repos.complaints().FindByReference(key);
    std::optional<Customer> customer;
    if (complaint && complaint->customer_id) {
      customer = repos.customers().FindById(*complaint->customer_id);
    }
    if (!complaint || !customer || !ContactMatches(*customer, contact)) return Status::Ok();
    matched = true;
    out.reference = complaint->reference;
    out.status = complaint->status;
    out.received_at = complaint->received_at;
    out.timeline.emplace_back(ComplaintStatus::kReceived, complaint->received_at);
    for (const ComplaintEvent& e : repos.events().ListForComplaint(complaint->id)) {
      if (e.kind == EventKind::kTransitioned && e.to_status) {
        out.timeline.emplace_back(*e.to_status, e.at);
      }
    }
    for (const Note& n : repos.notes().ListForComplaint(complaint->id)) {
      if (n.visibility == NoteVisibility::kPublic) out.replies.emplace_back(n.created_at, n.body);
    }
    for (const SurveyInvitation& inv : repos.surveys().InvitationsOf(complaint->id)) {
      if (inv.Waiting() && (!inv.expires_at || *inv.expires_at > now)) {
        out.survey_url = NewSurveyLink(repos, ctx_, inv);
      }
    }
    return Status::Ok();
  }));
  if (!matched) {
    misses_.Hit(key + "|" + address, now);
    all_misses_.Hit(key, now);
    return not_found;
  }
  return out;
}

}  // namespace closeloop::domain
