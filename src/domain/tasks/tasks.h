// Cross-department tasks. A complaint whose category involves a department (quality →
// QC, logistics → logistics desk, price and advertising → product, after-sales → store
// operations; DomainConfig::category_departments) gets a task for that department team when it is
// classified, with a deadline; departments see and work their tasks, and each progress note goes
// to the complaint's timeline. A blocking task keeps the complaint from being resolved unless a
// manager overrides (TransitionRequest::override_tasks).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/complaint/entities.h"
#include "domain/context.h"
#include "domain/model/ids.h"
#include "domain/tasks/entities.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

struct TaskInput {
  Id team_id = 0;
  std::string title;
  bool blocking = true;
  std::optional<UnixMillis> due_at;  // default: now + task_deadline
};

// Queued when a callback's outcome is "recovered" (payload: the complaint id); the survey
// module's handler surveys the customer again when the survey policy says so.
inline constexpr const char* kRecoveredCustomerJob = "survey.recovered";

struct TaskUpdate {
  std::optional<std::string> status;  // open, in_progress, done, cancelled
  std::optional<Id> owner_id;
  std::optional<std::string> outcome;  // callback tasks: recovered, not_recovered, unreachable
  std::string note;                    // progress, added to the complaint's timeline
};

struct TaskView {
  DepartmentTask task;
  std::string team_name;
  std::string reference;  // the complaint's
  std::string complaint_title;
  std::string category;
};

// Creates the task the complaint's category calls for unless it has one for that team already;
// inside the caller's unit of work. Returns the new task's id.
std::optional<Id> EnsureDepartmentTask(Repositories& repos, const Context& ctx,
                                       const Principal& who, const Complaint& complaint);

// Stores a task that another module's use case opens (a callback, a root-cause item) and puts
// it on the complaint's timeline; inside the caller's unit of work. Returns its id.
Id OpenTask(Repositories& repos, const Context& ctx, const Principal& who, DepartmentTask task);

// Keeps an open complaint's department tasks with its category, on every path that sets or
// changes it: the category's task exists; open tasks of the old category's department are
// cancelled (recorded on the timeline). Inside the caller's unit of work.
void SyncDepartmentTasks(Repositories& repos, const Context& ctx, const Principal& who,
                         const Complaint& complaint, const std::string& old_category = "");

// Keeps department tasks with each status change and category change (SyncDepartmentTasks).
class DepartmentTaskSubscriber final : public ChangeSubscriber {
 public:
  explicit DepartmentTaskSubscriber(const Context& ctx) : ctx_(ctx) {}
  core::Status OnChange(const ComplaintChange& change, Repositories& repos) override;

 private:
  const Context& ctx_;
};

class ManageTasks {
 public:
  explicit ManageTasks(const Context& ctx) : ctx_(ctx) {}
  core::Result<TaskView> Create(const Principal& who, const std::string& complaint_key,
                                const TaskInput& input) const;
  // Department users work the tasks of their teams; complaint workers those of complaints in
  // their scope.
  core::Result<TaskView> Update(const Principal& who, Id id, const TaskUpdate& update) const;
  // A department user sees their teams' tasks; others the tasks of complaints in their scope.
  core::Result<std::vector<TaskView>> List(const Principal& who, std::optional<Id> team_id,
                                           const std::string& status) const;
  core::Result<std::vector<TaskView>> ForComplaint(const Principal& who,
                                                   const std::string& key) const;

 private:
  const Context& ctx_;
};

}  // namespace closeloop::domain
