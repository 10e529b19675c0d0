#include "domain/tasks/tasks.h"

#include <algorithm>

#include "core/text.h"
#include "domain/complaint/complaint_support.h"
#include "domain/complaint/entities.h"
#include "domain/complaint/repository.h"
#include "domain/jobs/entities.h"
#include "domain/jobs/repository.h"
#include "domain/model/ids.h"
#include "domain/org/entities.h"
#include "domain/org/repository.h"
#include "domain/tasks/entities.h"
#include "domain/tasks/repository.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

using core::Status;

namespace {

bool ValidStatus(const std::string& s) {
  return s == "open" || s == "in_progress" || s == "done" || s == "cancelled";
}

// The task as `who` may read it: free text that may name the customer masked for roles that may
// not see personal data.
TaskView ViewOf(Repositories& repos, const Context& ctx, const Principal& who,
                const DepartmentTask& t) {
  TaskView v;
  v.task = t;
  v.task.details = ReadableText(ctx, who, v.task.details);
  if (auto team = repos.org().FindTeam(t.team_id)) v.team_name = team->name;
  if (auto c = repos.complaints().FindById(t.complaint_id)) {
    v.reference = c->reference;
    v.complaint_title = ReadableText(ctx, who, c->title);
    v.category = c->category;
  }
  return v;
}

bool ValidOutcome(const std::string& s) {
  return s == "recovered" || s == "not_recovered" || s == "unreachable";
}

bool WorksTeam(const Principal& who, Id team_id) {
  return std::find(who.team_scope.begin(), who.team_scope.end(), team_id) != who.team_scope.end();
}

// Task work shows on the complaint's timeline as an internal note.
void Timeline(Repositories& repos, const Context& ctx, const Principal& who, Id complaint_id,
              const std::string& team_name, const std::string& text) {
  Note note;
  note.complaint_id = complaint_id;
  if (who.user_id > 0) note.author_id = who.user_id;
  note.visibility = NoteVisibility::kInternal;
  note.body = "[" + team_name + "] " + text;
  note.created_at = ctx.clock.Now();
  repos.notes().Insert(note);
  ComplaintEvent e;
  e.complaint_id = complaint_id;
  e.kind = EventKind::kNoteAdded;
  e.note = note.body;
  AppendEvent(repos, ctx, who, e);
}

}  // namespace

std::optional<Id> EnsureDepartmentTask(Repositories& repos, const Context& ctx,
                                       const Principal& who, const Complaint& c) {
  std::string code;
  for (const auto& [category, team_code] : ctx.config.category_departments) {
    if (category == c.category) code = team_code;
  }
  if (code.empty()) return std::nullopt;
  auto team = repos.org().FindTeamByKey(code);
  if (!team || team->kind != "department") return std::nullopt;
  for (const auto& existing : repos.tasks().ForComplaint(c.id)) {
    if (existing.team_id == team->id) return std::nullopt;
  }
  const UnixMillis now = ctx.clock.Now();
  DepartmentTask t;
  t.complaint_id = c.id;
  t.team_id = team->id;
  t.title = team->name + "：" + c.title;
  t.due_at = now + ctx.config.task_deadline;
  t.created_at = t.updated_at = now;
  t.id = repos.tasks().Insert(t);
  Timeline(repos, ctx, who, c.id, team->name, "部门任务已创建 / department task opened");
  return t.id;
}

Id OpenTask(Repositories& repos, const Context& ctx, const Principal& who, DepartmentTask t) {
  t.created_at = t.updated_at = ctx.clock.Now();
  t.id = repos.tasks().Insert(t);
  auto team = repos.org().FindTeam(t.team_id);
  Timeline(repos, ctx, who, t.complaint_id, team ? team->name : t.kind,
           "任务已创建 / task opened (" + t.kind + "): " + t.title);
  return t.id;
}

namespace {

std::optional<Team> DepartmentOf(Repositories& repos, const Context& ctx,
                                 const std::string& category) {
  for (const auto& [mapped, team_code] : ctx.config.category_departments) {
    if (mapped != category) continue;
    auto team = repos.org().FindTeamByKey(team_code);
    if (team && team->kind == "department") return team;
  }
  return std::nullopt;
}

}  // namespace

