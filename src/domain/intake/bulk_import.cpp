#include "domain/intake/bulk_import.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <unordered_map>

#include "core/text.h"
#include "core/time_format.h"
#include "domain/complaint/complaint_support.h"
#include "domain/complaint/create_complaint.h"
#include "domain/complaint/entities.h"
#include "domain/complaint/repository.h"
#include "domain/customer/entities.h"
#include "domain/customer/repository.h"
#include "domain/model/ids.h"
#include "domain/org/entities.h"
#include "domain/org/repository.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

using core::Status;

namespace {

// A row that cannot be stored: which field and why. Thrown only inside the importer.
struct RowError {
  std::string field;
  std::string reason;
};

enum class RowOutcome { kImported, kSkipped };

// Chinese labels people put in spreadsheets, next to the API's English names.
const std::map<std::string, std::string, std::less<>> kAliases = {
    {"咨询", "inquiry"},       {"质量问题", "quality"},  {"质量", "quality"},
    {"服务投诉", "service"},   {"服务", "service"},      {"建议", "suggestion"},
    {"恶意投诉", "malicious"}, {"电话", "phone"},        {"邮件", "email"},
    {"门店", "store"},         {"网站", "web"},          {"电商", "ecommerce"},
    {"社交媒体", "social"},    {"在线客服", "chat"},     {"导入", "import"},
    {"普通", "regular"},       {"新客", "new"},          {"低", "low"},
    {"中", "medium"},          {"高", "high"},           {"严重", "critical"},
    {"紧急", "urgent"},        {"退款", "refund"},       {"换货", "replacement"},
    {"维修", "repair"},        {"赔偿", "compensation"}, {"道歉", "apology"},
    {"解释", "explanation"},   {"其他", "other"},        {"产品质量", "quality"}};

// Category names people write, to the taxonomy's.
const std::map<std::string, std::string, std::less<>> kCategoryAliases = {
    {"产品质量", "product_quality"},   {"质量", "product_quality"},
    {"质量问题", "product_quality"},   {"物流", "logistics"},
    {"物流配送", "logistics"},         {"快递", "logistics"},
    {"售后", "after_sales"},           {"售后服务", "after_sales"},
    {"价格", "price_advertising"},     {"价格宣传", "price_advertising"},
    {"虚假宣传", "price_advertising"}, {"其他", "other"}};

std::string CanonicalCategory(const std::string& value) {
  auto it = kCategoryAliases.find(value);
  return it == kCategoryAliases.end() ? value : it->second;
}

// A digest of a row's values: the same external id twice in one file is a re-run when the rows
// agree and a mistake when they do not.
std::uint64_t RowDigest(const ImportRecord& record) {
  std::uint64_t hash = 1469598103934665603ULL;
  for (const std::string& v : record.values) {
    for (unsigned char ch : v) hash = (hash ^ ch) * 1099511628211ULL;
    hash = (hash ^ 0x1f) * 1099511628211ULL;
  }
  return hash;
}

std::string Canonical(const std::string& value) {
  auto it = kAliases.find(value);
  return it == kAliases.end() ? core::AsciiLower(value) : it->second;
}

// Typed access to a record's fields; every failure names the field.
class Fields {
 public:
  Fields(const ImportRecord& record, int utc_offset_minutes)
      : record_(record), offset_(utc_offset_minutes) {}
  const ImportRecord& record() const { return record_; }

  std::string Text(const char* name, size_t max_chars = 500, bool required = false) const {
    std::string value = record_.Get(name);
    if (!core::IsValidUtf8(value)) throw RowError{name, "not valid UTF-8"};
    if (required && value.empty()) throw RowError{name, std::string(name) + " is required"};
    if (core::Utf8Length(value) > max_chars) {
      throw RowError{name, "longer than " + std::to_string(max_chars) + " characters"};
    }
    return value;
  }

  template <typename E, typename Parse>
  std::optional<E> Enum(const char* name, Parse parse) const {
    std::string value = Text(name, 40);
    if (value.empty()) return std::nullopt;
    auto parsed = parse(Canonical(value));
    if (!parsed) throw RowError{name, "unknown value '" + value + "'"};
    return parsed;
  }

