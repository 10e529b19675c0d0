// The analysis pipeline: complaints are analysed after intake, in batches, in the order
// they arrived; nothing is skipped (a watermark records how far it got). Besides the text
// analysis itself it links near-duplicates (the same complaint sent again or on another
// channel) and marks repeat complaints (same customer, product or order, and category within
// 7 and 30 days).
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "core/status.h"
#include "domain/context.h"
#include "domain/model/ids.h"

namespace closeloop::domain {

// Candidate lookup for near-duplicates: a complaint is a candidate when one of the four 16-bit
// bands of its fingerprint equals the query's and the fingerprints differ in at most
// kMaxDistance bits; the closest kMaxCandidates are returned. 16 bytes a complaint and band, so
// millions fit.
class FingerprintIndex {
 public:
  static constexpr int kMaxDistance = 18;
  static constexpr size_t kMaxCandidates = 4;  // the closest ones, by fingerprint distance
  static constexpr size_t kMaxBucket = 512;    // newest entries kept per band value
  void Add(Id id, std::uint64_t fingerprint);
  std::vector<Id> Candidates(std::uint64_t fingerprint) const;
  size_t size() const { return count_; }

 private:
  std::unordered_map<std::uint64_t, std::vector<std::pair<Id, std::uint64_t>>> bands_;
  size_t count_ = 0;
};

// One pipeline per process and one process per database (the server): the near-duplicate
// index and the watermark it advances are held in memory by this object, so two analysers over
// one database would each miss the other's complaints as duplicates.
class AnalyzeNewComplaints {
 public:
  // The original and its duplicates reaching this many mark the newest as a template campaign.
  static constexpr int kTemplateMassCopies = 5;
  explicit AnalyzeNewComplaints(const Context& ctx) : ctx_(ctx) {}
  // Analyses up to `limit` complaints not analysed yet; returns how many (0: up to date, or no
  // analyzer configured). The text work runs outside any transaction. Not thread-safe: one
  // pipeline per process.
  core::Result<int> RunOnce(int limit = 500);
  // Runs until every complaint is analysed; returns how many.
  core::Result<std::int64_t> RunToEnd();

 private:
  const Context& ctx_;
  FingerprintIndex index_;
  bool index_loaded_ = false;
};

}  // namespace closeloop::domain
