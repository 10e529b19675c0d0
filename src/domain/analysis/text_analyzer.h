// Text understanding and similar-case search (text_adapters/ implements them over text/).
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "domain/analysis/entities.h"
#include "domain/complaint/entities.h"
#include "domain/model/ids.h"

namespace closeloop::domain {

// Understands complaint text (text/ implements it): emotion and the rules' type and category.
// Thread-safe; pure computation, no store access.
class TextAnalyzer {
 public:
  virtual ~TextAnalyzer() = default;
  virtual TextAnalysis Analyze(const std::string& title, const std::string& description) const = 0;
  // Near-duplicate support: a 64-bit SimHash of the text, and a similarity in [0, 1].
  virtual std::uint64_t Fingerprint(const std::string& title,
                                    const std::string& description) const = 0;
  // The similarity of `complaint` to each of `others`, in order.
  virtual std::vector<double> Similarities(const Complaint& complaint,
                                           const std::vector<Complaint>& others) const = 0;
  // The words of a text that say what it is about (segmented with the domain dictionary;
  // dictionary words first, then longer words), at most `limit`, no repeats.
  virtual std::vector<std::string> KeyTerms(const std::string& text, size_t limit) const = 0;
  // Adds admins' words to the domain dictionary (replacing earlier additions).
  virtual void SetDomainWords(const std::vector<std::string>& words) const = 0;
  // A search term in both scripts: itself, its simplified and its traditional form (distinct).
  virtual std::vector<std::string> ScriptVariants(const std::string& term) const { return {term}; }
  // Whether the text is in traditional Chinese, and the text turned into traditional.
  virtual bool LooksTraditional(const std::string& text) const {
    (void)text;
    return false;
  }
  virtual std::string ToTraditional(const std::string& text) const { return text; }
  // Trains a model for `task` on the examples (text, label): the first nine of every ten train
  // it, the tenth is held out and measured, for the model and for the rules. Writes `path`.
  struct TrainingReport {
    int training_rows = 0;
    int holdout_rows = 0;
    double holdout_accuracy = 0;
    double rules_accuracy = 0;
  };
  virtual core::Result<TrainingReport> TrainModel(
      const std::string& task, const std::vector<std::pair<std::string, std::string>>& examples,
      const std::string& path) const = 0;
  // Uses the model at `path` for `task` from now on (labels at or above `threshold` win over the
  // rules). A file that is missing, corrupt, not a model, or a model with labels outside
  // `labels` (one made for another task) is an invalid_argument on "model" and changes nothing.
  virtual core::Status UseModel(const std::string& task, const std::string& path, int version,
                                double threshold, const std::vector<std::string>& labels) const = 0;
  // The same checks without using the model.
  virtual core::Status CheckModel(const std::string& path,
                                  const std::vector<std::string>& labels) const = 0;
  // Back to the rules (and the lexicon) alone for `task`.
  virtual void DropModel(const std::string& task) const = 0;
  // The version in use for `task` (0 for none) and its threshold.
  struct ModelInUseInfo {
    int version = 0;
    double threshold = 0;
  };
  virtual ModelInUseInfo ModelInUse(const std::string& task) const = 0;
  // The rules of a set ("type" or "category") in force, as text (text/rules_classifier.h).
  virtual std::string RulesText(const std::string& rule_set) const = 0;
  // Replaces a rule set from text whose labels must be among `labels`; empty text restores the
  // defaults. A syntax error is invalid_argument on "text" naming the line and the reason, and
  // the rules in force stay.
  virtual core::Status ReplaceRules(const std::string& rule_set, const std::string& text,
                                    const std::vector<std::string>& labels) const = 0;
};

// Finds resolved complaints whose text is like a given one, in memory (text/ implements it).
// Thread-safe.
class SimilarCaseIndex {
 public:
  virtual ~SimilarCaseIndex() = default;
  virtual void Add(Id complaint_id, const std::string& title, const std::string& description) = 0;
  // Up to `limit` (complaint id, similarity 0..1), most similar first.
  virtual std::vector<std::pair<Id, double>> Similar(const std::string& title,
                                                     const std::string& description,
                                                     size_t limit) const = 0;
  virtual size_t size() const = 0;
};

}  // namespace closeloop::domain