void SyncDepartmentTasks(Repositories& repos, const Context& ctx, const Principal& who,
                         const Complaint& c, const std::string& old_category) {
  if (!IsOpen(c.status)) return;
  auto now_team = DepartmentOf(repos, ctx, c.category);
  if (!old_category.empty() && old_category != c.category) {
    auto old_team = DepartmentOf(repos, ctx, old_category);
    if (old_team && (!now_team || now_team->id != old_team->id)) {
      const UnixMillis now = ctx.clock.Now();
      for (DepartmentTask t : repos.tasks().ForComplaint(c.id)) {
        if (t.team_id != old_team->id || !t.Open()) continue;
        t.status = "cancelled";
        t.updated_at = t.closed_at.emplace(now);
        repos.tasks().Update(t);
        Timeline(repos, ctx, who, c.id, old_team->name,
                 "类别已改为 " + c.category + "，部门任务取消 / category changed, task cancelled");
      }
    }
  }
  if (!c.category.empty()) EnsureDepartmentTask(repos, ctx, who, c);
}

Status DepartmentTaskSubscriber::OnChange(const ComplaintChange& change, Repositories& repos) {
  if (change.kind == ChangeKind::kStatusChanged) {
    SyncDepartmentTasks(repos, ctx_, change.actor, change.complaint);  // the states skipped too
  } else if (change.kind == ChangeKind::kUpdated && change.Changed("category")) {
    // A classified complaint moved to another category may involve another department.
    SyncDepartmentTasks(repos, ctx_, change.actor, change.complaint, change.old_category);
  }
  return Status::Ok();
}

