#include "domain/model/privacy.h"

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

namespace {

// Byte length of the first `count` code points of valid UTF-8.
size_t PrefixBytes(std::string_view s, size_t count) {
  size_t i = 0;
  for (size_t n = 0; i < s.size() && n < count; ++n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    i += c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  }
  return i < s.size() ? i : s.size();
}

}  // namespace

std::string MaskAddress(std::string_view address) {
  if (address.empty()) return {};
  size_t keep = PrefixBytes(address, 6);
  size_t rest = core::Utf8Length(address.substr(keep));
  return std::string(address.substr(0, keep)) + std::string(rest, '*');
}

std::string MaskIdCard(std::string_view id_card) {
  if (id_card.size() <= 8) return std::string(id_card.size(), '*');
  return std::string(id_card.substr(0, 4)) + std::string(id_card.size() - 8, '*') +
         std::string(id_card.substr(id_card.size() - 4));
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
