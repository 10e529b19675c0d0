// Cross-department tasks: /api/v1/tasks (a department's list), /api/v1/tasks/{id} (progress),
// /api/v1/complaints/{key}/tasks (a complaint's tasks, and creating one by hand).
#include <algorithm>
#include <cstdint>

#include "core/time_format.h"
#include "domain/model/ids.h"
#include "domain/tasks/entities.h"
#include "domain/tasks/tasks.h"
#include "http/handlers/handler_support.h"
#include "http/handlers/task_json.h"
#include "http/json_reader.h"

namespace closeloop::http {

using json = nlohmann::ordered_json;
namespace d = domain;

void RegisterTaskRoutes(Router& router, Api& api) {
  router.Get(
      "/api/v1/tasks",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        std::optional<d::Id> team;
        std::int64_t team_id = 0;
        CL_RETURN_IF_ERROR(IntParam(req, "team_id", team_id, 1, INT64_MAX));
        if (team_id) team = team_id;
        std::string status;
        CL_RETURN_IF_ERROR(
            OneOfParam(req, "status", {"open", "in_progress", "done", "cancelled"}, status));
        return ReplyOf(d::ManageTasks(api.ctx).List(who, team, status), 200, TaskList);
      }));
  router.Patch(
      R"(/api/v1/tasks/(\d{1,18}))",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        auto update = ParseBody(req, ParseTaskUpdate);
        if (!update.ok()) return update.status();
        return ReplyOf(d::ManageTasks(api.ctx).Update(who, std::stoll(req.matches[1]), *update),
                       200, TaskJson);
      }));
  router.Get(std::string(kComplaintPath) + "/tasks",
             Authed(api, [&api](const Request& req, const d::Principal& who) {
               return ReplyOf(d::ManageTasks(api.ctx).ForComplaint(who, req.matches[1]), 200,
                              TaskList);
             }));
  router.Post(
      std::string(kComplaintPath) + "/tasks",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        auto input = ParseBody(req, ParseTaskInput);
        if (!input.ok()) return input.status();
        return ReplyOf(d::ManageTasks(api.ctx).Create(who, req.matches[1], *input), 201, TaskJson);
      }));
}

}  // namespace closeloop::http
