#include "domain/model/validation.h"

#include <cctype>

#include "core/text.h"

namespace closeloop::domain {

using core::Status;

Status CheckText(const std::string& field, const std::string& value, size_t max_chars,
                 bool required) {
  if (!core::IsValidUtf8(value)) return Status::Invalid(field, field + " is not valid UTF-8");
  // Control characters (NUL above all) break every reader downstream; tab and newlines stay.
  for (unsigned char ch : value) {
    if ((ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') || ch == 0x7f) {
      return Status::Invalid(field, field + " contains a control character");
    }
  }
  if (required && core::Trim(value).empty()) return Status::Invalid(field, field + " is required");
  if (core::Utf8Length(value) > max_chars) {
    return Status::Invalid(field,
                           field + " is longer than " + std::to_string(max_chars) + " characters");
  }
  return Status::Ok();
}

Status CheckAmount(const std::string& field, std::optional<std::int64_t> cents) {
  constexpr std::int64_t kMaxCents = 100'000'000'00;  // 100 million yuan
  if (cents && (*cents < 0 || *cents > kMaxCents)) {
    return Status::Invalid(field, field + " must be between 0 and 100000000");
  }
  return Status::Ok();
}

bool LooksEnglish(const std::string& text) {
  int latin = 0;
  for (unsigned char c : text) {
    if (c >= 0x80) return false;  // any non-ASCII: Chinese (or another script) first
    if (std::isalpha(c)) ++latin;
  }
  return latin > 0;
}

std::string OptionalIdText(std::optional<Id> id) { return id ? std::to_string(*id) : ""; }

}  // namespace closeloop::domain
