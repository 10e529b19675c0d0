// The JSON shapes of department tasks.
#include "http/handlers/task_json.h"

#include <cmath>
#include <cstdint>

#include "core/time_format.h"
#include "http/json_reader.h"

namespace closeloop::http {

using json = nlohmann::ordered_json;
namespace d = domain;

json TaskJson(const d::TaskView& v) {
  const d::DepartmentTask& t = v.task;
  return {
      {"id", t.id},
      {"complaint_id", t.complaint_id},
      {"reference", v.reference},
      {"complaint_title", v.complaint_title},
      {"category", v.category},
      {"team_id", t.team_id},
      {"team", v.team_name},
      {"kind", t.kind},
      {"title", t.title},
      {"details", t.details},
      {"survey_response_id", t.survey_response_id ? json(*t.survey_response_id) : json(nullptr)},
      {"outcome", t.outcome.empty() ? json(nullptr) : json(t.outcome)},
      {"status", t.status},
      {"blocking", t.blocking},
      {"owner_id", t.owner_id ? json(*t.owner_id) : json(nullptr)},
      {"due_at", core::FormatIso8601(t.due_at)},
      {"created_at", core::FormatIso8601(t.created_at)},
      {"updated_at", core::FormatIso8601(t.updated_at)},
      {"closed_at", t.closed_at ? json(core::FormatIso8601(*t.closed_at)) : json(nullptr)}};
}

json TaskList(const std::vector<d::TaskView>& list) {
  json items = json::array();
  for (const auto& v : list) items.push_back(TaskJson(v));
  return {{"items", std::move(items)}};
}

core::Result<d::TaskInput> ParseTaskInput(const json& body) {
  JsonReader r(body);
  CL_RETURN_IF_ERROR(r.OnlyKnown({"team_id", "title", "blocking", "due_at"}));
  CL_RETURN_IF_ERROR(r.Required("team_id"));
  d::TaskInput in;
  std::optional<std::int64_t> team;
  CL_RETURN_IF_ERROR(r.Id("team_id", team));
  in.team_id = *team;
  CL_RETURN_IF_ERROR(r.String("title", in.title));
  CL_RETURN_IF_ERROR(r.Bool("blocking", in.blocking));
  CL_RETURN_IF_ERROR(r.Time("due_at", in.due_at));
  return in;
}

core::Result<d::TaskUpdate> ParseTaskUpdate(const json& body) {
  JsonReader r(body);
  CL_RETURN_IF_ERROR(r.OnlyKnown({"status", "owner_id", "outcome", "note"}));
  d::TaskUpdate in;
  CL_RETURN_IF_ERROR(r.String("status", in.status));
  CL_RETURN_IF_ERROR(r.String("outcome", in.outcome));
  CL_RETURN_IF_ERROR(r.Id("owner_id", in.owner_id));
  CL_RETURN_IF_ERROR(r.String("note", in.note));
  return in;
}

}  // namespace closeloop::http
