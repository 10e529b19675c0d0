// Storage of durable jobs: due, claimed with a lease, done or parked.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/jobs/entities.h"
#include "domain/model/enums.h"
#include "domain/model/ids.h"

namespace closeloop::domain {

struct JobQuery {
  std::optional<JobStatus> status;
  std::string kind;
  int limit = 100;
};

// The durable job table. Claim hands out due jobs with a lease; a job whose lease ran out (its
// worker died) is due again. SQLite serialises claims through its one writer; on PostgreSQL the
// same contract is met with SELECT … FOR UPDATE SKIP LOCKED.
class JobRepository {
 public:
  virtual ~JobRepository() = default;
  // Inserts a due job. When the key is set and an unfinished job of the same kind and key
  // exists, that job is kept (moved earlier if this one is due sooner) and its id returned.
  virtual Id Schedule(const Job& job) = 0;
  // Up to `limit` jobs of these kinds due at `now` (run_at reached, or running with an expired
  // lease), oldest run_at first, marked running for `worker` until `lease_until`; attempts
  // counted. A worker claims only the kinds it can run (mail delivery runs apart, say).
  // Single-writer assumption: the select-then-mark runs in one serialised write transaction, so
  // two workers never claim one job; a multi-writer store needs SELECT … FOR UPDATE SKIP LOCKED.
  virtual std::vector<Job> Claim(UnixMillis now, const std::string& worker, UnixMillis lease_until,
                                 int limit, const std::vector<std::string>& kinds) = 0;
  virtual void Complete(Id id, UnixMillis at) = 0;
  // Records a failed attempt: due again at `retry_at`, or parked when there is none.
  virtual void Fail(Id id, const std::string& error, std::optional<UnixMillis> retry_at,
                    UnixMillis at) = 0;
  // Puts a parked job back in the queue, due at `at`, with fresh attempts.
  virtual bool Retry(Id id, UnixMillis at) = 0;
  virtual std::optional<Job> Find(Id id) = 0;
  // Newest first.
  virtual std::vector<Job> List(const JobQuery& query) = 0;
};

}  // namespace closeloop::domain
