#include "app/dedup_command.h"

#include <cstdio>
#include <fstream>
#include <map>
#include <vector>

#include "core/csv.h"
#include "core/text.h"
#include "ingest/record_readers.h"
#include "text/near_duplicates.h"
#include "text/normalize.h"

namespace closeloop::app {

namespace {

struct Pair {
  std::string a, b;
  bool duplicate = false;
};

struct Scores {
  double threshold = 0, precision = 0, recall = 0, f1 = 0;
};

Scores At(const std::vector<std::pair<double, bool>>& scored, double threshold) {
  int tp = 0, fp = 0, fn = 0;
  for (const auto& [similarity, duplicate] : scored) {
    const bool predicted = similarity >= threshold;
    if (predicted && duplicate) ++tp;
    if (predicted && !duplicate) ++fp;
    if (!predicted && duplicate) ++fn;
  }
  Scores s;
  s.threshold = threshold;
  s.precision = tp + fp ? static_cast<double>(tp) / (tp + fp) : 0;
  s.recall = tp + fn ? static_cast<double>(tp) / (tp + fn) : 0;
  s.f1 = s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0;
  return s;
}

Scores Best(const std::vector<std::pair<double, bool>>& scored) {
  Scores best;
  for (int t = 1; t < 100; ++t) {
    Scores s = At(scored, t / 100.0);
    if (s.f1 > best.f1) best = s;
  }
  return best;
}

void Print(const char* name, const Scores& s, bool json, bool last) {
  if (json) {
    std::printf("\"%s\":{\"threshold\":%.2f,\"precision\":%.4f,\"recall\":%.4f,\"f1\":%.4f}%s",
                name, s.threshold, s.precision, s.recall, s.f1, last ? "" : ",");
  } else {
    std::printf("%-34s threshold %.2f  precision %.4f  recall %.4f  F1 %.4f\n", name, s.threshold,
                s.precision, s.recall, s.f1);
  }
}

}  // namespace

int RunDedupEval(const DedupCommand& cmd) {
  auto fail = [](const std::string& m) {
    std::fprintf(stderr, "error: %s\n", m.c_str());
    return 1;
  };
  std::ifstream in(cmd.data, std::ios::binary);
  if (!in) return fail("cannot open " + cmd.data);
  const std::string format = cmd.format.empty() ? ingest::FormatFromFileName(cmd.data) : cmd.format;
  if (format != "csv" && format != "tsv") return fail("--format must be csv or tsv");
  if (!cmd.split.empty() && cmd.split != "train" && cmd.split != "test") {
    return fail("--split must be train or test");
  }
  core::CsvReader reader(in, format == "csv" ? ',' : '\t');
  std::vector<std::string> header, cells;
  std::string error;
  if (!reader.Next(header, error)) return fail(cmd.data + " is empty");
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < header.size(); ++i) index[core::Trim(header[i])] = i;
  for (const std::string& col : {cmd.a_col, cmd.b_col, cmd.label_col}) {
    if (!index.count(col)) return fail("no column '" + col + "' in " + cmd.data);
  }
  text::Normalizer normalizer;
  std::vector<Pair> pairs;
  int bad = 0;
  long row = -1;
  while (reader.Next(cells, error)) {
    ++row;
    if (!error.empty() || cells.size() != header.size()) {
      ++bad;
      continue;
    }
    if (!cmd.split.empty() && (row % cmd.test_every == 0) != (cmd.split == "test")) continue;
    const std::string label = core::Trim(cells[index[cmd.label_col]]);
    const std::string& a = cells[index[cmd.a_col]];
    const std::string& b = cells[index[cmd.b_col]];
    if ((label != "0" && label != "1") || !core::IsValidUtf8(a) || !core::IsValidUtf8(b)) {
      ++bad;
      continue;
    }
    pairs.push_back({normalizer.Normalize(a), normalizer.Normalize(b), label == "1"});
  }
  // Inverse document frequencies from the texts themselves (labels are not used).
  std::vector<std::string> corpus;
  for (const Pair& p : pairs) {
    corpus.push_back(p.a);
    corpus.push_back(p.b);
  }
  text::FeatureWeights weights;
  weights.Learn(corpus);
  std::vector<std::pair<double, bool>> ours, baseline;
  for (const Pair& p : pairs) {
    ours.emplace_back(text::Cosine(text::FeaturesOf(p.a, weights), text::FeaturesOf(p.b, weights)),
                      p.duplicate);
    baseline.emplace_back(text::BigramJaccard(p.a, p.b), p.duplicate);
  }
  const double configured =
      cmd.threshold >= 0 ? cmd.threshold : text::kDuplicateSimilarityThreshold;
  if (cmd.json) {
    std::printf("{\"pairs\":%zu,\"bad_rows\":%d,", pairs.size(), bad);
    Print("configured", At(ours, configured), true, false);
    Print("best", Best(ours), true, false);
    Print("baseline_bigram_jaccard_best", Best(baseline), true, true);
    std::printf("}\n");
    return 0;
  }
  std::printf("%zu pairs (%d bad rows skipped), %s\n", pairs.size(), bad, cmd.data.c_str());
  Print("closeloop, configured threshold", At(ours, configured), false, false);
  Print("closeloop, best threshold", Best(ours), false, false);
  Print("baseline bigram Jaccard, best", Best(baseline), false, false);
  return 0;
}

}  // namespace closeloop::app
