#include "text/case_index.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "text/char_folder.h"

namespace closeloop::text {

namespace {

constexpr std::uint64_t kWordTag = 1ULL << 63;

std::uint64_t WordKey(std::u32string_view word) {
  std::uint64_t h = 1469598103934665603ULL;
  for (char32_t c : word) {
    h ^= static_cast<std::uint64_t>(c);
    h *= 1099511628211ULL;
  }
  return kWordTag | (h >> 1);
}

// Scratch space of one query: a score per document, and which ones were touched.
struct Scratch {
  std::vector<float> scores;
  std::vector<std::uint8_t> shared;
  std::vector<std::uint32_t> touched;
};

}  // namespace

std::vector<std::uint64_t> CaseIndex::TermsOf(std::string_view text, size_t max_terms) {
  const std::u32string folded = CharFolder::Shared().Fold(text);
  std::vector<std::uint64_t> terms;
  std::unordered_set<std::uint64_t> seen;
  auto add = [&](std::uint64_t key) {
    if (terms.size() < max_terms && seen.insert(key).second) terms.push_back(key);
  };
  size_t i = 0;
  while (i < folded.size() && terms.size() < max_terms) {
    const char32_t c = folded[i];
    if (c < 0x80 && c != U' ') {  // a Latin word or a number
      size_t j = i;
      while (j < folded.size() && folded[j] < 0x80 && folded[j] != U' ') ++j;
      if (j - i >= 2) add(WordKey(std::u32string_view(folded).substr(i, j - i)));
      i = j;
      continue;
    }
    if (c != U' ' && i + 1 < folded.size() && folded[i + 1] >= 0x80) {
      add((static_cast<std::uint64_t>(c) << 21) | folded[i + 1]);
    }
    ++i;
  }
  return terms;
}

void CaseIndex::Add(std::int64_t id, std::string_view text) {
  const auto doc = static_cast<std::uint32_t>(ids_.size());
  const auto terms = TermsOf(text, kMaxTermsPerText);
  ids_.push_back(id);
  term_counts_.push_back(static_cast<std::uint8_t>(terms.size()));
  for (std::uint64_t term : terms) {
    Posting& p = postings_[term];
    ++p.document_frequency;
    p.docs.push_back(doc);
    // Trim in chunks so adding stays amortised O(1).
    if (p.docs.size() >= 2 * kMaxPostings) {
      p.docs.erase(p.docs.begin(), p.docs.begin() + static_cast<long>(kMaxPostings));
    }
  }
}

double CaseIndex::Idf(const Posting* posting) const {
  const double n = static_cast<double>(ids_.size()) + 1;
  const double df = posting ? posting->document_frequency : 0;
  return std::log(n / (df + 1)) + 1;
}

std::vector<CaseIndex::Hit> CaseIndex::Query(std::string_view text, size_t limit,
                                             double min_score) const {
  std::vector<Hit> hits;
  if (ids_.empty() || limit == 0) return hits;
  thread_local Scratch scratch;
  if (scratch.scores.size() < ids_.size()) {
    scratch.scores.resize(ids_.size(), 0);
    scratch.shared.resize(ids_.size(), 0);
  }
  const auto terms = TermsOf(text, kMaxQueryTerms);
  double query_weight = 0;
  for (std::uint64_t term : terms) {
    auto it = postings_.find(term);
    const Posting* p = it == postings_.end() ? nullptr : &it->second;
    const double idf = Idf(p);
    query_weight += idf;
    if (!p) continue;
    // A term in more than a fifth of all texts says nothing about the topic.
    if (p->document_frequency * 5 > ids_.size() && ids_.size() > 50) continue;
    const size_t start = p->docs.size() > kMaxPostings ? p->docs.size() - kMaxPostings : 0;
    for (size_t k = start; k < p->docs.size(); ++k) {
      const std::uint32_t doc = p->docs[k];
      if (scratch.shared[doc] == 0) scratch.touched.push_back(doc);
      scratch.scores[doc] += static_cast<float>(idf);
      if (scratch.shared[doc] < 255) ++scratch.shared[doc];
    }
  }
  if (query_weight > 0 && !terms.empty()) {
    const double mean_idf = query_weight / static_cast<double>(terms.size());
    // Both sides are weighed as texts of at most kMaxTermsPerText terms, so a text scores 1
    // against itself however long it is.
    const double query_norm =
        mean_idf * static_cast<double>(std::min(terms.size(), kMaxTermsPerText));
    for (std::uint32_t doc : scratch.touched) {
      // Binary-weight cosine, the document's weight estimated from its term count.
      const double doc_weight = std::max<double>(term_counts_[doc], 1) * mean_idf;
      const double score = std::min(1.0, scratch.scores[doc] / std::sqrt(query_norm * doc_weight));
      if (score >= min_score) hits.push_back({ids_[doc], score});
    }
  }
  for (std::uint32_t doc : scratch.touched) {
    scratch.scores[doc] = 0;
    scratch.shared[doc] = 0;
  }
  scratch.touched.clear();
  const size_t keep = std::min(limit, hits.size());
  std::partial_sort(hits.begin(), hits.begin() + static_cast<long>(keep), hits.end(),
                    [](const Hit& a, const Hit& b) {
                      return a.score != b.score ? a.score > b.score : a.id > b.id;
                    });
  hits.resize(keep);
  return hits;
}

}  // namespace closeloop::text
