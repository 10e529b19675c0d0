#include "text/sentiment.h"

#include <algorithm>
#include <cmath>
#include <fstream>

#include "core/text.h"
#include "text/lexicon_builtin.h"

namespace closeloop::text {

namespace {

bool IsWordChar(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'';
}

// Clause ends: Chinese and ASCII punctuation that separates thoughts.
bool IsClauseEnd(std::string_view ch) {
  static const std::string_view kEnds[] = {"，", "。", "！", "？", "；", "、", "…",  ",", ".",
                                           "!",  "?",  ";",  "\n", "~",  "～", "：", ":"};
  return std::find(std::begin(kEnds), std::end(kEnds), ch) != std::end(kEnds);
}

}  // namespace

SentimentScorer::SentimentScorer() { AddBuiltinLexicon(*this); }

void SentimentScorer::Add(const std::string& word, LexiconRole role, double weight) {
  if (word.empty()) return;
  if (role == LexiconRole::kAgitation) {
    agitation_[word] = weight;
  } else {
    entries_[word] = {role, weight};
  }
  max_chars_ = std::max(max_chars_, core::Utf8Length(word));
}

core::Status SentimentScorer::AddLexiconFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return core::Status::Invalid("lexicon", "cannot open " + path);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::string trimmed = core::Trim(line);
    if (trimmed.empty() || trimmed[0] == '#') continue;
    size_t tab = trimmed.find('\t');
    double weight = 0;
    try {
      if (tab == std::string::npos) throw std::invalid_argument("no tab");
      weight = std::stod(trimmed.substr(tab + 1));
    } catch (const std::exception&) {
      return core::Status::Invalid(
          "lexicon", path + ":" + std::to_string(number) + ": expected word<TAB>weight");
    }
    std::string word = core::Trim(trimmed.substr(0, tab));
    if (!core::IsValidUtf8(word) || word.empty() || weight == 0 || std::fabs(weight) > 5) {
      return core::Status::Invalid("lexicon", path + ":" + std::to_string(number) +
                                                  ": a word and a weight in [-5, 5], not 0");
    }
    Add(core::AsciiLower(word), LexiconRole::kSentiment, weight);
  }
  return core::Status::Ok();
}

Emotion SentimentScorer::Score(std::string_view text) const {
  double before_contrast = 0;  // the score up to the last contrast word
  double score = 0;
  double negative = 0;  // sum of negative contributions, for agitation
  int hits = 0;
  double agitation_words = 0;
  int exclamations = 0;
  int repeated_marks = 0;
  int repeated_chars = 0;

  // Modifiers waiting for the next sentiment word in this clause.
  int negations = 0;
  int negation_age = 0;
  double degree = 1.0;
  bool requested = false;  // a request came before: courtesy is a formula
  std::string_view previous_char;
  int same_run = 0;

  auto reset_clause = [&] {
    negations = 0;
    degree = 1.0;
  };
  auto apply = [&](const std::string& token) {
    if (auto a = agitation_.find(token); a != agitation_.end()) agitation_words += a->second;
    auto it = entries_.find(token);
    if (it == entries_.end()) {
      if (++negation_age > 3) negations = 0;  // negation reaches three words ahead
      return false;
    }
    const Entry& e = it->second;
    switch (e.role) {
      case LexiconRole::kNegation:
        ++negations;
        negation_age = 0;
        break;
      case LexiconRole::kDegree:
        degree *= e.weight;
        break;
      case LexiconRole::kContrast:
        before_contrast = (before_contrast + score) * 0.5;
        score = 0;
        reset_clause();
        break;
      case LexiconRole::kSentiment: {
        double value = e.weight * degree;
        if (negations % 2 == 1) value = value > 0 ? -value : -0.5 * value;
        score += value;
        if (value < 0) negative -= value;
        ++hits;
        reset_clause();
        break;
      }
      case LexiconRole::kAgitation:
        break;
      case LexiconRole::kNeutral:
        if (++negation_age > 3) negations = 0;  // an ordinary word
        break;
      case LexiconRole::kRequest:
        requested = true;
        if (++negation_age > 3) negations = 0;
        break;
      case LexiconRole::kCourtesy:
        if (requested) break;  // "请尽快处理，谢谢": a formula
        score += e.weight * degree;
        ++hits;
        reset_clause();
        break;
    }
    return true;
  };

  size_t i = 0;
  while (i < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (IsWordChar(c)) {
      size_t end = i;
      while (end < text.size() && IsWordChar(static_cast<unsigned char>(text[end]))) ++end;
      apply(std::string(text.substr(i, end - i)));
      previous_char = {};
      i = end;
      continue;
    }
    const size_t len = std::min(core::Utf8CharLength(c), text.size() - i);
    std::string_view ch = text.substr(i, len);
    if (ch == previous_char) {
      if (++same_run == 2) {
        if (ch == "!" || ch == "！" || ch == "?" || ch == "？") {
          ++repeated_marks;
        } else if (len > 1) {
          ++repeated_chars;  // 啊啊啊, 气气气
        }
      }
    } else {
      same_run = 0;
    }
    previous_char = ch;
    if (ch == "!" || ch == "！") ++exclamations;
    if (IsClauseEnd(ch) || c == ' ' || c == '\t') {
      if (IsClauseEnd(ch)) reset_clause();
      i += len;
      continue;
    }
    // Longest lexicon entry starting here (forward maximum matching).
    bool matched = false;
    if (len > 1) {
      size_t ends[16];
      size_t count = 0;
      size_t j = i;
      while (j < text.size() && count < std::min<size_t>(max_chars_, 16)) {
        const unsigned char cj = static_cast<unsigned char>(text[j]);
        if (cj < 0x80) break;  // CJK entries do not span ASCII
        j += std::min(core::Utf8CharLength(cj), text.size() - j);
        ends[count++] = j;
      }
      for (size_t k = count; k > 0 && !matched; --k) {
        std::string token(text.substr(i, ends[k - 1] - i));
        if (entries_.count(token) || agitation_.count(token)) {
          apply(token);
          i = ends[k - 1];
          matched = true;
        }
      }
    }
    if (!matched) {
      if (++negation_age > 3) negations = 0;
      i += len;
    }
  }

  Emotion e;
  const double total = before_contrast + score;
  e.hits = hits;
  e.sentiment = std::tanh(total / 3.0);
  double agitation = std::min(45.0, negative * 9.0) + std::min(20, exclamations * 5) +
                     std::min(15, repeated_marks * 8) + std::min(10, repeated_chars * 5) +
                     std::min(50.0, agitation_words);
  e.agitation = static_cast<int>(std::lround(std::clamp(agitation, 0.0, 100.0)));
  return e;
}

}  // namespace closeloop::text
