#include "app/model_commands.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "app/wiring.h"
#include "core/csv.h"
#include "core/text.h"
#include "domain/analysis/models.h"
#include "domain/context.h"
#include "ingest/record_readers.h"
#include "text/evaluation.h"
#include "text/fasttext_model.h"
#include "text/linear_model.h"
#include "text/model_votes.h"
#include "text/noise.h"
#include "text/normalize.h"
#include "text/rules_classifier.h"
#include "text/segmenter.h"
#include "text/sentiment.h"

namespace closeloop::app {

namespace {

int Fail(const std::string& message) {
  std::fprintf(stderr, "error: %s\n", message.c_str());
  return 1;
}

struct LabelledRow {
  std::string text;
  std::string label;
};

// COL=V1,V2 → (COL, {V1, V2}).
bool ParseFilter(const std::string& spec, std::string& column, std::set<std::string>& values) {
  size_t eq = spec.find('=');
  if (eq == std::string::npos || eq == 0) return false;
  column = spec.substr(0, eq);
  for (const auto& v : core::Split(spec.substr(eq + 1), ',')) values.insert(core::Trim(v));
  return !values.empty();
}

struct Filter {
  std::string column;
  std::set<std::string> values;
  bool keep_matching;
};

// Reads the text and label columns of every row that passes the filters; counts bad rows.
bool ReadRows(const ModelCommand& cmd, const std::vector<Filter>& filters,
              std::vector<LabelledRow>& rows, int& bad, std::string& error) {
  std::ifstream in(cmd.data, std::ios::binary);
  if (!in) {
    error = "cannot open " + cmd.data;
    return false;
  }
  const std::string format = cmd.format.empty() ? ingest::FormatFromFileName(cmd.data) : cmd.format;
  long row_index = -1;  // data row, in file order
  auto keep = [&](const std::function<std::string(const std::string&)>& get) {
    if (!cmd.split.empty()) {
      const bool test_row = row_index % cmd.test_every == 0;
      if (test_row != (cmd.split == "test")) return false;
    }
    for (const Filter& f : filters) {
      if (f.values.count(get(f.column)) != static_cast<size_t>(f.keep_matching)) return false;
    }
    return true;
  };
  if (format == "jsonl") {
    std::string line;
    while (std::getline(in, line)) {
      if (core::Trim(line).empty()) continue;
      ++row_index;
      auto doc = nlohmann::json::parse(line, nullptr, false);
      auto field = [&](const std::string& name) -> std::string {
        if (!doc.is_object() || !doc.contains(name)) return {};
        const auto& v = doc[name];
        return v.is_string() ? v.get<std::string>() : v.dump();
      };
      if (!doc.is_object() || !doc.contains(cmd.text_col) ||
          (!cmd.label_col.empty() && !doc.contains(cmd.label_col))) {
        ++bad;
        continue;
      }
      if (keep(field)) {
        rows.push_back({field(cmd.text_col), cmd.label_col.empty() ? "" : field(cmd.label_col)});
      }
    }
    return true;
  }
  if (format != "csv" && format != "tsv") {
    error = "--format must be csv, tsv or jsonl";
    return false;
  }
  core::CsvReader reader(in, format == "csv" ? ',' : '\t');
  std::vector<std::string> header, cells;
  std::string row_error;
  if (!reader.Next(header, row_error)) {
    error = cmd.data + " is empty";
    return false;
  }
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < header.size(); ++i) index[core::Trim(header[i])] = i;
  for (const std::string& col : {cmd.text_col, cmd.label_col}) {
    if (!col.empty() && !index.count(col)) {
      error = "no column '" + col + "' in " + cmd.data;
      return false;
    }
  }
  for (const Filter& f : filters) {
    if (!index.count(f.column)) {
      error = "no column '" + f.column + "' in " + cmd.data;
      return false;
    }
  }
  while (reader.Next(cells, row_error)) {
    ++row_index;
    if (!row_error.empty() || cells.size() != header.size()) {
      ++bad;
      continue;
    }
    auto field = [&](const std::string& name) { return core::Trim(cells[index.at(name)]); };
    std::string text = cells[index.at(cmd.text_col)];
    if (!core::IsValidUtf8(text)) {
      ++bad;
      continue;
    }
    if (keep(field)) rows.push_back({text, cmd.label_col.empty() ? "" : field(cmd.label_col)});
  }
  return true;
}

// Labels as the sentiment task names them: 0/neg/negative, 1/pos/positive, neutral.
std::string SentimentLabel(const std::string& raw) {
  const std::string l = core::AsciiLower(core::Trim(raw));
  if (l == "0" || l == "neg" || l == "negative" || l == "-1") return "negative";
  if (l == "1" || l == "pos" || l == "positive") return "positive";
  if (l == "neutral" || l == "neu" || l == "2") return "neutral";
  return "";
}

// The label a task trains on: sentiment labels unified, others trimmed with spaces replaced.
std::string TaskLabel(const std::string& task, const std::string& raw) {
  if (task == "sentiment") return SentimentLabel(raw);
  std::string label = core::Trim(raw);
  for (char& c : label) {
    if (c == ' ' || c == '\t') c = '_';
  }
  return label;
}

std::string WithoutBom(const std::string& text) {
  return text.rfind("\xEF\xBB\xBF", 0) == 0 ? text.substr(3) : text;
}

// What a model reads: the normalised text, and for sentiment what text/model_votes.h adds for
// the model's kind; with the lexicon's sentiment, so a row is normalised and scored once.
class ModelInput {
 public:
  struct Row {
    std::string features;
    double lexicon_sentiment = 0;  // sentiment task only
  };
  ModelInput(const std::string& task, text::ModelKind kind)
      : sentiment_(task == "sentiment"), kind_(kind) {}
  Row Of(const std::string& raw) const {
    std::string normalized = normalizer_.Normalize(WithoutBom(raw));
    if (!sentiment_) return {std::move(normalized), 0};
    const text::Emotion emotion = scorer_.Score(normalized);
    return {text::SentimentModelInput(kind_, normalized, emotion), emotion.sentiment};
  }

