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
  // Identity lookups prefer a person's main record (no person_id) over regional ones, then the
  // oldest record.
  virtual std::optional<Customer> FindByPhone(const std::string& normalized_phone) = 0;
  virtual std::optional<Customer> FindByEmail(const std::string& folded_email) = 0;
  // Customers matching the query; a scoped principal sees only customers visible in their scope
  // (see InScope).
  virtual std::vector<Customer> Search(const CustomerQuery& query, const Principal& scope) = 0;
  // Whether a scoped principal may see the record: it belongs to their scope (home_region_id,
  // home_team_id) or has a complaint in their scope that was not linked by matching an identity
  // the filer could not see.
  virtual bool InScope(Id customer_id, const Principal& scope) = 0;
  // The records of one person, main record first, without merged ones.
  virtual std::vector<Id> RecordsOfPerson(Id person_id) = 0;
  // Makes the regional records of `from` records of `into` (when `from` is merged into it).
  virtual void MovePersonRecords(Id from, Id into) = 0;
  // Moves every complaint and platform account of `from` to `into`; returns the ids of the
  // complaints moved.
  virtual std::vector<Id> MoveComplaints(Id from, Id into) = 0;
  virtual std::optional<Customer> FindByAccount(const PlatformAccount& account) = 0;
  // Links the account to the customer unless it is linked already to this record or to a record
  // of another person.
  virtual void LinkAccount(Id customer_id, const PlatformAccount& account, UnixMillis at) = 0;
  virtual std::vector<PlatformAccount> AccountsOf(Id customer_id) = 0;
  // The record of reveals: one more, and the newest first (of one customer, or all), below
  // `before_id` (0: from the newest).
  virtual void RecordAccess(const PersonalDataAccess& access) = 0;
  virtual std::vector<PersonalDataAccess> Accesses(std::optional<Id> customer_id, Id before_id,
                                                   int limit) = 0;
};

}  // namespace closeloop::domain
