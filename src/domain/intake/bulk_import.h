// Bulk import: complaints, customers and traceability data from files, streamed in
// batches of one transaction each. Complaints go through CreateComplaint's own Prepare and
// FileWithin, so imports and every other channel share one set of validations.
#pragma once

#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "domain/context.h"

namespace closeloop::domain {

enum class ImportKind { kComplaints, kCustomers, kProducts, kBatches, kStores, kOrders };
std::optional<ImportKind> ParseImportKind(std::string_view text);
const char* ToString(ImportKind kind);

// One row of an import file, with columns already renamed to closeloop's field names. The
// names are shared by the rows of a file (a batch holds tens of thousands of rows in memory).
struct ImportRecord {
  std::int64_t row = 0;  // the row's line in the file (CSV) or its line number (JSONL)
  std::shared_ptr<const std::vector<std::string>> names;
  std::vector<std::string> values;  // values[i] belongs to (*names)[i]
  std::string error;  // set by the reader when the row could not be read; the row is rejected
  // The trimmed value of a field, empty when absent.
  std::string Get(std::string_view name) const;
  // Appends a field (copying the shared names first).
  void Add(std::string name, std::string value);
  void Clear();
};

// Where records come from (CSV and JSONL readers live in ingest/).
class RecordSource {
 public:
  virtual ~RecordSource() = default;
  virtual bool Next(ImportRecord& record) = 0;
  virtual std::int64_t bytes_read() const = 0;
  virtual std::int64_t total_bytes() const = 0;  // 0 when unknown (a pipe)
};

struct ImportReject {
  std::int64_t row = 0;
  std::string field;  // empty when the whole row is at fault
  std::string reason;
  // The row as it was read (field names and values), so that it can be fixed and imported again.
  std::vector<std::string> names;
  std::vector<std::string> values;
};

struct ImportSummary {
  std::int64_t rows = 0;      // records read
  std::int64_t imported = 0;  // stored now
  std::int64_t skipped = 0;   // already imported (same external id or key): resumability
  std::int64_t rejected = 0;  // written to the reject list with a reason
};

class ImportObserver {
 public:
  virtual ~ImportObserver() = default;
  virtual void OnReject(const ImportReject& reject) = 0;
  // After each committed batch.
  virtual void OnProgress(const ImportSummary& so_far, std::int64_t bytes_read,
                          std::int64_t total_bytes) = 0;
};

// How an uploaded file is written: "csv", "tsv" or "jsonl"; its encoding ("auto", "utf-8",
// "gbk", "gb18030", "big5"); and a header mapping "列A=field,列B=field" (may be empty).
struct UploadFormat {
  std::string format;
  std::string encoding = "auto";
  std::string header_map;
};

// Opens an uploaded file as a record source (ingest/ implements it over its CSV / JSONL
// readers). `in` must outlive the source; errors name the field at fault (format, encoding, map).
class RecordReaders {
 public:
  virtual ~RecordReaders() = default;
  virtual core::Result<std::unique_ptr<RecordSource>> Open(std::istream& in,
                                                           std::int64_t total_bytes,
                                                           ImportKind kind,
                                                           const UploadFormat& format) const = 0;
};

class BulkImport {
 public:
  explicit BulkImport(const Context& ctx) : ctx_(ctx) {}
  // Imports an uploaded file (the API): opened through ctx.record_readers, then as Run.
  core::Result<ImportSummary> RunUpload(const Principal& who, ImportKind kind, std::istream& in,
                                        std::int64_t total_bytes, const UploadFormat& format,
                                        ImportObserver& observer) const;
  // Imports every record of `source`. Good rows are stored in batches of about `batch_rows`
  // (and at most 48 MiB of row data), complaints within a batch in order of received_at;
  // bad rows are reported to `observer` and never stop the import. Fails only when the caller
  // may not import or the store fails.
  core::Result<ImportSummary> Run(const Principal& who, ImportKind kind, RecordSource& source,
                                  ImportObserver& observer, size_t batch_rows = 2000) const;

 private:
  const Context& ctx_;
};

// The field names each kind understands, for --help and the API documentation.
const std::vector<std::string>& ImportFields(ImportKind kind);

}  // namespace closeloop::domain
