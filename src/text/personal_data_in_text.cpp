#include "text/personal_data_in_text.h"

#include <phonenumbers/phonenumbermatch.h>
#include <phonenumbers/phonenumbermatcher.h>
#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <cctype>

namespace closeloop::text {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsEmailLocal(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c) || c == '.' || c == '_' ||
         c == '%' || c == '+' || c == '-';
}

bool IsEmailDomain(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c) || c == '.' || c == '-';
}

bool Overlaps(const std::vector<PersonalDataSpan>& spans, size_t begin, size_t end) {
  for (const PersonalDataSpan& s : spans) {
    if (begin < s.end && s.begin < end) return true;
  }
  return false;
}

void FindEmails(std::string_view text, std::vector<PersonalDataSpan>& out) {
  for (size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1)) {
    size_t begin = at;
    while (begin > 0 && IsEmailLocal(text[begin - 1])) --begin;
    size_t end = at + 1;
    while (end < text.size() && IsEmailDomain(text[end])) ++end;
    while (end > at + 1 && (text[end - 1] == '.' || text[end - 1] == '-')) --end;
    const std::string_view domain = text.substr(at + 1, end - at - 1);
    if (begin == at || domain.find('.') == std::string_view::npos) continue;
    out.push_back({begin, end, PersonalDataKind::kEmail});
  }
}

// Runs of digits, allowing single spaces or hyphens between groups ("6222 0212 3456 7890"),
// with an ID card's final X; not touching other digits or Latin letters on either side.
void FindNumbers(std::string_view text, std::vector<PersonalDataSpan>& out) {
  size_t i = 0;
  while (i < text.size()) {
    if (!IsDigit(text[i]) || (i > 0 && (IsDigit(text[i - 1]) ||
                                        std::isalpha(static_cast<unsigned char>(text[i - 1]))))) {
      ++i;
      continue;
    }
    size_t end = i;
    std::string digits;
    while (end < text.size()) {
      if (IsDigit(text[end])) {
        digits += text[end++];
      } else if ((text[end] == ' ' || text[end] == '-') && end + 1 < text.size() &&
                 IsDigit(text[end + 1]) && digits.size() % 4 == 0) {
        ++end;  // a group separator of a card number
      } else {
        break;
      }
    }
    bool id_x = false;
    if (digits.size() == 17 && end < text.size() && (text[end] == 'X' || text[end] == 'x')) {
      digits += 'X';
      ++end;
      id_x = true;
    }
    const bool isolated =
        end >= text.size() ||
        (!IsDigit(text[end]) && !std::isalnum(static_cast<unsigned char>(text[end])));
    (void)id_x;
    if (isolated && digits.size() == 18 && IdCardChecksumValid(digits)) {
      out.push_back({i, end, PersonalDataKind::kIdCard});
    } else if (isolated && digits.size() >= 13 && digits.size() <= 19 && LuhnValid(digits)) {
      out.push_back({i, end, PersonalDataKind::kBankCard});
    }
    i = std::max(end, i + 1);
  }
}

void FindPhones(std::string_view text, std::vector<PersonalDataSpan>& out) {
  using i18n::phonenumbers::PhoneNumberMatch;
  using i18n::phonenumbers::PhoneNumberMatcher;
  using i18n::phonenumbers::PhoneNumberUtil;
  const std::string s(text);
  PhoneNumberMatcher matcher(*PhoneNumberUtil::GetInstance(), s, "CN", PhoneNumberMatcher::VALID,
                             64);
  std::vector<PersonalDataSpan> found;
  while (matcher.HasNext()) {
    PhoneNumberMatch match;
    if (!matcher.Next(&match)) break;
    const size_t begin = static_cast<size_t>(match.start());
    const size_t end = begin + static_cast<size_t>(match.length());
    if (!Overlaps(out, begin, end)) found.push_back({begin, end, PersonalDataKind::kPhone});
  }
  out.insert(out.end(), found.begin(), found.end());
}

std::string Digits(std::string_view s) {
  std::string d;
  for (char c : s) {
    if (IsDigit(c) || c == 'X') d += c;
  }
  return d;
}

std::string Masked(std::string_view raw, PersonalDataKind kind) {
  const std::string d = Digits(raw);
  switch (kind) {
    case PersonalDataKind::kEmail: {
      const size_t at = raw.find('@');
      return std::string(raw.substr(0, 1)) + "***" + std::string(raw.substr(at));
    }
    case PersonalDataKind::kIdCard:
      return d.substr(0, 4) + std::string(d.size() - 8, '*') + d.substr(d.size() - 4);
    case PersonalDataKind::kBankCard:
      return d.substr(0, 4) + std::string(d.size() - 8, '*') + d.substr(d.size() - 4);
    case PersonalDataKind::kPhone:
      if (d.size() >= 7) return d.substr(0, 3) + "****" + d.substr(d.size() - 4);
      return std::string(d.size() > 2 ? d.size() - 2 : 0, '*') +
             d.substr(d.size() > 2 ? d.size() - 2 : 0);
  }
  return std::string(raw);
}

}  // namespace

bool IdCardChecksumValid(std::string_view id) {
  if (id.size() != 18) return false;
  static const int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static const char kCheck[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
  int sum = 0;
  for (int i = 0; i < 17; ++i) {
    if (!IsDigit(id[i])) return false;
    sum += (id[i] - '0') * kWeights[i];
  }
  const char last = id[17] == 'x' ? 'X' : id[17];
  return kCheck[sum % 11] == last;
}

bool LuhnValid(std::string_view digits) {
  int sum = 0;
  bool twice = false;
  for (size_t i = digits.size(); i-- > 0;) {
    if (!IsDigit(digits[i])) return false;
    int v = digits[i] - '0';
    if (twice) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
    sum += v;
    twice = !twice;
  }
  return !digits.empty() && sum % 10 == 0;
}

std::vector<PersonalDataSpan> FindPersonalData(std::string_view text) {
  std::vector<PersonalDataSpan> spans;
  if (text.find_first_of("0123456789@") == std::string_view::npos) return spans;
  FindEmails(text, spans);
  FindNumbers(text, spans);
  FindPhones(text, spans);
  std::sort(spans.begin(), spans.end(),
            [](const PersonalDataSpan& a, const PersonalDataSpan& b) { return a.begin < b.begin; });
  return spans;
}

std::string MaskPersonalDataInText(std::string_view text) {
  const std::vector<PersonalDataSpan> spans = FindPersonalData(text);
  if (spans.empty()) return std::string(text);
  std::string out;
  size_t at = 0;
  for (const PersonalDataSpan& s : spans) {
    out.append(text.substr(at, s.begin - at));
    out += Masked(text.substr(s.begin, s.end - s.begin), s.kind);
    at = s.end;
  }
  out.append(text.substr(at));
  return out;
}

}  // namespace closeloop::text
