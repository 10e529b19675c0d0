#include "text/noise.h"

#include <algorithm>
#include <set>
#include <string>

#include "core/text.h"
#include "text/segmenter.h"

namespace closeloop::text {

namespace {

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// A Latin word nobody would type on purpose: a run of five consonants or more ("xmynefqp"),
// or a short pattern typed over and over ("alkalkalk").
bool Unpronounceable(std::string_view word) {
  if (word.size() < 6) return false;
  size_t run = 0, longest = 0;
  for (char c : word) {
    run = IsVowel(c) ? 0 : run + 1;
    longest = std::max(longest, run);
  }
  if (longest >= 5) return true;
  for (size_t period = 1; period <= 4; ++period) {
    if (word.size() < 3 * period) break;
    bool periodic = true;
    for (size_t i = period; i < word.size() && periodic; ++i)
      periodic = word[i] == word[i - period];
    if (periodic) return true;
  }
  return false;
}

}  // namespace

bool LooksLikeRandomCharacters(const std::vector<std::string>& words) {
  size_t characters = 0, in_words = 0;
  for (const std::string& w : words) {
    const size_t n = core::Utf8Length(w);
    if (n == 0 || static_cast<unsigned char>(w[0]) < 0x80) continue;  // Latin: judged elsewhere
    characters += n;
    if (n >= 2) in_words += n;
  }
  // Chinese prose puts most characters into words of two or more; a random string does not.
  return characters >= 10 && in_words * 10 < characters;
}

bool IsGibberish(std::string_view normalized, bool has_known_word, const Segmenter& segmenter) {
  if (LooksLikeGibberish(normalized)) return true;
  return !has_known_word && LooksLikeRandomCharacters(segmenter.Segment(normalized));
}

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
      if ((length >= 8 && word_letters.size() * 3 < length) ||
          Unpronounceable(text.substr(i, length))) {
        ++mashed;
      }
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
  return tokens >= 5 && distinct.size() * 4 < tokens;
}

namespace {

// 妈的 is a curse unless it is someone's mother ("送给妈妈的", "老妈的饭菜", "给我妈的"); 他妈
// is one unless it is 他妈妈. Found on real reviews (docs/text-quality.md).
bool CursesMother(std::string_view text) {
  static const std::string_view kKin[] = {"妈", "老", "我", "给", "大", "姑",
                                          "姨", "舅", "后", "岳", "干", "爸"};
  for (size_t pos = text.find("妈的"); pos != std::string_view::npos;
       pos = text.find("妈的", pos + 1)) {
    bool kin = false;
    for (std::string_view k : kKin) {
      if (pos >= k.size() && text.substr(pos - k.size(), k.size()) == k) kin = true;
    }
    if (!kin) return true;
  }
  for (size_t pos = text.find("他妈"); pos != std::string_view::npos;
       pos = text.find("他妈", pos + 1)) {
    if (text.substr(pos + std::string_view("他妈").size(), std::string_view("妈").size()) != "妈") {
      return true;
    }
  }
  return false;
}

}  // namespace

bool ContainsAbuse(std::string_view text) {
  static const char* kInsults[] = {"傻逼",   "傻b",    "sb客服", "煞笔",  "脑残",    "去死",
                                   "狗东西", "王八蛋", "混蛋",   "废物",  "滚蛋",    "操你",
                                   "fuck",   "idiot",  "stupid", "moron", "bastard", "asshole"};
  for (const char* insult : kInsults) {
    if (text.find(insult) != std::string_view::npos) return true;
  }
  return CursesMother(text);
}

}  // namespace closeloop::text
