// Internal to the linear model (linear_model.cpp, linear_training.cpp): the learnt numbers and
// the features of a text. Not for other callers.
#pragma once

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "text/linear_model.h"
#include "text/linear_svm.h"

namespace closeloop::text {

struct LinearModel::Parts {
  int bucket_bits = 20;
  std::vector<int32_t> slot;   // per hash bucket: its kept feature, or -1
  std::vector<float> idf;      // per kept feature
  int vectors = 1;             // 1 for two labels (margin of the second), else one per label
  std::vector<float> bias;     // per vector
  std::vector<float> weights;  // feature-major: weights[feature * vectors + vector]
};

// (hash bucket, count) of every character 1-3-gram of `normalized`, whitespace runs read as one
// space; sorted by bucket.
std::vector<std::pair<uint32_t, uint32_t>> NgramCounts(std::string_view normalized,
                                                       int bucket_bits);

// The decision value of each vector (Parts::vectors of them) for one row of `rows`.
std::vector<double> VectorSums(const LinearModel::Parts& parts, const SparseRows& rows, size_t row);

// Appends one TF-IDF row (kept features only, sublinear tf, L2-normalised) to `rows`.
void AppendRow(const LinearModel::Parts& parts,
               const std::vector<std::pair<uint32_t, uint32_t>>& counts, SparseRows& rows);

}  // namespace closeloop::text
