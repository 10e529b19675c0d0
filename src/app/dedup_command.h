// `closeloop dedup eval`: precision / recall / F1 of near-duplicate detection on labelled pairs,
// at the configured threshold and at the best one, against a character-bigram Jaccard baseline.
#pragma once

#include <string>

namespace closeloop::app {

struct DedupCommand {
  std::string data;
  std::string a_col, b_col, label_col;
  std::string format;  // csv, tsv; default from the file name
  std::string split;  // train / test, as in `model eval` (data row i is a test row when i % N == 0)
  int test_every = 5;
  double threshold = -1;  // default: the product's configured threshold
  bool json = false;
};

int RunDedupEval(const DedupCommand& command);

}  // namespace closeloop::app
