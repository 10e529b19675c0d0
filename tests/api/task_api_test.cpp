// Cross-department tasks over HTTP: created on classification, worked by the department, on the
// complaint's timeline, blocking resolution unless a manager overrides.
#include <gtest/gtest.h>

#include <map>

#include "api/api_fixture.h"

namespace closeloop::testing {
namespace {

using nlohmann::json;

class TaskApi : public ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    const std::string admin = TokenOf(world->admin);
    auto team = Call("POST", "/api/v1/teams", admin,
                     json{{"code", "qc"}, {"name", "质检部"}, {"kind", "department"}});
    ASSERT_EQ(team.status, 201) << team.raw;
    qc_team = team.body["id"].get<long>();
    auto user = Call("PATCH", "/api/v1/users/" + std::to_string(world->department.user_id), admin,
                     json{{"team_scope", {qc_team}}});
    ASSERT_EQ(user.status, 200) << user.raw;
    qc = Login(world->department.username);
  }

  // Files a quality complaint in east and takes it to in_progress.
  std::string Working(const std::string& category) {
    const std::string admin = TokenOf(world->admin);
    const std::string ref =
        world->File(world->agent, world->east, "猫粮发霉，要求退款").complaint.reference;
    const std::string path = "/api/v1/complaints/" + ref;
    EXPECT_EQ(Call("PATCH", path, admin, json{{"type", "quality"}, {"category", category}}).status,
              200);
    EXPECT_EQ(Call("POST", path + "/transitions", admin, json{{"to", "classified"}}).status, 200);
    EXPECT_EQ(Call("POST", path + "/transitions", admin,
                   json{{"to", "assigned"}, {"assignee_id", world->east_agent.user_id}})
                  .status,
              200);
    EXPECT_EQ(Call("POST", path + "/transitions", admin, json{{"to", "in_progress"}}).status, 200);
    return ref;
  }

  long qc_team = 0;
  std::string qc;
};

TEST_F(TaskApi, ClassificationOpensATaskTheDepartmentWorksAndItBlocksResolution) {
  const std::string ref = Working("product_quality");
  const std::string path = "/api/v1/complaints/" + ref;
  const std::string agent = TokenOf(world->east_agent);
  auto tasks = Call("GET", path + "/tasks", agent);
  ASSERT_EQ(tasks.status, 200) << tasks.raw;
  ASSERT_EQ(tasks.body["items"].size(), 1u);
  const json task = tasks.body["items"][0];
  EXPECT_EQ(task["team"], "质检部");
  EXPECT_EQ(task["status"], "open");
  EXPECT_TRUE(task["blocking"].get<bool>());
  EXPECT_EQ(task["due_at"], "2026-11-22T08:00:00Z");  // 6 h after classification

  auto blocked = Call("POST", path + "/transitions", agent, json{{"to", "resolved"}});
  EXPECT_EQ(blocked.status, 409);
  EXPECT_EQ(blocked.body["error"]["field"], "tasks");

  // The department sees its task (without seeing the complaint list) and reports progress.
  auto mine = Call("GET", "/api/v1/tasks?status=open", qc);
  ASSERT_EQ(mine.status, 200);
  ASSERT_EQ(mine.body["items"].size(), 1u);
  EXPECT_EQ(mine.body["items"][0]["reference"], ref);
  const std::string task_path = "/api/v1/tasks/" + std::to_string(task["id"].get<long>());
  EXPECT_EQ(Call("PATCH", task_path, qc, json{{"status", "finished"}}).body["error"]["field"],
            "status");
  EXPECT_EQ(Call("PATCH", task_path, TokenOf(world->north_agent), json{{"note", "x"}}).status, 404);
  auto progress =
      Call("PATCH", task_path, qc, json{{"status", "in_progress"}, {"note", "已取样送检"}});
  ASSERT_EQ(progress.status, 200) << progress.raw;
  auto done = Call("PATCH", task_path, qc, json{{"status", "done"}, {"note", "批次霉变，已下架"}});
  EXPECT_FALSE(done.body["closed_at"].is_null());
  auto history = Call("GET", path + "/history", agent);
  bool seen = false;
  for (const auto& e : history.body["items"]) {
    if (e["note"] == "[质检部] open → in_progress；已取样送检") seen = true;
  }
  EXPECT_TRUE(seen) << history.raw;
  EXPECT_EQ(Call("POST", path + "/transitions", agent,
                 json{{"to", "resolved"}, {"resolution", {{"remedy", "replacement"}}}})
                .status,
            200);
}

TEST_F(TaskApi, ManagersOverrideOpenTasksAndBadTasksAreRefused) {
  const std::string ref = Working("logistics");  // no logistics department here: no task
  const std::string path = "/api/v1/complaints/" + ref;
  EXPECT_TRUE(Call("GET", path + "/tasks", TokenOf(world->agent)).body["items"].empty());
  const std::string agent = TokenOf(world->east_agent);
  auto manual =
      Call("POST", path + "/tasks", agent, json{{"team_id", qc_team}, {"title", "复检包装"}});
  ASSERT_EQ(manual.status, 201) << manual.raw;
  EXPECT_EQ(
      Call("POST", path + "/tasks", agent, json{{"team_id", world->east_team}, {"title", "x"}})
          .body["error"]["field"],
      "team_id");
  EXPECT_EQ(Call("POST", path + "/tasks", agent, json{{"title", "x"}}).body["error"]["field"],
            "team_id");
  auto not_allowed = Call("POST", path + "/transitions", agent,
                          json{{"to", "resolved"}, {"override_tasks", true}});
  EXPECT_EQ(not_allowed.status, 403);
  auto overridden = Call("POST", path + "/transitions", TokenOf(world->east_manager),
                         json{{"to", "resolved"},
                              {"override_tasks", true},
                              {"note", "客户已接受"},
                              {"resolution", {{"remedy", "apology"}}}});
  ASSERT_EQ(overridden.status, 200) << overridden.raw;
  auto history = Call("GET", path + "/history", agent);
  EXPECT_NE(history.raw.find("override"), std::string::npos);
}

