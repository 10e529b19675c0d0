// SQLite repositories for traceability data (batches, orders and their lookups).
#include "domain/complaint/entities.h"
#include "domain/customer/entities.h"
#include "domain/model/enums.h"
#include "domain/model/ids.h"
#include "domain/org/entities.h"
#include "store/sqlite/query_helpers.h"
#include "store/sqlite/repositories.h"

namespace closeloop::store::sqlite {
namespace {

constexpr const char* kBatchSql =
    "SELECT id, batch_no, product_id, production_date, plant, created_at FROM batches";
constexpr const char* kOrderSql =
    "SELECT id, order_no, customer_id, store_id, channel, amount_cents, shipping_mode, "
    "ordered_at, created_at FROM orders";

domain::Batch ReadBatch(const Query& q) {
  return {q.Int(0), q.Text(1), q.Int(2), q.Text(3), q.Text(4), q.Int(5)};
}

domain::Order ReadOrder(const Query& q) {
  domain::Order o;
  o.id = q.Int(0);
  o.order_no = q.Text(1);
  o.customer_id = q.OptInt(2);
  o.store_id = q.OptInt(3);
  o.channel = q.Text(4);
  o.amount_cents = q.Int(5);
  o.shipping_mode = q.Text(6);
  o.ordered_at = q.Int(7);
  o.created_at = q.Int(8);
  return o;
}

}  // namespace

std::optional<Product> SqliteTrace::FindProductBySku(const std::string& sku) {
  return QueryOne<Product>(c_,
                           "SELECT id, sku, name, product_line, category, lifecycle_stage, "
                           "launch_date FROM products WHERE sku = ?",
                           sku, [](const Query& q) {
                             return Product{q.Int(0),  q.Text(1), q.Text(2), q.Text(3),
                                            q.Text(4), q.Text(5), q.Text(6)};
                           });
}

std::optional<Store> SqliteTrace::FindStoreByCode(const std::string& code) {
  return QueryOne<Store>(c_, "SELECT id, code, name, city_id FROM stores WHERE code = ?", code,
                         [](const Query& q) {
                           return Store{q.Int(0), q.Text(1), q.Text(2), q.Int(3)};
                         });
}

std::optional<City> SqliteTrace::FindCityByName(const std::string& name) {
  return QueryOne<City>(c_, "SELECT id, name, province, region_id FROM cities WHERE name = ?", name,
                        [](const Query& q) {
                          return City{q.Int(0), q.Text(1), q.Text(2), q.Int(3)};
                        });
}

Id SqliteTrace::InsertBatch(const domain::Batch& b) {
  Query q(c_,
          "INSERT INTO batches (batch_no, product_id, production_date, plant, created_at) "
          "VALUES (?, ?, ?, ?, ?)");
  q.Bind(b.batch_no).Bind(b.product_id).Bind(b.production_date).Bind(b.plant).Bind(b.created_at);
  q.Run();
  return c_.LastInsertId();
}

std::optional<domain::Batch> SqliteTrace::FindBatch(Id id) {
  return QueryOne<domain::Batch>(c_, std::string(kBatchSql) + " WHERE id = ?", id, ReadBatch);
}

std::optional<domain::Batch> SqliteTrace::FindBatchByNo(const std::string& batch_no) {
  return QueryOne<domain::Batch>(c_, std::string(kBatchSql) + " WHERE batch_no = ?", batch_no,
                                 ReadBatch);
}

Id SqliteTrace::InsertOrder(const domain::Order& o) {
  Query q(c_,
          "INSERT INTO orders (order_no, customer_id, store_id, channel, amount_cents, "
          "shipping_mode, ordered_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  q.Bind(o.order_no)
      .Bind(o.customer_id)
      .Bind(o.store_id)
      .Bind(o.channel)
      .Bind(o.amount_cents)
      .Bind(o.shipping_mode)
      .Bind(o.ordered_at)
      .Bind(o.created_at);
  q.Run();
  const Id order_id = c_.LastInsertId();
  for (const auto& item : o.items) {
    Query iq(c_,
             "INSERT INTO order_items (order_id, line_no, product_id, batch_id, quantity, "
             "amount_cents) VALUES (?, ?, ?, ?, ?, ?)");
    iq.Bind(order_id)
        .Bind(item.line_no)
        .Bind(item.product_id)
        .Bind(item.batch_id)
        .Bind(item.quantity)
        .Bind(item.amount_cents);
    iq.Run();
  }
  return order_id;
}

void SqliteTrace::LoadItems(domain::Order& order) {
  Query q(c_,
          "SELECT id, line_no, product_id, batch_id, quantity, amount_cents FROM order_items "
          "WHERE order_id = ? ORDER BY line_no");
  q.Bind(order.id);
  while (q.Next()) {
    order.items.push_back({q.Int(0), static_cast<int>(q.Int(1)), q.Int(2), q.OptInt(3),
                           static_cast<int>(q.Int(4)), q.Int(5)});
  }
}

std::optional<domain::Order> SqliteTrace::FindOrder(Id id) {
  auto order = QueryOne<domain::Order>(c_, std::string(kOrderSql) + " WHERE id = ?", id, ReadOrder);
  if (order) LoadItems(*order);
  return order;
}

std::optional<domain::Order> SqliteTrace::FindOrderByNo(const std::string& order_no) {
  auto order = QueryOne<domain::Order>(c_, std::string(kOrderSql) + " WHERE order_no = ?", order_no,
                                       ReadOrder);
  if (order) LoadItems(*order);
  return order;
}

std::vector<domain::Order> SqliteTrace::OrdersOfCustomer(Id customer_id, int limit) {
  Query q(c_, std::string(kOrderSql) + " WHERE customer_id = ? ORDER BY ordered_at DESC LIMIT ?");
  q.Bind(customer_id).Bind(limit);
  std::vector<domain::Order> out;
  while (q.Next()) out.push_back(ReadOrder(q));
  for (auto& order : out) LoadItems(order);
  return out;
}

std::vector<Complaint> SqliteTrace::ComplaintsOfBatch(Id batch_id, const Principal& scope,
                                                      int limit) {
  std::vector<std::int64_t> params{batch_id};
  std::string sql = "SELECT c.id FROM complaints c WHERE c.batch_id = ?";
  std::string condition = ScopeCondition(scope, params);
  if (!condition.empty()) sql += " AND " + condition;
  sql += " ORDER BY c.received_at DESC, c.id DESC LIMIT ?";
  params.push_back(limit);
  Query q(c_, sql);
  for (auto p : params) q.Bind(p);
  std::vector<Id> ids;
  while (q.Next()) ids.push_back(q.Int(0));
  return SqliteComplaints(c_).FindByIds(ids);
}

int SqliteTrace::StoresAffectedByBatch(Id batch_id, const Principal& scope) {
  std::vector<std::int64_t> params{batch_id};
  std::string sql =
      "SELECT count(DISTINCT c.store_id) FROM complaints c WHERE c.batch_id = ? AND "
      "c.store_id IS NOT NULL";
  std::string condition = ScopeCondition(scope, params);
  if (!condition.empty()) sql += " AND " + condition;
  Query q(c_, sql);
  for (auto p : params) q.Bind(p);
  return q.Next() ? static_cast<int>(q.Int(0)) : 0;
}

std::optional<Customer> SqliteTrace::FindCustomerByExternalId(const std::string& external_id) {
  // The extra condition lets SQLite use the partial index.
  Query q(c_, "SELECT id FROM customers WHERE external_id = ? AND external_id <> ''");
  q.Bind(external_id);
  if (!q.Next()) return std::nullopt;
  return customers_.FindById(q.Int(0));
}

bool SqliteTrace::ComplaintExists(domain::Channel channel, const std::string& external_id) {
  Query q(c_,
          "SELECT 1 FROM complaints WHERE channel = ? AND external_id = ? AND external_id <> '' "
          "LIMIT 1");
  q.Bind(ToString(channel)).Bind(external_id);
  return q.Next();
}

}  // namespace closeloop::store::sqlite
