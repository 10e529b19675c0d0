// The durable job scheduler (R-3, used by R-2 retraining and later by SLA timers, surveys and
// reports). Due work is a row in the job table; a runner claims due jobs with a lease, runs their
// handler and records success, a retry with exponential backoff, or — after the last attempt —
// parks the job with its error. One failing job never blocks the others.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/context.h"
#include "domain/jobs/entities.h"
#include "domain/jobs/repository.h"
#include "domain/model/ids.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

// What a finished job asks of the runner: to run again (same kind, key and payload) at a time,
// for recurring work such as the daily retrain and the next SLA check.
struct JobFollowUp {
  std::optional<UnixMillis> run_again_at;
};

// Queues a job about one record: kind `kind`, key "<key_prefix>:<id>", payload the id, due at
// `run_at` (Schedule keeps an unfinished job of the same key, moved earlier if need be).
void ScheduleJobFor(Repositories& repos, const std::string& kind, const std::string& key_prefix,
                    Id id, UnixMillis run_at, UnixMillis now);
// The record id a job of ScheduleJobFor carries, or nothing for a payload that is not one.
std::optional<Id> PayloadId(const Job& job);

// Runs the jobs of one kind. Prepare runs outside any transaction (slow work without store
// writes, e.g. training a model) and must be safe to repeat. Run runs inside the write
// transaction that also completes the job (and queues its follow-up): its store changes and the
// completion commit together, so a crash part-way leaves neither and the job simply runs again.
// A non-OK Status or an exception from either is a failed attempt.
class JobHandler {
 public:
  virtual ~JobHandler() = default;
  virtual core::Status Prepare(const Job&) { return core::Status::Ok(); }
  virtual core::Status Run(const Job& job, Repositories& repos, JobFollowUp& follow_up) = 0;
  // Whether several jobs of this kind may share one transaction (short Run, no Prepare). If any
  // of them fails, the shared transaction is rolled back and each runs again on its own.
  virtual bool Batchable() const { return false; }
  // Called as each transaction that runs jobs of this kind begins (one runner thread at a time):
  // a handler may keep reads it needs for every job (the managers an escalation notifies) for the
  // length of one transaction, and must forget them here.
  virtual void UnitOfWorkBegins() {}
};

class JobRunner {
 public:
  static constexpr UnixMillis kLease = 10 * core::kMinute;
  static constexpr UnixMillis kFirstRetry = 30 * core::kSecond;
  static constexpr UnixMillis kLongestRetry = core::kHour;
  // Batchable jobs run this many to a transaction.
  static constexpr size_t kBatch = 500;  // 100 took 25 % longer on a burst of 10,000 checks

  // `worker` names this process in claimed_by (host:pid, say).
  JobRunner(const Context& ctx, std::string worker) : ctx_(ctx), worker_(std::move(worker)) {}
  // The handler must outlive the runner.
  void Register(const std::string& kind, JobHandler& handler) { handlers_[kind] = &handler; }
  // Claims up to `limit` due jobs and runs them one by one; returns how many it ran.
  core::Result<int> RunDue(int limit = 20);
  // The wait before attempt `attempts + 1`: 30 s, 1 min, 2 min … at most an hour.
  static UnixMillis Backoff(int attempts);

 private:
  core::Status RunOne(const Job& job);
  // RunOne, and a failure recorded against the job (retry with backoff, or parked).
  core::Status RunAndRecord(const Job& job);
  core::Status RunTogether(const std::vector<const Job*>& jobs);
  // The handler's Run, the completion and the follow-up, in the caller's transaction.
  core::Status RunInside(const Job& job, JobHandler& handler, Repositories& repos);
  const Context& ctx_;
  std::string worker_;
  std::map<std::string, JobHandler*> handlers_;
};

// Admin views and actions on the job table.
class ManageJobs {
 public:
  explicit ManageJobs(const Context& ctx) : ctx_(ctx) {}
  core::Result<std::vector<Job>> List(const Principal& who, const JobQuery& query) const;
  // A parked job back in the queue, due now.
  core::Result<Job> Retry(const Principal& who, Id id) const;
  // Schedules a job of a known kind to run at `run_at` (now when absent).
  core::Result<Job> Schedule(const Principal& who, Job job) const;

 private:
  const Context& ctx_;
};

}  // namespace closeloop::domain
