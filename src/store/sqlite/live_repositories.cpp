// SQLite reads of the live feed: complaint events and notifications after an id, each with the
// complaint's reference, state and place (and the department teams with a task on it).
#include <sstream>

#include "domain/model/enums.h"
#include "store/sqlite/query_helpers.h"
#include "store/sqlite/repositories.h"

namespace closeloop::store::sqlite {
namespace {

// The complaint's columns every record carries, after its own (alias c).
constexpr const char* kComplaintPart =
    "c.id, c.reference, c.status, c.priority, c.region_id, c.team_id, c.assignee_id, "
    "(SELECT group_concat(t.team_id, ' ') FROM department_tasks t WHERE t.complaint_id = c.id)";

void ReadComplaintPart(const Query& q, int i, domain::LiveRecord& r) {
  if (q.IsNull(i)) return;  // a notification about no complaint
  r.complaint_id = q.Int(i);
  r.reference = q.Text(i + 1);
  r.status =
      ParseOr(q.Text(i + 2), domain::ParseComplaintStatus, domain::ComplaintStatus::kReceived);
  r.priority = ParseOr(q.Text(i + 3), domain::ParsePriority, domain::Priority::kNormal);
  r.place = {q.OptInt(i + 4), q.OptInt(i + 5), q.OptInt(i + 6)};
  std::istringstream teams(q.Text(i + 7));
  for (Id team = 0; teams >> team;) r.task_teams.push_back(team);
}

}  // namespace

std::vector<domain::LiveRecord> SqliteLiveFeed::EventsAfter(Id after, int limit) {
  Query q(c_, std::string("SELECT e.id, e.kind, e.from_status, e.to_status, e.at, ") +
                  kComplaintPart +
                  " FROM complaint_events e JOIN complaints c ON c.id = e.complaint_id "
                  "WHERE e.id > ? ORDER BY e.id LIMIT ?");
  q.Bind(after).Bind(limit);
  std::vector<domain::LiveRecord> out;
  while (q.Next()) {
    domain::LiveRecord r;
    r.id = q.Int(0);
    r.kind = ParseOr(q.Text(1), domain::ParseEventKind, domain::EventKind::kUpdated);
    r.from_status = ParseOpt<domain::ComplaintStatus>(q.OptText(2), domain::ParseComplaintStatus);
    r.to_status = ParseOpt<domain::ComplaintStatus>(q.OptText(3), domain::ParseComplaintStatus);
    r.at = q.Int(4);
    ReadComplaintPart(q, 5, r);
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<domain::LiveRecord> SqliteLiveFeed::NotificationsAfter(Id after, int limit) {
  Query q(c_, std::string("SELECT n.id, n.user_id, n.kind, n.message, n.created_at, ") +
                  kComplaintPart +
                  " FROM notifications n LEFT JOIN complaints c ON c.id = n.complaint_id "
                  "WHERE n.id > ? ORDER BY n.id LIMIT ?");
  q.Bind(after).Bind(limit);
  std::vector<domain::LiveRecord> out;
  while (q.Next()) {
    domain::LiveRecord r;
    r.is_notification = true;
    r.id = q.Int(0);
    r.user_id = q.Int(1);
    r.notification_kind = q.Text(2);
    r.message = q.Text(3);
    r.at = q.Int(4);
    ReadComplaintPart(q, 5, r);
    out.push_back(std::move(r));
  }
  return out;
}

domain::LivePosition SqliteLiveFeed::Newest() {
  Query q(c_,
          "SELECT (SELECT coalesce(max(id), 0) FROM complaint_events), "
          "(SELECT coalesce(max(id), 0) FROM notifications)");
  if (!q.Next()) return {};
  return {q.Int(0), q.Int(1)};
}

}  // namespace closeloop::store::sqlite
