#include "domain/analysis/analysis.h"

#include <algorithm>
#include <unordered_set>

#include "domain/analysis/entities.h"
#include "domain/analysis/repository.h"
#include "domain/analysis/text_analyzer.h"
#include "domain/complaint/complaint_support.h"
#include "domain/complaint/entities.h"
#include "domain/complaint/repository.h"
#include "domain/model/ids.h"
#include "domain/routing/routing.h"
#include "domain/sla/sla_timers.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

void FingerprintIndex::Add(Id id, std::uint64_t fingerprint) {
  for (std::uint64_t band = 0; band < 4; ++band) {
    auto& bucket = bands_[band << 16 | (fingerprint >> (band * 16) & 0xFFFF)];
    bucket.push_back({id, fingerprint});
    // A bucket filled by one template (mass complaints) keeps its newest entries only: reposts
    // come within days, and a query must stay cheap.
    if (bucket.size() >= 2 * kMaxBucket) bucket.erase(bucket.begin(), bucket.end() - kMaxBucket);
  }
  ++count_;
}

std::vector<Id> FingerprintIndex::Candidates(std::uint64_t fingerprint) const {
  std::unordered_set<Id> seen;
  std::vector<std::pair<int, Id>> near;  // (distance, id)
  for (std::uint64_t band = 0; band < 4; ++band) {
    auto it = bands_.find(band << 16 | (fingerprint >> (band * 16) & 0xFFFF));
    if (it == bands_.end()) continue;
    for (const auto& [id, other] : it->second) {
      // Chance collisions of one band (about n / 65,536 of them) are dropped here, before
      // anybody reads their text.
      const int distance = __builtin_popcountll(fingerprint ^ other);
      if (distance > kMaxDistance) continue;
      if (seen.insert(id).second) near.emplace_back(distance, id);
    }
  }
  // Mass complaints (one template sent by thousands) would otherwise make every check read
  // thousands of texts: the closest few are enough to find the original.
  const size_t keep = std::min(near.size(), kMaxCandidates);
  std::partial_sort(near.begin(), near.begin() + static_cast<long>(keep), near.end());
  std::vector<Id> out;
  for (size_t i = 0; i < keep; ++i) out.push_back(near[i].second);
  return out;
}

core::Result<int> AnalyzeNewComplaints::RunOnce(int limit) {
  if (!ctx_.analyzer) return 0;
  std::vector<Complaint> pending;
  CL_RETURN_IF_ERROR(ctx_.store.Read([&](Repositories& repos) {
    if (!index_loaded_) {
      for (const auto& [id, fingerprint] : repos.analysis().Fingerprints()) {
        index_.Add(id, fingerprint);
      }
      index_loaded_ = true;
    }
    pending = repos.analysis().Pending(limit);
    return core::Status::Ok();
  }));
  if (pending.empty()) return 0;
  const TextAnalyzer& analyzer = *ctx_.analyzer;
  std::vector<std::pair<Id, TextAnalysis>> results;
  results.reserve(pending.size());
  const UnixMillis now = ctx_.clock.Now();
  for (const Complaint& c : pending) {
    TextAnalysis a = analyzer.Analyze(c.title, c.description);
    a.fingerprint = analyzer.Fingerprint(c.title, c.description);
    if (a.agitation >= ctx_.config.high_agitation_threshold) a.flags.push_back("high_agitation");
    a.analyzed_at = now;
    results.emplace_back(c.id, std::move(a));
  }
  // Duplicates and repeats look at stored complaints, including the ones saved earlier in this
  // batch, so they run in the writing transaction, one complaint after the other.
  CL_RETURN_IF_ERROR(ctx_.store.Write([&](Repositories& repos) {
    std::optional<AgentPool> pool;  // loaded for the first complaint that waits for routing
    FingerprintIndex this_batch;    // joins index_ after the commit
    for (size_t i = 0; i < pending.size(); ++i) {
      const Complaint& c = pending[i];
      TextAnalysis& a = results[i].second;
      std::vector<Id> candidates = index_.Candidates(a.fingerprint);
      for (Id id : this_batch.Candidates(a.fingerprint)) candidates.push_back(id);
      // (Up to twice kMaxCandidates texts: the closest stored ones and the closest of this batch.)
      this_batch.Add(c.id, a.fingerprint);
      // The most similar earlier complaint above the threshold.
      double best = 0;
      const std::vector<Complaint> earlier = repos.analysis().Texts(candidates);
      const std::vector<double> similarities = analyzer.Similarities(c, earlier);
      for (size_t k = 0; k < earlier.size(); ++k) {
        if (similarities[k] >= ctx_.config.duplicate_threshold && similarities[k] > best) {
          best = similarities[k];
          a.duplicate_of = earlier[k].id;
        }
      }
      if (a.duplicate_of) {
        a.flags.push_back("duplicate");
        // The same text from many senders: a template campaign, for review (never dropped).
        if (repos.analysis().CountDuplicatesOf(*a.duplicate_of) + 2 >= kTemplateMassCopies) {
          a.flags.push_back("template_mass");
        }
      }
      const std::string category = c.category.empty() ? a.suggested_category : c.category;
      if (c.customer_id && (c.product_id || !c.order_ref.empty())) {
        if (repos.analysis().CountRepeats(c, category, 30 * core::kDay) > 0) {
          a.flags.push_back("repeat_30d");
          if (repos.analysis().CountRepeats(c, category, 7 * core::kDay) > 0) {
            a.flags.push_back("repeat_7d");
          }
        }
      }
      repos.analysis().Save({results[i]});
      // Harm to a person or a pet skips the queue, whoever filed it and however (R-2, ISO
      // 10002 initial assessment): the flag is set and the priority raised, on the record.
      if (std::find(a.flags.begin(), a.flags.end(), "safety") != a.flags.end() &&
          IsOpen(c.status)) {
        if (auto fresh = repos.complaints().FindById(c.id); fresh && !fresh->safety_flag) {
          MarkSafety(repos, ctx_, *fresh, "safety words in the text");
        }
      }
      // The SLA clocks start watching a complaint once it is understood (R-3 follows R-2).
      if (IsOpen(c.status)) {
        CL_RETURN_IF_ERROR(
            PublishChange(repos, ctx_, {ChangeKind::kAnalysed, c, SystemPrincipal(), now}));
      }
      // Routing follows once the complaint is understood; it is off while no agent has a
      // routing profile.
      if (!pool) pool = LoadAgentPool(repos, ctx_, now);
      if (!pool->agents().empty()) {
        auto fresh = repos.complaints().FindById(c.id);
        if (fresh && WaitsForRouting(*fresh)) {
          CL_RETURN_IF_ERROR(RouteComplaint(repos, ctx_, *pool, *fresh, &a, true).status());
        }
      }
    }
    return core::Status::Ok();
  }));
  // Only after the commit: a rolled-back batch leaves the index as it was.
  for (const auto& [id, a] : results) index_.Add(id, a.fingerprint);
  return static_cast<int>(results.size());
}

core::Result<std::int64_t> AnalyzeNewComplaints::RunToEnd() {
  std::int64_t total = 0;
  for (;;) {
    auto n = RunOnce(2000);
    if (!n.ok()) return n.status();
    if (*n == 0) return total;
    total += *n;
  }
}

}  // namespace closeloop::domain
