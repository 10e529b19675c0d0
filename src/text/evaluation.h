// Classification quality: accuracy, macro-F1, per-class precision / recall / F1 and the
// confusion matrix, for `closeloop model eval` and docs/text-quality.md.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace closeloop::text {

class ConfusionMatrix {
 public:
  void Add(const std::string& truth, const std::string& predicted);
  int total() const { return total_; }
  double Accuracy() const;
  double MacroF1() const;
  struct ClassScores {
    std::string label;
    double precision = 0, recall = 0, f1 = 0;
    int support = 0;  // how many have this true label
  };
  std::vector<ClassScores> PerClass() const;
  // Labels in order (true labels and predictions).
  std::vector<std::string> Labels() const;
  int Count(const std::string& truth, const std::string& predicted) const;
  // A printable report, or JSON when `json`.
  std::string Report(bool json) const;

 private:
  std::map<std::pair<std::string, std::string>, int> cells_;
  int total_ = 0;
};

}  // namespace closeloop::text