core::Result<TaskView> ManageTasks::Create(const Principal& who, const std::string& key,
                                           const TaskInput& in) const {
  if (!ctx_.policy.Allows(who, Permission::kComplaintUpdate)) {
    return Status::Denied("your role may not create department tasks");
  }
  CL_RETURN_IF_ERROR(CheckText("title", in.title, 200, true));
  TaskView view;
  Status status = ctx_.store.Write([&](Repositories& repos) -> Status {
    auto loaded = LoadVisibleComplaint(repos, ctx_, who, key);
    if (!loaded.ok()) return loaded.status();
    auto team = repos.org().FindTeam(in.team_id);
    if (!team || team->kind != "department") {
      return Status::Invalid("team_id", "team_id must name a department team");
    }
    const UnixMillis now = ctx_.clock.Now();
    DepartmentTask t;
    t.complaint_id = loaded.value().id;
    t.team_id = team->id;
    t.title = core::Trim(in.title);
    t.blocking = in.blocking;
    t.due_at = in.due_at.value_or(now + ctx_.config.task_deadline);
    if (t.due_at <= now) return Status::Invalid("due_at", "due_at must lie in the future");
    t.created_at = t.updated_at = now;
    t.id = repos.tasks().Insert(t);
    Timeline(repos, ctx_, who, t.complaint_id, team->name, "部门任务已创建：" + t.title);
    view = ViewOf(repos, ctx_, who, t);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return view;
}

core::Result<TaskView> ManageTasks::Update(const Principal& who, Id id,
                                           const TaskUpdate& in) const {
  if (in.status && !ValidStatus(*in.status)) {
    return Status::Invalid("status", "status is open, in_progress, done or cancelled");
  }
  if (in.outcome && !ValidOutcome(*in.outcome)) {
    return Status::Invalid("outcome", "outcome is recovered, not_recovered or unreachable");
  }
  CL_RETURN_IF_ERROR(CheckText("note", in.note, 5000, false));
  if (!in.status && !in.owner_id && !in.outcome && core::Trim(in.note).empty()) {
    return Status::Invalid("status", "give a status, an owner, an outcome or a note");
  }
  TaskView view;
  Status status = ctx_.store.Write([&](Repositories& repos) -> Status {
    auto found = repos.tasks().Find(id);
    if (!found) return Status::NotFound("task " + std::to_string(id) + " not found");
    DepartmentTask t = *found;
    auto complaint = repos.complaints().FindById(t.complaint_id);
    const bool department = who.role == Role::kDepartment && WorksTeam(who, t.team_id);
    const bool worker = ctx_.policy.Allows(who, Permission::kComplaintUpdate) && complaint &&
                        ctx_.policy.InScope(who, *complaint);
    if (!department && !worker) {
      // A reader who may see the complaint sees its tasks: told no, not "no such task".
      if (complaint && ComplaintVisible(repos, ctx_, who, *complaint)) {
        return Status::Denied("your role may not work the tasks of complaint " +
                              complaint->reference);
      }
      return Status::NotFound("task " + std::to_string(id) + " not found");
    }
    const std::string team_name = repos.org().FindTeam(t.team_id)->name;
    const UnixMillis now = ctx_.clock.Now();
    std::string change;
    if (in.outcome) {
      if (t.kind != "callback") {
        return Status::Invalid("outcome", "only a callback task has an outcome");
      }
      if (!t.outcome.empty()) {
        return Status::Conflict("the outcome of task " + std::to_string(id) +
                                " is recorded already (" + t.outcome + ")");
      }
      t.outcome = *in.outcome;
      change = "回访结果 / callback outcome: " + t.outcome;
      // Recording how the callback ended finishes it, unless the caller says otherwise.
      if (!in.status && t.Open()) {
        change += "；" + t.status + " → done";
        t.status = "done";
        t.closed_at = now;
      }
      if (t.outcome == "recovered") {
        // The survey module decides whether a recovered customer is surveyed again.
        Job again;
        again.kind = kRecoveredCustomerJob;
        again.key = "callback:" + std::to_string(t.id);
        again.payload = std::to_string(t.complaint_id);
        again.run_at = now;
        again.created_at = now;
        repos.jobs().Schedule(again);
      }
    }
    if (in.status && *in.status != t.status) {
      change += std::string(change.empty() ? "" : "；") + t.status + " → " + *in.status;
      t.status = *in.status;
      t.closed_at = t.Open() ? std::nullopt : std::optional<UnixMillis>(now);
    }
    if (in.owner_id) {
      auto owner = repos.users().FindById(*in.owner_id);
      if (!owner || !owner->active)
        return Status::Invalid("owner_id", "no active user with that id");
      t.owner_id = in.owner_id;
    }
    t.updated_at = now;
    repos.tasks().Update(t);
    const std::string note = core::Trim(in.note);
    if (!change.empty() || !note.empty()) {
      Timeline(repos, ctx_, who, t.complaint_id, team_name,
               change + (change.empty() || note.empty() ? "" : "；") + note);
    }
    view = ViewOf(repos, ctx_, who, t);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return view;
}

core::Result<std::vector<TaskView>> ManageTasks::List(const Principal& who,
                                                      std::optional<Id> team_id,
                                                      const std::string& status) const {
  if (!ctx_.policy.Allows(who, Permission::kComplaintRead)) {
    return Status::Denied("your role may not read tasks");
  }
  if (!status.empty() && !ValidStatus(status)) {
    return Status::Invalid("status", "status is open, in_progress, done or cancelled");
  }
  std::vector<TaskView> out;
  Status result = ctx_.store.Read([&](Repositories& repos) {
    std::vector<Id> teams;
    if (team_id) teams.push_back(*team_id);
    if (who.role == Role::kDepartment) {
      if (team_id && !WorksTeam(who, *team_id)) return Status::Ok();
      if (!team_id) teams = who.team_scope;
      if (teams.empty()) return Status::Ok();
    }
    for (const auto& t : repos.tasks().ForTeams(teams, status, 200)) {
      if (who.role != Role::kDepartment) {
        auto c = repos.complaints().FindById(t.complaint_id);
        if (!c || !ctx_.policy.InScope(who, *c)) continue;
      }
      out.push_back(ViewOf(repos, ctx_, who, t));
    }
    return Status::Ok();
  });
  if (!result.ok()) return result;
  return out;
}

core::Result<std::vector<TaskView>> ManageTasks::ForComplaint(const Principal& who,
                                                              const std::string& key) const {
  if (!ctx_.policy.Allows(who, Permission::kComplaintRead)) {
    return Status::Denied("your role may not read tasks");
  }
  std::vector<TaskView> out;
  Status status = ctx_.store.Read([&](Repositories& repos) -> Status {
    auto loaded = LoadVisibleComplaint(repos, ctx_, who, key);
    if (!loaded.ok()) return loaded.status();
    for (const auto& t : repos.tasks().ForComplaint(loaded.value().id)) {
      out.push_back(ViewOf(repos, ctx_, who, t));
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return out;
}

}  // namespace closeloop::domain
