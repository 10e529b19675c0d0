// A streaming reader of delimited text (RFC 4180 CSV, or TSV): quoted fields may hold
// delimiters, doubled quotes and line breaks. Memory is bounded by the longest record.
#pragma once

#include <cstdint>
#include <istream>
#include <string>
#include <vector>

namespace closeloop::core {

// One CSV field as written (RFC 4180): quoted when it holds a delimiter, a quote or a line break.
std::string CsvCell(const std::string& text);

class CsvReader {
 public:
  // Records longer than `max_record_bytes` are reported as errors and skipped.
  CsvReader(std::istream& in, char delimiter, size_t max_record_bytes = 4 << 20);

  // Reads the next record into `fields`. Returns false at the end of input. When the record is
  // malformed (text after a closing quote, an unterminated quote, over-long), `error` says why,
  // the reader skips to the next line, and `fields` holds what was read.
  bool Next(std::vector<std::string>& fields, std::string& error);

  // The physical line the last record started on (1-based), and bytes consumed so far.
  std::int64_t line() const { return record_line_; }
  std::int64_t bytes_read() const { return bytes_; }

 private:
  int Get();
  int Peek();
  void SkipRestOfLine();

  std::streambuf* in_;
  char delimiter_;
  size_t max_record_bytes_;
  std::int64_t line_ = 1;
  std::int64_t record_line_ = 0;
  std::int64_t bytes_ = 0;
  bool first_ = true;
};

}  // namespace closeloop::core