 private:
  bool sentiment_;
  text::ModelKind kind_;
  text::Normalizer normalizer_;
  text::SentimentScorer scorer_;
};

// The newest complaints of --adapt-db, as stored (title and description).
bool ReadStoredTexts(const ModelCommand& cmd, std::vector<std::string>& texts, std::string& error) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(cmd.adapt_db, ec)) {
    error = "--adapt-db: no database " + cmd.adapt_db;
    return false;
  }
  try {
    WiringOptions options;
    options.db_path = cmd.adapt_db;
    Wiring wiring(options);
    auto stored = domain::ManageModels(wiring.context())
                      .AdaptationTexts(domain::SystemPrincipal(), cmd.adapt_limit);
    if (!stored.ok()) {
      error = stored.status().ToString();
      return false;
    }
    texts = std::move(*stored);
    return true;
  } catch (const std::exception& e) {
    error = std::string("--adapt-db: ") + e.what();
    return false;
  }
}

// Unlabelled texts for self-training (--adapt-data and --adapt-db), normalised.
bool ReadAdaptTexts(const ModelCommand& cmd, std::vector<std::string>& texts, std::string& error) {
  text::Normalizer normalizer;
  if (!cmd.adapt_db.empty()) {
    std::vector<std::string> stored;
    if (!ReadStoredTexts(cmd, stored, error)) return false;
    for (const std::string& t : stored) texts.push_back(normalizer.Normalize(t));
  }
  if (cmd.adapt_data.empty()) {
    if (texts.empty()) error = "--adapt-db " + cmd.adapt_db + " holds no complaints";
    return !texts.empty();
  }
  ModelCommand source = cmd;
  source.data = cmd.adapt_data;
  source.format.clear();
  if (!cmd.adapt_text_col.empty()) source.text_col = cmd.adapt_text_col;
  source.label_col.clear();
  source.split = cmd.adapt_split;
  std::vector<Filter> filters;
  for (const std::string& spec : cmd.adapt_only) {
    Filter f;
    f.keep_matching = true;
    if (!ParseFilter(spec, f.column, f.values)) {
      error = "--adapt-only takes COLUMN=VALUE[,VALUE…], not '" + spec + "'";
      return false;
    }
    filters.push_back(std::move(f));
  }
  std::vector<LabelledRow> rows;
  int bad = 0;
  if (!ReadRows(source, filters, rows, bad, error)) return false;
  for (const auto& r : rows) texts.push_back(normalizer.Normalize(WithoutBom(r.text)));
  if (texts.empty()) {
    error = "--adapt-data " + cmd.adapt_data + " has no usable text";
    return false;
  }
  return true;
}

