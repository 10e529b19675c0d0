#include "core/csv.h"

namespace closeloop::core {

std::string CsvCell(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

namespace {
constexpr int kEof = std::char_traits<char>::eof();
}

CsvReader::CsvReader(std::istream& in, char delimiter, size_t max_record_bytes)
    : in_(in.rdbuf()), delimiter_(delimiter), max_record_bytes_(max_record_bytes) {}

int CsvReader::Get() {
  int c = in_->sbumpc();
  if (c != kEof) {
    ++bytes_;
    if (c == '\n') ++line_;
  }
  return c;
}

int CsvReader::Peek() { return in_->sgetc(); }

void CsvReader::SkipRestOfLine() {
  for (int c = Get(); c != kEof && c != '\n'; c = Get()) {
  }
}

bool CsvReader::Next(std::vector<std::string>& fields, std::string& error) {
  fields.clear();
  error.clear();
  if (first_) {
    first_ = false;
    // A UTF-8 byte order mark is not part of the first field.
    if (Peek() == 0xEF) {
      Get();
      if (Peek() == 0xBB) Get();
      if (Peek() == 0xBF) Get();
    }
  }
  // Blank lines between records are skipped.
  while (Peek() == '\r' || Peek() == '\n') Get();
  if (Peek() == kEof) return false;
  record_line_ = line_;
  size_t record_bytes = 0;
  std::string field;
  bool quoted = false;      // inside a quoted field
  bool was_quoted = false;  // the current field was quoted and the quote closed
  for (;;) {
    int c = Get();
    if (++record_bytes > max_record_bytes_) {
      error = "record longer than " + std::to_string(max_record_bytes_) +
              " bytes (an unterminated quote?)";
      SkipRestOfLine();
      fields.push_back(std::move(field));
      return true;
    }
    if (quoted) {
      if (c == kEof) {
        error = "unterminated quoted field";
        fields.push_back(std::move(field));
        return true;
      }
      if (c == '"') {
        if (Peek() == '"') {
          Get();
          field += '"';
        } else {
          quoted = false;
          was_quoted = true;
        }
      } else {
        field += static_cast<char>(c);
      }
      continue;
    }
    if (c == kEof || c == '\n' || c == '\r') {
      if (c == '\r' && Peek() == '\n') Get();
      fields.push_back(std::move(field));
      return true;
    }
    if (c == delimiter_) {
      fields.push_back(std::move(field));
      field.clear();
      was_quoted = false;
      continue;
    }
    if (was_quoted) {
      error = "text after a closing quote in field " + std::to_string(fields.size() + 1);
      SkipRestOfLine();
      fields.push_back(std::move(field));
      return true;
    }
    if (c == '"' && field.empty()) {
      quoted = true;
      continue;
    }
    field += static_cast<char>(c);
  }
}

}  // namespace closeloop::core
