// Readers of import files: CSV / TSV (UTF-8, GBK / GB18030 or Big5, with header mapping) and
// JSONL, each a RecordSource for BulkImport. They stream: memory does not grow with the file.
#pragma once

#include <cstdint>
#include <istream>
#include <map>
#include <memory>
#include <string>

#include "core/status.h"
#include "domain/intake/bulk_import.h"

namespace closeloop::ingest {

struct ReaderOptions {
  std::string format;             // "csv", "tsv" or "jsonl"
  std::string encoding = "auto";  // "utf-8", "gbk", "gb18030", "big5", or "auto": per field,
                                  // UTF-8 when valid, else GB18030
  // File column -> closeloop field, applied before the built-in Chinese header names.
  std::map<std::string, std::string> header_map;
};

// The format a file name implies ("csv", "tsv", "jsonl"), or empty.
std::string FormatFromFileName(const std::string& path);

// Parses "列A=field,列B=field" into a header map; fails naming --map on a malformed pair.
core::Result<std::map<std::string, std::string>> ParseHeaderMap(const std::string& text);

// A source over `in` (which must outlive it). `total_bytes` is for progress (0 if unknown).
// Fails when the options are wrong (unknown format or encoding) or a CSV has no header row.
core::Result<std::unique_ptr<domain::RecordSource>> OpenRecordSource(std::istream& in,
                                                                     std::int64_t total_bytes,
                                                                     domain::ImportKind kind,
                                                                     const ReaderOptions& options);

// The domain's RecordReaders over OpenRecordSource; a malformed header map fails naming "map".
class FileRecordReaders final : public domain::RecordReaders {
 public:
  core::Result<std::unique_ptr<domain::RecordSource>> Open(
      std::istream& in, std::int64_t total_bytes, domain::ImportKind kind,
      const domain::UploadFormat& format) const override;
};

}  // namespace closeloop::ingest
