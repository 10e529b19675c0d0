// Storage of customers.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/customer/entities.h"
#include "domain/model/enums.h"
#include "domain/model/ids.h"
#include "domain/org/entities.h"
#include "domain/org/policy.h"

namespace closeloop::domain {

struct CustomerQuery {
  std::string text;  // name, phone or email fragment
  int limit = 50;
  std::optional<Id> after_id;
};

class CustomerRepository {
 public:
  virtual ~CustomerRepository() = default;
  virtual Id Insert(const Customer& customer) = 0;
  virtual void Update(const Customer& customer) = 0;
  virtual std::optional<Customer> FindById(Id id) = 0;
  // The tier alone: no personal data is opened (SLA checks and routing need only this).
  virtual std::optional<CustomerTier> TierOf(Id id) = 0;
  virtual std::optional<Customer> FindByPhone(const std::string& normalized_phone) = 0;
  virtual std::optional<Customer> FindByEmail(const std::string& folded_email) = 0;
  // Customers matching the query; a scoped principal sees only customers with a complaint in
  // their scope.
  virtual std::vector<Customer> Search(const CustomerQuery& query, const Principal& scope) = 0;
  virtual bool HasComplaintInScope(Id customer_id, const Principal& scope) = 0;
  // Moves every complaint and platform account of `from` to `into`; returns the ids of the
  // complaints moved.
  virtual std::vector<Id> MoveComplaints(Id from, Id into) = 0;
  virtual std::optional<Customer> FindByAccount(const PlatformAccount& account) = 0;
  // Links the account to the customer unless it is linked already (to anyone).
  virtual void LinkAccount(Id customer_id, const PlatformAccount& account, UnixMillis at) = 0;
  virtual std::vector<PlatformAccount> AccountsOf(Id customer_id) = 0;
};

}  // namespace closeloop::domain
