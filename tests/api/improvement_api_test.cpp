// Improvement actions over HTTP: opened by a manager with what motivated them, run by the
// department through PDCA with an A3 record, and closed only after the effect check counted the
// complaints of their kind before and after.
#include <gtest/gtest.h>

#include "api/api_fixture.h"

namespace closeloop::testing {
namespace {

using nlohmann::json;

class ImprovementApi : public ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    admin = TokenOf(world->admin);
    qc_team = AddQcDepartment();
    Relogin();
  }

  void Relogin() {
    admin = Login(world->admin.username);
    manager = Login(world->manager.username);
    qc = Login(world->department.username);
    agent = Login(world->agent.username);
  }

  // A product-quality complaint filed now.
  std::string QualityComplaint() {
    const std::string ref = world->File(world->agent, world->east).complaint.reference;
    EXPECT_EQ(Call("PATCH", "/api/v1/complaints/" + ref, admin,
                   json{{"category", "product_quality"}, {"type", "quality"}})
                  .status,
              200);
    return ref;
  }

  json NewAction(const std::string& ref) {
    const long id = Call("GET", "/api/v1/complaints/" + ref, admin).body["id"].get<long>();
    return json{{"problem", "猫粮批次霉变导致投诉"},
                {"team_id", qc_team},
                {"measure", "入库抽检加严，仓库除湿"},
                {"owner_id", world->department.user_id},
                {"deadline", "2026-12-31T00:00:00Z"},
                {"category", "product_quality"},
                {"links", {{{"kind", "complaint"}, {"id", id}}}}};
  }

  std::string admin, manager, qc, agent;
  long qc_team = 0;
};

TEST_F(ImprovementApi, AnActionRunsThroughPdcaWithAnA3AndIsClosedAfterItsEffectCheck) {
  std::string first;
  for (int i = 0; i < 6; ++i) first = QualityComplaint();
  world->clock().Advance(core::kDay);
  Relogin();
  auto created = Call("POST", "/api/v1/improvements", manager, NewAction(first));
  ASSERT_EQ(created.status, 201) << created.raw;
  EXPECT_EQ(created.body["stage"], "plan");
  EXPECT_EQ(created.body["links"].size(), 1u);
  const std::string path = "/api/v1/improvements/" + std::to_string(created.body["id"].get<long>());

  // The department sees its action and writes the A3 record.
  auto mine = Call("GET", "/api/v1/improvements", qc);
  ASSERT_EQ(mine.status, 200);
  ASSERT_EQ(mine.body["items"].size(), 1u);
  auto a3 = Call("PATCH", path, qc,
                 json{{"a3",
                       {{"background", "11 月华东区猫粮发霉投诉上升"},
                        {"current_state", "每周约 6 起"},
                        {"goal", "每周不超过 2 起"},
                        {"whys", {"猫粮发霉", "仓库受潮", "除湿机故障", "没有点检", "点检表缺项"}},
                        {"causes",
                         {{{"category", "environment"}, {"cause", "梅雨季湿度高"}},
                          {{"category", "method"}, {"cause", "入库不抽检水分"}}}},
                        {"countermeasures", "入库水分抽检；除湿机纳入点检"},
                        {"follow_up", "四周后复核投诉量"}}}});
  ASSERT_EQ(a3.status, 200) << a3.raw;
  EXPECT_EQ(a3.body["a3"]["whys"].size(), 5u);
  EXPECT_EQ(a3.body["a3"]["causes"][1]["category"], "method");

  EXPECT_EQ(Call("PATCH", path, qc, json{{"stage", "check"}}).body["error"]["field"], "stage");
  auto doing = Call("PATCH", path, qc, json{{"stage", "do"}});
  ASSERT_EQ(doing.status, 200) << doing.raw;
  EXPECT_EQ(doing.body["stages"]["do"], "2026-11-23T02:00:00Z");
  QualityComplaint();
  QualityComplaint();
  EXPECT_EQ(Call("POST", path + "/effect-check", qc, json{{"weeks", 4}}).body["error"]["field"],
            "stage");  // checked in check or act
  ASSERT_EQ(Call("PATCH", path, qc, json{{"stage", "check"}}).status, 200);
  auto early = Call("POST", path + "/effect-check", qc, json{{"weeks", 4}});
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(early.body["error"]["field"], "weeks");

  world->clock().Advance(28 * core::kDay);
  Relogin();
  auto checked = Call("POST", path + "/effect-check", qc, json{{"weeks", 4}});
  ASSERT_EQ(checked.status, 200) << checked.raw;
  EXPECT_EQ(checked.body["effect"]["before"], 6);
  EXPECT_EQ(checked.body["effect"]["after"], 2);
  EXPECT_DOUBLE_EQ(checked.body["effect"]["before_per_week"].get<double>(), 1.5);
  EXPECT_DOUBLE_EQ(checked.body["effect"]["after_per_week"].get<double>(), 0.5);
  EXPECT_NEAR(checked.body["effect"]["change_percent"].get<double>(), -66.67, 0.01);
  EXPECT_EQ(Call("PATCH", path, qc, json{{"stage", "closed"}}).body["error"]["field"], "stage");
  ASSERT_EQ(Call("PATCH", path, qc, json{{"stage", "act"}}).status, 200);
  auto closed = Call("PATCH", path, qc, json{{"stage", "closed"}});
  ASSERT_EQ(closed.status, 200) << closed.raw;
  EXPECT_FALSE(closed.body["stages"]["closed"].is_null());
  EXPECT_EQ(Call("PATCH", path, qc, json{{"measure", "x"}}).status, 409);
  // Stored as answered.
  auto again = Call("GET", path, manager);
  EXPECT_EQ(again.body["effect"]["before"], 6);
  EXPECT_EQ(again.body["a3"]["goal"], "每周不超过 2 起");
}

