#include "text/quality_harness.h"

#include <chrono>
#include <cmath>
#include <set>

#include "core/text.h"
#include "text/evaluation.h"
#include "text/fasttext_model.h"
#include "text/linear_model.h"
#include "text/model_votes.h"
#include "text/noise.h"
#include "text/normalize.h"
#include "text/rules_classifier.h"
#include "text/segmenter.h"
#include "text/sentiment.h"

namespace closeloop::text {

namespace {

// A refusal of the run's options: the message names the command-line flag.
core::Status Fail(const std::string& field, const std::string& message) {
  return core::Status::Invalid(field, message);
}

// What a model reads: the normalised text, and for sentiment what text/model_votes.h adds for
// the model's kind; with the lexicon's sentiment, so a row is normalised and scored once.
class ModelInput {
 public:
  struct Row {
    std::string features;
    double lexicon_sentiment = 0;  // sentiment task only
  };
  ModelInput(const std::string& task, ModelKind kind)
      : sentiment_(task == "sentiment"), kind_(kind) {}
  Row Of(const std::string& raw) const {
    std::string normalized = normalizer_.Normalize(WithoutBom(raw));
    if (!sentiment_) return {std::move(normalized), 0};
    const Emotion emotion = scorer_.Score(normalized);
    return {SentimentModelInput(kind_, normalized, emotion), emotion.sentiment};
  }

