#include "domain/usecases/customers.h"

#include "core/text.h"
#include "domain/usecases/complaint_support.h"
#include "domain/usecases/create_complaint.h"

namespace closeloop::domain {

using core::Status;

core::Result<std::vector<Customer>> ManageCustomers::Search(const Principal& who,
                                                            CustomerQuery query) const {
  if (!ctx_.policy.Allows(who, Permission::kCustomerRead)) {
    return Status::Denied("your role may not read customers");
  }
  if (query.limit < 1 || query.limit > 200) return Status::Invalid("limit", "limit must be 1-200");
  if (!core::IsValidUtf8(query.text)) return Status::Invalid("q", "q is not valid UTF-8");
  // Searching by personal data is itself access to it.
  if (!query.text.empty() && !ctx_.policy.Allows(who, Permission::kPersonalDataRead)) {
    return Status::Denied("your role may not search customers by personal data");
  }
  std::vector<Customer> found;
  CL_RETURN_IF_ERROR(ctx_.store.Read([&](Repositories& repos) {
    found = repos.customers().Search(query, who);
    return Status::Ok();
  }));
  for (Customer& c : found) c = MaskedFor(ctx_, who, std::move(c));
  return found;
}

core::Result<CustomerDetail> ManageCustomers::Get(const Principal& who, Id id) const {
  if (!ctx_.policy.Allows(who, Permission::kCustomerRead)) {
    return Status::Denied("your role may not read customers");
  }
  CustomerDetail detail;
  CL_RETURN_IF_ERROR(ctx_.store.Read([&](Repositories& repos) -> Status {
    auto customer = repos.customers().FindById(id);
    if (!customer || (!who.Unscoped() && !repos.customers().HasComplaintInScope(id, who))) {
      return Status::NotFound("no customer " + std::to_string(id));
    }
    detail.customer = MaskedFor(ctx_, who, std::move(*customer));
    for (Complaint& c : repos.complaints().ListForCustomer(id, 200)) {
      if (ctx_.policy.InScope(who, c)) detail.complaints.push_back(std::move(c));
    }
    return Status::Ok();
  }));
  return detail;
}

core::Result<Customer> ManageCustomers::Create(const Principal& who, CustomerInput input) const {
  if (!ctx_.policy.Allows(who, Permission::kCustomerWrite)) {
    return Status::Denied("your role may not create customers");
  }
  CL_RETURN_IF_ERROR(NormalizeCustomerInput(input, ""));
  if (input.name.empty() && input.phone.empty() && input.email.empty()) {
    return Status::Invalid("name", "give at least a name, phone or email");
  }
  Customer customer;
  CL_RETURN_IF_ERROR(ctx_.store.Write([&](Repositories& repos) -> Status {
    if (!input.phone.empty() && repos.customers().FindByPhone(input.phone)) {
      return Status::Conflict("a customer with this phone exists", "phone");
    }
    if (!input.email.empty() && repos.customers().FindByEmail(input.email)) {
      return Status::Conflict("a customer with this email exists", "email");
    }
    customer.name = input.name;
    customer.phone = input.phone;
    customer.email = input.email;
    customer.address = input.address;
    customer.id_card = input.id_card;
    customer.tier = input.tier.value_or(CustomerTier::kNew);
    customer.created_at = customer.updated_at = ctx_.clock.Now();
    customer.id = repos.customers().Insert(customer);
    return Status::Ok();
  }));
  return customer;
}

core::Result<Customer> ManageCustomers::Update(const Principal& who, Id id,
                                               CustomerInput input) const {
  if (!ctx_.policy.Allows(who, Permission::kCustomerWrite)) {
    return Status::Denied("your role may not edit customers");
  }
  CL_RETURN_IF_ERROR(NormalizeCustomerInput(input, ""));
  Customer customer;
  CL_RETURN_IF_ERROR(ctx_.store.Write([&](Repositories& repos) -> Status {
    auto found = repos.customers().FindById(id);
    if (!found || (!who.Unscoped() && !repos.customers().HasComplaintInScope(id, who))) {
      return Status::NotFound("no customer " + std::to_string(id));
    }
    customer = *found;
    if (!input.phone.empty() && input.phone != customer.phone) {
      auto other = repos.customers().FindByPhone(input.phone);
      if (other && other->id != id)
        return Status::Conflict("another customer has this phone", "phone");
      customer.phone = input.phone;
    }
    if (!input.email.empty() && input.email != customer.email) {
      auto other = repos.customers().FindByEmail(input.email);
      if (other && other->id != id)
        return Status::Conflict("another customer has this email", "email");
      customer.email = input.email;
    }
    if (!input.name.empty()) customer.name = input.name;
    if (!input.address.empty()) customer.address = input.address;
    if (!input.id_card.empty()) customer.id_card = input.id_card;
    if (input.tier) customer.tier = *input.tier;
    customer.updated_at = ctx_.clock.Now();
    repos.customers().Update(customer);
    return Status::Ok();
  }));
  return MaskedFor(ctx_, who, customer);
}

}  // namespace closeloop::domain
