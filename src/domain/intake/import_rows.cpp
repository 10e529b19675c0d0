#include "domain/intake/import_rows.h"

#include <algorithm>

#include "core/text.h"
#include "domain/complaint/complaint_support.h"
#include "domain/complaint/entities.h"
#include "domain/complaint/repository.h"
#include "domain/customer/entities.h"
#include "domain/customer/repository.h"
#include "domain/org/repository.h"

namespace closeloop::domain {

using core::Status;

namespace {

Status Invalid(const std::string& field, const std::string& reason) {
  return Status::Invalid(field, reason);
}

Status AppearsEarlier(const std::string& external_id) {
  return Invalid("external_id",
                 "'" + external_id + "' appears earlier in this file with other content");
}

}  // namespace

void ImportLookups::Clear() {
  regions_.clear();
  cities_.clear();
  stores_.clear();
  products_.clear();
}

core::Result<Id> ImportLookups::Region(Repositories& repos, const std::string& key,
                                       const char* field) {
  auto it = regions_.find(key);
  if (it != regions_.end()) return it->second;
  auto region = repos.org().FindRegionByKey(key);
  if (!region) return Invalid(field, "no region '" + key + "'");
  return regions_[key] = region->id;
}

std::optional<City> ImportLookups::FindCity(Repositories& repos, const std::string& name) {
  auto it = cities_.find(name);
  if (it != cities_.end()) return it->second;
  auto city = repos.trace().FindCityByName(name);
  if (city) cities_[name] = *city;
  return city;
}

core::Result<Store> ImportLookups::FindStore(Repositories& repos, const std::string& code,
                                             const char* field) {
  auto it = stores_.find(code);
  if (it != stores_.end()) return it->second;
  auto store = repos.trace().FindStoreByCode(code);
  if (!store) return Invalid(field, "no store '" + code + "'");
  return stores_[code] = *store;
}

core::Result<Id> ImportLookups::Product(Repositories& repos, const std::string& sku,
                                        const char* field) {
  auto it = products_.find(sku);
  if (it != products_.end()) return it->second;
  auto product = repos.trace().FindProductBySku(sku);
  if (!product) return Invalid(field, "no product with SKU '" + sku + "'");
  return products_[sku] = product->id;
}

core::Result<RowOutcome> UnitImporter::Apply(Repositories& repos,
                                             const std::vector<ImportRecord>& unit) {
  Fields f(unit.front(), ctx_.config.org_utc_offset_minutes);
  switch (kind_) {
    case ImportKind::kComplaints:
      return Complaint(repos, f);
    case ImportKind::kCustomers:
      return Customer(repos, f);
    case ImportKind::kProducts:
      return Product(repos, f);
    case ImportKind::kBatches:
      return Batch(repos, f);
    case ImportKind::kStores:
      return Store(repos, f);
    case ImportKind::kOrders:
      return Order(repos, unit);
  }
  return Invalid("", "unknown import kind");
}

CustomerInput UnitImporter::ReadCustomer(Fields& f) {
  CustomerInput c;
  c.name = f.Text("customer_name", 100);
  c.phone = f.Text("customer_phone", 40);
  c.email = f.Text("customer_email", 254);
  c.tier = f.Enum<CustomerTier>("customer_tier", ParseCustomerTier);
  c.account.platform = f.Text("platform", 40);
  c.account.account_id = f.Text("account_id", 128);
  return c;
}

core::Result<RowOutcome> UnitImporter::Complaint(Repositories& repos, Fields& f) {
  NewComplaint in;
  in.external_id = f.Text("external_id", 128, true);
  in.channel = f.Enum<Channel>("channel", ParseChannel).value_or(Channel::kImport);
  if (!f.ok()) return f.status();
  if (SeenWithOtherContent(std::string(ToString(in.channel)) + ":" + in.external_id, f)) {
    return AppearsEarlier(in.external_id);
  }
  if (repos.trace().ComplaintExists(in.channel, in.external_id)) return RowOutcome::kSkipped;
  in.title = f.Text("title", ctx_.config.max_title_chars);
  in.description = f.Text("description", ctx_.config.max_text_chars, true);
  in.type = f.Enum<ComplaintType>("type", ParseComplaintType);
  in.category = CanonicalCategory(f.Text("category", 60));
  in.severity = f.Enum<Severity>("severity", ParseSeverity);
  in.priority = f.Enum<Priority>("priority", ParsePriority);
  in.remedy = f.Enum<Remedy>("remedy", ParseRemedy);
  in.remedy_detail = f.Text("remedy_detail", 2000);
  in.safety_flag = f.Flag("safety_flag");
  in.amount_claimed_cents = f.Yuan("amount_claimed");
  in.order_amount_cents = f.Yuan("order_amount");
  in.received_at = f.Time("received_at");
  in.occurred_at = f.Time("occurred_at");
  in.order_ref = f.Text("order_no", 64);
  in.batch_no = f.Text("batch_no", 64);
  const std::string region = f.Text("region", 60);
  if (!f.ok()) return f.status();
  if (!region.empty()) {
    auto id = lookups_.Region(repos, region, "region");
    if (!id.ok()) return id.status();
    in.region_id = *id;
  }
  if (std::string code = f.Text("store_code", 60); !f.ok()) {
    return f.status();
  } else if (!code.empty()) {
    auto store = lookups_.FindStore(repos, code, "store_code");
    if (!store.ok()) return store.status();
    in.store_id = store->id;
  } else if (std::string city = f.Text("city", 60); !f.ok()) {
    return f.status();
  } else if (!city.empty()) {
    auto found = lookups_.FindCity(repos, city);
    if (!found) return Invalid("city", "no city '" + city + "'");
    in.city_id = found->id;
  }
  const std::string sku = f.Text("sku", 64);
  if (!f.ok()) return f.status();
  if (!sku.empty()) {
    auto id = lookups_.Product(repos, sku, "sku");
    if (!id.ok()) return id.status();
    in.product_id = *id;
  }
  const std::string customer_ref = f.Text("customer_external_id", 128);
  if (!f.ok()) return f.status();
  if (!customer_ref.empty()) {
    auto customer = repos.trace().FindCustomerByExternalId(customer_ref);
    if (!customer) return Invalid("customer_external_id", "no customer '" + customer_ref + "'");
    in.customer = CustomerInput{};
    in.customer->id = customer->id;
  } else {
    CustomerInput c = ReadCustomer(f);
    if (!f.ok()) return f.status();
    if (!c.name.empty() || !c.phone.empty() || !c.email.empty() || !c.account.platform.empty()) {
      in.customer = std::move(c);
    }
  }
  CL_RETURN_IF_ERROR(create_.Prepare(who_, in));
  auto filed = create_.FileWithin(repos, who_, in);
  if (!filed.ok()) return filed.status();
  return RowOutcome::kImported;
}

core::Result<RowOutcome> UnitImporter::Customer(Repositories& repos, Fields& f) {
  CustomerInput in;
  const std::string external_id = f.Text("external_id", 128, true);
  if (!f.ok()) return f.status();
  if (SeenWithOtherContent("customer:" + external_id, f)) return AppearsEarlier(external_id);
  // A person known only outside the importer's scope is neither revealed nor touched: the row
  // makes a regional record of theirs, as a new customer's row makes a record (issue 12, item 1).
  std::optional<Id> person;
  bool external_id_taken = false;
  if (auto known = repos.trace().FindCustomerByExternalId(external_id)) {
    if (RecordForCaller(repos, who_, *known)) return RowOutcome::kSkipped;
    person = known->PersonId();
    external_id_taken = true;  // it stays on the main record
  }
  in.name = f.Text("name", 100);
  in.phone = f.Text("phone", 40);
  in.email = f.Text("email", 254);
  in.address = f.Text("address", 200);
  in.id_card = f.Text("id_card", 20);
  in.tier = f.Enum<CustomerTier>("tier", ParseCustomerTier);
  in.account.platform = f.Text("platform", 40);
  in.account.account_id = f.Text("account_id", 128);
  if (!f.ok()) return f.status();
  CL_RETURN_IF_ERROR(NormalizeCustomerInput(in, ""));
  const UnixMillis now = ctx_.clock.Now();
  // The same person may already be known from a complaint: adopt that record.
  std::optional<domain::Customer> found;
  if (!in.phone.empty()) found = repos.customers().FindByPhone(in.phone);
  if (!found && !in.email.empty()) found = repos.customers().FindByEmail(in.email);
  const char* identity = in.phone.empty() ? "email" : "phone";
  std::optional<domain::Customer> existing;
  if (found && !person) {
    existing = RecordForCaller(repos, who_, *found);
    if (!existing) person = found->PersonId();
  }
  if (existing && !existing->external_id.empty()) {
    return Invalid(identity, "belongs to customer " + existing->external_id + " already");
  }
  domain::Customer c;
  if (existing) {
    c = *existing;
  } else if (person) {
    c = NewRegionalRecord(who_, *person);
  } else {
    PlaceInCallerScope(who_, c);
  }
  if (!external_id_taken) c.external_id = external_id;
  if (c.name.empty()) c.name = in.name;
  if (c.phone.empty()) c.phone = in.phone;
  if (c.email.empty()) c.email = in.email;
  if (c.address.empty()) c.address = in.address;
  if (c.id_card.empty()) c.id_card = in.id_card;
  if (in.tier) c.tier = *in.tier;
  c.updated_at = now;
  if (existing) {
    repos.customers().Update(c);
  } else {
    c.created_at = now;
    c.id = repos.customers().Insert(c);
  }
  if (!in.account.platform.empty()) repos.customers().LinkAccount(c.id, in.account, now);
  return RowOutcome::kImported;
}

core::Result<RowOutcome> UnitImporter::Product(Repositories& repos, Fields& f) {
  domain::Product p;
  p.sku = f.Text("sku", 64, true);
  if (!f.ok()) return f.status();
  if (repos.trace().FindProductBySku(p.sku)) return RowOutcome::kSkipped;
  p.name = f.Text("name", 200, true);
  p.product_line = f.Text("product_line", 60);
  p.category = f.Text("category", 60);
  p.lifecycle_stage = core::AsciiLower(f.Text("lifecycle_stage", 20));
  if (!f.ok()) return f.status();
  static const std::vector<std::string> kStages = {"",       "launch",  "growth",
                                                   "mature", "decline", "discontinued"};
  if (std::find(kStages.begin(), kStages.end(), p.lifecycle_stage) == kStages.end()) {
    return Invalid("lifecycle_stage", "must be launch, growth, mature, decline or discontinued");
  }
  p.launch_date = f.Date("launch_date");
  if (!f.ok()) return f.status();
  repos.org().InsertProduct(p);
  return RowOutcome::kImported;
}

core::Result<RowOutcome> UnitImporter::Batch(Repositories& repos, Fields& f) {
  domain::Batch b;
  b.batch_no = f.Text("batch_no", 64, true);
  if (!f.ok()) return f.status();
  if (repos.trace().FindBatchByNo(b.batch_no)) return RowOutcome::kSkipped;
  const std::string sku = f.Text("sku", 64, true);
  if (!f.ok()) return f.status();
  auto product = lookups_.Product(repos, sku, "sku");
  if (!product.ok()) return product.status();
  b.product_id = *product;
  b.production_date = f.Date("production_date");
  b.plant = f.Text("plant", 100);
  if (!f.ok()) return f.status();
  b.created_at = ctx_.clock.Now();
  repos.trace().InsertBatch(b);
  return RowOutcome::kImported;
}

core::Result<RowOutcome> UnitImporter::Store(Repositories& repos, Fields& f) {
  domain::Store s;
  s.code = f.Text("code", 60, true);
  if (!f.ok()) return f.status();
  if (repos.trace().FindStoreByCode(s.code)) return RowOutcome::kSkipped;
  s.name = f.Text("name", 200, true);
  const std::string city_name = f.Text("city", 60, true);
  const std::string province = f.Text("province", 60);
  if (!f.ok()) return f.status();
  auto city = lookups_.FindCity(repos, city_name);
  if (!city) {
    domain::City created;
    created.name = city_name;
    created.province = province;
    if (province.empty()) return Invalid("province", "province is required for a new city");
    const std::string region = f.Text("region", 60, true);
    if (!f.ok()) return f.status();
    auto region_id = lookups_.Region(repos, region, "region");
    if (!region_id.ok()) return region_id.status();
    created.region_id = *region_id;
    created.id = repos.org().InsertCity(created);
    lookups_.RememberCity(created);
    city = created;
  } else if (!province.empty() && province != city->province) {
    return Invalid("province", city_name + " lies in " + city->province + ", not " + province);
  }
  s.city_id = city->id;
  repos.org().InsertStore(s);
  return RowOutcome::kImported;
}

core::Result<RowOutcome> UnitImporter::Order(Repositories& repos,
                                             const std::vector<ImportRecord>& unit) {
  const int offset = ctx_.config.org_utc_offset_minutes;
  Fields head(unit.front(), offset);
  domain::Order o;
  o.order_no = head.Text("order_no", 64, true);
  if (!head.ok()) return head.status();
  if (repos.trace().FindOrderByNo(o.order_no)) return RowOutcome::kSkipped;
  auto ordered_at = head.Time("ordered_at");
  if (!head.ok()) return head.status();
  if (!ordered_at) return Invalid("ordered_at", "ordered_at is required");
  o.ordered_at = *ordered_at;
  const std::string ref = head.Text("customer_external_id", 128);
  if (!head.ok()) return head.status();
  if (!ref.empty()) {
    auto customer = repos.trace().FindCustomerByExternalId(ref);
    // The importer's own record of the person; one outside their scope is answered like one that
    // does not exist.
    if (customer) customer = RecordForCaller(repos, who_, *customer);
    if (!customer) return Invalid("customer_external_id", "no customer '" + ref + "'");
    o.customer_id = customer->id;
  } else if (std::string phone = head.Text("customer_phone", 40); !head.ok()) {
    return head.status();
  } else if (!phone.empty()) {
    auto customer = repos.customers().FindByPhone(core::NormalizePhone(phone));
    if (customer) customer = RecordForCaller(repos, who_, *customer);
    if (customer) o.customer_id = customer->id;
  }
  const std::string code = head.Text("store_code", 60);
  if (!head.ok()) return head.status();
  if (!code.empty()) {
    auto store = lookups_.FindStore(repos, code, "store_code");
    if (!store.ok()) return store.status();
    o.store_id = store->id;
  }
  o.channel = head.Text("channel", 40);
  if (o.channel.empty()) o.channel = o.store_id ? "store" : "online";
  o.shipping_mode = head.Text("shipping_mode", 40);
  if (!head.ok()) return head.status();
  std::int64_t total = 0;
  int line = 0;
  for (const ImportRecord& record : unit) {
    Fields f(record, offset);
    OrderItem item;
    item.line_no = ++line;
    const std::string sku = f.Text("sku", 64, true);
    if (!f.ok()) return f.status();
    auto product = lookups_.Product(repos, sku, "sku");
    if (!product.ok()) return product.status();
    item.product_id = *product;
    const std::string batch_no = f.Text("batch_no", 64);
    if (!f.ok()) return f.status();
    if (!batch_no.empty()) {
      auto batch = repos.trace().FindBatchByNo(batch_no);
      if (!batch) return Invalid("batch_no", "no batch '" + batch_no + "'");
      if (batch->product_id != item.product_id) {
        return Invalid("batch_no", "batch " + batch_no + " is of another product");
      }
      item.batch_id = batch->id;
    }
    item.quantity = static_cast<int>(f.Count("quantity").value_or(1));
    if (!f.ok()) return f.status();
    if (item.quantity < 1) return Invalid("quantity", "quantity must be at least 1");
    item.amount_cents = f.Yuan("item_amount").value_or(0);
    if (!f.ok()) return f.status();
    total += item.amount_cents;
    o.items.push_back(item);
  }
  o.amount_cents = head.Yuan("amount").value_or(total);
  if (!head.ok()) return head.status();
  o.created_at = ctx_.clock.Now();
  repos.trace().InsertOrder(o);
  return RowOutcome::kImported;
}

bool UnitImporter::SeenWithOtherContent(const std::string& key, const Fields& f) {
  const std::uint64_t digest = RowDigest(f.record());
  auto [it, fresh] = seen_.emplace(key, digest);
  return !fresh && it->second != digest;
}

}  // namespace closeloop::domain
