#include "text/char_folder.h"

#include <opencc/opencc.h>

#include <cctype>

#include "core/text.h"

namespace closeloop::text {

namespace {

void AppendUtf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
    return;
  }
  if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
  }
  out += static_cast<char>(0x80 | (c & 0x3F));
}

// Decodes one code point at `i` and advances; returns 0 for an invalid sequence (skipped).
char32_t DecodeAt(std::string_view s, size_t& i) {
  const unsigned char lead = static_cast<unsigned char>(s[i]);
  const size_t len = core::Utf8CharLength(lead);
  if (len == 1) {
    ++i;
    return lead < 0x80 ? lead : 0;
  }
  if (i + len > s.size()) {
    i = s.size();
    return 0;
  }
  char32_t c = lead & (0xFF >> (len + 1));
  for (size_t k = 1; k < len; ++k) {
    const unsigned char b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) {
      i += k;
      return 0;
    }
    c = (c << 6) | (b & 0x3F);
  }
  i += len;
  return c;
}

bool IsContent(char32_t c) {
  if (c < 0x80) return std::isalnum(static_cast<int>(c)) != 0;
  if (c >= 0x3000 && c <= 0x303F) return false;  // CJK punctuation
  if (c >= 0xFF00 && c <= 0xFFEF) return false;  // remaining full-width punctuation
  if (c >= 0x2000 && c <= 0x2BFF) return false;  // general punctuation, arrows, symbols
  if (c >= 0x1F000) return false;                // emoji and pictographs
  return true;
}

}  // namespace

CharFolder::CharFolder() {
  opencc_t t2s = opencc_open("t2s.json");
  if (t2s == reinterpret_cast<opencc_t>(-1)) return;
  // One conversion of every ideograph, one per line, so no phrase spans two of them.
  std::string all;
  for (char32_t c = 0x3400; c <= 0x9FFF; ++c) {
    if (!IsHan(c)) continue;
    AppendUtf8(all, c);
    all += '\n';
  }
  char* converted = opencc_convert_utf8(t2s, all.data(), all.size());
  if (converted) {
    std::string_view in(all), out(converted);
    size_t i = 0, j = 0;
    while (i < in.size() && j < out.size()) {
      const char32_t from = DecodeAt(in, i);
      const char32_t to = DecodeAt(out, j);
      if (from != to && to != 0 && to != U'\n') simplified_[from] = to;
      // Both sides continue at their next line; a conversion that changed length resyncs here.
      while (i < in.size() && in[i] != '\n') ++i;
      while (j < out.size() && out[j] != '\n') ++j;
      ++i;
      ++j;
    }
    opencc_convert_utf8_free(converted);
  }
  opencc_close(t2s);
}

std::string CharFolder::FoldToUtf8(std::string_view utf8) const {
  std::string out;
  for (char32_t c : Fold(utf8)) AppendUtf8(out, c);
  return out;
}

const CharFolder& CharFolder::Shared() {
  static const CharFolder folder;
  return folder;
}

std::u32string CharFolder::Fold(std::string_view utf8) const {
  std::u32string out;
  out.reserve(utf8.size() / 2);
  size_t i = 0;
  while (i < utf8.size()) {
    char32_t c = DecodeAt(utf8, i);
    if (c == 0) continue;
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;  // full-width ASCII
    if (c == 0x3000) c = U' ';
    if (c < 0x80) c = static_cast<char32_t>(std::tolower(static_cast<int>(c)));
    if (!IsContent(c)) {
      if (!out.empty() && out.back() != U' ') out += U' ';
      continue;
    }
    if (IsHan(c)) {
      auto it = simplified_.find(c);
      if (it != simplified_.end()) c = it->second;
    }
    out += c;
  }
  if (!out.empty() && out.back() == U' ') out.pop_back();
  return out;
}

}  // namespace closeloop::text
