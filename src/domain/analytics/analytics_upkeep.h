// Keeping the analytics facts up to date. A change event marks its complaint pending inside the
// change's own transaction (AnalyticsSubscriber), so no change is missed or counted without its
// commit; RefreshAnalytics recomputes the pending facts from what is stored, in batches, off the
// request path (the server runs it every 200 ms; the CLI's import, demo and analyze run it to the
// end). RebuildAnalytics recomputes every fact from the stored history: the same function of the
// same inputs, so rebuilt = incrementally maintained.
#pragma once

#include <vector>

#include "core/status.h"
#include "domain/complaint/change_events.h"
#include "domain/context.h"
#include "domain/model/ids.h"

namespace closeloop::domain {

class AnalyticsSubscriber final : public ChangeSubscriber {
 public:
  explicit AnalyticsSubscriber(const Context& ctx) : ctx_(ctx) {}
  core::Status OnChange(const ComplaintChange& change, Repositories& repos) override;

 private:
  const Context& ctx_;
};

class RefreshAnalytics {
 public:
  explicit RefreshAnalytics(const Context& ctx) : ctx_(ctx) {}
  // Recomputes up to `limit` pending facts in one transaction; returns how many.
  core::Result<int> Round(int limit = 500) const;
  // Rounds until nothing is pending; returns how many facts were recomputed.
  core::Result<int> UntilDone() const;
  // Every fact from scratch (an admin's CLI command: `closeloop analytics rebuild`), in batches
  // of `batch` complaints; returns how many.
  core::Result<int> Rebuild(int batch = 2000) const;
  // How many stored facts differ from a fresh computation (or are missing); the ids of the first
  // ten in `examples`. Nothing pending is expected: refresh first.
  core::Result<int> Verify(std::vector<Id>* examples = nullptr) const;
  // The fact of one complaint as it would be computed now (tests compare it with the stored one).
  core::Result<ComplaintFact> Compute(Id complaint_id) const;

 private:
  const Context& ctx_;
};

}  // namespace closeloop::domain
