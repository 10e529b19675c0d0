#include "text/noise.h"

#include <set>
#include <string>

#include "core/text.h"

namespace closeloop::text {

bool LooksLikeGibberish(std::string_view text) {
  size_t letters = 0;  // CJK characters and ASCII letters
  size_t tokens = 0;   // CJK characters and ASCII words
  size_t mashed = 0;   // ASCII words like "asdfasdfasdf": long, with few distinct letters
  std::set<std::string_view> distinct;
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 'a' && c <= 'z') {
      size_t end = i;
      std::set<char> word_letters;
      while (end < text.size() && text[end] >= 'a' && text[end] <= 'z')
        word_letters.insert(text[end++]);
      const size_t length = end - i;
      letters += length;
      ++tokens;
      distinct.insert(text.substr(i, length));
      if (length >= 8 && word_letters.size() * 3 < length) ++mashed;
      i = end;
      continue;
    }
    const size_t len = std::min(core::Utf8CharLength(c), text.size() - i);
    if (len >= 3) {
      ++letters;
      ++tokens;
      distinct.insert(text.substr(i, len));
    }
    i += len;
  }
  if (letters < 4) return true;
  if (mashed * 2 >= tokens) return true;
  // Real sentences use many different characters; a repetition uses a handful.
  return tokens >= 10 && distinct.size() * 4 < tokens;
}

bool ContainsAbuse(std::string_view text) {
  static const char* kInsults[] = {"傻逼", "傻b",    "sb客服", "煞笔",  "脑残",    "去死",   "妈的",
                                   "他妈", "狗东西", "王八蛋", "混蛋",  "废物",    "滚蛋",   "操你",
                                   "fuck", "idiot",  "stupid", "moron", "bastard", "asshole"};
  for (const char* insult : kInsults) {
    if (text.find(insult) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace closeloop::text
