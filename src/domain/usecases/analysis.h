// The analysis pipeline: complaints are analysed after intake, in batches, in the order
// they arrived; nothing is skipped (a watermark records how far it got).
#pragma once

#include "core/status.h"
#include "domain/usecases/context.h"

namespace closeloop::domain {

class AnalyzeNewComplaints {
 public:
  explicit AnalyzeNewComplaints(const Context& ctx) : ctx_(ctx) {}
  // Analyses up to `limit` complaints not analysed yet; returns how many (0: up to date, or no
  // analyzer configured). The text work runs outside any transaction.
  core::Result<int> RunOnce(int limit = 500) const;
  // Runs until every complaint is analysed; returns how many.
  core::Result<std::int64_t> RunToEnd() const;

 private:
  const Context& ctx_;
};

}  // namespace closeloop::domain
