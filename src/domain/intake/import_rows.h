// Storing one unit of an import (a record, or the records of one order) of one kind, inside the
// caller's unit of work. Errors are values: a bad unit gives Invalid(field, reason) and nothing of
// it is written. Internal to intake/ (bulk_import.cpp drives it).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/status.h"
#include "domain/complaint/create_complaint.h"
#include "domain/context.h"
#include "domain/intake/bulk_import.h"
#include "domain/intake/import_fields.h"
#include "domain/org/entities.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

enum class RowOutcome { kImported, kSkipped };

// Per-run lookups of the small reference tables, filled on first use. Cleared when a batch rolls
// back, since ids created inside it are gone. A key that is not there is Invalid(field, …).
class ImportLookups {
 public:
  void Clear();
  core::Result<Id> Region(Repositories& repos, const std::string& key, const char* field);
  std::optional<City> FindCity(Repositories& repos, const std::string& name);
  void RememberCity(const City& city) { cities_[city.name] = city; }
  core::Result<Store> FindStore(Repositories& repos, const std::string& code, const char* field);
  core::Result<Id> Product(Repositories& repos, const std::string& sku, const char* field);

 private:
  std::map<std::string, Id, std::less<>> regions_;
  std::map<std::string, City, std::less<>> cities_;
  std::map<std::string, Store, std::less<>> stores_;
  std::map<std::string, Id, std::less<>> products_;
};

class UnitImporter {
 public:
  UnitImporter(const Context& ctx, const Principal& who, ImportKind kind)
      : ctx_(ctx), who_(who), kind_(kind), create_(ctx) {}

  void ClearCaches() { lookups_.Clear(); }
  core::Result<RowOutcome> Apply(Repositories& repos, const std::vector<ImportRecord>& unit);

 private:
  CustomerInput ReadCustomer(Fields& f);
  core::Result<RowOutcome> Complaint(Repositories& repos, Fields& f);
  core::Result<RowOutcome> Customer(Repositories& repos, Fields& f);
  core::Result<RowOutcome> Product(Repositories& repos, Fields& f);
  core::Result<RowOutcome> Batch(Repositories& repos, Fields& f);
  core::Result<RowOutcome> Store(Repositories& repos, Fields& f);
  core::Result<RowOutcome> Order(Repositories& repos, const std::vector<ImportRecord>& unit);
  // Whether `key` came earlier in this run with different values (remembers it otherwise).
  bool SeenWithOtherContent(const std::string& key, const Fields& f);

  const Context& ctx_;
  const Principal& who_;
  ImportKind kind_;
  CreateComplaint create_;
  ImportLookups lookups_;
  std::unordered_map<std::string, std::uint64_t> seen_;
};

}  // namespace closeloop::domain
