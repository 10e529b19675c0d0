// Masking of personal data for callers whose role may not see it (PIPL Art. 51).
#pragma once

#include <string>
#include <string_view>

namespace closeloop::domain {

// "13812345678" -> "138****5678"; short numbers keep only their last two digits.
std::string MaskPhone(std::string_view phone);
// "zhang.san@example.com" -> "z***@example.com".
std::string MaskEmail(std::string_view email);
// "张三丰" -> "张**", "Alice Wong" -> "A*********": keeps the first character.
std::string MaskName(std::string_view name);

}  // namespace closeloop::domain
