// An in-memory index that answers "which stored texts are most like this one" over millions of
// texts (similar resolved complaints, R-2.6). Texts are folded (CharFolder) and cut into terms:
// pairs of adjacent Chinese characters and whole Latin words. Each text keeps its first
// kMaxTermsPerText distinct terms (callers put the title first); a term's posting list keeps the
// newest kMaxPostings texts, so memory is bounded (about 4 bytes a term a text) and a query
// reads at most kMaxQueryTerms lists. Scores are the inverse-document-frequency weighted overlap
// of the terms, scaled to 0..1 like a cosine. Not thread-safe: the owner locks.
#pragma once

#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace closeloop::text {

class CaseIndex {
 public:
  static constexpr size_t kMaxTermsPerText = 24;
  static constexpr size_t kMaxQueryTerms = 48;
  static constexpr size_t kMaxPostings = 4096;

  struct Hit {
    std::int64_t id = 0;
    double score = 0;  // 0..1
  };

  // Adds a text under `id`. Adding an id again adds a second entry; callers add each once.
  void Add(std::int64_t id, std::string_view text);
  // The `limit` best texts with a score of at least `min_score`, best first.
  std::vector<Hit> Query(std::string_view text, size_t limit, double min_score = 0.05) const;
  size_t size() const { return ids_.size(); }

  // The terms of a text as the index sees them (exposed for tests).
  static std::vector<std::uint64_t> TermsOf(std::string_view text, size_t max_terms);

 private:
  struct Posting {
    std::uint32_t document_frequency = 0;
    std::vector<std::uint32_t> docs;  // oldest first; trimmed from the front
  };
  double Idf(const Posting* posting) const;

  std::vector<std::int64_t> ids_;          // document number -> id
  std::vector<std::uint8_t> term_counts_;  // document number -> terms kept
  std::unordered_map<std::uint64_t, Posting> postings_;
};

}  // namespace closeloop::text