int Train(const ModelCommand& cmd, const std::vector<LabelledRow>& rows, int bad) {
  if (cmd.out.empty()) return Fail("--out is required");
  if (cmd.algo != "linear" && cmd.algo != "fasttext")
    return Fail("--algo must be linear or fasttext");
  const bool adapt = !cmd.adapt_data.empty() || !cmd.adapt_db.empty();
  if (adapt && cmd.algo != "linear") return Fail("--adapt-data / --adapt-db need --algo linear");
  const text::ModelKind kind =
      cmd.algo == "linear" ? text::ModelKind::kLinear : text::ModelKind::kFastText;
  ModelInput input(cmd.task, kind);
  std::vector<text::LabelledText> data;
  int unlabelled = 0;
  for (const auto& r : rows) {
    std::string label = TaskLabel(cmd.task, r.label);
    if (label.empty()) {
      ++unlabelled;
      continue;
    }
    data.push_back({input.Of(r.text).features, label});
  }
  std::vector<std::string> adapt_texts;
  std::string error;
  if (adapt && !ReadAdaptTexts(cmd, adapt_texts, error)) return Fail(error);
  const auto start = std::chrono::steady_clock::now();
  if (kind == text::ModelKind::kFastText) {
    text::FastTextOptions options;
    options.epoch = cmd.epoch;
    auto status = text::FastTextModel::Train(data, cmd.out, options);
    if (!status.ok()) return Fail(status.message());
  } else {
    // The lexicon's opinion of each unlabelled text steers self-training for sentiment.
    std::vector<double> prior;
    if (cmd.task == "sentiment") {
      text::SentimentScorer scorer;
      for (const std::string& t : adapt_texts) prior.push_back(scorer.Score(t).sentiment);
    }
    // AdaptOptions weighs the lexicon as the linear model's sentiment vote does.
    text::LinearOptions options;
    options.solver = cmd.solver == "own" ? text::SvmSolver::kOwn : text::SvmSolver::kLiblinear;
    auto model = text::LinearModel::Train(data, options, adapt_texts, prior);
    if (!model.ok()) return Fail(model.status().message());
    auto status = (*model)->Save(cmd.out);
    if (!status.ok()) return Fail(status.message());
  }
  std::printf(
      "trained %s (%s) on %zu rows (%d unreadable, %d without a label)%s in %.1f s: %s\n",
      cmd.task.c_str(), cmd.algo.c_str(), data.size(), bad, unlabelled,
      adapt_texts.empty()
          ? ""
          : (", adapted to " + std::to_string(adapt_texts.size()) + " unlabelled texts").c_str(),
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
      cmd.out.c_str());
  return 0;
}