 private:
  bool sentiment_;
  ModelKind kind_;
  Normalizer normalizer_;
  SentimentScorer scorer_;
};

// The label a task trains on: sentiment labels unified, others trimmed with spaces replaced.
std::string TaskLabel(const std::string& task, const std::string& raw) {
  if (task == "sentiment") return SentimentLabel(raw);
  std::string label = core::Trim(raw);
  for (char& c : label) {
    if (c == ' ' || c == '\t') c = '_';
  }
  return label;
}

core::Status Train(const TrainingRun& cmd, const std::vector<LabelledRow>& rows,
                   const std::vector<std::string>& adapt_texts, std::FILE* out) {
  if (cmd.out.empty()) return Fail("out", "--out is required");
  if (cmd.algo != "linear" && cmd.algo != "fasttext")
    return Fail("algo", "--algo must be linear or fasttext");
  if (!adapt_texts.empty() && cmd.algo != "linear") {
    return Fail("algo", "--adapt-data / --adapt-db need --algo linear");
  }
  const ModelKind kind = cmd.algo == "linear" ? ModelKind::kLinear : ModelKind::kFastText;
  ModelInput input(cmd.task, kind);
  std::vector<LabelledText> data;
  int unlabelled = 0;
  for (const auto& r : rows) {
    std::string label = TaskLabel(cmd.task, r.label);
    if (label.empty()) {
      ++unlabelled;
      continue;
    }
    data.push_back({input.Of(r.text).features, label});
  }
  const auto start = std::chrono::steady_clock::now();
  if (kind == ModelKind::kFastText) {
    FastTextOptions options;
    options.epoch = cmd.epoch;
    auto status = FastTextModel::Train(data, cmd.out, options);
    if (!status.ok()) return status;
  } else {
    // The lexicon's opinion of each unlabelled text steers self-training for sentiment.
    std::vector<double> prior;
    if (cmd.task == "sentiment") {
      SentimentScorer scorer;
      for (const std::string& t : adapt_texts) prior.push_back(scorer.Score(t).sentiment);
    }
    // AdaptOptions weighs the lexicon as the linear model's sentiment vote does.
    LinearOptions options;
    options.solver = cmd.solver == "own" ? SvmSolver::kOwn : SvmSolver::kLiblinear;
    auto model = LinearModel::Train(data, options, adapt_texts, prior);
    if (!model.ok()) return model.status();
    auto status = (*model)->Save(cmd.out);
    if (!status.ok()) return status;
  }
  std::fprintf(
      out, "trained %s (%s) on %zu rows (%d unreadable, %d without a label)%s in %.1f s: %s\n",
      cmd.task.c_str(), cmd.algo.c_str(), data.size(), cmd.unreadable, unlabelled,
      adapt_texts.empty()
          ? ""
          : (", adapted to " + std::to_string(adapt_texts.size()) + " unlabelled texts").c_str(),
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
      cmd.out.c_str());
  return core::Status::Ok();
}

core::Status EvalModel(const EvaluationRun& cmd, const std::vector<LabelledRow>& rows,
                       std::FILE* out) {
  auto model = LoadTextModel(cmd.model);
  if (!model.ok()) return model.status();
  const ModelKind kind = (*model)->Kind();
  ModelInput input(cmd.task, kind);
  const bool two_sided = cmd.task == "sentiment" && TwoSided((*model)->Labels());
  ConfusionMatrix matrix;
  int unlabelled = 0;
  for (const auto& r : rows) {
    std::string truth = TaskLabel(cmd.task, r.label);
    if (truth.empty()) {
      ++unlabelled;
      continue;
    }
    const ModelInput::Row row = input.Of(r.text);
    Prediction p = (*model)->Predict(row.features);
    if (two_sided && (p.label == "positive" || p.label == "negative")) {
      // Two opinions: the model (trained on other domains) and the lexicon (domain-free).
      p.label = CombinedSentiment(kind, two_sided, p, row.lexicon_sentiment) > 0 ? "positive"
                                                                                 : "negative";
    }
    matrix.Add(truth, p.label);
  }
  if (!cmd.json) {
    std::fprintf(out, "task %s, %s model %s, %s\nrows skipped: %d unreadable, %d without a label\n",
                 cmd.task.c_str(), kind == ModelKind::kLinear ? "linear" : "fastText",
                 cmd.model.c_str(), cmd.source.c_str(), cmd.unreadable, unlabelled);
  }
  std::fputs(matrix.Report(cmd.json).c_str(), out);
  return core::Status::Ok();
}

core::Status EvalSentiment(const EvaluationRun& cmd, const std::vector<LabelledRow>& rows,
                           std::FILE* out) {
  Normalizer normalizer;
  SentimentScorer scorer;
  for (const std::string& path : cmd.lexicons) {
    auto status = scorer.AddLexiconFile(path);
    if (!status.ok()) return status;
  }
  bool has_neutral = false;
  for (const auto& r : rows) has_neutral = has_neutral || SentimentLabel(r.label) == "neutral";
  int shown = 0;
  ConfusionMatrix matrix;
  int unlabelled = 0;
  for (const auto& r : rows) {
    const std::string truth = SentimentLabel(r.label);
    if (truth.empty()) {
      ++unlabelled;
      continue;
    }
    // The text may start with a byte order mark (U+FEFF); NFKC keeps it, so drop it here.
    std::string t = r.text.rfind("\xEF\xBB\xBF", 0) == 0 ? r.text.substr(3) : r.text;
    Emotion e = scorer.Score(normalizer.Normalize(t));
    std::string predicted;
    if (has_neutral && (e.hits == 0 || std::abs(e.sentiment) < 0.15)) {
      predicted = "neutral";
    } else {
      // No sentiment word at all: a complaint system's default reading is negative.
      predicted = e.sentiment > 0 ? "positive" : "negative";
    }
    matrix.Add(truth, predicted);
    if (predicted != truth && shown < cmd.show_errors) {
      ++shown;
      std::fprintf(out, "%s as %s (%.2f, %d words): %s\n", truth.c_str(), predicted.c_str(),
                   e.sentiment, e.hits, core::Utf8Prefix(t, 120).c_str());
    }
  }
  if (!cmd.json) {
    std::fprintf(out, "task sentiment, built-in scorer (closeloop lexicon%s), %s\n",
                 cmd.lexicons.empty() ? "" : " + user lexicons", cmd.source.c_str());
    std::fprintf(out, "rows skipped: %d unreadable, %d with an unknown label\n", cmd.unreadable,
                 unlabelled);
  }
  std::fputs(matrix.Report(cmd.json).c_str(), out);
  return core::Status::Ok();
}

// Labels of the file that are no type (or category) of closeloop's: a file whose labels are all
// such is most likely read with the wrong --label-col, and its accuracy of 0 means nothing.
void WarnAboutForeignLabels(const EvaluationRun& cmd, const std::vector<LabelledRow>& rows) {
  const std::set<std::string> known(cmd.known_labels.begin(), cmd.known_labels.end());
  if (known.empty()) return;
  size_t foreign = 0;
  std::string example;
  for (const auto& r : rows) {
    const std::string label = core::Trim(r.label);
    if (known.count(label)) continue;
    ++foreign;
    if (example.empty()) example = label;
  }
  if (foreign == 0) return;
  std::string list;
  for (const std::string& k : known) list += (list.empty() ? "" : ", ") + k;
  std::fprintf(stderr,
               "warning: %zu of %zu labels are not %s labels (%s), e.g. '%s'; is --label-col "
               "right?\n",
               foreign, rows.size(), cmd.task.c_str(), list.c_str(), example.c_str());
}

// Type and category by the default rules: the label the rules give, "none" (type) or "other"
// (category) when no rule fires.
core::Status EvalRules(const EvaluationRun& cmd, const std::vector<LabelledRow>& rows,
                       std::FILE* out) {
  WarnAboutForeignLabels(cmd, rows);
  if (!cmd.model.empty()) {
    return Fail("model", "trained " + cmd.task + " models are not built yet; run without --model");
  }
  Normalizer normalizer;
  const RulesClassifier rules = cmd.task == "type" ? DefaultTypeRules() : DefaultCategoryRules();
  const std::string fallback = cmd.task == "type" ? "none" : "other";
  ConfusionMatrix matrix;
  int shown = 0;
  for (const auto& r : rows) {
    Classification c = rules.Classify(normalizer.Normalize(r.text));
    const std::string truth = core::Trim(r.label);
    const std::string predicted = c.label.empty() ? fallback : c.label;
    matrix.Add(truth, predicted);
    if (predicted != truth && shown < cmd.show_errors) {
      ++shown;
      std::string fired;
      for (const std::string& m : c.matched) fired += (fired.empty() ? "" : " ") + m;
      std::fprintf(out, "%s as %s (%s): %s\n", truth.c_str(), predicted.c_str(), fired.c_str(),
                   core::Utf8Prefix(r.text, 120).c_str());
    }
  }
  if (!cmd.json) {
    std::fprintf(out, "task %s, default rules, %s\nrows skipped: %d unreadable\n", cmd.task.c_str(),
                 cmd.source.c_str(), cmd.unreadable);
  }
  std::fputs(matrix.Report(cmd.json).c_str(), out);
  return core::Status::Ok();
}

// The noise detectors (gibberish, abusive) on texts labelled 1 (should be flagged) or 0.
core::Status EvalNoise(const EvaluationRun& cmd, const std::vector<LabelledRow>& rows,
                       std::FILE* out) {
  if (!cmd.model.empty()) {
    return Fail("model", "the " + cmd.task + " detector is built in; drop --model");
  }
  Normalizer normalizer;
  Segmenter segmenter;
  SentimentScorer scorer;
  const RulesClassifier types = DefaultTypeRules();
  const RulesClassifier categories = DefaultCategoryRules();
  ConfusionMatrix matrix;
  int unlabelled = 0, shown = 0;
  for (const auto& r : rows) {
    const std::string label = core::AsciiLower(core::Trim(r.label));
    const bool truth_flagged = label == "1" || label == cmd.task || label == "yes";
    if (!truth_flagged && label != "0" && label != "no") {
      ++unlabelled;
      continue;
    }
    const std::string normalized = normalizer.Normalize(WithoutBom(r.text));
    // As the pipeline decides (app/text_analyzer.cpp): known words from the lexicon and rules.
    const bool known_word = scorer.Score(normalized).hits > 0 ||
                            !types.Classify(normalized).matched.empty() ||
                            !categories.Classify(normalized).matched.empty();
    const bool flagged = cmd.task == "gibberish" ? IsGibberish(normalized, known_word, segmenter)
                                                 : ContainsAbuse(normalized);
    matrix.Add(truth_flagged ? "flagged" : "clean", flagged ? "flagged" : "clean");
    if (flagged != truth_flagged && shown < cmd.show_errors) {
      ++shown;
      std::fprintf(out, "%s: %s\n", flagged ? "wrongly flagged" : "missed",
                   core::Utf8Prefix(r.text, 120).c_str());
    }
  }
  if (!cmd.json) {
    std::fprintf(
        out, "task %s, built-in detector, %s\nrows skipped: %d unreadable, %d without a label\n",
        cmd.task.c_str(), cmd.source.c_str(), cmd.unreadable, unlabelled);
  }
  std::fputs(matrix.Report(cmd.json).c_str(), out);
  return core::Status::Ok();
}

}  // namespace

std::string SentimentLabel(const std::string& raw) {
  const std::string l = core::AsciiLower(core::Trim(raw));
  if (l == "0" || l == "neg" || l == "negative" || l == "-1") return "negative";
  if (l == "1" || l == "pos" || l == "positive") return "positive";
  if (l == "neutral" || l == "neu" || l == "2") return "neutral";
  return "";
}

std::string WithoutBom(const std::string& text) {
  return text.rfind("\xEF\xBB\xBF", 0) == 0 ? text.substr(3) : text;
}

core::Status EvaluateLabelled(const EvaluationRun& run, const std::vector<LabelledRow>& rows,
                              std::FILE* out) {
  if (!run.model.empty()) return EvalModel(run, rows, out);
  if (run.task == "sentiment") return EvalSentiment(run, rows, out);
  if (run.task == "type" || run.task == "category") return EvalRules(run, rows, out);
  if (run.task == "gibberish" || run.task == "abusive") return EvalNoise(run, rows, out);
  return Fail("task",
              "unknown task '" + run.task + "' (sentiment, type, category, gibberish, abusive)");
}

core::Status TrainLabelled(const TrainingRun& run, const std::vector<LabelledRow>& rows,
                           const std::vector<std::string>& adapt_texts, std::FILE* out) {
  return Train(run, rows, adapt_texts, out);
}

}  // namespace closeloop::text
