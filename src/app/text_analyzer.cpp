#include "app/text_analyzer.h"

#include <algorithm>
#include <mutex>
#include <unordered_set>

#include "core/text.h"
#include "text/near_duplicates.h"
#include "text/noise.h"
#include "text/normalize.h"
#include "text/rules_classifier.h"
#include "text/segmenter.h"
#include "text/sentiment.h"

namespace closeloop::app {

namespace {

class RulesAndLexiconAnalyzer final : public domain::TextAnalyzer {
 public:
  RulesAndLexiconAnalyzer()
      : types_(std::make_shared<const text::RulesClassifier>(text::DefaultTypeRules())),
        categories_(std::make_shared<const text::RulesClassifier>(text::DefaultCategoryRules())) {}

  domain::TextAnalysis Analyze(const std::string& title,
                               const std::string& description) const override {
    const std::string normalized = normalizer_.Normalize(title + "\n" + description);
    domain::TextAnalysis a;
    text::Emotion emotion = scorer_.Score(normalized);
    a.sentiment = emotion.sentiment;
    a.agitation = emotion.agitation;
    std::shared_ptr<const text::RulesClassifier> types, categories;
    {
      std::lock_guard lock(rules_mutex_);
      types = types_;
      categories = categories_;
    }
    text::Classification type = types->Classify(normalized);
    if (!type.label.empty()) {
      a.suggested_type = domain::ParseComplaintType(type.label);
      a.type_confidence = type.confidence;
    }
    text::Classification category = categories->Classify(normalized);
    a.suggested_category = category.label.empty() ? "other" : category.label;
    a.category_confidence = category.confidence;
    a.rules_fired = type.matched;
    a.rules_fired.insert(a.rules_fired.end(), category.matched.begin(), category.matched.end());
    if (text::LooksLikeGibberish(normalized)) a.flags.push_back("gibberish");
    if (text::ContainsAbuse(normalized)) a.flags.push_back("abusive");
    return a;
  }

  std::vector<std::string> KeyTerms(const std::string& text, size_t limit) const override {
    static const std::unordered_set<std::string> kStopwords = {
        "我们", "你们", "他们", "这个", "那个", "什么", "没有", "一个", "已经",   "因为",
        "所以", "但是", "就是", "还是", "可以", "不是", "自己", "这样", "怎么",   "现在",
        "而且", "然后", "如果", "一下", "时候", "真的", "非常", "问题", "有问题", "处理",
        "尽快", "麻烦", "谢谢", "请问", "希望", "the",  "and",  "for",  "with",   "this",
        "that", "was",  "are",  "you",  "have", "not",  "but",  "they"};
    std::vector<std::string> dictionary_words, other_words;
    std::unordered_set<std::string> seen;
    for (std::string& word : segmenter_->Segment(normalizer_.Normalize(text))) {
      if (core::Utf8Length(word) < 2 || kStopwords.count(word) || !seen.insert(word).second) {
        continue;
      }
      (segmenter_->InDictionary(word) ? dictionary_words : other_words).push_back(std::move(word));
    }
    std::stable_sort(other_words.begin(), other_words.end(), [](const auto& a, const auto& b) {
      return core::Utf8Length(a) > core::Utf8Length(b);
    });
    dictionary_words.insert(dictionary_words.end(), other_words.begin(), other_words.end());
    if (dictionary_words.size() > limit) dictionary_words.resize(limit);
    return dictionary_words;
  }

  void SetDomainWords(const std::vector<std::string>& words) const override {
    segmenter_->SetExtraWords(words);
  }

  std::string RulesText(const std::string& rule_set) const override {
    std::lock_guard lock(rules_mutex_);
    return text::FormatRules(rule_set == "type" ? types_->rules() : categories_->rules());
  }

  core::Status ReplaceRules(const std::string& rule_set, const std::string& text,
                            const std::vector<std::string>& labels) const override {
    if (rule_set != "type" && rule_set != "category") {
      return core::Status::NotFound("no rule set '" + rule_set + "' (type, category)");
    }
    text::RulesClassifier next =
        rule_set == "type" ? text::DefaultTypeRules() : text::DefaultCategoryRules();
    if (!text.empty()) {
      auto parsed = text::ParseRules(text, labels);
      if (!parsed.ok()) return parsed.status();
      // Keywords match normalised text, so they are normalised the same way.
      for (auto& [label, keywords] : *parsed) {
        for (auto& k : keywords) k.text = normalizer_.Normalize(k.text);
      }
      next = text::RulesClassifier(std::move(*parsed));
    }
    auto replacement = std::make_shared<const text::RulesClassifier>(std::move(next));
    std::lock_guard lock(rules_mutex_);
    (rule_set == "type" ? types_ : categories_) = std::move(replacement);
    return core::Status::Ok();
  }

  std::uint64_t Fingerprint(const std::string& title,
                            const std::string& description) const override {
    return text::SimHash(FeaturesOf(title, description));
  }

  std::vector<double> Similarities(const domain::Complaint& complaint,
                                   const std::vector<domain::Complaint>& others) const override {
    const text::Features mine = FeaturesOf(complaint.title, complaint.description);
    std::vector<double> out;
    out.reserve(others.size());
    for (const auto& other : others) {
      out.push_back(text::Cosine(mine, FeaturesOf(other.title, other.description)));
    }
    return out;
  }

 private:
  // Uniform weights: reposts share their characters whatever their frequency. Reposts are the
  // same text give or take punctuation and case, so the costly normalisation (ICU, OpenCC: a
  // traditional repost of a simplified text is missed) is skipped here: a duplicate check reads
  // up to 16 earlier texts.
  text::Features FeaturesOf(const std::string& title, const std::string& description) const {
    return text::FeaturesOf(core::AsciiLower(title + "\n" + description), uniform_);
  }

  text::FeatureWeights uniform_;
  std::unique_ptr<text::Segmenter> segmenter_ = std::make_unique<text::Segmenter>();
  text::Normalizer normalizer_;
  text::SentimentScorer scorer_;
  mutable std::mutex rules_mutex_;  // guards the two pointers; the classifiers are immutable
  mutable std::shared_ptr<const text::RulesClassifier> types_;
  mutable std::shared_ptr<const text::RulesClassifier> categories_;
};

}  // namespace

std::unique_ptr<domain::TextAnalyzer> MakeTextAnalyzer() {
  return std::make_unique<RulesAndLexiconAnalyzer>();
}

}  // namespace closeloop::app
