// A trained text classifier of any kind: fastText (fasttext_model.h) or the
// linear model over character n-grams (linear_model.h). LoadTextModel tells them apart by the
// file's first bytes, so the pipeline and `model install` take either.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace closeloop::text {

struct LabelledText {
  std::string text;  // normalised
  std::string label;
};

struct Prediction {
  std::string label;
  double probability = 0;  // confidence in `label`, 0-1
};

enum class ModelKind { kFastText, kLinear };

class TextModel {
 public:
  virtual ~TextModel() = default;
  virtual ModelKind Kind() const = 0;
  // The most likely label of a normalised text (text/normalize.h) and its confidence.
  virtual Prediction Predict(std::string_view normalized) const = 0;
  // The labels the model was trained on.
  virtual std::vector<std::string> Labels() const = 0;
};

// Loads a model file of either kind; fails with field "model" for a missing, corrupt or
// foreign file.
core::Result<std::unique_ptr<TextModel>> LoadTextModel(const std::string& path);

}  // namespace closeloop::text
