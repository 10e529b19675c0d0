// SQLite repository of cross-department tasks.
#include "domain/model/ids.h"
#include "domain/tasks/entities.h"
#include "store/sqlite/query_helpers.h"
#include "store/sqlite/repositories.h"

namespace closeloop::store::sqlite {

namespace {

constexpr const char* kTaskColumns =
    "SELECT id, complaint_id, team_id, title, status, blocking, owner_id, due_at, created_at, "
    "updated_at, closed_at, kind, details, survey_response_id, outcome FROM department_tasks ";

domain::DepartmentTask ReadTask(const Query& q) {
  domain::DepartmentTask t;
  t.id = q.Int(0);
  t.complaint_id = q.Int(1);
  t.team_id = q.Int(2);
  t.title = q.Text(3);
  t.status = q.Text(4);
  t.blocking = q.Int(5) != 0;
  t.owner_id = q.OptInt(6);
  t.due_at = q.Int(7);
  t.created_at = q.Int(8);
  t.updated_at = q.Int(9);
  t.closed_at = q.OptInt(10);
  t.kind = q.Text(11);
  t.details = q.Text(12);
  t.survey_response_id = q.OptInt(13);
  t.outcome = q.Text(14);
  return t;
}

}  // namespace

Id SqliteTasks::Insert(const domain::DepartmentTask& t) {
  Query q(c_,
          "INSERT INTO department_tasks (complaint_id, team_id, title, status, blocking, owner_id, "
          "due_at, created_at, updated_at, kind, details, survey_response_id) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  q.Bind(t.complaint_id)
      .Bind(t.team_id)
      .Bind(t.title)
      .Bind(t.status)
      .Bind(t.blocking)
      .Bind(t.owner_id)
      .Bind(t.due_at)
      .Bind(t.created_at)
      .Bind(t.updated_at)
      .Bind(t.kind)
      .Bind(t.details)
      .Bind(t.survey_response_id)
      .Run();
  return c_.LastInsertId();
}

void SqliteTasks::Update(const domain::DepartmentTask& t) {
  Query q(c_,
          "UPDATE department_tasks SET status = ?, blocking = ?, owner_id = ?, due_at = ?, "
          "updated_at = ?, closed_at = ?, outcome = ? WHERE id = ?");
  q.Bind(t.status)
      .Bind(t.blocking)
      .Bind(t.owner_id)
      .Bind(t.due_at)
      .Bind(t.updated_at)
      .Bind(t.closed_at)
      .Bind(t.outcome);
  q.Bind(t.id).Run();
}

std::optional<domain::DepartmentTask> SqliteTasks::Find(Id id) {
  return QueryOne<domain::DepartmentTask>(c_, std::string(kTaskColumns) + "WHERE id = ?", id,
                                          ReadTask);
}

std::vector<domain::DepartmentTask> SqliteTasks::ForComplaint(Id complaint_id) {
  Query q(c_, std::string(kTaskColumns) + "WHERE complaint_id = ? ORDER BY id");
  q.Bind(complaint_id);
  std::vector<domain::DepartmentTask> out;
  while (q.Next()) out.push_back(ReadTask(q));
  return out;
}

std::vector<domain::DepartmentTask> SqliteTasks::ForTeams(const std::vector<Id>& team_ids,
                                                          const std::string& status, int limit) {
  std::vector<domain::DepartmentTask> out;
  auto run = [&](std::optional<Id> team) {
    Query q(c_, std::string(kTaskColumns) +
                    "WHERE (? IS NULL OR team_id = ?) AND (? = '' OR status = ?) "
                    "ORDER BY id DESC LIMIT ?");
    q.Bind(team).Bind(team).Bind(status).Bind(status).Bind(limit);
    while (q.Next()) out.push_back(ReadTask(q));
  };
  if (team_ids.empty()) {
    run(std::nullopt);
  } else {
    for (Id team : team_ids) run(team);
  }
  return out;
}

}  // namespace closeloop::store::sqlite
