#include "domain/customer360/customers.h"

#include "core/text.h"
#include "domain/complaint/complaint_support.h"
#include "domain/complaint/create_complaint.h"
#include "domain/complaint/entities.h"
#include "domain/complaint/repository.h"
#include "domain/customer/entities.h"
#include "domain/customer/repository.h"
#include "domain/model/ids.h"
#include "domain/unit_of_work.h"

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
    if (!customer || !CustomerVisible(repos, who, id)) {
      return Status::NotFound("no customer " + std::to_string(id));
    }
    customer->accounts = repos.customers().AccountsOf(id);
    detail.customer = MaskedFor(ctx_, who, std::move(*customer));
    for (Complaint& c : repos.complaints().ListForCustomer(id, 200)) {
      if (!ctx_.policy.InScope(who, c)) continue;
      MaskFreeText(ctx_, who, c);
      detail.complaints.push_back(std::move(c));
    }
    detail.orders = repos.trace().OrdersOfCustomer(id, 200);
    return Status::Ok();
  }));
  return detail;
}

core::Result<Customer> ManageCustomers::Create(const Principal& who, CustomerInput input) const {
  if (!ctx_.policy.Allows(who, Permission::kCustomerWrite)) {
    return Status::Denied("your role may not create customers");
  }
  CL_RETURN_IF_ERROR(NormalizeCustomerInput(input, ""));
  if (input.name.empty() && input.phone.empty() && input.email.empty() &&
      input.account.platform.empty()) {
    return Status::Invalid("name", "give at least a name, phone, email or platform account");
  }
  Customer customer;
  customer.name = input.name;
  customer.phone = input.phone;
  customer.email = input.email;
  customer.address = input.address;
  customer.id_card = input.id_card;
  customer.tier = input.tier.value_or(CustomerTier::kNew);
  customer.created_at = customer.updated_at = ctx_.clock.Now();
  bool known_elsewhere = false;
  CL_RETURN_IF_ERROR(ctx_.store.Write([&](Repositories& repos) -> Status {
    // A record the caller may not see is neither revealed nor touched: a 409 would tell a scoped
    // caller that the person is a customer somewhere else.
    auto conflict = [&](const std::optional<Customer>& other, const char* what,
                        const char* field) -> Status {
      if (!other) return Status::Ok();
      if (!CustomerVisible(repos, who, other->id)) {
        known_elsewhere = true;
        return Status::Ok();
      }
      return Status::Conflict(std::string("a customer with this ") + what + " exists", field);
    };
    if (!input.phone.empty())
      CL_RETURN_IF_ERROR(conflict(repos.customers().FindByPhone(input.phone), "phone", "phone"));
    if (!input.email.empty())
      CL_RETURN_IF_ERROR(conflict(repos.customers().FindByEmail(input.email), "email", "email"));
    if (!input.account.platform.empty()) {
      CL_RETURN_IF_ERROR(conflict(repos.customers().FindByAccount(input.account),
                                  "platform account", "account_id"));
    }
    if (known_elsewhere) return Status::Ok();
    customer.id = repos.customers().Insert(customer);
    if (!input.account.platform.empty()) {
      repos.customers().LinkAccount(customer.id, input.account, customer.created_at);
      customer.accounts.push_back(input.account);
    }
    return Status::Ok();
  }));
  // What the caller gave, as for any new record they cannot open later without a complaint.
  if (known_elsewhere && !input.account.platform.empty())
    customer.accounts.push_back(input.account);
  // A scoped caller sees a customer only through a complaint in their scope, so the id of the
  // new record is of no use to them (a complaint naming an invisible id is refused) and the id
  // missing only when the person exists elsewhere would tell them so: no id for either. They
  // link the customer by filing the complaint with the phone, email or account.
  if (!who.Unscoped()) customer.id = 0;
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
    if (!found || !CustomerVisible(repos, who, id)) {
      return Status::NotFound("no customer " + std::to_string(id));
    }
    customer = *found;
    if (customer.merged_into) {
      return Status::Conflict("customer " + std::to_string(id) + " was merged into " +
                                  std::to_string(*customer.merged_into),
                              "id");
    }
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
    const bool tier_changed = input.tier && *input.tier != customer.tier;
    if (input.tier) customer.tier = *input.tier;
    customer.updated_at = ctx_.clock.Now();
    repos.customers().Update(customer);
    // The tier picks SLA policies and is a dimension of the dashboards: their complaints hear.
    if (tier_changed) return PublishCustomerChanged(repos, who, id, customer.updated_at);
    return Status::Ok();
  }));
  return MaskedFor(ctx_, who, customer);
}

Status ManageCustomers::PublishCustomerChanged(Repositories& repos, const Principal& who,
                                               Id customer_id, UnixMillis now) const {
  for (const Complaint& c : repos.complaints().ListForCustomer(customer_id, 10000)) {
    ComplaintChange change{ChangeKind::kUpdated, c, who, now};
    change.fields = {"customer"};
    CL_RETURN_IF_ERROR(PublishChange(repos, ctx_, change));
  }
  return Status::Ok();
}

core::Result<CustomerDetail> ManageCustomers::Merge(const Principal& who, Id into, Id from,
                                                    const std::string& reason) const {
  if (!ctx_.policy.Allows(who, Permission::kCustomerMerge)) {
    return Status::Denied("your role may not merge customers");
  }
  if (into == from) return Status::Invalid("from", "a customer cannot be merged into itself");
  CL_RETURN_IF_ERROR(CheckText("reason", reason, 2000, true));
  CL_RETURN_IF_ERROR(ctx_.store.Write([&](Repositories& repos) -> Status {
    auto target = repos.customers().FindById(into);
    auto source = repos.customers().FindById(from);
    if (!target) return Status::NotFound("no customer " + std::to_string(into));
    if (!source) return Status::Invalid("from", "no customer " + std::to_string(from));
    if (target->merged_into || source->merged_into) {
      return Status::Conflict("one of these customers was already merged", "from");
    }
    const UnixMillis now = ctx_.clock.Now();
    for (Id complaint_id : repos.customers().MoveComplaints(from, into)) {
      ComplaintEvent moved;
      moved.complaint_id = complaint_id;
      moved.kind = EventKind::kUpdated;
      moved.note = "customers merged: " + core::Trim(reason);
      moved.changes.push_back({"customer_id", std::to_string(from), std::to_string(into)});
      AppendEvent(repos, ctx_, who, moved);
    }
    auto fill = [](std::string& mine, const std::string& theirs) {
      if (mine.empty()) mine = theirs;
    };
    fill(target->name, source->name);
    fill(target->phone, source->phone);
    fill(target->email, source->email);
    fill(target->address, source->address);
    fill(target->id_card, source->id_card);
    if (source->tier == CustomerTier::kVip) target->tier = CustomerTier::kVip;
    target->updated_at = now;
    repos.customers().Update(*target);
    source->merged_into = into;
    source->updated_at = now;
    repos.customers().Update(*source);
    return PublishCustomerChanged(repos, who, into, now);
  }));
  return Get(who, into);
}

}  // namespace closeloop::domain
