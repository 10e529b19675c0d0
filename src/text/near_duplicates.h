// Near-duplicate detection: the same complaint posted twice, on several channels, or
// reworded. Texts become weighted character unigrams and bigrams of their normalised form
// (punctuation and spaces dropped; rare characters weigh more, by inverse document frequency);
// similarity is the cosine of those vectors. A 64-bit SimHash of the same features, split into
// four 16-bit bands, finds candidates without comparing against every stored complaint.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace closeloop::text {

// Two complaints at least this similar (cosine, 0..1) are marked as near duplicates.
inline constexpr double kDuplicateSimilarityThreshold = 0.80;

class FeatureWeights {
 public:
  // Learns inverse document frequencies from a corpus of normalised texts (no labels needed).
  void Learn(const std::vector<std::string>& corpus);
  double Weight(const std::string& feature) const;

 private:
  std::unordered_map<std::string, double> idf_;
  double unseen_ = 1.0;
};

struct Features {
  std::unordered_map<std::string, double> weights;
  double norm = 0;
};

// Character unigrams and bigrams of normalised text, weighted.
Features FeaturesOf(std::string_view normalized, const FeatureWeights& weights);
double Cosine(const Features& a, const Features& b);
// The baseline: Jaccard similarity of the character-bigram sets.
double BigramJaccard(std::string_view a, std::string_view b);

std::uint64_t SimHash(const Features& features);

// Candidate lookup by SimHash bands: a stored text is a candidate when one of its four 16-bit
// bands equals the query's. Memory: one entry per text per band.
class SimHashIndex {
 public:
  void Add(std::int64_t id, std::uint64_t fingerprint);
  std::vector<std::int64_t> Candidates(std::uint64_t fingerprint) const;
  size_t size() const { return fingerprints_.size(); }

 private:
  std::unordered_map<std::uint64_t, std::vector<std::int64_t>> bands_;  // (band << 16 | value)
  std::unordered_map<std::int64_t, std::uint64_t> fingerprints_;
};

}  // namespace closeloop::text
