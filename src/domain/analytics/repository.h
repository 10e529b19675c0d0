// Storage of the analytics facts (domain/analytics/entities.h).
#pragma once

#include <string>
#include <vector>

#include "domain/analytics/entities.h"
#include "domain/org/policy.h"

namespace closeloop::domain {

class AnalyticsRepository {
 public:
  virtual ~AnalyticsRepository() = default;
  virtual void SaveFact(const ComplaintFact& fact) = 0;  // insert or replace
  virtual std::optional<ComplaintFact> FindFact(Id complaint_id) = 0;
  virtual void DeleteAllFacts() = 0;
  // Complaints whose facts wait for recomputing.
  virtual void MarkPending(Id complaint_id) = 0;
  virtual std::vector<Id> Pending(int limit) = 0;  // smallest ids first
  virtual void ClearPending(const std::vector<Id>& complaint_ids) = 0;
  virtual int PendingCount() = 0;
  // Complaint ids above `after_id`, ascending, `limit` of them (the rebuild walks them).
  virtual std::vector<Id> ComplaintIds(Id after_id, int limit) = 0;
  // The sums of the rows `query` selects within `scope`, one group per distinct value of its
  // group_by dimensions (one group without them). Dimension names are those of kDimensions.
  virtual std::vector<GroupSums> Sums(const FactQuery& query, const Principal& scope) = 0;
  // The stored targets; empty: the defaults apply.
  virtual std::vector<KpiTarget> Targets() = 0;
  virtual void SaveTargets(const std::vector<KpiTarget>& targets) = 0;  // replaces them all
  // The stored promotion calendar, by start; empty: the defaults apply.
  virtual std::vector<Promotion> Promotions() = 0;
  virtual void SavePromotions(const std::vector<Promotion>& promotions) = 0;  // replaces all
  // The complaints `query` selects (group_by ignored), newest first, below `before_id` (0: from
  // the newest), and how many there are.
  virtual std::vector<FactComplaint> Complaints(const FactQuery& query, const Principal& scope,
                                                Id before_id, int limit) = 0;
};

}  // namespace closeloop::domain
