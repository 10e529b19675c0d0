#include "domain/customer360/reveal.h"

#include "core/text.h"
#include "domain/complaint/complaint_support.h"
#include "domain/customer/repository.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

using core::Status;

core::Result<Principal> RevealPersonalData::Unmasked(const Principal& who,
                                                     const std::string& purpose) const {
  Principal clear = who;
  clear.masked = false;
  if (!ctx_.policy.Allows(clear, Permission::kPersonalDataRead)) {
    return Status::Denied("your role may not see personal data");
  }
  if (core::Utf8Length(purpose) > 200 || !core::IsValidUtf8(purpose)) {
    return Status::Invalid("purpose", "purpose has at most 200 characters");
  }
  return clear;
}

void RevealPersonalData::Keep(Repositories& repos, const Principal& who,
                              std::optional<Id> customer_id, std::optional<Id> complaint_id,
                              const std::string& purpose) const {
  PersonalDataAccess access;
  access.user_id = who.user_id;
  access.customer_id = customer_id;
  access.complaint_id = complaint_id;
  access.purpose = core::Trim(purpose);
  access.at = ctx_.clock.Now();
  repos.customers().RecordAccess(access);
}

core::Result<ComplaintView> RevealPersonalData::Complaint(const Principal& who,
                                                          const std::string& key,
                                                          const std::string& purpose) const {
  auto clear = Unmasked(who, purpose);
  if (!clear.ok()) return clear.status();
  ComplaintView view;
  CL_RETURN_IF_ERROR(ctx_.store.Write([&](Repositories& repos) -> Status {
    auto loaded = LoadVisibleComplaint(repos, ctx_, *clear, key);
    if (!loaded.ok()) return loaded.status();
    view = MakeView(repos, ctx_, *clear, std::move(loaded.value()));
    // The customer block is empty when the filer's link may not show them (customer_match).
    std::optional<Id> customer;
    if (view.customer && view.customer->id) customer = view.customer->id;
    Keep(repos, *clear, customer, view.complaint.id, purpose);
    return Status::Ok();
  }));
  return view;
}

core::Result<CustomerDetail> RevealPersonalData::Customer(const Principal& who, Id id,
                                                          const std::string& purpose) const {
  auto clear = Unmasked(who, purpose);
  if (!clear.ok()) return clear.status();
  auto detail = ManageCustomers(ctx_).Get(*clear, id);
  if (!detail.ok()) return detail.status();
  CL_RETURN_IF_ERROR(ctx_.store.Write([&](Repositories& repos) {
    Keep(repos, *clear, id, std::nullopt, purpose);
    return Status::Ok();
  }));
  return detail;
}

core::Result<std::vector<PersonalDataAccess>> RevealPersonalData::Record(
    const Principal& who, std::optional<Id> customer_id, Id before_id, int limit) const {
  if (!ctx_.policy.Allows(who, Permission::kAuditRead)) {
    return Status::Denied("your role may not read the record of personal-data access");
  }
  if (limit < 1 || limit > 500) return Status::Invalid("limit", "limit must be 1-500");
  std::vector<PersonalDataAccess> out;
  CL_RETURN_IF_ERROR(ctx_.store.Read([&](Repositories& repos) {
    out = repos.customers().Accesses(customer_id, before_id, limit);
    return Status::Ok();
  }));
  return out;
}

}  // namespace closeloop::domain
