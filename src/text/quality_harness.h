// The quality harness of the text features (`closeloop model eval` and `model train`): labelled
// rows in, a confusion-matrix report or a trained model out. Reading the rows (CSV, TSV, JSONL,
// filters, splits) and the unlabelled texts of a database is the caller's (app/model_commands).
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "core/status.h"

namespace closeloop::text {

struct LabelledRow {
  std::string text;   // as read (a leading byte order mark is dropped here)
  std::string label;  // as read; each task maps it to its own labels
};

// One measurement: which feature, on which rows, reported how.
struct EvaluationRun {
  std::string task;    // sentiment, type, category, gibberish, abusive
  std::string model;   // a trained model file (sentiment); empty: the built-in feature
  std::string source;  // the data's name, for the report's header
  int unreadable = 0;  // rows the reader could not read (reported, not fatal)
  std::vector<std::string> lexicons;      // sentiment, built-in scorer: extra lexicon files
  std::vector<std::string> known_labels;  // type / category: closeloop's labels (others warned)
  bool json = false;                      // the report as JSON
  int show_errors = 0;                    // print up to this many wrongly predicted rows
};

// One training: which model of which task, from which rows.
struct TrainingRun {
  std::string task;
  std::string algo = "linear";  // linear or fasttext (text/text_model.h)
  std::string solver = "own";   // linear: own or liblinear (text/linear_svm.h)
  int epoch = 5;                // fastText only
  std::string out;              // where the model goes
  int unreadable = 0;
};

// Labels as the sentiment task names them (0/neg/negative, 1/pos/positive, neutral); "" if none.
std::string SentimentLabel(const std::string& raw);
// The text without a leading byte order mark (NFKC keeps U+FEFF).
std::string WithoutBom(const std::string& text);

// Measures `run.task` on `rows` and prints the report on `out` (a warning about labels foreign
// to the task on stderr). Fails (nothing printed) on an unknown task or an unloadable model.
[[nodiscard]] core::Status EvaluateLabelled(const EvaluationRun& run,
                                            const std::vector<LabelledRow>& rows, std::FILE* out);

// Trains a model of `run.task` on `rows` (self-training on `adapt_texts`, normalised unlabelled
// texts of the target domain, for the linear model), saves it to `run.out` and prints a summary
// on `out`.
[[nodiscard]] core::Status TrainLabelled(const TrainingRun& run,
                                         const std::vector<LabelledRow>& rows,
                                         const std::vector<std::string>& adapt_texts,
                                         std::FILE* out);

}  // namespace closeloop::text
