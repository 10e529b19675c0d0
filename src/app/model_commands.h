// `closeloop model eval` (and later `model train`): quality of the text features measured on a
// labelled file (CSV with optional BOM, TSV or JSONL). Bad rows are counted, not fatal.
#pragma once

#include <string>
#include <vector>

namespace closeloop::app {

struct ModelCommand {
  std::string verb;  // eval
  std::string task;  // sentiment
  std::string model;
  std::string data;
  std::string text_col;
  std::string label_col;
  std::string format;                 // csv, tsv, jsonl; default from the file name
  std::vector<std::string> only;      // COL=V1,V2: rows whose COL is one of the values
  std::vector<std::string> except;    // COL=V1,V2: rows whose COL is none of them
  std::vector<std::string> lexicons;  // extra "word<TAB>weight" files
  bool json = false;
};

// 0 on success, 1 when the command could not run (bad options, unreadable file).
int RunModelCommand(const ModelCommand& command);

}  // namespace closeloop::app
