// The linear text classifier: TF-IDF over hashed character 1-3-grams of the
// normalised text (sublinear term frequency, L2-normalised rows), one linear SVM per label
// (one in all for two labels). It can adapt to the texts it will read — complaints about
// another product domain — by self-training on unlabelled texts of that domain: it labels the
// texts it is surest of and learns again with them (docs/text-quality.md measures the gain).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "text/text_model.h"

namespace closeloop::text {

// Who solves the SVM: our dual coordinate descent (text/linear_svm.h), or LIBLINEAR, the
// reference implementation of the same solver. Same accuracy on the held-out domains; ours
// trains about 25 % faster in 130 MB less (docs/text-quality.md), so it is the default.
enum class SvmSolver { kOwn, kLiblinear };

struct LinearOptions {
  SvmSolver solver = SvmSolver::kOwn;
  double c = 0.3;        // SVM regularisation; chosen on development domains
  int bucket_bits = 20;  // 2^20 hash buckets for the n-grams
  int min_df = 2;        // an n-gram must occur in this many training texts
};

// How much the sentiment lexicon counts next to the linear model's vote (text/model_votes.h);
// chosen on development domains.
inline constexpr double kLinearLexiconWeight = 0.3;

// Self-training on unlabelled texts (all chosen on development domains, never the test ones).
struct AdaptOptions {
  double share = 0.8;  // of the unlabelled texts taken with the model's own labels
  int rounds = 3;      // label, learn again, repeat
  double prior_weight = kLinearLexiconWeight;  // of an outside opinion (the lexicon), see below
};

class LinearModel final : public TextModel {
 public:
  ~LinearModel() override;

  // Trains on `rows` (needs two labels or more). With `unlabelled` texts (normalised), adapts
  // to them by self-training. `prior`, empty or one value in [-1, 1] per unlabelled text, is an
  // outside opinion for two-label models in favour of the second label (Labels()[1]; for
  // sentiment: positive), weighed like the lexicon in CombinedSentiment.
  static core::Result<std::unique_ptr<LinearModel>> Train(
      const std::vector<LabelledText>& rows, const LinearOptions& options,
      const std::vector<std::string>& unlabelled = {}, const std::vector<double>& prior = {},
      const AdaptOptions& adapt = {});

  core::Status Save(const std::string& path) const;
  // Fails with field "model" for a corrupt file or one of another format version.
  static core::Result<std::unique_ptr<LinearModel>> Load(const std::string& path);
  // True when the file starts like a linear model.
  static bool LooksLinear(const std::string& first_bytes);

  ModelKind Kind() const override { return ModelKind::kLinear; }
  // Confidence: logistic of twice the winning margin (for two labels, 2p - 1 = tanh(margin)).
  Prediction Predict(std::string_view normalized) const override;
  std::vector<std::string> Labels() const override { return labels_; }
  // Decision values, one per label.
  std::vector<double> Margins(std::string_view normalized) const;

  struct Parts;  // the learnt numbers, shared with the trainer in linear_model.cpp

 private:
  explicit LinearModel(std::unique_ptr<Parts> parts);
  std::unique_ptr<Parts> parts_;
  std::vector<std::string> labels_;
};

}  // namespace closeloop::text
