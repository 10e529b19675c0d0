// Masking of personal data for callers whose role may not see it (PIPL Art. 51).
#pragma once

#include <string>
#include <string_view>

namespace closeloop::domain {

// "13812345678" -> "138****5678"; short numbers keep only their last two digits.
std::string MaskPhone(std::string_view phone);
// "zhang.san@example.com" -> "z***@example.com".
std::string MaskEmail(std::string_view email);
// "浙江省杭州市西湖区文三路90号" -> "浙江省杭州市********": keeps the first six characters.
std::string MaskAddress(std::string_view address);
// "330106199001011234" -> "3301**********1234".
std::string MaskIdCard(std::string_view id_card);
// "张三丰" -> "张**", "Alice Wong" -> "A*********": keeps the first character.
std::string MaskName(std::string_view name);

// Masks personal data found inside free text (phones, ID-card numbers, emails, bank cards);
// app/ wires the implementation over text/personal_data_in_text.h.
class FreeTextMasker {
 public:
  virtual ~FreeTextMasker() = default;
  virtual std::string Mask(const std::string& text) const = 0;
};

}  // namespace closeloop::domain