TEST_F(ImprovementApi, BadActionsAreRefusedNamingTheFieldAndNothingIsStored) {
  const std::string ref = QualityComplaint();
  json no_owner = NewAction(ref);
  no_owner.erase("owner_id");
  EXPECT_EQ(Call("POST", "/api/v1/improvements", manager, no_owner).body["error"]["field"],
            "owner_id");
  json past = NewAction(ref);
  past["deadline"] = "2026-01-01T00:00:00Z";
  EXPECT_EQ(Call("POST", "/api/v1/improvements", manager, past).body["error"]["field"], "deadline");
  json ghost = NewAction(ref);
  ghost["links"] = json::array({{{"kind", "complaint"}, {"id", 99999}}});
  EXPECT_EQ(Call("POST", "/api/v1/improvements", manager, ghost).body["error"]["field"], "links");
  json fishbone = NewAction(ref);
  fishbone["a3"] = {{"causes", {{{"category", "weather"}, {"cause", "下雨"}}}}};
  EXPECT_EQ(Call("POST", "/api/v1/improvements", manager, fishbone).body["error"]["field"],
            "a3.causes");
  json not_department = NewAction(ref);
  not_department["team_id"] = world->east_team;
  EXPECT_EQ(Call("POST", "/api/v1/improvements", manager, not_department).body["error"]["field"],
            "team_id");
  EXPECT_EQ(Call("POST", "/api/v1/improvements", agent, NewAction(ref)).status, 403);
  EXPECT_EQ(Call("POST", "/api/v1/improvements", qc, NewAction(ref)).status, 403);
  EXPECT_TRUE(Call("GET", "/api/v1/improvements", manager).body["items"].empty());
  EXPECT_EQ(Call("GET", "/api/v1/improvements", agent).status, 403);

  // Closing needs the effect check; a department may not hand the action to another team.
  auto created = Call("POST", "/api/v1/improvements", manager, NewAction(ref));
  ASSERT_EQ(created.status, 201);
  const std::string path = "/api/v1/improvements/" + std::to_string(created.body["id"].get<long>());
  for (const char* stage : {"do", "check", "act"}) {
    ASSERT_EQ(Call("PATCH", path, qc, json{{"stage", stage}}).status, 200) << stage;
  }
  auto unchecked = Call("PATCH", path, qc, json{{"stage", "closed"}});
  EXPECT_EQ(unchecked.status, 409);
  EXPECT_EQ(unchecked.body["error"]["field"], "effect");
  EXPECT_EQ(Call("PATCH", path, qc, json{{"team_id", qc_team}}).status, 403);
  EXPECT_EQ(Call("GET", path, TokenOf(world->analyst)).status, 200);
  EXPECT_EQ(Call("GET", path, agent).status, 404);
}

}  // namespace
}  // namespace closeloop::testing
