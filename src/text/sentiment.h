// Emotion of a text (R-2.4): sentiment in [-1, 1] and agitation 0-100, from a lexicon the
// project writes itself (lexicon_builtin.cpp) plus optional user lexicon files, with negation,
// degree adverbs, contrast ("但是" / "but": the later clause counts more), exclamation and
// repetition cues. Works on normalised text (text/normalize.h): simplified Chinese and English.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"

namespace closeloop::text {

struct Emotion {
  double sentiment = 0;  // -1 very negative … +1 very positive; 0 when nothing was found
  int agitation = 0;     // 0 calm … 100 furious
  int hits = 0;          // sentiment words found
};

// kNeutral: a word that contains a sentiment word but carries none (快递 "express delivery" holds
// 快 "fast"; 好像 "seems" holds 好 "good"); the longest match takes it, so it counts for nothing.
// kRequest: a request (请, 麻烦, 希望, 尽快, please) after which courtesy (kCourtesy: 谢谢, thanks)
// is a formula closing the complaint, not praise; courtesy before any request counts as positive.
enum class LexiconRole {
  kSentiment,
  kNegation,
  kDegree,
  kContrast,
  kAgitation,
  kNeutral,
  kRequest,
  kCourtesy
};

class SentimentScorer {
 public:
  // The built-in lexicon.
  SentimentScorer();
  // Adds entries from a UTF-8 file of "word<TAB>weight" lines (weight > 0 positive, < 0
  // negative); "#" starts a comment. Fails naming the line for a malformed one.
  core::Status AddLexiconFile(const std::string& path);
  void Add(const std::string& word, LexiconRole role, double weight);

  Emotion Score(std::string_view normalized) const;

 private:
  struct Entry {
    LexiconRole role;
    double weight;
  };
  std::unordered_map<std::string, Entry> entries_;
  std::unordered_map<std::string, double> agitation_;  // a word may also carry sentiment
  size_t max_chars_ = 1;
};

}  // namespace closeloop::text
