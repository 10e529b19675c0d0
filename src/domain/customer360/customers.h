// Customers: search, the customer page with their complaints, create and edit.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/complaint/complaint_io.h"
#include "domain/complaint/entities.h"
#include "domain/context.h"
#include "domain/customer/entities.h"
#include "domain/customer/repository.h"
#include "domain/model/ids.h"

namespace closeloop::domain {

// The customer's 360 view: one person, as far as the caller may see them. A person may have
// several records (their main record and regional ones made by scoped callers who could not see
// it); the view gathers the complaints and orders of every record of the person the caller may
// see.
struct CustomerDetail {
  Customer customer;
  std::vector<Id> same_person;        // the person's other records the caller may see
  std::vector<Complaint> complaints;  // newest first, within the caller's scope
  std::vector<Order> orders;          // newest first
};

class ManageCustomers {
 public:
  explicit ManageCustomers(const Context& ctx) : ctx_(ctx) {}
  core::Result<std::vector<Customer>> Search(const Principal& who, CustomerQuery query) const;
  core::Result<CustomerDetail> Get(const Principal& who, Id id) const;
  // A customer the caller may see with the same phone, email or account exists → kConflict naming
  // the field. A person known only outside a scoped caller's scope gets a regional record, so the
  // answer is that for a new customer.
  core::Result<Customer> Create(const Principal& who, CustomerInput input) const;
  core::Result<Customer> Update(const Principal& who, Id id, CustomerInput input) const;
  // Merges the duplicate `from` into `into` (admin): every complaint of `from` moves to `into`
  // with an `updated` event, fields `into` lacks are taken from `from`, and `from` stays as a
  // record marked merged_into (nothing is deleted); its regional records become records of
  // `into`'s person.
  core::Result<CustomerDetail> Merge(const Principal& who, Id into, Id from,
                                     const std::string& reason) const;

 private:
  // A change of the customer (tier, merge) told to each of their complaints' subscribers.
  core::Status PublishCustomerChanged(Repositories& repos, const Principal& who, Id customer_id,
                                      UnixMillis now) const;
  const Context& ctx_;
};

}  // namespace closeloop::domain
