#include "domain/usecases/analysis.h"

namespace closeloop::domain {

core::Result<int> AnalyzeNewComplaints::RunOnce(int limit) const {
  if (!ctx_.analyzer) return 0;
  std::vector<Complaint> pending;
  CL_RETURN_IF_ERROR(ctx_.store.Read([&](Repositories& repos) {
    pending = repos.analysis().Pending(limit);
    return core::Status::Ok();
  }));
  if (pending.empty()) return 0;
  std::vector<std::pair<Id, TextAnalysis>> results;
  results.reserve(pending.size());
  const UnixMillis now = ctx_.clock.Now();
  for (const Complaint& c : pending) {
    TextAnalysis a = ctx_.analyzer->Analyze(c.title, c.description);
    if (a.agitation >= ctx_.config.high_agitation_threshold) a.flags.push_back("high_agitation");
    a.analyzed_at = now;
    results.emplace_back(c.id, std::move(a));
  }
  CL_RETURN_IF_ERROR(ctx_.store.Write([&](Repositories& repos) {
    repos.analysis().Save(results);
    return core::Status::Ok();
  }));
  return static_cast<int>(results.size());
}

core::Result<std::int64_t> AnalyzeNewComplaints::RunToEnd() const {
  std::int64_t total = 0;
  for (;;) {
    auto n = RunOnce(2000);
    if (!n.ok()) return n.status();
    if (*n == 0) return total;
    total += *n;
  }
}

}  // namespace closeloop::domain
