// A durable job.
#pragma once

#include <optional>
#include <string>

#include "domain/model/enums.h"
#include "domain/model/ids.h"

namespace closeloop::domain {

// One unit of due work in the durable scheduler.
struct Job {
  Id id = 0;
  std::string kind;     // the handler that runs it, e.g. "model.retrain"
  std::string key;      // at most one unfinished job per kind and key; empty: no limit
  std::string payload;  // the handler's input (JSON or plain text)
  JobStatus status = JobStatus::kDue;
  UnixMillis run_at = 0;
  int attempts = 0;
  int max_attempts = 5;
  std::string last_error;
  std::string claimed_by;  // the worker running it
  std::optional<UnixMillis> lease_until;
  UnixMillis created_at = 0;
  std::optional<UnixMillis> finished_at;
};

}  // namespace closeloop::domain
