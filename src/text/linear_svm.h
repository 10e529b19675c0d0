// A linear support-vector machine (L2-regularised, squared hinge loss) trained by dual coordinate
// descent (Hsieh et al., ICML 2008), over sparse rows. Pure arithmetic; the text features are
// made in linear_model.cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace closeloop::text {

// Rows of (feature index, value) pairs; a constant bias feature is added by the trainer.
struct SparseRows {
  std::vector<uint32_t> indices;
  std::vector<float> values;
  std::vector<size_t> starts{0};  // row r is [starts[r], starts[r + 1])
  size_t Rows() const { return starts.size() - 1; }
};

struct SvmOptions {
  double c = 0.3;          // inverse regularisation strength
  double tolerance = 0.1;  // stop when the projected-gradient spread falls below this
  int max_passes = 1000;
  uint64_t seed = 1;  // order of the coordinate passes; fixed, so training is repeatable
};

struct LinearWeights {
  std::vector<float> w;  // one per feature
  float bias = 0;
};

// Trains on `rows` restricted to `subset` (row numbers), with labels +1 / -1 per row of
// `subset`. `features` is the number of feature indices.
LinearWeights TrainSvm(const SparseRows& rows, const std::vector<size_t>& subset,
                       const std::vector<int8_t>& signs, size_t features,
                       const SvmOptions& options);

// The same problem solved by LIBLINEAR (the reference implementation of dual coordinate descent,
// solver L2R_L2LOSS_SVC_DUAL, with its shrinking), with the same C, tolerance and pass limit.
// LIBLINEAR orders its passes with its own random generator (`seed` is not used). A check of
// TrainSvm and `model train --solver liblinear` (docs/text-quality.md compares the two).
LinearWeights TrainSvmLiblinear(const SparseRows& rows, const std::vector<size_t>& subset,
                                const std::vector<int8_t>& signs, size_t features,
                                const SvmOptions& options);

// The decision value w·x + b of one row.
double Margin(const LinearWeights& weights, const SparseRows& rows, size_t row);

}  // namespace closeloop::text
