#include "app/model_commands.h"

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
#include "text/normalize.h"
#include "text/quality_harness.h"

namespace closeloop::app {

namespace {

int Fail(const std::string& message) {
  std::fprintf(stderr, "error: %s\n", message.c_str());
  return 1;
}

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
              std::vector<text::LabelledRow>& rows, int& bad, std::string& error) {
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
  std::vector<text::LabelledRow> rows;
  int bad = 0;
  if (!ReadRows(source, filters, rows, bad, error)) return false;
  for (const auto& r : rows) texts.push_back(normalizer.Normalize(text::WithoutBom(r.text)));
  if (texts.empty()) {
    error = "--adapt-data " + cmd.adapt_data + " has no usable text";
    return false;
  }
  return true;
}

core::Status Train(const ModelCommand& cmd, const std::vector<text::LabelledRow>& rows, int bad) {
  text::TrainingRun run;
  run.task = cmd.task;
  run.algo = cmd.algo;
  run.solver = cmd.solver;
  run.epoch = cmd.epoch;
  run.out = cmd.out;
  run.unreadable = bad;
  const bool adapt = !cmd.adapt_data.empty() || !cmd.adapt_db.empty();
  if (adapt && cmd.algo != "linear") {
    return core::Status::Invalid("algo", "--adapt-data / --adapt-db need --algo linear");
  }
  std::vector<std::string> adapt_texts;
  std::string error;
  if (adapt && !ReadAdaptTexts(cmd, adapt_texts, error)) {
    return core::Status::Invalid("adapt_data", error);
  }
  return text::TrainLabelled(run, rows, adapt_texts, stdout);
}

core::Status Evaluate(const ModelCommand& cmd, const std::vector<text::LabelledRow>& rows,
                      int bad) {
  text::EvaluationRun run;
  run.task = cmd.task;
  run.model = cmd.model;
  run.source = cmd.data;
  run.unreadable = bad;
  run.lexicons = cmd.lexicons;
  if (cmd.task == "type") {
    run.known_labels = {"inquiry", "quality", "service", "suggestion", "malicious", "none"};
  } else if (cmd.task == "category") {
    run.known_labels = domain::DomainConfig{}.categories;
  }
  run.json = cmd.json;
  run.show_errors = cmd.show_errors;
  return text::EvaluateLabelled(run, rows, stdout);
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
  std::vector<text::LabelledRow> rows;
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
  core::Status done = cmd.verb == "train" ? Train(cmd, rows, bad) : Evaluate(cmd, rows, bad);
  return done.ok() ? 0 : Fail(done.message());
}

}  // namespace closeloop::app
