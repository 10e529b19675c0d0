// SQLite repository of the durable job scheduler. Claims run inside the single writer's
// transaction, so two workers never claim the same job.
#include <algorithm>

#include "domain/jobs/entities.h"
#include "domain/jobs/repository.h"
#include "domain/model/enums.h"
#include "domain/model/ids.h"
#include "domain/org/entities.h"
#include "store/sqlite/query_helpers.h"
#include "store/sqlite/repositories.h"

namespace closeloop::store::sqlite {

namespace {

constexpr const char* kJobColumns =
    "SELECT id, kind, job_key, payload, status, run_at, attempts, max_attempts, last_error, "
    "claimed_by, lease_until, created_at, finished_at FROM jobs ";

domain::Job ReadJob(const Query& q) {
  domain::Job j;
  j.id = q.Int(0);
  j.kind = q.Text(1);
  j.key = q.Text(2);
  j.payload = q.Text(3);
  auto status = domain::ParseJobStatus(q.Text(4));
  if (!status) throw StoreError("corrupt jobs row " + std::to_string(j.id));
  j.status = *status;
  j.run_at = q.Int(5);
  j.attempts = static_cast<int>(q.Int(6));
  j.max_attempts = static_cast<int>(q.Int(7));
  j.last_error = q.Text(8);
  j.claimed_by = q.Text(9);
  j.lease_until = q.OptInt(10);
  j.created_at = q.Int(11);
  j.finished_at = q.OptInt(12);
  return j;
}

}  // namespace

Id SqliteJobs::Schedule(const domain::Job& job) {
  if (!job.key.empty()) {
    Query existing(c_,
                   "SELECT id, run_at FROM jobs WHERE kind = ? AND job_key = ? "
                   "AND status IN ('due', 'running') AND job_key <> ''");  // the partial index
    existing.Bind(job.kind).Bind(job.key);
    if (existing.Next()) {
      const Id id = existing.Int(0);
      if (job.run_at < existing.Int(1)) {
        Query earlier(c_, "UPDATE jobs SET run_at = ? WHERE id = ? AND status = 'due'");
        earlier.Bind(job.run_at).Bind(id).Run();
      }
      return id;
    }
  }
  Query q(c_,
          "INSERT INTO jobs (kind, job_key, payload, status, run_at, max_attempts, created_at) "
          "VALUES (?, ?, ?, 'due', ?, ?, ?)");
  q.Bind(job.kind)
      .Bind(job.key)
      .Bind(job.payload)
      .Bind(job.run_at)
      .Bind(job.max_attempts)
      .Bind(job.created_at)
      .Run();
  return c_.LastInsertId();
}

std::vector<domain::Job> SqliteJobs::Claim(UnixMillis now, const std::string& worker,
                                           UnixMillis lease_until, int limit,
                                           const std::vector<std::string>& kinds) {
  // Per kind through the partial index jobs_due_kind, then the oldest of all.
  std::vector<std::pair<UnixMillis, Id>> due;
  for (const std::string& kind : kinds) {
    Query q(c_,
            "SELECT run_at, id FROM jobs WHERE kind = ? AND status IN ('due', 'running') AND "
            "run_at <= ? AND (status = 'due' OR lease_until <= ?) ORDER BY run_at, id LIMIT ?");
    q.Bind(kind).Bind(now).Bind(now).Bind(limit);
    while (q.Next()) due.emplace_back(q.Int(0), q.Int(1));
  }
  std::sort(due.begin(), due.end());
  if (due.size() > static_cast<size_t>(limit)) due.resize(limit);
  std::vector<Id> ids;
  for (const auto& [run_at, id] : due) ids.push_back(id);
  std::vector<domain::Job> out;
  for (Id id : ids) {
    Query claim(c_,
                "UPDATE jobs SET status = 'running', claimed_by = ?, lease_until = ?, "
                "attempts = attempts + 1 WHERE id = ?");
    claim.Bind(worker).Bind(lease_until).Bind(id).Run();
    if (auto job = Find(id)) out.push_back(std::move(*job));
  }
  return out;
}

void SqliteJobs::Complete(Id id, UnixMillis at) {
  Query q(c_,
          "UPDATE jobs SET status = 'done', finished_at = ?, lease_until = NULL, last_error = '' "
          "WHERE id = ?");
  q.Bind(at).Bind(id).Run();
}

void SqliteJobs::Fail(Id id, const std::string& error, std::optional<UnixMillis> retry_at,
                      UnixMillis at) {
  if (retry_at) {
    Query q(c_,
            "UPDATE jobs SET status = 'due', run_at = ?, last_error = ?, lease_until = NULL "
            "WHERE id = ?");
    q.Bind(*retry_at).Bind(error).Bind(id).Run();
  } else {
    Query q(c_,
            "UPDATE jobs SET status = 'parked', last_error = ?, lease_until = NULL, "
            "finished_at = ? WHERE id = ?");
    q.Bind(error).Bind(at).Bind(id).Run();
  }
}

bool SqliteJobs::Retry(Id id, UnixMillis at) {
  Query q(c_,
          "UPDATE jobs SET status = 'due', run_at = ?, attempts = 0, finished_at = NULL "
          "WHERE id = ? AND status = 'parked'");
  q.Bind(at).Bind(id).Run();
  return c_.Changes() > 0;
}

std::optional<domain::Job> SqliteJobs::Find(Id id) {
  return QueryOne<domain::Job>(c_, std::string(kJobColumns) + "WHERE id = ?", id, ReadJob);
}

std::vector<domain::Job> SqliteJobs::List(const domain::JobQuery& query) {
  Query q(c_, std::string(kJobColumns) +
                  "WHERE (? = '' OR status = ?) AND (? = '' OR kind = ?) ORDER BY id DESC LIMIT ?");
  const std::string status = query.status ? domain::ToString(*query.status) : "";
  q.Bind(status).Bind(status).Bind(query.kind).Bind(query.kind).Bind(query.limit);
  std::vector<domain::Job> out;
  while (q.Next()) out.push_back(ReadJob(q));
  return out;
}

Id SqliteNotifications::Insert(const domain::Notification& n) {
  Query q(c_,
          "INSERT INTO notifications (user_id, complaint_id, kind, message, created_at) "
          "VALUES (?, ?, ?, ?, ?)");
  q.Bind(n.user_id).Bind(n.complaint_id).Bind(n.kind).Bind(n.message).Bind(n.created_at).Run();
  return c_.LastInsertId();
}

std::vector<domain::Notification> SqliteNotifications::ListFor(Id user_id, bool unread_only,
                                                               Id before_id, int limit) {
  Query q(c_,
          "SELECT id, user_id, complaint_id, kind, message, created_at, read_at FROM notifications "
          "WHERE user_id = ? AND (? = 0 OR read_at IS NULL) AND (? = 0 OR id < ?) "
          "ORDER BY id DESC LIMIT ?");
  q.Bind(user_id).Bind(unread_only).Bind(before_id).Bind(before_id).Bind(limit);
  std::vector<domain::Notification> out;
  while (q.Next()) {
    out.push_back({q.Int(0), q.Int(1), q.OptInt(2), q.Text(3), q.Text(4), q.Int(5), q.OptInt(6)});
  }
  return out;
}

int SqliteNotifications::MarkAllRead(Id user_id, UnixMillis at) {
  Query q(c_, "UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL");
  q.Bind(at).Bind(user_id).Run();
  return c_.Changes();
}

bool SqliteNotifications::MarkRead(Id user_id, Id id, UnixMillis at) {
  Query q(c_,
          "UPDATE notifications SET read_at = coalesce(read_at, ?) WHERE id = ? AND user_id = ?");
  q.Bind(at).Bind(id).Bind(user_id).Run();
  return c_.Changes() > 0;
}

}  // namespace closeloop::store::sqlite
