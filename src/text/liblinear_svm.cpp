// TrainSvmLiblinear (linear_svm.h): our sparse rows handed to LIBLINEAR.
#include <linear.h>

#include <cstdio>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "text/linear_svm.h"

namespace closeloop::text {

namespace {

void Quiet(const char*) {}

}  // namespace

LinearWeights TrainSvmLiblinear(const SparseRows& rows, const std::vector<size_t>& subset,
                                const std::vector<int8_t>& signs, size_t features,
                                const SvmOptions& options) {
  // LIBLINEAR's feature indices start at 1; the bias is one more feature, appended to each row
  // (index features + 1, value 1), and every row ends with index -1.
  std::vector<feature_node> nodes;
  std::vector<feature_node*> row_of(subset.size());
  std::vector<size_t> start_of(subset.size());
  std::vector<double> labels(subset.size());
  for (size_t i = 0; i < subset.size(); ++i) {
    const size_t row = subset[i];
    start_of[i] = nodes.size();
    for (size_t k = rows.starts[row]; k < rows.starts[row + 1]; ++k) {
      nodes.push_back({static_cast<int>(rows.indices[k]) + 1, rows.values[k]});
    }
    nodes.push_back({static_cast<int>(features) + 1, 1.0});
    nodes.push_back({-1, 0.0});
    labels[i] = signs[i];
  }
  for (size_t i = 0; i < subset.size(); ++i) row_of[i] = &nodes[start_of[i]];
  problem prob{};
  prob.l = static_cast<int>(subset.size());
  prob.n = static_cast<int>(features) + 1;
  prob.y = labels.data();
  prob.x = row_of.data();
  prob.bias = 1.0;
  parameter param{};
  param.solver_type = L2R_L2LOSS_SVC_DUAL;
  param.eps = options.tolerance;
  param.C = options.c;
  {
    static std::once_flag quiet;
    std::call_once(quiet, [] { set_print_string_function(Quiet); });
  }
  if (const char* error = check_parameter(&prob, &param)) {
    throw std::invalid_argument(std::string("liblinear: ") + error);
  }
  std::unique_ptr<model, void (*)(model*)> trained(train(&prob, &param),
                                                   [](model* m) { free_and_destroy_model(&m); });
  // Two classes give one weight vector for the first label LIBLINEAR saw; ours is for +1.
  const double sign = trained->nr_class == 2 && trained->label[0] == 1 ? 1.0 : -1.0;
  LinearWeights out;
  out.w.resize(features);
  if (trained->nr_class < 2) {  // one label only: every margin on its side
    out.bias = static_cast<float>(labels.empty() ? 0 : labels[0]);
    return out;
  }
  for (size_t f = 0; f < features; ++f) out.w[f] = static_cast<float>(sign * trained->w[f]);
  out.bias = static_cast<float>(sign * trained->w[features]);
  return out;
}

}  // namespace closeloop::text
