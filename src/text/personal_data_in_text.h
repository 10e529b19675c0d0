// Personal data inside running text (descriptions, notes, mail bodies, drafts): mobile and
// landline phone numbers (libphonenumber's matcher, region CN), resident ID-card numbers (with a
// valid GB 11643 check character), email addresses and bank-card numbers (Luhn), found so that
// they can be masked for readers whose role may not see personal data (PIPL Art. 51).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace closeloop::text {

enum class PersonalDataKind { kPhone, kIdCard, kEmail, kBankCard };

struct PersonalDataSpan {
  size_t begin = 0;  // UTF-8 byte offsets into the text
  size_t end = 0;
  PersonalDataKind kind = PersonalDataKind::kPhone;
};

// The spans, in text order, never overlapping.
std::vector<PersonalDataSpan> FindPersonalData(std::string_view text);

// The text with each span masked: 139****0003, 1101**********002X, z***@north.example,
// 6222********1234. Text without any comes back unchanged.
std::string MaskPersonalDataInText(std::string_view text);

// Whether an 18-character ID-card number's last character is its GB 11643 check character.
bool IdCardChecksumValid(std::string_view id);
// Whether a string of digits passes the Luhn check.
bool LuhnValid(std::string_view digits);

}  // namespace closeloop::text
