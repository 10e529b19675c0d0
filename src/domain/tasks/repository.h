// Storage of department tasks.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/model/ids.h"
#include "domain/tasks/entities.h"

namespace closeloop::domain {

class TaskRepository {
 public:
  virtual ~TaskRepository() = default;
  virtual Id Insert(const DepartmentTask& task) = 0;
  virtual void Update(const DepartmentTask& task) = 0;
  virtual std::optional<DepartmentTask> Find(Id id) = 0;
  virtual std::vector<DepartmentTask> ForComplaint(Id complaint_id) = 0;
  // Tasks of these teams (all teams when empty), with this status ("" any), newest first.
  virtual std::vector<DepartmentTask> ForTeams(const std::vector<Id>& team_ids,
                                               const std::string& status, int limit) = 0;
};

}  // namespace closeloop::domain