  // An amount in yuan ("199.5", "1,299.00", "¥35") as fen.
  std::optional<std::int64_t> Yuan(const char* name) const {
    std::string value = Text(name, 40);
    std::string digits;
    for (char c : value) {
      if (c != ',' && c != ' ') digits += c;
    }
    if (digits.rfind("\xC2\xA5", 0) == 0) digits = digits.substr(2);      // ¥
    if (digits.rfind("\xEF\xBF\xA5", 0) == 0) digits = digits.substr(3);  // full-width ￥
    if (digits.empty()) return std::nullopt;
    size_t used = 0;
    double amount = 0;
    try {
      amount = std::stod(digits, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    const size_t point = digits.find('.');
    const bool fen = point == std::string::npos || digits.size() - point - 1 <= 2;
    if (used != digits.size() || !std::isfinite(amount) || amount < 0 || amount > 1e8 || !fen) {
      throw RowError{name,
                     "'" + value + "' is not an amount such as 199.50 (two decimals at most)"};
    }
    return static_cast<std::int64_t>(std::llround(amount * 100.0));
  }

  std::optional<std::int64_t> Count(const char* name) const {
    std::string value = Text(name, 12);
    if (value.empty()) return std::nullopt;
    if (value.find_first_not_of("0123456789") != std::string::npos || value.size() > 9) {
      throw RowError{name, "'" + value + "' is not a whole number"};
    }
    return std::stoll(value);
  }

  // ISO 8601 with an offset, or "YYYY-MM-DD[ HH:MM[:SS]]" (also with '/') in organisation time.
  std::optional<UnixMillis> Time(const char* name) const {
    std::string value = Text(name, 40);
    if (value.empty()) return std::nullopt;
    if (auto t = core::ParseIso8601(value)) {
      if (value.size() > 10) return t;
    }
    std::string local = value;
    for (char& c : local) {
      if (c == '/') c = '-';
    }
    if (local.size() > 10 && local[10] == ' ') local[10] = 'T';
    if (local.size() == 16 || local.size() == 19 || local.size() == 10) {
      if (local.size() == 10) local += "T00:00";
      char sign = offset_ < 0 ? '-' : '+';
      int minutes = std::abs(offset_);
      char zone[16];
      std::snprintf(zone, sizeof zone, "%c%02d:%02d", sign, minutes / 60, minutes % 60);
      if (auto t = core::ParseIso8601(local + zone)) return t;
    }
    throw RowError{name, "'" + value + "' is not a time such as 2026-11-22 09:30"};
  }

  // "YYYY-MM-DD", kept as text.
  std::string Date(const char* name) const {
    std::string value = Text(name, 10);
    if (value.empty()) return value;
    for (char& c : value) {
      if (c == '/') c = '-';
    }
    if (value.size() != 10 || !core::ParseIso8601(value)) {
      throw RowError{name, "'" + value + "' is not a date such as 2026-03-11"};
    }
    return value;
  }

  bool Flag(const char* name) const {
    std::string value = core::AsciiLower(Text(name, 10));
    if (value.empty() || value == "0" || value == "false" || value == "no" || value == "否") {
      return false;
    }
    if (value == "1" || value == "true" || value == "yes" || value == "是") return true;
    throw RowError{name, "'" + value + "' is not yes/no"};
  }

 private:
  const ImportRecord& record_;
  int offset_;
};

void ThrowIfBad(const Status& status) {
  if (!status.ok()) throw RowError{status.field(), status.message()};
}

// Per-run lookups of the small reference tables, filled on first use. Cleared when a batch rolls
// back, since ids created inside it are gone.
class Lookups {
 public:
  void Clear() {
    regions_.clear();
    cities_.clear();
    stores_.clear();
    products_.clear();
  }

  Id Region(Repositories& repos, const std::string& key, const char* field) {
    auto it = regions_.find(key);
    if (it != regions_.end()) return it->second;
    auto region = repos.org().FindRegionByKey(key);
    if (!region) throw RowError{field, "no region '" + key + "'"};
    return regions_[key] = region->id;
  }

  std::optional<domain::City> City(Repositories& repos, const std::string& name) {
    auto it = cities_.find(name);
    if (it != cities_.end()) return it->second;
    auto city = repos.trace().FindCityByName(name);
    if (city) cities_[name] = *city;
    return city;
  }
  void RememberCity(const domain::City& city) { cities_[city.name] = city; }

  domain::Store Store(Repositories& repos, const std::string& code, const char* field) {
    auto it = stores_.find(code);
    if (it != stores_.end()) return it->second;
    auto store = repos.trace().FindStoreByCode(code);
    if (!store) throw RowError{field, "no store '" + code + "'"};
    return stores_[code] = *store;
  }

  Id Product(Repositories& repos, const std::string& sku, const char* field) {
    auto it = products_.find(sku);
    if (it != products_.end()) return it->second;
    auto product = repos.trace().FindProductBySku(sku);
    if (!product) throw RowError{field, "no product with SKU '" + sku + "'"};
    return products_[sku] = product->id;
  }

 private:
  std::map<std::string, Id, std::less<>> regions_;
  std::map<std::string, domain::City, std::less<>> cities_;
  std::map<std::string, domain::Store, std::less<>> stores_;
  std::map<std::string, Id, std::less<>> products_;
};

// Stores one unit (a record, or the records of one order) of one kind.
class UnitImporter {
 public:
  UnitImporter(const Context& ctx, const Principal& who, ImportKind kind)
      : ctx_(ctx), who_(who), kind_(kind), create_(ctx) {}

  void ClearCaches() { lookups_.Clear(); }

  RowOutcome Apply(Repositories& repos, const std::vector<ImportRecord>& unit) {
    const int offset = ctx_.config.org_utc_offset_minutes;
    Fields f(unit.front(), offset);
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
        return Order(repos, unit, offset);
    }
    throw RowError{"", "unknown import kind"};
  }

 private:
  CustomerInput ReadCustomer(const Fields& f, const char* prefix_name) {
    (void)prefix_name;
    CustomerInput c;
    c.name = f.Text("customer_name", 100);
    c.phone = f.Text("customer_phone", 40);
    c.email = f.Text("customer_email", 254);
    c.tier = f.Enum<CustomerTier>("customer_tier", ParseCustomerTier);
    c.account.platform = f.Text("platform", 40);
    c.account.account_id = f.Text("account_id", 128);
    return c;
  }

  RowOutcome Complaint(Repositories& repos, const Fields& f) {
    NewComplaint in;
    in.external_id = f.Text("external_id", 128, true);
    in.channel = f.Enum<Channel>("channel", ParseChannel).value_or(Channel::kImport);
    if (SeenWithOtherContent(std::string(ToString(in.channel)) + ":" + in.external_id, f)) {
      throw RowError{"external_id",
                     "'" + in.external_id + "' appears earlier in this file with other content"};
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
    if (std::string region = f.Text("region", 60); !region.empty()) {
      in.region_id = lookups_.Region(repos, region, "region");
    }
    if (std::string code = f.Text("store_code", 60); !code.empty()) {
      in.store_id = lookups_.Store(repos, code, "store_code").id;
    } else if (std::string city = f.Text("city", 60); !city.empty()) {
      auto found = lookups_.City(repos, city);
      if (!found) throw RowError{"city", "no city '" + city + "'"};
      in.city_id = found->id;
    }
    if (std::string sku = f.Text("sku", 64); !sku.empty()) {
      in.product_id = lookups_.Product(repos, sku, "sku");
    }
    if (std::string customer_ref = f.Text("customer_external_id", 128); !customer_ref.empty()) {
      auto customer = repos.trace().FindCustomerByExternalId(customer_ref);
      if (!customer) throw RowError{"customer_external_id", "no customer '" + customer_ref + "'"};
      in.customer = CustomerInput{};
      in.customer->id = customer->id;
    } else {
      CustomerInput c = ReadCustomer(f, "customer_");
      if (!c.name.empty() || !c.phone.empty() || !c.email.empty() || !c.account.platform.empty()) {
        in.customer = std::move(c);
      }
    }
    ThrowIfBad(create_.Prepare(who_, in));
    auto filed = create_.FileWithin(repos, who_, in);
    ThrowIfBad(filed.status());
    return RowOutcome::kImported;
  }

  RowOutcome Customer(Repositories& repos, const Fields& f) {
    CustomerInput in;
    const std::string external_id = f.Text("external_id", 128, true);
    if (SeenWithOtherContent("customer:" + external_id, f)) {
      throw RowError{"external_id",
                     "'" + external_id + "' appears earlier in this file with other content"};
    }
    if (repos.trace().FindCustomerByExternalId(external_id)) return RowOutcome::kSkipped;
    in.name = f.Text("name", 100);
    in.phone = f.Text("phone", 40);
    in.email = f.Text("email", 254);
    in.address = f.Text("address", 200);
    in.id_card = f.Text("id_card", 20);
    in.tier = f.Enum<CustomerTier>("tier", ParseCustomerTier);
    in.account.platform = f.Text("platform", 40);
    in.account.account_id = f.Text("account_id", 128);
    ThrowIfBad(NormalizeCustomerInput(in, ""));
    const UnixMillis now = ctx_.clock.Now();
    // The same person may already be known from a complaint: adopt that record.
    std::optional<domain::Customer> existing;
    if (!in.phone.empty()) existing = repos.customers().FindByPhone(in.phone);
    if (!existing && !in.email.empty()) existing = repos.customers().FindByEmail(in.email);
    if (existing && !CustomerVisible(repos, who_, existing->id)) {
      // Never fill in (or confirm) a record outside the importer's scope.
      throw RowError{in.phone.empty() ? "email" : "phone",
                     "matches a customer record outside your scope"};
    }
    if (existing && !existing->external_id.empty()) {
      throw RowError{in.phone.empty() ? "email" : "phone",
                     "belongs to customer " + existing->external_id + " already"};
    }
    domain::Customer c = existing.value_or(domain::Customer{});
    c.external_id = external_id;
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

  RowOutcome Product(Repositories& repos, const Fields& f) {
    domain::Product p;
    p.sku = f.Text("sku", 64, true);
    if (repos.trace().FindProductBySku(p.sku)) return RowOutcome::kSkipped;
    p.name = f.Text("name", 200, true);
    p.product_line = f.Text("product_line", 60);
    p.category = f.Text("category", 60);
    p.lifecycle_stage = core::AsciiLower(f.Text("lifecycle_stage", 20));
    static const std::vector<std::string> kStages = {"",       "launch",  "growth",
                                                     "mature", "decline", "discontinued"};
    if (std::find(kStages.begin(), kStages.end(), p.lifecycle_stage) == kStages.end()) {
      throw RowError{"lifecycle_stage", "must be launch, growth, mature, decline or discontinued"};
    }
    p.launch_date = f.Date("launch_date");
    repos.org().InsertProduct(p);
    return RowOutcome::kImported;
  }

  RowOutcome Batch(Repositories& repos, const Fields& f) {
    domain::Batch b;
    b.batch_no = f.Text("batch_no", 64, true);
    if (repos.trace().FindBatchByNo(b.batch_no)) return RowOutcome::kSkipped;
    b.product_id = lookups_.Product(repos, f.Text("sku", 64, true), "sku");
    b.production_date = f.Date("production_date");
    b.plant = f.Text("plant", 100);
    b.created_at = ctx_.clock.Now();
    repos.trace().InsertBatch(b);
    return RowOutcome::kImported;
  }

  RowOutcome Store(Repositories& repos, const Fields& f) {
    domain::Store s;
    s.code = f.Text("code", 60, true);
    if (repos.trace().FindStoreByCode(s.code)) return RowOutcome::kSkipped;
    s.name = f.Text("name", 200, true);
    const std::string city_name = f.Text("city", 60, true);
    const std::string province = f.Text("province", 60);
    auto city = lookups_.City(repos, city_name);
    if (!city) {
      domain::City created;
      created.name = city_name;
      created.province = province;
      if (province.empty()) throw RowError{"province", "province is required for a new city"};
      created.region_id = lookups_.Region(repos, f.Text("region", 60, true), "region");
      created.id = repos.org().InsertCity(created);
      lookups_.RememberCity(created);
      city = created;
    } else if (!province.empty() && province != city->province) {
      throw RowError{"province", city_name + " lies in " + city->province + ", not " + province};
    }
    s.city_id = city->id;
    repos.org().InsertStore(s);
    return RowOutcome::kImported;
  }

  RowOutcome Order(Repositories& repos, const std::vector<ImportRecord>& unit, int offset) {
    Fields head(unit.front(), offset);
    domain::Order o;
    o.order_no = head.Text("order_no", 64, true);
    if (repos.trace().FindOrderByNo(o.order_no)) return RowOutcome::kSkipped;
    auto ordered_at = head.Time("ordered_at");
    if (!ordered_at) throw RowError{"ordered_at", "ordered_at is required"};
    o.ordered_at = *ordered_at;
    if (std::string ref = head.Text("customer_external_id", 128); !ref.empty()) {
      auto customer = repos.trace().FindCustomerByExternalId(ref);
      // A customer outside the importer's scope is answered like one that does not exist.
      if (!customer || !CustomerVisible(repos, who_, customer->id)) {
        throw RowError{"customer_external_id", "no customer '" + ref + "'"};
      }
      o.customer_id = customer->id;
    } else if (std::string phone = head.Text("customer_phone", 40); !phone.empty()) {
      auto customer = repos.customers().FindByPhone(core::NormalizePhone(phone));
      if (customer && CustomerVisible(repos, who_, customer->id)) o.customer_id = customer->id;
    }
    if (std::string code = head.Text("store_code", 60); !code.empty()) {
      o.store_id = lookups_.Store(repos, code, "store_code").id;
    }
    o.channel = head.Text("channel", 40);
    if (o.channel.empty()) o.channel = o.store_id ? "store" : "online";
    o.shipping_mode = head.Text("shipping_mode", 40);
    std::int64_t total = 0;
    int line = 0;
    for (const ImportRecord& record : unit) {
      Fields f(record, offset);
      OrderItem item;
      item.line_no = ++line;
      item.product_id = lookups_.Product(repos, f.Text("sku", 64, true), "sku");
      if (std::string batch_no = f.Text("batch_no", 64); !batch_no.empty()) {
        auto batch = repos.trace().FindBatchByNo(batch_no);
        if (!batch) throw RowError{"batch_no", "no batch '" + batch_no + "'"};
        if (batch->product_id != item.product_id) {
          throw RowError{"batch_no", "batch " + batch_no + " is of another product"};
        }
        item.batch_id = batch->id;
      }
      item.quantity = static_cast<int>(f.Count("quantity").value_or(1));
      if (item.quantity < 1) throw RowError{"quantity", "quantity must be at least 1"};
      item.amount_cents = f.Yuan("item_amount").value_or(0);
      total += item.amount_cents;
      o.items.push_back(item);
    }
    o.amount_cents = head.Yuan("amount").value_or(total);
    o.created_at = ctx_.clock.Now();
    repos.trace().InsertOrder(o);
    return RowOutcome::kImported;
  }

  // Whether `key` came earlier in this run with different values (remembers it otherwise).
  bool SeenWithOtherContent(const std::string& key, const Fields& f) {
    const std::uint64_t digest = RowDigest(f.record());
    auto [it, fresh] = seen_.emplace(key, digest);
    return !fresh && it->second != digest;
  }

  const Context& ctx_;
  const Principal& who_;
  ImportKind kind_;
  CreateComplaint create_;
  Lookups lookups_;
  std::unordered_map<std::string, std::uint64_t> seen_;
};

struct UnitResult {
  std::int64_t row = 0;
  int records = 1;
  std::optional<RowOutcome> outcome;
  RowError error;
  std::vector<std::string> names, values;  // the rejected row as read
};

const std::vector<std::pair<ImportKind, const char*>> kKindNames = {
    {ImportKind::kComplaints, "complaints"}, {ImportKind::kCustomers, "customers"},
    {ImportKind::kProducts, "products"},     {ImportKind::kBatches, "batches"},
    {ImportKind::kStores, "stores"},         {ImportKind::kOrders, "orders"}};

}  // namespace

std::string ImportRecord::Get(std::string_view name) const {
  if (!names) return {};
  for (size_t i = 0; i < names->size() && i < values.size(); ++i) {
    if ((*names)[i] == name) return core::Trim(values[i]);
  }
  return {};
}

void ImportRecord::Add(std::string name, std::string value) {
  auto own = names ? std::make_shared<std::vector<std::string>>(*names)
                   : std::make_shared<std::vector<std::string>>();
  own->push_back(std::move(name));
  names = std::move(own);
  values.push_back(std::move(value));
}

void ImportRecord::Clear() {
  names.reset();
  values.clear();
}

std::optional<ImportKind> ParseImportKind(std::string_view text) {
  for (const auto& [kind, name] : kKindNames) {
    if (text == name) return kind;
  }
  return std::nullopt;
}

const char* ToString(ImportKind kind) {
  for (const auto& [k, name] : kKindNames) {
    if (k == kind) return name;
  }
  return "unknown";
}

const std::vector<std::string>& ImportFields(ImportKind kind) {
  static const std::map<ImportKind, std::vector<std::string>> kFields = {
      {ImportKind::kComplaints,
       {"external_id",
        "channel",
        "title",
        "description",
        "type",
        "category",
        "severity",
        "priority",
        "remedy",
        "remedy_detail",
        "safety_flag",
        "amount_claimed",
        "order_amount",
        "received_at",
        "occurred_at",
        "order_no",
        "batch_no",
        "region",
        "city",
        "store_code",
        "sku",
        "customer_external_id",
        "customer_name",
        "customer_phone",
        "customer_email",
        "customer_tier",
        "platform",
        "account_id"}},
      {ImportKind::kCustomers,
       {"external_id", "name", "phone", "email", "address", "id_card", "tier", "platform",
        "account_id"}},
      {ImportKind::kProducts,
       {"sku", "name", "product_line", "category", "lifecycle_stage", "launch_date"}},
      {ImportKind::kBatches, {"batch_no", "sku", "production_date", "plant"}},
      {ImportKind::kStores, {"code", "name", "city", "province", "region"}},
      {ImportKind::kOrders,
       {"order_no", "ordered_at", "customer_external_id", "customer_phone", "store_code", "channel",
        "amount", "shipping_mode", "sku", "batch_no", "quantity", "item_amount"}}};
  return kFields.at(kind);
}

core::Result<ImportSummary> BulkImport::Run(const Principal& who, ImportKind kind,
                                            RecordSource& source, ImportObserver& observer,
                                            size_t batch_rows) const {
  if (!ctx_.policy.Allows(who, Permission::kDataImport) ||
      (kind == ImportKind::kComplaints && !ctx_.policy.Allows(who, Permission::kComplaintCreate))) {
    return Status::Denied("your role may not import data");
  }
  ImportSummary summary;
  UnitImporter importer(ctx_, who, kind);
  std::vector<std::vector<ImportRecord>> units;
  size_t pending_records = 0;
  // Rows in memory are bounded by count and by size, whatever the file.
  constexpr size_t kMaxBatchBytes = 48 << 20;
  size_t pending_bytes = 0;

  auto apply = [&](Repositories& repos, const std::vector<ImportRecord>& unit) {
    UnitResult result;
    result.row = unit.front().row;
    result.records = static_cast<int>(unit.size());
    try {
      result.outcome = importer.Apply(repos, unit);
    } catch (const RowError& e) {
      result.error = e;
      result.names = *unit.front().names;
      result.values = unit.front().values;
    }
    return result;
  };
  auto report = [&](const UnitResult& r) {
    if (!r.outcome) {
      summary.rejected += r.records;
      observer.OnReject({r.row, r.error.field, r.error.reason, r.names, r.values});
    } else if (*r.outcome == RowOutcome::kImported) {
      summary.imported += r.records;
    } else {
      summary.skipped += r.records;
    }
  };
  // One transaction for the whole batch; when it fails as a whole (a constraint the checks did
  // not foresee), each unit is retried alone so only the guilty one is rejected.
  auto flush = [&]() -> Status {
    if (units.empty()) return Status::Ok();
    if (kind == ImportKind::kComplaints) {
      // Inserting in time order makes each time-keyed index's writes one sweep, so its pages
      // leave the cache finished instead of being read back later in the batch.
      std::vector<std::pair<UnixMillis, size_t>> order;
      for (size_t i = 0; i < units.size(); ++i) {
        UnixMillis at = 0;
        try {
          at = Fields(units[i].front(), ctx_.config.org_utc_offset_minutes)
                   .Time("received_at")
                   .value_or(0);
        } catch (const RowError&) {
        }
        order.emplace_back(at, i);
      }
      std::stable_sort(order.begin(), order.end());
      std::vector<std::vector<ImportRecord>> sorted;
      sorted.reserve(units.size());
      for (const auto& [at, i] : order) sorted.push_back(std::move(units[i]));
      units = std::move(sorted);
    }
    std::vector<UnitResult> results;
    Status batch = ctx_.store.Write([&](Repositories& repos) -> Status {
      results.clear();
      for (const auto& unit : units) results.push_back(apply(repos, unit));
      return Status::Ok();
    });
    if (!batch.ok()) {
      importer.ClearCaches();
      results.clear();
      for (const auto& unit : units) {
        UnitResult one;
        Status alone = ctx_.store.Write([&](Repositories& repos) -> Status {
          one = apply(repos, unit);
          return Status::Ok();
        });
        if (!alone.ok()) {
          importer.ClearCaches();
          one.outcome.reset();
          one.error = {"", alone.message()};
        }
        results.push_back(one);
      }
    }
    std::stable_sort(results.begin(), results.end(),
                     [](const UnitResult& x, const UnitResult& y) { return x.row < y.row; });
    for (const auto& r : results) report(r);
    units.clear();
    pending_records = 0;
    pending_bytes = 0;
    observer.OnProgress(summary, source.bytes_read(), source.total_bytes());
    return Status::Ok();
  };

  ImportRecord record;
  std::string current_order;
  while (source.Next(record)) {
    ++summary.rows;
    if (!record.error.empty()) {
      ++summary.rejected;
      observer.OnReject({record.row, "", record.error,
                         record.names ? *record.names : std::vector<std::string>{}, record.values});
      continue;
    }
    // The rows of one order (one per item) arrive together and are stored as one unit.
    const bool same_order = kind == ImportKind::kOrders && !units.empty() &&
                            !current_order.empty() && record.Get("order_no") == current_order;
    if (!same_order && (pending_records >= batch_rows || pending_bytes >= kMaxBatchBytes)) {
      CL_RETURN_IF_ERROR(flush());
    }
    for (const std::string& value : record.values) pending_bytes += value.size() + 32;
    if (same_order) {
      units.back().push_back(std::move(record));
    } else {
      if (kind == ImportKind::kOrders) current_order = record.Get("order_no");
      units.push_back({std::move(record)});
    }
    ++pending_records;
    record = ImportRecord{};
  }
  CL_RETURN_IF_ERROR(flush());
  return summary;
}

core::Result<ImportSummary> BulkImport::RunUpload(const Principal& who, ImportKind kind,
                                                  std::istream& in, std::int64_t total_bytes,
                                                  const UploadFormat& format,
                                                  ImportObserver& observer) const {
  if (!ctx_.record_readers) return Status::Conflict("file uploads are not configured");
  auto source = ctx_.record_readers->Open(in, total_bytes, kind, format);
  if (!source.ok()) return source.status();
  return Run(who, kind, **source, observer);
}

}  // namespace closeloop::domain
