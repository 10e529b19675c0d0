// Trained text classifiers: fastText supervised models over character unigrams and
// bigrams (Chinese) and words (English), with a small hash bucket (models of a few MB, see
// toolchain.md). Train from labelled rows, save, load, predict with a probability.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "text/text_model.h"

namespace closeloop::text {

// The tokens a model sees, space-separated: each CJK character alone, ASCII words, and ! ?.
std::string ModelTokens(std::string_view normalized);

struct FastTextOptions {
  int epoch = 5;
  double lr = 0.5;
  int word_ngrams = 2;  // bigrams of tokens: Chinese character bigrams, English word pairs
  int dim = 50;
  int bucket = 200000;
  int min_count = 1;
  int threads = 2;
};

class FastTextModel final : public TextModel {
 public:
  ~FastTextModel() override;
  // Trains on `rows` and writes the model to `path`. Labels must be single words.
  static core::Status Train(const std::vector<LabelledText>& rows, const std::string& path,
                            const FastTextOptions& options);
  static core::Result<std::unique_ptr<FastTextModel>> Load(const std::string& path);
  ModelKind Kind() const override { return ModelKind::kFastText; }
  Prediction Predict(std::string_view normalized) const override;
  std::vector<std::string> Labels() const override;

 private:
  FastTextModel();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace closeloop::text
