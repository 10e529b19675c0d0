// Fast character folding for indexes that see millions of texts: full-width forms to
// half-width, ASCII to lower case, traditional Chinese characters to simplified (one character
// at a time, from OpenCC's t2s tables read once at start), and every run of punctuation, symbols
// and spaces to one space. Coarser than Normalizer (no phrase conversion, no full NFKC) and much
// faster, so a traditional repost folds to the same text as its simplified original.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

namespace closeloop::text {

class CharFolder {
 public:
  // Builds the traditional-to-simplified table (about 0.1 s); without OpenCC data it is empty.
  CharFolder();
  // The folded code points of UTF-8 text; invalid bytes are dropped. Thread-safe.
  std::u32string Fold(std::string_view utf8) const;
  // The same, as UTF-8.
  std::string FoldToUtf8(std::string_view utf8) const;
  // One folder per process, built on first use.
  static const CharFolder& Shared();

 private:
  std::unordered_map<char32_t, char32_t> simplified_;
};

// True for the CJK unified ideographs (basic block and extension A).
inline bool IsHan(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF);
}

}  // namespace closeloop::text
