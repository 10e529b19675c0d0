// Routing over HTTP: profiles with the skill matrix, rules as configuration, and the recorded,
// explained decision on a complaint.
#include <gtest/gtest.h>

#include "api/api_fixture.h"
#include "domain/analysis/analysis.h"

namespace closeloop::testing {
namespace {

using nlohmann::json;

class RoutingApi : public ApiFixture {};

TEST_F(RoutingApi, AProfileRoutesAnalysedComplaintsAndTheDecisionIsExplained) {
  const std::string admin = TokenOf(world->admin);
  const std::string agent_path = "/api/v1/agents/" + std::to_string(world->east_agent.user_id);
  auto saved = Call("PUT", agent_path, admin,
                    json{{"capacity", 8},
                         {"seniority", "senior"},
                         {"team_id", world->east_team},
                         {"region_id", world->east},
                         {"shift_calendar", "24x7"},
                         {"skills",
                          {{{"dimension", "type"}, {"value", "quality"}, {"level", 5}},
                           {{"dimension", "language"}, {"value", "zh"}, {"level", 5}}}}});
  ASSERT_EQ(saved.status, 200) << saved.raw;
  EXPECT_EQ(saved.body["seniority"], "senior");
  EXPECT_EQ(saved.body["skills"].size(), 2u);

  const std::string ref = world->File(world->admin, world->east).complaint.reference;
  ASSERT_EQ(*domain::AnalyzeNewComplaints(world->ctx()).RunToEnd(), 1);
  auto routing = Call("GET", "/api/v1/complaints/" + ref + "/routing", TokenOf(world->agent));
  ASSERT_EQ(routing.status, 200) << routing.raw;
  ASSERT_EQ(routing.body["items"].size(), 1u);
  const json decision = routing.body["items"][0];
  EXPECT_EQ(decision["mode"], "auto");
  EXPECT_EQ(decision["agent_id"], world->east_agent.user_id);
  EXPECT_NE(decision["explanation"].get<std::string>().find("region 15.0"), std::string::npos)
      << decision.dump();
  auto complaint = Call("GET", "/api/v1/complaints/" + ref, admin);
  EXPECT_EQ(complaint.body["status"], "assigned");

  auto agents = Call("GET", "/api/v1/agents", TokenOf(world->manager));
  ASSERT_EQ(agents.status, 200);
  ASSERT_EQ(agents.body["items"].size(), 1u);
  EXPECT_EQ(agents.body["items"][0]["load"], 1);
  EXPECT_EQ(Call("GET", agent_path, admin).body["load"], 1) << "one agent's view counts the same";

  // Away: the agent takes nothing new.
  auto away = Call("PUT", agent_path + "/availability", TokenOf(world->east_agent),
                   json{{"available", false}});
  ASSERT_EQ(away.status, 200) << away.raw;
  const std::string later = world->File(world->admin, world->east).complaint.reference;
  ASSERT_EQ(*domain::AnalyzeNewComplaints(world->ctx()).RunToEnd(), 1);
  auto queued = Call("GET", "/api/v1/complaints/" + later + "/routing", admin);
  EXPECT_EQ(queued.body["items"][0]["mode"], "queued");
  EXPECT_NE(queued.body["items"][0]["explanation"].get<std::string>().find("1 away"),
            std::string::npos);
}

TEST_F(RoutingApi, BadProfilesAndRulesAreRefusedWithTheField) {
  const std::string admin = TokenOf(world->admin);
  const std::string path = "/api/v1/agents/" + std::to_string(world->agent.user_id);
  auto bad_level = Call(
      "PUT", path, admin,
      json{{"capacity", 5}, {"skills", {{{"dimension", "type"}, {"value", "x"}, {"level", 7}}}}});
  EXPECT_EQ(bad_level.status, 422);
  EXPECT_EQ(bad_level.body["error"]["field"], "skills[0].level") << bad_level.raw;
  auto unknown = Call("PUT", path, admin, json{{"capacity", 5}, {"mood", "happy"}});
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(unknown.body["error"]["field"], "mood") << unknown.raw;
  auto no_capacity = Call("PUT", path, admin, json{{"seniority", "expert"}});
  EXPECT_EQ(no_capacity.body["error"]["field"], "capacity") << no_capacity.raw;
  auto seniority = Call("PUT", path, admin, json{{"capacity", 3}, {"seniority", "boss"}});
  EXPECT_EQ(seniority.body["error"]["field"], "seniority") << seniority.raw;
  EXPECT_EQ(Call("GET", path, admin).status, 404) << "nothing was stored";

  auto rules = Call("PUT", "/api/v1/config/routing-rules", admin,
                    json{{"text", "vip: tier = vip => seniority=senior\nbroken line\n"}});
  EXPECT_EQ(rules.status, 422);
  EXPECT_NE(rules.body["error"]["message"].get<std::string>().find("line 2"), std::string::npos)
      << rules.raw;
  auto current = Call("GET", "/api/v1/config/routing-rules", admin);
  EXPECT_EQ(current.body["rules"].size(), 6u) << "the defaults stay in force";
}

TEST_F(RoutingApi, ReassignmentNeedsAReasonAndRerouteRunsTheRulesAgain) {
  const std::string admin = TokenOf(world->admin);
  ASSERT_EQ(Call("PUT", "/api/v1/agents/" + std::to_string(world->agent.user_id), admin,
                 json{{"capacity", 5}})
                .status,
            200);
  const std::string ref = world->File(world->admin, world->east).complaint.reference;
  ASSERT_EQ(*domain::AnalyzeNewComplaints(world->ctx()).RunToEnd(), 1);
  const std::string path = "/api/v1/complaints/" + ref;
  auto no_reason =
      Call("POST", path + "/assign", admin, json{{"assignee_id", world->east_agent.user_id}});
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_EQ(no_reason.body["error"]["field"], "reason");
  auto moved = Call("POST", path + "/assign", admin,
                    json{{"assignee_id", world->east_agent.user_id}, {"reason", "客户指定"}});
  ASSERT_EQ(moved.status, 200) << moved.raw;
  auto reroute = Call("POST", path + "/route", admin, json{{"reason", "重新按规则分派"}});
  ASSERT_EQ(reroute.status, 200) << reroute.raw;
  EXPECT_EQ(reroute.body["mode"], "reroute");
  EXPECT_EQ(reroute.body["agent_id"], world->agent.user_id);
  auto history = Call("GET", path + "/routing", admin);
  ASSERT_EQ(history.body["items"].size(), 3u);
  EXPECT_EQ(history.body["items"][1]["mode"], "override");
  EXPECT_EQ(history.body["items"][1]["reason"], "客户指定");
}

}  // namespace
}  // namespace closeloop::testing
