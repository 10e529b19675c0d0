#include "domain/jobs/jobs.h"

#include <algorithm>
#include <cstdlib>
#include <exception>

#include "domain/jobs/entities.h"
#include "domain/jobs/repository.h"
#include "domain/model/ids.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

void ScheduleJobFor(Repositories& repos, const std::string& kind, const std::string& key_prefix,
                    Id id, UnixMillis run_at, UnixMillis now) {
  Job job;
  job.kind = kind;
  job.key = key_prefix + ":" + std::to_string(id);
  job.payload = std::to_string(id);
  job.run_at = run_at;
  job.created_at = now;
  repos.jobs().Schedule(job);
}

std::optional<Id> PayloadId(const Job& job) {
  char* end = nullptr;
  const long long id = std::strtoll(job.payload.c_str(), &end, 10);
  if (job.payload.empty() || *end != '\0' || id <= 0) return std::nullopt;
  return id;
}

using core::Status;

UnixMillis JobRunner::Backoff(int attempts) {
  UnixMillis wait = kFirstRetry;
  for (int i = 1; i < attempts && wait < kLongestRetry; ++i) wait *= 2;
  return std::min(wait, kLongestRetry);
}

core::Result<int> JobRunner::RunDue(int limit) {
  std::vector<Job> claimed;
  const UnixMillis now = ctx_.clock.Now();
  Status status = ctx_.store.Write([&](Repositories& repos) {
    std::vector<std::string> kinds;
    for (const auto& [kind, handler] : handlers_) kinds.push_back(kind);
    claimed = repos.jobs().Claim(now, worker_, now + kLease, limit, kinds);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  // Runs of batchable jobs share a transaction; a run in which any job fails is rolled back and
  // its jobs run again one by one, so each failure is recorded against its own job.
  std::vector<const Job*> batch;
  auto flush = [&]() -> Status {
    if (batch.empty()) return Status::Ok();
    const bool together = batch.size() > 1 && RunTogether(batch).ok();
    if (!together) {
      for (const Job* job : batch) CL_RETURN_IF_ERROR(RunAndRecord(*job));
    }
    batch.clear();
    return Status::Ok();
  };
  for (const Job& job : claimed) {
    auto it = handlers_.find(job.kind);
    if (it != handlers_.end() && it->second->Batchable()) {
      batch.push_back(&job);
      if (batch.size() >= kBatch) CL_RETURN_IF_ERROR(flush());
      continue;
    }
    CL_RETURN_IF_ERROR(flush());
    CL_RETURN_IF_ERROR(RunAndRecord(job));
  }
  CL_RETURN_IF_ERROR(flush());
  return static_cast<int>(claimed.size());
}

Status JobRunner::RunAndRecord(const Job& job) {
  Status outcome = RunOne(job);
  if (outcome.ok()) return Status::Ok();
  // The failed attempt is recorded on its own, after the handler's transaction rolled back.
  const std::optional<UnixMillis> retry =
      job.attempts < job.max_attempts
          ? std::optional<UnixMillis>(ctx_.clock.Now() + Backoff(job.attempts))
          : std::nullopt;
  return ctx_.store.Write([&](Repositories& repos) {
    repos.jobs().Fail(job.id, outcome.message(), retry, ctx_.clock.Now());
    return Status::Ok();
  });
}

Status JobRunner::RunInside(const Job& job, JobHandler& handler, Repositories& repos) {
  JobFollowUp follow_up;
  CL_RETURN_IF_ERROR(handler.Run(job, repos, follow_up));
  const UnixMillis now = ctx_.clock.Now();
  // Completed first: an unfinished job holds its key, and the follow-up shares it.
  repos.jobs().Complete(job.id, now);
  if (follow_up.run_again_at) {
    Job next;
    next.kind = job.kind;
    next.key = job.key;
    next.payload = job.payload;
    next.max_attempts = job.max_attempts;
    next.run_at = *follow_up.run_again_at;
    next.created_at = now;
    repos.jobs().Schedule(next);
  }
  return Status::Ok();
}

Status JobRunner::RunOne(const Job& job) {
  auto it = handlers_.find(job.kind);
  if (it == handlers_.end()) return Status::NotFound("no handler for job kind " + job.kind);
  JobHandler& handler = *it->second;
  try {
    CL_RETURN_IF_ERROR(handler.Prepare(job));
    return ctx_.store.Write([&](Repositories& repos) -> Status {
      handler.UnitOfWorkBegins();
      return RunInside(job, handler, repos);
    });
  } catch (const std::exception& e) {
    return Status::Internal(std::string("job threw: ") + e.what());
  }
}

Status JobRunner::RunTogether(const std::vector<const Job*>& jobs) {
  try {
    return ctx_.store.Write([&](Repositories& repos) -> Status {
      for (const Job* job : jobs) handlers_.at(job->kind)->UnitOfWorkBegins();
      for (const Job* job : jobs) {
        CL_RETURN_IF_ERROR(RunInside(*job, *handlers_.at(job->kind), repos));
      }
      return Status::Ok();
    });
  } catch (const std::exception& e) {
    return Status::Internal(std::string("job threw: ") + e.what());
  }
}

core::Result<std::vector<Job>> ManageJobs::List(const Principal& who, const JobQuery& query) const {
  if (!ctx_.policy.Allows(who, Permission::kConfigManage)) {
    return Status::Denied("your role may not see the job queue");
  }
  JobQuery q = query;
  q.limit = std::clamp(q.limit, 1, 1000);
  std::vector<Job> out;
  Status status = ctx_.store.Read([&](Repositories& repos) {
    out = repos.jobs().List(q);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return out;
}

core::Result<Job> ManageJobs::Retry(const Principal& who, Id id) const {
  if (!ctx_.policy.Allows(who, Permission::kConfigManage)) {
    return Status::Denied("your role may not change the job queue");
  }
  Job out;
  Status status = ctx_.store.Write([&](Repositories& repos) -> Status {
    auto job = repos.jobs().Find(id);
    if (!job) return Status::NotFound("job " + std::to_string(id) + " not found");
    if (job->status != JobStatus::kParked) {
      return Status::Conflict("job " + std::to_string(id) + " is " + ToString(job->status) +
                              ", not parked");
    }
    repos.jobs().Retry(id, ctx_.clock.Now());
    out = *repos.jobs().Find(id);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return out;
}

core::Result<Job> ManageJobs::Schedule(const Principal& who, Job job) const {
  if (!ctx_.policy.Allows(who, Permission::kConfigManage)) {
    return Status::Denied("your role may not schedule jobs");
  }
  if (job.kind.empty()) return Status::Invalid("kind", "kind is required");
  if (job.max_attempts < 1 || job.max_attempts > 100) {
    return Status::Invalid("max_attempts", "max_attempts must be between 1 and 100");
  }
  const UnixMillis now = ctx_.clock.Now();
  if (job.run_at == 0) job.run_at = now;
  job.created_at = now;
  Job out;
  Status status = ctx_.store.Write([&](Repositories& repos) {
    out = *repos.jobs().Find(repos.jobs().Schedule(job));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return out;
}

}  // namespace closeloop::domain
