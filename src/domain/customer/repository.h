// Storage of customers and of what traceability links them to: products, batches, orders.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/complaint/entities.h"
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

// Products, batches, stores and orders for traceability, and their lookups by the
// business keys imports and intake use.
class TraceRepository {
 public:
  virtual ~TraceRepository() = default;
  virtual std::optional<Product> FindProductBySku(const std::string& sku) = 0;
  virtual std::optional<Store> FindStoreByCode(const std::string& code) = 0;
  virtual std::optional<City> FindCityByName(const std::string& name) = 0;
  virtual Id InsertBatch(const Batch& batch) = 0;
  virtual std::optional<Batch> FindBatch(Id id) = 0;
  virtual std::optional<Batch> FindBatchByNo(const std::string& batch_no) = 0;
  // Inserts the order and its items (item ids are not returned; read the order back).
  virtual Id InsertOrder(const Order& order) = 0;
  virtual std::optional<Order> FindOrder(Id id) = 0;  // with items
  virtual std::optional<Order> FindOrderByNo(const std::string& order_no) = 0;
  virtual std::vector<Order> OrdersOfCustomer(Id customer_id, int limit) = 0;
  // Complaints linked to the batch, in the principal's scope, newest first.
  virtual std::vector<Complaint> ComplaintsOfBatch(Id batch_id, const Principal& scope,
                                                   int limit) = 0;
  // How many distinct stores the batch's complaints (in scope) came from.
  virtual int StoresAffectedByBatch(Id batch_id, const Principal& scope) = 0;
  virtual std::optional<Customer> FindCustomerByExternalId(const std::string& external_id) = 0;
  virtual bool ComplaintExists(Channel channel, const std::string& external_id) = 0;
};

}  // namespace closeloop::domain
