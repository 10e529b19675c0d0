#include "text_adapters/text_analyzer.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <unordered_set>

#include "core/text.h"
#include "domain/analysis/entities.h"
#include "domain/complaint/entities.h"
#include "text/char_folder.h"
#include "text/fasttext_model.h"
#include "text/model_votes.h"
#include "text/near_duplicates.h"
#include "text/noise.h"
#include "text/normalize.h"
#include "text/rules_classifier.h"
#include "text/script_converter.h"
#include "text/segmenter.h"
#include "text/sentiment.h"

namespace closeloop::text_adapters {

namespace {

class RulesAndLexiconAnalyzer final : public domain::TextAnalyzer {
 public:
  RulesAndLexiconAnalyzer()
      : types_(std::make_shared<const text::RulesClassifier>(text::DefaultTypeRules())),
        categories_(std::make_shared<const text::RulesClassifier>(text::DefaultCategoryRules())),
        safety_(std::make_shared<const text::RulesClassifier>(text::DefaultSafetyRules())) {}

  core::Status AddLexiconFile(const std::string& path) { return scorer_.AddLexiconFile(path); }

  domain::TextAnalysis Analyze(const std::string& title,
                               const std::string& description) const override {
    const std::string normalized = normalizer_.Normalize(title + "\n" + description);
    domain::TextAnalysis a;
    text::Emotion emotion = scorer_.Score(normalized);
    a.sentiment = emotion.sentiment;
    a.agitation = emotion.agitation;
    std::shared_ptr<const text::RulesClassifier> types, categories, safety;
    {
      std::lock_guard lock(rules_mutex_);
      types = types_;
      categories = categories_;
      safety = safety_;
    }
    text::Classification type = types->Classify(normalized);
    std::string type_source = "rules";
    if (!type.label.empty()) {
      a.suggested_type = domain::ParseComplaintType(type.label);
      a.type_confidence = type.confidence;
    }
    if (auto p = Predict("type", normalized, type_source)) {
      if (auto parsed = domain::ParseComplaintType(p->label)) {
        a.suggested_type = parsed;
        a.type_confidence = p->probability;
      } else {
        type_source = "rules";
      }
    }
    text::Classification category = categories->Classify(normalized);
    std::string category_source = "rules";
    a.suggested_category = category.label.empty() ? "other" : category.label;
    a.category_confidence = category.confidence;
    if (auto p = Predict("category", normalized, category_source)) {
      a.suggested_category = p->label;
      a.category_confidence = p->probability;
    }
    std::string sentiment_source = "lexicon";
    const LoadedModel sentiment = ModelFor("sentiment");
    if (sentiment.model) {
      const text::ModelKind kind = sentiment.model->Kind();
      a.sentiment = text::CombinedSentiment(
          kind, sentiment.two_sided,
          sentiment.model->Predict(text::SentimentModelInput(kind, normalized, emotion)),
          emotion.sentiment);
      sentiment_source = "model-v" + std::to_string(sentiment.version);
    }
    a.sources =
        "type:" + type_source + " category:" + category_source + " sentiment:" + sentiment_source;
    a.rules_fired = type.matched;
    a.rules_fired.insert(a.rules_fired.end(), category.matched.begin(), category.matched.end());
    const bool known_word = emotion.hits > 0 || !type.matched.empty() || !category.matched.empty();
    if (text::IsGibberish(normalized, known_word, *segmenter_)) a.flags.push_back("gibberish");
    if (text::ContainsAbuse(normalized)) a.flags.push_back("abusive");
    const text::Classification harm = safety->Classify(normalized);
    if (!harm.label.empty()) {
      a.flags.push_back("safety");
      a.rules_fired.insert(a.rules_fired.end(), harm.matched.begin(), harm.matched.end());
    }
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

  std::vector<std::string> ScriptVariants(const std::string& term) const override {
    std::vector<std::string> out = {term};
    for (std::string v : {scripts_.ToSimplified(term), scripts_.ToTraditional(term)}) {
      if (std::find(out.begin(), out.end(), v) == out.end()) out.push_back(std::move(v));
    }
    return out;
  }

  bool LooksTraditional(const std::string& text) const override {
    return scripts_.LooksTraditional(text);
  }

  std::string ToTraditional(const std::string& text) const override {
    return scripts_.ToTraditional(text);
  }

  core::Result<TrainingReport> TrainModel(
      const std::string& task, const std::vector<std::pair<std::string, std::string>>& examples,
      const std::string& path) const override {
    if (task != "type" && task != "category" && task != "sentiment") {
      return core::Status::Invalid("task", "no task '" + task + "' (type, category, sentiment)");
    }
    std::vector<text::LabelledText> training, holdout;
    for (size_t i = 0; i < examples.size(); ++i) {
      std::string input = normalizer_.Normalize(examples[i].first);
      if (task == "sentiment") {
        input = text::SentimentModelInput(text::ModelKind::kFastText, input, scorer_.Score(input));
      }
      (i % 10 == 9 ? holdout : training).push_back({std::move(input), examples[i].second});
    }
    if (training.empty() || holdout.empty()) {
      return core::Status::Invalid("examples", "too few examples to train and measure");
    }
    // A small hash bucket keeps a model file at about 4 MB (200,000 buckets: 40 MB).
    text::FastTextOptions options;
    options.bucket = 20000;
    CL_RETURN_IF_ERROR(text::FastTextModel::Train(training, path, options));
    auto model = text::FastTextModel::Load(path);
    if (!model.ok()) return model.status();
    std::shared_ptr<const text::RulesClassifier> rules;
    {
      std::lock_guard lock(rules_mutex_);
      rules = task == "type" ? types_ : categories_;
    }
    TrainingReport report;
    report.training_rows = static_cast<int>(training.size());
    report.holdout_rows = static_cast<int>(holdout.size());
    int model_right = 0, rules_right = 0;
    for (const auto& row : holdout) {
      model_right += (*model)->Predict(row.text).label == row.label;
      std::string by_rules;
      if (task == "sentiment") {
        by_rules = scorer_.Score(row.text).sentiment >= 0 ? "positive" : "negative";
      } else {
        by_rules = rules->Classify(row.text).label;
        if (by_rules.empty() && task == "category") by_rules = "other";
      }
      rules_right += by_rules == row.label;
    }
    report.holdout_accuracy = static_cast<double>(model_right) / report.holdout_rows;
    report.rules_accuracy = static_cast<double>(rules_right) / report.holdout_rows;
    return report;
  }

  core::Status CheckModel(const std::string& path,
                          const std::vector<std::string>& labels) const override {
    return LoadChecked(path, labels).status();
  }

  core::Status UseModel(const std::string& task, const std::string& path, int version,
                        double threshold, const std::vector<std::string>& labels) const override {
    auto model = LoadChecked(path, labels);
    if (!model.ok()) return model.status();
    const bool two_sided = text::TwoSided((*model)->Labels());
    std::lock_guard lock(models_mutex_);
    models_[task] = {std::shared_ptr<const text::TextModel>(std::move(*model)), version, threshold,
                     two_sided};
    return core::Status::Ok();
  }

  void DropModel(const std::string& task) const override {
    std::lock_guard lock(models_mutex_);
    models_.erase(task);
  }

  ModelInUseInfo ModelInUse(const std::string& task) const override {
    const LoadedModel m = ModelFor(task);
    return {m.version, m.model ? m.threshold : 0};
  }

  std::string RulesText(const std::string& rule_set) const override {
    std::lock_guard lock(rules_mutex_);
    return text::FormatRules(Slot(rule_set)->rules());
  }

  core::Status ReplaceRules(const std::string& rule_set, const std::string& text,
                            const std::vector<std::string>& labels) const override {
    if (rule_set != "type" && rule_set != "category" && rule_set != "safety") {
      return core::Status::NotFound("no rule set '" + rule_set + "' (type, category, safety)");
    }
    text::RulesClassifier next = rule_set == "type"       ? text::DefaultTypeRules()
                                 : rule_set == "category" ? text::DefaultCategoryRules()
                                                          : text::DefaultSafetyRules();
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
    Slot(rule_set) = std::move(replacement);
    return core::Status::Ok();
  }

  // The rules of a set (type, category, safety); callers hold rules_mutex_.
  std::shared_ptr<const text::RulesClassifier>& Slot(const std::string& rule_set) const {
    if (rule_set == "type") return types_;
    if (rule_set == "safety") return safety_;
    return categories_;
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
  // same text give or take punctuation, width, case and script, so the fast character folding
  // (traditional to simplified one character at a time) replaces the costly normalisation: a
  // duplicate check reads up to 16 earlier texts.
  text::Features FeaturesOf(const std::string& title, const std::string& description) const {
    return text::FeaturesOf(text::CharFolder::Shared().FoldToUtf8(title + "\n" + description),
                            uniform_);
  }

  static core::Result<std::unique_ptr<text::TextModel>> LoadChecked(
      const std::string& path, const std::vector<std::string>& labels) {
    auto model = text::LoadTextModel(path);
    if (!model.ok()) return model.status();
    std::string foreign;
    for (const std::string& label : (*model)->Labels()) {
      if (std::find(labels.begin(), labels.end(), label) == labels.end()) {
        foreign += (foreign.empty() ? "" : ", ") + label;
      }
    }
    if (!foreign.empty()) {
      return core::Status::Invalid("model",
                                   path + " predicts labels this task does not have: " + foreign);
    }
    return model;
  }

  struct LoadedModel {
    std::shared_ptr<const text::TextModel> model;
    int version = 0;
    double threshold = 1;
    bool two_sided = false;  // text::TwoSided of its labels
  };
  LoadedModel ModelFor(const std::string& task) const {
    std::lock_guard lock(models_mutex_);
    auto it = models_.find(task);
    return it == models_.end() ? LoadedModel{} : it->second;
  }
  // The task's model's label when one is loaded and sure enough; `source` names the version.
  std::optional<text::Prediction> Predict(const std::string& task, const std::string& normalized,
                                          std::string& source) const {
    const LoadedModel m = ModelFor(task);
    if (!m.model) return std::nullopt;
    text::Prediction p = m.model->Predict(normalized);
    if (p.label.empty() || p.probability < m.threshold) return std::nullopt;
    source = "model-v" + std::to_string(m.version);
    return p;
  }

  mutable std::mutex models_mutex_;
  mutable std::map<std::string, LoadedModel> models_;
  text::FeatureWeights uniform_;
  std::unique_ptr<text::Segmenter> segmenter_ = std::make_unique<text::Segmenter>();
  text::Normalizer normalizer_;
  text::SentimentScorer scorer_;
  mutable std::mutex rules_mutex_;  // guards the two pointers; the classifiers are immutable
  mutable std::shared_ptr<const text::RulesClassifier> types_;
  mutable std::shared_ptr<const text::RulesClassifier> categories_;
  mutable std::shared_ptr<const text::RulesClassifier> safety_;
  text::ScriptConverter scripts_;
};

}  // namespace

core::Result<std::unique_ptr<domain::TextAnalyzer>> MakeTextAnalyzer(
    const std::vector<std::string>& user_lexicons) {
  auto analyzer = std::make_unique<RulesAndLexiconAnalyzer>();
  for (const std::string& path : user_lexicons) {
    CL_RETURN_IF_ERROR(analyzer->AddLexiconFile(path));
  }
  return std::unique_ptr<domain::TextAnalyzer>(std::move(analyzer));
}

}  // namespace closeloop::text_adapters
