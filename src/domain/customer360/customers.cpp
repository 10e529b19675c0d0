#include "domain/customer360/customers.h"

#include <algorithm>

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
    std::vector<Id> records = {id};
    for (Id record : repos.customers().RecordsOfPerson(customer->PersonId())) {
      if (record != id && CustomerVisible(repos, who, record)) {
        records.push_back(record);
        detail.same_person.push_back(record);
      }
    }
    customer->accounts = repos.customers().AccountsOf(id);
    detail.customer = MaskedFor(ctx_, who, std::move(*customer));
    constexpr int kShown = 200;
    for (Id record : records) {
      for (Complaint& c : repos.complaints().ListForCustomer(record, kShown)) {
        if (!ctx_.policy.InScope(who, c)) continue;
        MaskFreeText(ctx_, who, c);
        detail.complaints.push_back(std::move(c));
      }
      for (Order& o : repos.trace().OrdersOfCustomer(record, kShown))
        detail.orders.push_back(std::move(o));
    }
    auto newest_first = [](const auto& a, const auto& b) { return a.id > b.id; };
    std::sort(detail.complaints.begin(), detail.complaints.end(),
              [](const Complaint& a, const Complaint& b) {
                return a.received_at != b.received_at ? a.received_at > b.received_at : a.id > b.id;
              });
    std::sort(detail.orders.begin(), detail.orders.end(), [&](const Order& a, const Order& b) {
      return a.ordered_at != b.ordered_at ? a.ordered_at > b.ordered_at : newest_first(a, b);
    });
    if (detail.complaints.size() > kShown) detail.complaints.resize(kShown);
    if (detail.orders.size() > kShown) detail.orders.resize(kShown);
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
  CL_RETURN_IF_ERROR(ctx_.store.Write([&](Repositories& repos) -> Status {
    // A record the caller may see is a conflict; one of a person they may not see is neither
    // revealed nor touched: they get a regional record of that person, as for a new customer.
    std::optional<Id> person;
    auto conflict = [&](const std::optional<Customer>& other, const char* what,
                        const char* field) -> Status {
      if (!other) return Status::Ok();
      if (RecordForCaller(repos, who, *other)) {
        return Status::Conflict(std::string("a customer with this ") + what + " exists", field);
      }
      if (!person) person = other->PersonId();
      return Status::Ok();
    };
    if (!input.phone.empty())
      CL_RETURN_IF_ERROR(conflict(repos.customers().FindByPhone(input.phone), "phone", "phone"));
    if (!input.email.empty())
      CL_RETURN_IF_ERROR(conflict(repos.customers().FindByEmail(input.email), "email", "email"));
    if (!input.account.platform.empty()) {
      CL_RETURN_IF_ERROR(conflict(repos.customers().FindByAccount(input.account),
                                  "platform account", "account_id"));
    }
    if (person) {
      customer = NewRegionalRecord(who, *person);
    } else {
      PlaceInCallerScope(who, customer);
    }
    customer.name = input.name;
    customer.phone = input.phone;
    customer.email = input.email;
    customer.address = input.address;
    customer.id_card = input.id_card;
    customer.tier = input.tier.value_or(CustomerTier::kNew);
    customer.created_at = customer.updated_at = ctx_.clock.Now();
    customer.id = repos.customers().Insert(customer);
    if (!input.account.platform.empty()) {
      repos.customers().LinkAccount(customer.id, input.account, customer.created_at);
      customer.accounts.push_back(input.account);
    }
    return Status::Ok();
  }));
  return MaskedFor(ctx_, who, customer);
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
    // Another person's record is a conflict only when the caller may see it (else the answer
    // would tell them the person is known elsewhere).
    auto taken = [&](const std::optional<Customer>& other) {
      return other && other->PersonId() != customer.PersonId() &&
             RecordForCaller(repos, who, *other);
    };
    if (!input.phone.empty() && input.phone != customer.phone) {
      if (taken(repos.customers().FindByPhone(input.phone)))
        return Status::Conflict("another customer has this phone", "phone");
      customer.phone = input.phone;
    }
    if (!input.email.empty() && input.email != customer.email) {
      if (taken(repos.customers().FindByEmail(input.email)))
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
    // A regional record merged with its main record's source becomes the person's main record.
    repos.customers().MovePersonRecords(from,
                                        target->person_id == from ? into : target->PersonId());
    return PublishCustomerChanged(repos, who, into, now);
  }));
  return Get(who, into);
}

}  // namespace closeloop::domain