int EvalModel(const ModelCommand& cmd, const std::vector<LabelledRow>& rows, int bad) {
  auto model = text::LoadTextModel(cmd.model);
  if (!model.ok()) return Fail(model.status().message());
  const text::ModelKind kind = (*model)->Kind();
  ModelInput input(cmd.task, kind);
  const bool two_sided = cmd.task == "sentiment" && text::TwoSided((*model)->Labels());
  text::ConfusionMatrix matrix;
  int unlabelled = 0;
  for (const auto& r : rows) {
    std::string truth = TaskLabel(cmd.task, r.label);
    if (truth.empty()) {
      ++unlabelled;
      continue;
    }
    const ModelInput::Row row = input.Of(r.text);
    text::Prediction p = (*model)->Predict(row.features);
    if (two_sided && (p.label == "positive" || p.label == "negative")) {
      // Two opinions: the model (trained on other domains) and the lexicon (domain-free).
      p.label = text::CombinedSentiment(kind, two_sided, p, row.lexicon_sentiment) > 0 ? "positive"
                                                                                       : "negative";
    }
    matrix.Add(truth, p.label);
  }
  if (!cmd.json) {
    std::printf("task %s, %s model %s, %s\nrows skipped: %d unreadable, %d without a label\n",
                cmd.task.c_str(), kind == text::ModelKind::kLinear ? "linear" : "fastText",
                cmd.model.c_str(), cmd.data.c_str(), bad, unlabelled);
  }
  std::fputs(matrix.Report(cmd.json).c_str(), stdout);
  return 0;
}

int EvalSentiment(const ModelCommand& cmd, const std::vector<LabelledRow>& rows, int bad) {
  text::Normalizer normalizer;
  text::SentimentScorer scorer;
  for (const std::string& path : cmd.lexicons) {
    auto status = scorer.AddLexiconFile(path);
    if (!status.ok()) return Fail(status.message());
  }
  bool has_neutral = false;
  for (const auto& r : rows) has_neutral = has_neutral || SentimentLabel(r.label) == "neutral";
  int shown = 0;
  text::ConfusionMatrix matrix;
  int unlabelled = 0;
  for (const auto& r : rows) {
    const std::string truth = SentimentLabel(r.label);
    if (truth.empty()) {
      ++unlabelled;
      continue;
    }
    // The text may start with a byte order mark (U+FEFF); NFKC keeps it, so drop it here.
    std::string t = r.text.rfind("\xEF\xBB\xBF", 0) == 0 ? r.text.substr(3) : r.text;
    text::Emotion e = scorer.Score(normalizer.Normalize(t));
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
      std::printf("%s as %s (%.2f, %d words): %s\n", truth.c_str(), predicted.c_str(), e.sentiment,
                  e.hits, core::Utf8Prefix(t, 120).c_str());
    }
  }
  if (!cmd.json) {
    std::printf("task sentiment, built-in scorer (closeloop lexicon%s), %s\n",
                cmd.lexicons.empty() ? "" : " + user lexicons", cmd.data.c_str());
    std::printf("rows skipped: %d unreadable, %d with an unknown label\n", bad, unlabelled);
  }
  std::fputs(matrix.Report(cmd.json).c_str(), stdout);
  return 0;
}

