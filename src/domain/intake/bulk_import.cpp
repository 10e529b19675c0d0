#include "domain/intake/bulk_import.h"

#include <algorithm>
#include <map>

#include "core/text.h"
#include "domain/intake/import_fields.h"
#include "domain/intake/import_rows.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

using core::Status;

namespace {

struct UnitResult {
  std::int64_t row = 0;
  int records = 1;
  std::optional<RowOutcome> outcome;
  std::string field, reason;               // why it was rejected
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
    core::Result<RowOutcome> outcome = importer.Apply(repos, unit);
    if (outcome.ok()) {
      result.outcome = *outcome;
    } else {
      result.field = outcome.status().field();
      result.reason = outcome.status().message();
      result.names = *unit.front().names;
      result.values = unit.front().values;
    }
    return result;
  };
  auto report = [&](const UnitResult& r) {
    if (!r.outcome) {
      summary.rejected += r.records;
      observer.OnReject({r.row, r.field, r.reason, r.names, r.values});
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
        Fields fields(units[i].front(), ctx_.config.org_utc_offset_minutes);
        order.emplace_back(fields.Time("received_at").value_or(0), i);
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
          one.field.clear();
          one.reason = alone.message();
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
