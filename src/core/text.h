// Small text helpers shared by every layer. Strings are UTF-8 throughout.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace closeloop::core {

bool IsValidUtf8(std::string_view s);
// Number of code points; the input must be valid UTF-8.
size_t Utf8Length(std::string_view s);
// Bytes of the UTF-8 sequence that starts with `lead` (1 for ASCII and stray bytes).
inline size_t Utf8CharLength(unsigned char lead) {
  return lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
}
// At most `max_chars` code points of `s`, cut between characters.
std::string Utf8Prefix(std::string_view s, size_t max_chars);
std::string Trim(std::string_view s);
// `s` safe inside HTML text and attribute values (& < > " ' escaped).
std::string EscapeHtml(std::string_view s);
std::string AsciiLower(std::string_view s);
std::string AsciiUpper(std::string_view s);
std::vector<std::string> Split(std::string_view s, char separator);
// Keeps only the digits of a phone number, dropping a leading +86 / 0086 country code.
std::string NormalizePhone(std::string_view phone);

}  // namespace closeloop::core
