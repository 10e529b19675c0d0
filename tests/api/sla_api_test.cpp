// SLA configuration and a complaint's SLA clocks over HTTP, with the fake clock.
#include <gtest/gtest.h>

#include "api/api_fixture.h"
#include "domain/sla/sla_config.h"

namespace closeloop::testing {
namespace {

using nlohmann::json;

class SlaApi : public ApiFixture {
 protected:
  json Phase(const json& sla, const std::string& name) {
    for (const auto& p : sla["phases"]) {
      if (p["phase"] == name) return p;
    }
    return nullptr;
  }
};

TEST_F(SlaApi, ClocksRunFromReceiptAndBreachWithTime) {
  const std::string ref = world->File(world->agent, world->east).complaint.reference;
  const std::string path = "/api/v1/complaints/" + ref + "/sla";
  auto fresh = Call("GET", path, TokenOf(world->agent));
  ASSERT_EQ(fresh.status, 200) << fresh.raw;
  EXPECT_EQ(fresh.body["policy"], "regular");
  EXPECT_EQ(Phase(fresh.body, "identify")["state"], "running");
  EXPECT_EQ(Phase(fresh.body, "identify")["due_at"], "2026-11-22T04:00:00Z");
  EXPECT_EQ(Phase(fresh.body, "resolve")["due_at"], "2026-11-23T02:00:00Z");
  world->clock().Advance(3 * core::kHour);
  auto late = Call("GET", path, TokenOf(world->agent));
  EXPECT_EQ(Phase(late.body, "identify")["state"], "breached");
  EXPECT_EQ(Phase(late.body, "identify")["percent"], 150);
  EXPECT_EQ(Phase(late.body, "resolve")["state"], "running");
  EXPECT_EQ(Call("GET", "/api/v1/complaints/CL-NOPE/sla", TokenOf(world->agent)).status, 404);
}

TEST_F(SlaApi, PoliciesAndCalendarsAreValidatedAndTheOldOnesStay) {
  const std::string admin = TokenOf(world->admin);
  auto before = Call("GET", "/api/v1/config/sla/policies", TokenOf(world->agent));
  ASSERT_EQ(before.status, 200);
  EXPECT_EQ(before.body["policies"].size(), 2u);
  EXPECT_EQ(before.body["calendars"].size(), 3u);

  auto put = [&](const std::string& what, const json& body) {
    return Call("PUT", "/api/v1/config/sla/" + what, admin, body);
  };
  json vip = {{"code", "vip"},           {"name", "VIP"},          {"tiers", {"vip"}},
              {"calendar", "cn-office"}, {"identify_minutes", 60}, {"analyse_minutes", 240},
              {"resolve_minutes", 480}};
  json regular = {{"code", "regular"}, {"name", "常规"}, {"calendar", "24x7"}};
  auto negative =
      put("policies",
          {{"policies", {json{{"code", "x"}, {"calendar", "24x7"}, {"analyse_minutes", -5}}}}});
  EXPECT_EQ(negative.status, 422);
  EXPECT_EQ(negative.body["error"]["field"], "policies[0].analyse");
  json unknown_calendar = vip;
  unknown_calendar["calendar"] = "moon";
  EXPECT_EQ(put("policies", {{"policies", {unknown_calendar, regular}}}).body["error"]["field"],
            "policies[0].calendar");
  EXPECT_EQ(put("policies", {{"policies", {vip}}}).body["error"]["field"], "policies");
  json unknown_field = vip;
  unknown_field["colour"] = "red";
  EXPECT_EQ(put("policies", {{"policies", {unknown_field, regular}}}).status, 422);
  json bad_tier = vip;
  bad_tier["tiers"] = {"gold"};
  EXPECT_EQ(put("policies", {{"policies", {bad_tier, regular}}}).body["error"]["field"],
            "policies[0].tiers");
  EXPECT_EQ(Call("GET", "/api/v1/config/sla/policies", admin).body, before.body);
  EXPECT_EQ(Call("PUT", "/api/v1/config/sla/policies", TokenOf(world->manager),
                 json{{"policies", {vip, regular}}})
                .status,
            403);

  auto good = put("policies", {{"policies", {vip, regular}}});
  ASSERT_EQ(good.status, 200) << good.raw;
  EXPECT_EQ(good.body["policies"][0]["identify_minutes"], 60);

  // Calendars: overlapping periods, and removing one a policy uses, are refused.
  json office = Call("GET", "/api/v1/config/sla/calendars", admin).body["calendars"][1];
  ASSERT_EQ(office["code"], "cn-office");
  json overlapping = office;
  overlapping["week"][0].push_back({{"start", "11:00"}, {"end", "14:00"}});
  auto overlap = put("calendars", {{"calendars", {overlapping}}});
  EXPECT_EQ(overlap.status, 422);
  EXPECT_EQ(overlap.body["error"]["field"], "calendars[0].week[0]");
  json bad_time = office;
  bad_time["week"][0][0]["start"] = "9am";
  EXPECT_EQ(put("calendars", {{"calendars", {bad_time}}}).body["error"]["field"],
            "calendars[0].week[0]");
  json only_always = Call("GET", "/api/v1/config/sla/calendars", admin).body["calendars"][0];
  auto orphaned = put("calendars", {{"calendars", {only_always}}});
  EXPECT_EQ(orphaned.body["error"]["field"], "policies[0].calendar");

  // A VIP customer's complaint now runs on office hours.
  json holiday_office = office;
  holiday_office["holidays"].push_back("2026-11-23");
  ASSERT_EQ(put("calendars", {{"calendars", {only_always, holiday_office}}}).status, 200);
  auto created =
      Call("POST", "/api/v1/complaints", TokenOf(world->agent),
           json{{"description", "猫粮发霉"},
                {"channel", "phone"},
                {"customer", {{"name", "贵宾"}, {"phone", "13900009999"}, {"tier", "vip"}}}});
  ASSERT_EQ(created.status, 201) << created.raw;
  auto sla =
      Call("GET", "/api/v1/complaints/" + created.body["reference"].get<std::string>() + "/sla",
           TokenOf(world->agent));
  EXPECT_EQ(sla.body["policy"], "vip");
  EXPECT_EQ(sla.body["calendar"], "cn-office");
  // Filed on Sunday 22 November 10:00 (UTC+8); Monday 23 is now a holiday: due Tuesday 10:00.
  EXPECT_EQ(Phase(sla.body, "identify")["due_at"], "2026-11-24T02:00:00Z");

  // Stored: a restarted process loads them.
  world->ctx().sla->Set(domain::DefaultSlaConfig());
  ASSERT_TRUE(domain::ManageSla(world->ctx()).Load().ok());
  EXPECT_EQ(world->ctx().sla->Get()->policies.front().code, "vip");
  EXPECT_EQ(world->ctx().sla->Get()->calendars.size(), 2u);
}

}  // namespace
}  // namespace closeloop::testing
