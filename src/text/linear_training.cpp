// LinearModel::Train: features, one SVM per label, and self-training on unlabelled texts.
#include <algorithm>
#include <cmath>
#include <functional>
#include <map>

#include "text/linear_model.h"
#include "text/linear_parts.h"

namespace closeloop::text {

namespace {

using Counts = std::vector<std::pair<uint32_t, uint32_t>>;

// Keeps the buckets found in at least `min_df` texts; smooth idf as ln((1 + n) / (1 + df)) + 1.
void LearnVocabulary(const std::vector<Counts>& texts, int min_df, LinearModel::Parts& parts) {
  std::vector<uint32_t> df(size_t{1} << parts.bucket_bits, 0);
  for (const Counts& counts : texts) {
    for (const auto& entry : counts) ++df[entry.first];
  }
  parts.slot.assign(df.size(), -1);
  const double n = static_cast<double>(texts.size());
  for (size_t bucket = 0; bucket < df.size(); ++bucket) {
    if (df[bucket] < static_cast<uint32_t>(std::max(min_df, 1))) continue;
    parts.slot[bucket] = static_cast<int32_t>(parts.idf.size());
    parts.idf.push_back(static_cast<float>(std::log((1 + n) / (1 + df[bucket])) + 1));
  }
}

// Trains the model's vectors on the rows in `subset` with the given label numbers.
void Fit(const SparseRows& rows, const std::vector<size_t>& subset,
         const std::vector<size_t>& label_of, const LinearOptions& options,
         LinearModel::Parts& parts) {
  const size_t features = parts.idf.size();
  const int vectors = parts.vectors;
  parts.bias.assign(vectors, 0);
  parts.weights.assign(features * vectors, 0);
  SvmOptions svm;
  svm.c = options.c;
  for (int v = 0; v < vectors; ++v) {
    // Two labels: one vector for the second. More: one against the rest for each.
    const size_t positive = vectors == 1 ? 1 : static_cast<size_t>(v);
    std::vector<int8_t> signs(subset.size());
    for (size_t i = 0; i < subset.size(); ++i) signs[i] = label_of[i] == positive ? 1 : -1;
    const LinearWeights fitted = options.solver == SvmSolver::kLiblinear
                                     ? TrainSvmLiblinear(rows, subset, signs, features, svm)
                                     : TrainSvm(rows, subset, signs, features, svm);
    parts.bias[v] = fitted.bias;
    for (size_t f = 0; f < features; ++f) parts.weights[f * vectors + v] = fitted.w[f];
  }
}

// The unlabelled rows the model is surest of, with the label it gives them: of the rows given
// each label, the `share` with the most confidence. Confidence for two labels: the size of the
// combined opinion (tanh of the margin plus the weighted prior), whose sign gives the label;
// for more: the gap between the best two margins. Taking a share of each label keeps the
// label mix the model sees in the new domain (a fixed half per side would not).
std::vector<std::pair<size_t, size_t>> Confident(const LinearModel::Parts& parts,
                                                 const SparseRows& rows, size_t first,
                                                 const std::vector<double>& prior,
                                                 const AdaptOptions& adapt) {
  const size_t n = rows.Rows() - first;
  const size_t labels = parts.vectors == 1 ? 2 : static_cast<size_t>(parts.vectors);
  std::vector<std::vector<std::pair<double, size_t>>> by_label(labels);  // (confidence, row)
  for (size_t u = 0; u < n; ++u) {
    const std::vector<double> m = VectorSums(parts, rows, first + u);
    if (parts.vectors == 1) {
      const double score = std::tanh(m[0]) + (prior.empty() ? 0 : adapt.prior_weight * prior[u]);
      by_label[score > 0 ? 1 : 0].push_back({std::abs(score), u});
      continue;
    }
    const size_t top = std::max_element(m.begin(), m.end()) - m.begin();
    double second = -1e300;
    for (size_t j = 0; j < m.size(); ++j) {
      if (j != top) second = std::max(second, m[j]);
    }
    by_label[top].push_back({m[top] - second, u});
  }
  std::vector<std::pair<size_t, size_t>> picked;  // (unlabelled row, label)
  for (size_t label = 0; label < labels; ++label) {
    auto& rows_of = by_label[label];
    std::sort(rows_of.begin(), rows_of.end(), std::greater<>());
    const size_t k = std::min(rows_of.size(), static_cast<size_t>(adapt.share * rows_of.size()));
    for (size_t i = 0; i < k; ++i) picked.push_back({rows_of[i].second, label});
  }
  return picked;
}

}  // namespace

core::Result<std::unique_ptr<LinearModel>> LinearModel::Train(
    const std::vector<LabelledText>& rows, const LinearOptions& options,
    const std::vector<std::string>& unlabelled, const std::vector<double>& prior,
    const AdaptOptions& adapt) {
  if (rows.empty()) return core::Status::Invalid("data", "no labelled rows to train on");
  if (!prior.empty() && prior.size() != unlabelled.size()) {
    return core::Status::Invalid("prior", "one prior per unlabelled text");
  }
  if (options.bucket_bits < 8 || options.bucket_bits > 26 || options.c <= 0) {
    return core::Status::Invalid("options", "bucket_bits 8-26 and c > 0");
  }
  std::map<std::string, size_t> label_numbers;
  for (const LabelledText& row : rows) label_numbers.emplace(row.label, 0);
  if (label_numbers.size() < 2) {
    return core::Status::Invalid("label", "training needs at least two different labels");
  }
  std::vector<std::string> labels;
  for (auto& [label, number] : label_numbers) {
    number = labels.size();
    labels.push_back(label);
  }
  auto parts = std::make_unique<Parts>();
  parts->bucket_bits = options.bucket_bits;
  parts->vectors = labels.size() == 2 ? 1 : static_cast<int>(labels.size());

  std::vector<Counts> counts;
  counts.reserve(rows.size());
  for (const LabelledText& row : rows) counts.push_back(NgramCounts(row.text, options.bucket_bits));
  LearnVocabulary(counts, options.min_df, *parts);
  SparseRows features;
  for (const Counts& c : counts) AppendRow(*parts, c, features);
  counts.clear();
  for (const std::string& text : unlabelled) {
    AppendRow(*parts, NgramCounts(text, options.bucket_bits), features);
  }

  std::vector<size_t> subset(rows.size()), label_of(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    subset[i] = i;
    label_of[i] = label_numbers.at(rows[i].label);
  }
  Fit(features, subset, label_of, options, *parts);
  for (int round = 0; round < adapt.rounds && !unlabelled.empty(); ++round) {
    std::vector<size_t> round_subset = subset, round_labels = label_of;
    for (const auto& [u, label] : Confident(*parts, features, rows.size(), prior, adapt)) {
      round_subset.push_back(rows.size() + u);
      round_labels.push_back(label);
    }
    Fit(features, round_subset, round_labels, options, *parts);
  }
  std::unique_ptr<LinearModel> model(new LinearModel(std::move(parts)));
  model->labels_ = std::move(labels);
  return model;
}

}  // namespace closeloop::text
