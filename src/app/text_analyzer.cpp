#include "app/text_analyzer.h"

#include "core/text.h"
#include "text/near_duplicates.h"
#include "text/noise.h"
#include "text/normalize.h"
#include "text/rules_classifier.h"
#include "text/sentiment.h"

namespace closeloop::app {

namespace {

class RulesAndLexiconAnalyzer final : public domain::TextAnalyzer {
 public:
  RulesAndLexiconAnalyzer()
      : types_(text::DefaultTypeRules()), categories_(text::DefaultCategoryRules()) {}

  domain::TextAnalysis Analyze(const std::string& title,
                               const std::string& description) const override {
    const std::string normalized = normalizer_.Normalize(title + "\n" + description);
    domain::TextAnalysis a;
    text::Emotion emotion = scorer_.Score(normalized);
    a.sentiment = emotion.sentiment;
    a.agitation = emotion.agitation;
    text::Classification type = types_.Classify(normalized);
    if (!type.label.empty()) {
      a.suggested_type = domain::ParseComplaintType(type.label);
      a.type_confidence = type.confidence;
    }
    text::Classification category = categories_.Classify(normalized);
    a.suggested_category = category.label.empty() ? "other" : category.label;
    a.category_confidence = category.confidence;
    a.rules_fired = type.matched;
    a.rules_fired.insert(a.rules_fired.end(), category.matched.begin(), category.matched.end());
    if (text::LooksLikeGibberish(normalized)) a.flags.push_back("gibberish");
    if (text::ContainsAbuse(normalized)) a.flags.push_back("abusive");
    return a;
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
  text::Normalizer normalizer_;
  text::SentimentScorer scorer_;
  text::RulesClassifier types_;
  text::RulesClassifier categories_;
};

}  // namespace

std::unique_ptr<domain::TextAnalyzer> MakeTextAnalyzer() {
  return std::make_unique<RulesAndLexiconAnalyzer>();
}

}  // namespace closeloop::app
