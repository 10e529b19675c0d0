// Reading the fields of one import record (bulk_import.h): typed values, Chinese spreadsheet
// labels to the API's names, and the first error of a record with the field it names. Internal
// to intake/.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "core/status.h"
#include "domain/intake/bulk_import.h"
#include "domain/model/ids.h"

namespace closeloop::domain {

// A category as people write it ("物流", "质量问题") to the taxonomy's name.
std::string CanonicalCategory(const std::string& value);
// An enumeration value as people write it ("退款", "Refund") to the API's name ("refund").
std::string Canonical(const std::string& value);
// A digest of a row's values: the same external id twice in one file is a re-run when the rows
// agree and a mistake when they do not.
std::uint64_t RowDigest(const ImportRecord& record);

// Typed access to a record's fields. A value that does not read records the record's first
// error (later ones are ignored) and gives an empty value; callers check ok() before they look
// anything up or write, and return status() for a bad record.
class Fields {
 public:
  Fields(const ImportRecord& record, int utc_offset_minutes)
      : record_(record), offset_(utc_offset_minutes) {}
  const ImportRecord& record() const { return record_; }

  std::string Text(const char* name, size_t max_chars = 500, bool required = false);
  template <typename E, typename Parse>
  std::optional<E> Enum(const char* name, Parse parse) {
    std::string value = Text(name, 40);
    if (value.empty()) return std::nullopt;
    auto parsed = parse(Canonical(value));
    if (!parsed) Fail(name, "unknown value '" + value + "'");
    return parsed;
  }
  // An amount in yuan ("199.5", "1,299.00", "¥35") as fen.
  std::optional<std::int64_t> Yuan(const char* name);
  std::optional<std::int64_t> Count(const char* name);
  // ISO 8601 with an offset, or "YYYY-MM-DD[ HH:MM[:SS]]" (also with '/') in organisation time.
  std::optional<UnixMillis> Time(const char* name);
  // "YYYY-MM-DD", kept as text.
  std::string Date(const char* name);
  bool Flag(const char* name);

  // Records `field` and `reason` unless the record has failed already.
  void Fail(const std::string& field, const std::string& reason);
  bool ok() const { return !failed_; }
  // The first error as Invalid(field, reason); OK when there was none.
  core::Status status() const;

 private:
  const ImportRecord& record_;
  int offset_;
  bool failed_ = false;
  std::string field_, reason_;
};

}  // namespace closeloop::domain
