#include "domain/privacy.h"

#include "core/text.h"

namespace closeloop::domain {

std::string MaskPhone(std::string_view phone) {
  if (phone.empty()) return {};
  if (phone.size() >= 7) {
    return std::string(phone.substr(0, 3)) + std::string(phone.size() - 7, '*') +
           std::string(phone.substr(phone.size() - 4));
  }
  if (phone.size() <= 2) return std::string(phone.size(), '*');
  return std::string(phone.size() - 2, '*') + std::string(phone.substr(phone.size() - 2));
}

std::string MaskEmail(std::string_view email) {
  size_t at = email.find('@');
  if (at == std::string_view::npos || at == 0) return email.empty() ? "" : "***";
  return std::string(email.substr(0, 1)) + "***" + std::string(email.substr(at));
}

std::string MaskName(std::string_view name) {
  if (name.empty()) return {};
  size_t first_len = 1;
  unsigned char c = static_cast<unsigned char>(name[0]);
  if (c >= 0xF0) {
    first_len = 4;
  } else if (c >= 0xE0) {
    first_len = 3;
  } else if (c >= 0xC0) {
    first_len = 2;
  }
  if (first_len > name.size()) first_len = name.size();
  size_t rest = core::Utf8Length(name.substr(first_len));
  return std::string(name.substr(0, first_len)) + std::string(rest, '*');
}

}  // namespace closeloop::domain
