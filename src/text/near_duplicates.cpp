#include "text/near_duplicates.h"

#include <cmath>
#include <set>
#include <unordered_set>

#include "core/text.h"

namespace closeloop::text {

namespace {

// The characters that carry content: letters, digits and CJK; punctuation and spaces dropped.
std::vector<std::string_view> ContentChars(std::string_view text) {
  static const std::unordered_set<std::string_view> kPunctuation = {
      "，", "。", "！", "？", "；", "：", "、", "“", "”",
      "‘",  "’",  "（", "）", "《", "》", "…",  "—"};
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const size_t len = std::min(core::Utf8CharLength(c), text.size() - i);
    std::string_view ch = text.substr(i, len);
    i += len;
    if (len == 1 && !std::isalnum(c)) continue;
    if (kPunctuation.count(ch)) continue;
    out.push_back(ch);
  }
  return out;
}

std::uint64_t Fnv1a(std::string_view s) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  // Final mix so that similar strings spread over all bits.
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  return h;
}

std::vector<std::string> RawFeatures(std::string_view text) {
  auto chars = ContentChars(text);
  std::vector<std::string> out;
  for (size_t i = 0; i < chars.size(); ++i) {
    out.emplace_back(chars[i]);
    if (i + 1 < chars.size()) out.push_back(std::string(chars[i]) + std::string(chars[i + 1]));
  }
  return out;
}

}  // namespace

void FeatureWeights::Learn(const std::vector<std::string>& corpus) {
  std::unordered_map<std::string, int> df;
  for (const std::string& text : corpus) {
    auto features = RawFeatures(text);
    std::set<std::string> unique(features.begin(), features.end());
    for (const auto& f : unique) ++df[f];
  }
  const double n = static_cast<double>(corpus.size());
  idf_.clear();
  for (const auto& [f, count] : df) idf_[f] = std::log((n + 1) / (count + 1)) + 1;
  unseen_ = std::log(n + 1) + 1;
}

double FeatureWeights::Weight(const std::string& feature) const {
  auto it = idf_.find(feature);
  return it == idf_.end() ? unseen_ : it->second;
}

Features FeaturesOf(std::string_view normalized, const FeatureWeights& weights) {
  Features out;
  for (const std::string& f : RawFeatures(normalized)) out.weights[f] += weights.Weight(f);
  double sum = 0;
  for (const auto& [f, w] : out.weights) sum += w * w;
  out.norm = std::sqrt(sum);
  return out;
}

double Cosine(const Features& a, const Features& b) {
  if (a.norm == 0 || b.norm == 0) return 0;
  const Features& small = a.weights.size() <= b.weights.size() ? a : b;
  const Features& large = &small == &a ? b : a;
  double dot = 0;
  for (const auto& [f, w] : small.weights) {
    auto it = large.weights.find(f);
    if (it != large.weights.end()) dot += w * it->second;
  }
  return dot / (a.norm * b.norm);
}

double BigramJaccard(std::string_view a, std::string_view b) {
  auto bigrams = [](std::string_view t) {
    auto chars = ContentChars(t);
    std::set<std::string> out;
    for (size_t i = 0; i + 1 < chars.size(); ++i) {
      out.insert(std::string(chars[i]) + std::string(chars[i + 1]));
    }
    return out;
  };
  auto x = bigrams(a), y = bigrams(b);
  if (x.empty() && y.empty()) return 0;
  size_t common = 0;
  for (const auto& g : x) common += y.count(g);
  return static_cast<double>(common) / static_cast<double>(x.size() + y.size() - common);
}

std::uint64_t SimHash(const Features& features) {
  double v[64] = {};
  for (const auto& [f, w] : features.weights) {
    const std::uint64_t h = Fnv1a(f);
    for (int bit = 0; bit < 64; ++bit) v[bit] += (h >> bit & 1) ? w : -w;
  }
  std::uint64_t out = 0;
  for (int bit = 0; bit < 64; ++bit) {
    if (v[bit] > 0) out |= 1ULL << bit;
  }
  return out;
}

void SimHashIndex::Add(std::int64_t id, std::uint64_t fingerprint) {
  fingerprints_[id] = fingerprint;
  for (std::uint64_t band = 0; band < 4; ++band) {
    bands_[band << 16 | (fingerprint >> (band * 16) & 0xFFFF)].push_back(id);
  }
}

std::vector<std::int64_t> SimHashIndex::Candidates(std::uint64_t fingerprint) const {
  std::unordered_set<std::int64_t> seen;
  std::vector<std::int64_t> out;
  for (std::uint64_t band = 0; band < 4; ++band) {
    auto it = bands_.find(band << 16 | (fingerprint >> (band * 16) & 0xFFFF));
    if (it == bands_.end()) continue;
    for (std::int64_t id : it->second) {
      if (seen.insert(id).second) out.push_back(id);
    }
  }
  return out;
}

}  // namespace closeloop::text