// Issue 12, item 3: dept_qc with an open task on a complaint got 404 on it, its notes and its
// history, and its batch showed complaint_count 0.
TEST_F(TaskApi, DepartmentsCouldNotSeeTheComplaintsTheirTasksAreAbout) {
  const std::string admin = TokenOf(world->admin);
  ASSERT_EQ(Call("POST", "/api/v1/imports/batches?format=csv", admin,
                 std::string("batch_no,sku\nB2026-0001,CF-1001\n"))
                .status,
            200);
  auto filed = Call("POST", "/api/v1/complaints", TokenOf(world->east_agent),
                    json{{"description", "猫粮发霉，联系我 13900001111"},
                         {"channel", "phone"},
                         {"batch_no", "B2026-0001"},
                         {"customer", {{"name", "王小明"}, {"phone", "13800138000"}}}});
  ASSERT_EQ(filed.status, 201) << filed.raw;
  const std::string ref = filed.body["reference"];
  const std::string path = "/api/v1/complaints/" + ref;
  // Before any task the department sees nothing of it.
  EXPECT_EQ(Call("GET", path, qc).status, 404);
  ASSERT_EQ(
      Call("PATCH", path, admin, json{{"type", "quality"}, {"category", "product_quality"}}).status,
      200);
  ASSERT_EQ(Call("POST", path + "/transitions", admin, json{{"to", "classified"}}).status, 200);
  auto seen = Call("GET", path, qc);
  ASSERT_EQ(seen.status, 200) << seen.raw;
  EXPECT_EQ(seen.body["customer"]["phone"], "138****8000") << "personal data masked";
  EXPECT_EQ(Call("GET", path + "/history", qc).status, 200);
  EXPECT_EQ(Call("GET", path + "/notes", qc).status, 200);
  auto note =
      Call("POST", path + "/notes", qc, json{{"body", "质检已取样"}, {"visibility", "internal"}});
  EXPECT_EQ(note.status, 201) << note.raw;
  auto list = Call("GET", "/api/v1/complaints", qc);
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.body["items"].size(), 1u);
  auto batch = Call("GET", "/api/v1/batches/B2026-0001", qc);
  EXPECT_EQ(batch.body["complaint_count"], 1) << batch.raw;
  // Another complaint without a task of theirs stays out of sight.
  const std::string other = world->File(world->east_agent, world->east).complaint.reference;
  EXPECT_EQ(Call("GET", "/api/v1/complaints/" + other, qc).status, 404);
}

// Issue 12, item 10: skipping `classified` never opened the category's department task, and a
// complaint could be resolved with no type, no category and no resolution.
TEST_F(TaskApi, SkippingClassifiedOpenedNoTaskAndResolvingNeededNothing) {
  const std::string admin = TokenOf(world->admin);
  auto logistics = Call("POST", "/api/v1/teams", admin,
                        json{{"code", "logistics"}, {"name", "物流部"}, {"kind", "department"}});
  ASSERT_EQ(logistics.status, 201);
  const std::string ref =
      world->File(world->agent, world->east, "快递把猫粮压坏了").complaint.reference;
  const std::string path = "/api/v1/complaints/" + ref;
  const std::string agent = TokenOf(world->east_agent);
  ASSERT_EQ(Call("POST", path + "/transitions", admin,
                 json{{"to", "assigned"}, {"assignee_id", world->east_agent.user_id}})
                .status,
            200);
  ASSERT_EQ(Call("POST", path + "/transitions", agent, json{{"to", "in_progress"}}).status, 200);
  auto bare = Call("POST", path + "/transitions", agent, json{{"to", "resolved"}});
  EXPECT_EQ(bare.status, 422);
  EXPECT_EQ(bare.body["error"]["field"], "type");
  ASSERT_EQ(
      Call("PATCH", path, agent, json{{"type", "quality"}, {"category", "product_quality"}}).status,
      200);
  auto tasks = Call("GET", path + "/tasks", agent);
  ASSERT_EQ(tasks.body["items"].size(), 1u) << "the category's task, without classified";
  EXPECT_EQ(tasks.body["items"][0]["team"], "质检部");
  // Another category: the old department's open task is cancelled, the new one's opened.
  ASSERT_EQ(Call("PATCH", path, agent, json{{"category", "logistics"}}).status, 200);
  tasks = Call("GET", path + "/tasks", agent);
  ASSERT_EQ(tasks.body["items"].size(), 2u) << tasks.raw;
  std::map<std::string, std::string> by_team;
  for (const auto& t : tasks.body["items"]) by_team[t["team"]] = t["status"];
  EXPECT_EQ(by_team["质检部"], "cancelled");
  EXPECT_EQ(by_team["物流部"], "open");
  auto no_resolution = Call("POST", path + "/transitions", agent,
                            json{{"to", "resolved"}, {"override_tasks", false}});
  EXPECT_EQ(no_resolution.status, 409) << "the logistics task blocks first";
}

}  // namespace
}  // namespace closeloop::testing
