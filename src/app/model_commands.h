// `closeloop model eval` and `model train`: quality of the text features measured on a
// labelled file (CSV with optional BOM, TSV or JSONL). Bad rows are counted, not fatal.
#pragma once

#include <string>
#include <vector>

namespace closeloop::app {

struct ModelCommand {
  std::string verb;  // train, eval
  std::string task;  // sentiment
  std::string model;
  std::string data;
  std::string text_col;
  std::string label_col;
  std::string format;                 // csv, tsv, jsonl; default from the file name
  std::vector<std::string> only;      // COL=V1,V2: rows whose COL is one of the values
  std::vector<std::string> except;    // COL=V1,V2: rows whose COL is none of them
  std::vector<std::string> lexicons;  // extra "word<TAB>weight" files
  std::string out;                    // train: where the model goes
  // A fixed split for train / test: data row i (0-based, in file order) is a test row when
  // i % test_every == 0. "train" keeps the others, "test" only those, "" all rows.
  std::string split;
  int test_every = 5;
  int epoch = 5;                // fastText only
  std::string algo = "linear";  // train: linear or fasttext (text/text_model.h)
  std::string solver = "own";   // train, linear: own or liblinear (text/linear_svm.h)
  // train --algo linear: unlabelled texts of the domain the model will read (their labels, if
  // any, are never read), for self-training; same text column unless adapt_text_col is given.
  std::string adapt_data;
  std::string adapt_text_col;
  std::vector<std::string> adapt_only;  // COL=V1,V2 over the adapt_data rows
  std::string adapt_split;              // train / test: the fixed split above, over adapt_data
  // train --algo linear: also (or instead) the newest adapt_limit complaints of this database.
  std::string adapt_db;
  int adapt_limit = 50000;
  bool json = false;
  int show_errors = 0;  // eval of gibberish/abusive: print up to this many wrong rows
};

// 0 on success, 1 when the command could not run (bad options, unreadable file).
int RunModelCommand(const ModelCommand& command);

}  // namespace closeloop::app