// Labels of the file that are no type (or category) of closeloop's: a file whose labels are all
// such is most likely read with the wrong --label-col, and its accuracy of 0 means nothing.
void WarnAboutForeignLabels(const ModelCommand& cmd, const std::vector<LabelledRow>& rows) {
  std::set<std::string> known;
  if (cmd.task == "type") {
    for (const char* t : {"inquiry", "quality", "service", "suggestion", "malicious", "none"})
      known.insert(t);
  } else {
    for (const std::string& c : domain::DomainConfig{}.categories) known.insert(c);
  }
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
int EvalRules(const ModelCommand& cmd, const std::vector<LabelledRow>& rows, int bad) {
  WarnAboutForeignLabels(cmd, rows);
  if (!cmd.model.empty()) {
    return Fail("trained " + cmd.task + " models are not built yet; run without --model");
  }
  text::Normalizer normalizer;
  const text::RulesClassifier rules =
      cmd.task == "type" ? text::DefaultTypeRules() : text::DefaultCategoryRules();
  const std::string fallback = cmd.task == "type" ? "none" : "other";
  text::ConfusionMatrix matrix;
  int shown = 0;
  for (const auto& r : rows) {
    text::Classification c = rules.Classify(normalizer.Normalize(r.text));
    const std::string truth = core::Trim(r.label);
    const std::string predicted = c.label.empty() ? fallback : c.label;
    matrix.Add(truth, predicted);
    if (predicted != truth && shown < cmd.show_errors) {
      ++shown;
      std::string fired;
      for (const std::string& m : c.matched) fired += (fired.empty() ? "" : " ") + m;
      std::printf("%s as %s (%s): %s\n", truth.c_str(), predicted.c_str(), fired.c_str(),
                  core::Utf8Prefix(r.text, 120).c_str());
    }
  }
  if (!cmd.json) {
    std::printf("task %s, default rules, %s\nrows skipped: %d unreadable\n", cmd.task.c_str(),
                cmd.data.c_str(), bad);
  }
  std::fputs(matrix.Report(cmd.json).c_str(), stdout);
  return 0;
}

// The noise detectors (gibberish, abusive) on texts labelled 1 (should be flagged) or 0.
int EvalNoise(const ModelCommand& cmd, const std::vector<LabelledRow>& rows, int bad) {
  if (!cmd.model.empty()) return Fail("the " + cmd.task + " detector is built in; drop --model");
  text::Normalizer normalizer;
  text::Segmenter segmenter;
  text::SentimentScorer scorer;
  const text::RulesClassifier types = text::DefaultTypeRules();
  const text::RulesClassifier categories = text::DefaultCategoryRules();
  text::ConfusionMatrix matrix;
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
    const bool flagged = cmd.task == "gibberish"
                             ? text::IsGibberish(normalized, known_word, segmenter)
                             : text::ContainsAbuse(normalized);
    matrix.Add(truth_flagged ? "flagged" : "clean", flagged ? "flagged" : "clean");
    if (flagged != truth_flagged && shown < cmd.show_errors) {
      ++shown;
      std::printf("%s: %s\n", flagged ? "wrongly flagged" : "missed",
                  core::Utf8Prefix(r.text, 120).c_str());
    }
  }
  if (!cmd.json) {
    std::printf("task %s, built-in detector, %s\nrows skipped: %d unreadable, %d without a label\n",
                cmd.task.c_str(), cmd.data.c_str(), bad, unlabelled);
  }
  std::fputs(matrix.Report(cmd.json).c_str(), stdout);
  return 0;
}

}  // namespace

int RunModelCommand(const ModelCommand& cmd) {
  std::vector<Filter> filters;
  for (const auto& [specs, keep] : {std::pair{&cmd.only, true}, std::pair{&cmd.except, false}}) {
    for (const std::string& spec : *specs) {
      Filter f;
      f.keep_matching = keep;
      if (!ParseFilter(spec, f.column, f.values)) {
        return Fail("--only / --except take COLUMN=VALUE[,VALUE…], not '" + spec + "'");
      }
      filters.push_back(std::move(f));
    }
  }
  std::vector<LabelledRow> rows;
  int bad = 0;
  std::string error;
  if (!cmd.split.empty() && cmd.split != "train" && cmd.split != "test") {
    return Fail("--split must be train or test");
  }
  if (cmd.test_every < 2) return Fail("--test-every must be at least 2");
  if (!cmd.adapt_split.empty() && cmd.adapt_split != "train" && cmd.adapt_split != "test") {
    return Fail("--adapt-split must be train or test");
  }
  if (!ReadRows(cmd, filters, rows, bad, error)) return Fail(error);
  if (cmd.verb == "train") return Train(cmd, rows, bad);
  if (!cmd.model.empty()) return EvalModel(cmd, rows, bad);
  if (cmd.task == "sentiment") return EvalSentiment(cmd, rows, bad);
  if (cmd.task == "type" || cmd.task == "category") return EvalRules(cmd, rows, bad);
  if (cmd.task == "gibberish" || cmd.task == "abusive") return EvalNoise(cmd, rows, bad);
  return Fail("unknown task '" + cmd.task + "' (sentiment, type, category, gibberish, abusive)");
}

}  // namespace closeloop::app
