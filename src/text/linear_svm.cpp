#include "text/linear_svm.h"

#include <algorithm>
#include <random>

namespace closeloop::text {

namespace {

double Dot(const std::vector<double>& w, double bias, const SparseRows& rows, size_t row) {
  double sum = bias;
  for (size_t k = rows.starts[row]; k < rows.starts[row + 1]; ++k) {
    sum += w[rows.indices[k]] * rows.values[k];
  }
  return sum;
}

}  // namespace

LinearWeights TrainSvm(const SparseRows& rows, const std::vector<size_t>& subset,
                       const std::vector<int8_t>& signs, size_t features,
                       const SvmOptions& options) {
  const size_t n = subset.size();
  // Squared hinge loss: the dual has no upper bound on alpha and a diagonal term 1 / (2C).
  const double diagonal = 0.5 / options.c;
  std::vector<double> w(features, 0.0), alpha(n, 0.0), q(n);
  double bias = 0;
  for (size_t i = 0; i < n; ++i) {
    double norm = 1.0;  // the bias feature
    const size_t row = subset[i];
    for (size_t k = rows.starts[row]; k < rows.starts[row + 1]; ++k) {
      norm += static_cast<double>(rows.values[k]) * rows.values[k];
    }
    q[i] = norm + diagonal;
  }
  std::vector<size_t> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = i;
  std::mt19937_64 random(options.seed);
  for (int pass = 0; pass < options.max_passes; ++pass) {
    std::shuffle(order.begin(), order.end(), random);
    double highest = -1e300, lowest = 1e300;  // projected gradient
    for (size_t i : order) {
      const size_t row = subset[i];
      const double y = signs[i];
      const double gradient = y * Dot(w, bias, rows, row) - 1 + diagonal * alpha[i];
      const double projected = alpha[i] > 0 ? gradient : std::min(gradient, 0.0);
      highest = std::max(highest, projected);
      lowest = std::min(lowest, projected);
      if (projected == 0) continue;
      const double updated = std::max(alpha[i] - gradient / q[i], 0.0);
      const double step = (updated - alpha[i]) * y;
      alpha[i] = updated;
      for (size_t k = rows.starts[row]; k < rows.starts[row + 1]; ++k) {
        w[rows.indices[k]] += step * rows.values[k];
      }
      bias += step;
    }
    if (highest - lowest <= options.tolerance) break;
  }
  LinearWeights out;
  out.w.assign(w.begin(), w.end());
  out.bias = static_cast<float>(bias);
  return out;
}

double Margin(const LinearWeights& weights, const SparseRows& rows, size_t row) {
  double sum = weights.bias;
  for (size_t k = rows.starts[row]; k < rows.starts[row + 1]; ++k) {
    sum += static_cast<double>(weights.w[rows.indices[k]]) * rows.values[k];
  }
  return sum;
}

}  // namespace closeloop::text
