// Relationship surveys through the API on the real store with the fake clock and the
// durable jobs: an NPS campaign to a segment, its invitations under the contact rules (email,
// SMS for a customer with only a phone, opt-out honoured), answers through the survey page, and
// NPS before vs after handling per customer and per segment.
#include <regex>

#include "api/api_fixture.h"
#include "app/job_commands.h"
#include "domain/survey/contact_strategies.h"

namespace closeloop::testing {
namespace {

using nlohmann::json;

class RelationshipSurveys : public ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    admin = TokenOf(world->admin);
    agent = TokenOf(world->east_agent);
    analyst = TokenOf(world->analyst);
    east_manager = TokenOf(world->east_manager);
  }

  long Customer(const std::string& name, const std::string& email, const std::string& tier,
                const std::string& phone = "") {
    json body{{"name", name}, {"tier", tier}};
    if (!email.empty()) body["email"] = email;
    if (!phone.empty()) body["phone"] = phone;
    auto made = Call("POST", "/api/v1/customers", admin, body);
    EXPECT_EQ(made.status, 201) << made.raw;
    return made.body["id"].get<long>();
  }

  void RunJobs() {
    app::JobWorker worker(world->ctx());
    while (*worker.RunDue(100) > 0) {
    }
  }

  // The survey link secret in the newest mail to `email` (its one-click link for `score`).
  std::string SecretFor(const std::string& email, const std::string& question, int score) {
    std::string secret;
    domain::Id newest = 0;
    const std::regex link("/s/([A-Za-z0-9_-]+)\\?" + question + "=" + std::to_string(score) +
                          "\\b");
    EXPECT_TRUE(world->ctx()
                    .store
                    .Read([&](domain::Repositories& repos) {
                      for (const auto& m : repos.mail().List(500)) {
                        std::smatch found;
                        if (m.to == email && m.id > newest &&
                            std::regex_search(m.body, found, link)) {
                          secret = found[1];
                          newest = m.id;
                        }
                      }
                      return core::Status::Ok();
                    })
                    .ok());
    return secret;
  }

  json StartedCampaign(const json& body) {
    auto made = Call("POST", "/api/v1/survey-campaigns", admin, body);
    EXPECT_EQ(made.status, 201) << made.raw;
    const std::string path =
        "/api/v1/survey-campaigns/" + std::to_string(made.body["id"].get<long>());
    auto started = Call("POST", path + "/start", admin, json::object());
    EXPECT_EQ(started.status, 200) << started.raw;
    RunJobs();
    auto read = Call("GET", path, admin);
    EXPECT_EQ(read.status, 200) << read.raw;
    return read.body;
  }

  void Answer(const std::string& secret, int nps) {
    auto answered = Call("POST", "/s/" + secret, "", "nps=" + std::to_string(nps),
                         {{"Content-Type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(answered.status, 200) << answered.raw;
  }

  // Files a complaint for the customer in region East and takes it to resolved.
  std::string ResolvedFor(long customer_id) {
    auto created = Call("POST", "/api/v1/complaints", admin,
                        json{{"description", "饮水机漏水，地板泡坏了"},
                             {"channel", "phone"},
                             {"region_id", world->east},
                             {"customer", {{"id", customer_id}}}});
    EXPECT_EQ(created.status, 201) << created.raw;
    const std::string path = "/api/v1/complaints/" + created.body["reference"].get<std::string>();
    EXPECT_EQ(Call("PATCH", path, admin, json{{"type", "quality"}, {"category", "other"}}).status,
              200);
    for (const json& move : {json{{"to", "classified"}},
                             json{{"to", "assigned"}, {"assignee_id", world->east_agent.user_id}},
                             json{{"to", "in_progress"}},
                             json{{"to", "resolved"}, {"resolution", {{"remedy", "repair"}}}}}) {
      auto moved = Call("POST", path + "/transitions", admin, move);
      EXPECT_EQ(moved.status, 200) << moved.raw;
    }
    return created.body["reference"];
  }

  // Moves the fake clock on; sessions last 12 hours, so everyone logs in again.
  void Advance(core::UnixMillis by) {
    world->clock().Advance(by);
    admin = Login(world->admin.username);
    agent = Login(world->east_agent.username);
    analyst = Login(world->analyst.username);
    east_manager = Login(world->east_manager.username);
  }

  std::string admin, agent, analyst, east_manager;
};

TEST_F(RelationshipSurveys, ACampaignAsksASegmentAndNpsIsComparedBeforeAndAfterHandling) {
  const long wang = Customer("王芳", "wang.fang@example.cn", "vip");
  Customer("赵强", "zhao.qiang@example.cn", "vip");
  const long sms_only = Customer("钱进", "", "vip", "13900139000");
  const long regular = Customer("孙丽", "sun.li@example.cn", "regular");
  (void)regular;

  // A draft counts its audience: the VIPs only.
  auto draft = Call("POST", "/api/v1/survey-campaigns", admin,
                    json{{"name", "2026 Q4 VIP 关系调研"}, {"segment", {{"tier", "vip"}}}});
  ASSERT_EQ(draft.status, 201) << draft.raw;
  EXPECT_EQ(draft.body["status"], "draft");
  EXPECT_EQ(draft.body["template"], "relationship");
  EXPECT_EQ(draft.body["results"]["audience"], 3);
  const std::string path =
      "/api/v1/survey-campaigns/" + std::to_string(draft.body["id"].get<long>());
  auto started = Call("POST", path + "/start", admin, json::object());
  ASSERT_EQ(started.status, 200) << started.raw;
  EXPECT_EQ(started.body["status"], "running");
  EXPECT_EQ(Call("POST", path + "/start", admin, json::object()).status, 409);
  RunJobs();
  json before = Call("GET", path, admin).body;
  EXPECT_EQ(before["results"]["sent"], 3) << before;
  EXPECT_EQ(before["results"]["by_status"]["sent"], 3) << before;

  // The customer with only a phone gets an SMS for the integration; a scoped integration does
  // not see a message that belongs to no complaint.
  auto sms = Call("GET", "/api/v1/outbound-messages?channel=phone", admin);
  ASSERT_EQ(sms.status, 200) << sms.raw;
  bool found_sms = false;
  for (const json& m : sms.body["items"]) {
    if (m["purpose"] == "survey" && m["recipient"] == "13900139000") found_sms = true;
  }
  EXPECT_TRUE(found_sms) << sms.raw;
  // Staff never see a customer's survey link, not even through the outbound messages; the
  // channel integration's API key gets it.
  EXPECT_EQ(sms.raw.find("/s/"), std::string::npos) << sms.raw;
  auto key = Call("POST", "/api/v1/api-keys", admin,
                  json{{"name", "sms gateway"}, {"user_id", world->admin.user_id}});
  ASSERT_EQ(key.status, 201) << key.raw;
  auto fetched = Call("GET", "/api/v1/outbound-messages?channel=phone", "", "",
                      {{"X-API-Key", key.body["key"].get<std::string>()}});
  ASSERT_EQ(fetched.status, 200) << fetched.raw;
  EXPECT_NE(fetched.raw.find("/s/"), std::string::npos) << fetched.raw;
  auto scoped = Call("GET", "/api/v1/outbound-messages?channel=phone", east_manager);
  EXPECT_EQ(scoped.raw.find("13900139000"), std::string::npos) << scoped.raw;
  (void)sms_only;

  // One click on an NPS score in the mail opens the page with it chosen; the page names no
  // complaint.
  const std::string wang_secret = SecretFor("wang.fang@example.cn", "nps", 3);
  ASSERT_FALSE(wang_secret.empty());
  auto page = Call("GET", "/s/" + wang_secret + "?nps=3", "");
  ASSERT_EQ(page.status, 200) << page.raw;
  EXPECT_NE(page.raw.find("value=\"3\" checked"), std::string::npos);
  EXPECT_EQ(page.raw.find("CL-"), std::string::npos);
  Answer(wang_secret, 3);                                   // a detractor
  Answer(SecretFor("zhao.qiang@example.cn", "nps", 9), 9);  // a promoter
  before = Call("GET", path, admin).body;
  EXPECT_EQ(before["results"]["answers"], 2);
  EXPECT_EQ(before["results"]["nps"], 0.0);  // (1 promoter − 1 detractor) / 2
  EXPECT_NEAR(before["results"]["response_rate"].get<double>(), 0.667, 1e-9);
  EXPECT_EQ(before["results"]["by_tier"][0]["tier"], "vip");
  auto closed = Call("POST", path + "/close", admin);
  ASSERT_EQ(closed.status, 200) << closed.raw;
  EXPECT_EQ(closed.body["results"]["skipped_by"]["campaign_closed"], 1);  // the SMS one

  // Wang complains, is handled, and a later campaign finds them a promoter.
  Advance(10 * core::kDay);
  const std::string reference = ResolvedFor(wang);
  Advance(2 * core::kDay);
  RunJobs();                 // the resolution survey (the short one: it asks no NPS)
  Advance(40 * core::kDay);  // past the survey policy's frequency limits
  json after = StartedCampaign(json{{"name", "2027 Q1 VIP"}, {"segment", {{"tier", "vip"}}}});
  EXPECT_EQ(after["results"]["sent"], 3) << after;
  Answer(SecretFor("wang.fang@example.cn", "nps", 10), 10);

  const std::string range = "/api/v1/analytics/nps-change?from=2026-11-01&to=2027-03-31";
  auto change = Call("GET", range, analyst);
  ASSERT_EQ(change.status, 200) << change.raw;
  EXPECT_EQ(change.body["customers"], 1) << change.raw;
  EXPECT_EQ(change.body["before"]["nps"], -100.0);
  EXPECT_EQ(change.body["after"]["nps"], 100.0);
  EXPECT_EQ(change.body["change"], 200.0);
  EXPECT_EQ(change.body["target_change"], 15.0);
  EXPECT_EQ(change.body["improved"], 1);
  ASSERT_EQ(change.body["items"].size(), 1u);
  EXPECT_EQ(change.body["items"][0]["reference"], reference);
  EXPECT_EQ(change.body["items"][0]["before"], 3);
  EXPECT_EQ(change.body["items"][0]["after"], 10);
  EXPECT_EQ(change.body["by_tier"][0]["tier"], "vip");
  EXPECT_EQ(change.body["by_region"][0]["region_id"], std::to_string(world->east));
  // Segments filter: no regular customer was compared; a window before the complaint is empty.
  EXPECT_EQ(Call("GET", range + "&tier=regular", analyst).body["customers"], 0);
  EXPECT_EQ(Call("GET", "/api/v1/analytics/nps-change?from=2026-01-01&to=2026-10-31", analyst)
                .body["customers"],
            0);
  // Scope: the complaint is East's, so a North-only view holds nobody.
  auto north = Call("GET", range + "&region_id=" + std::to_string(world->north), admin);
  EXPECT_EQ(north.body["customers"], 0);
}

TEST_F(RelationshipSurveys, OptedOutCustomersAreSkippedWithTheirReason) {
  const long asked = Customer("周敏", "zhou.min@example.cn", "regular");
  (void)asked;
  json first = StartedCampaign(json{{"name", "常规客户 NPS"}, {"segment", {{"tier", "regular"}}}});
  const std::string secret = SecretFor("zhou.min@example.cn", "nps", 5);
  ASSERT_FALSE(secret.empty()) << first;
  EXPECT_EQ(Call("POST", "/s/" + secret + "/opt-out", "").status, 200);
  Advance(60 * core::kDay);
  json second =
      StartedCampaign(json{{"name", "常规客户 NPS 2"}, {"segment", {{"tier", "regular"}}}});
  EXPECT_EQ(second["results"]["sent"], 0) << second;
  EXPECT_EQ(second["results"]["skipped_by"]["opted_out"], 1) << second;
}

TEST_F(RelationshipSurveys, SegmentsByRegionAndRecentComplaintsChooseTheirAudience) {
  const long complained = Customer("吴刚", "wu.gang@example.cn", "new");
  Customer("郑爽", "zheng.shuang@example.cn", "new");
  ResolvedFor(complained);
  const long world_new = Call("POST", "/api/v1/survey-campaigns", admin,
                              json{{"name", "all new"}, {"segment", {{"tier", "new"}}}})
                             .body["results"]["audience"]
                             .get<long>();
  auto yes = Call("POST", "/api/v1/survey-campaigns", admin,
                  json{{"name", "new, complained in East lately"},
                       {"segment",
                        {{"tier", "new"},
                         {"region_id", world->east},
                         {"complained", "yes"},
                         {"within_days", 30}}}});
  ASSERT_EQ(yes.status, 201) << yes.raw;
  auto no = Call("POST", "/api/v1/survey-campaigns", admin,
                 json{{"name", "new, quiet"},
                      {"segment", {{"tier", "new"}, {"complained", "no"}, {"within_days", 30}}}});
  ASSERT_EQ(no.status, 201) << no.raw;
  const long yes_count = yes.body["results"]["audience"].get<long>();
  const long no_count = no.body["results"]["audience"].get<long>();
  EXPECT_GE(yes_count, 1);
  EXPECT_GE(no_count, 1);  // 郑爽 at least
  EXPECT_EQ(yes_count + no_count, world_new);

  // A scoped manager runs campaigns of their own regions only, and sees only those.
  auto own = Call("POST", "/api/v1/survey-campaigns", east_manager,
                  json{{"name", "East"}, {"segment", {{"region_id", world->east}}}});
  EXPECT_EQ(own.status, 201) << own.raw;
  auto other = Call("POST", "/api/v1/survey-campaigns", east_manager,
                    json{{"name", "North"}, {"segment", {{"region_id", world->north}}}});
  EXPECT_EQ(other.status, 422);
  EXPECT_EQ(other.body["error"]["field"], "segment.region_id");
  auto everyone = Call("POST", "/api/v1/survey-campaigns", east_manager, json{{"name", "all"}});
  EXPECT_EQ(everyone.body["error"]["field"], "segment.region_id");
  auto listed = Call("GET", "/api/v1/survey-campaigns", east_manager);
  ASSERT_EQ(listed.status, 200);
  ASSERT_EQ(listed.body["items"].size(), 2u) << listed.raw;  // East's own and admin's East one
  EXPECT_EQ(listed.body["items"][0]["name"], "East");
  EXPECT_EQ(listed.body["items"][1]["name"], "new, complained in East lately");
  const std::string quiet = "/api/v1/survey-campaigns/" + std::to_string(no.body["id"].get<long>());
  EXPECT_EQ(Call("GET", quiet, east_manager).status, 404);
  EXPECT_EQ(Call("POST", quiet + "/start", east_manager, json::object()).status, 404);
}

// The tasks of a kind on a complaint.
std::vector<json> TasksOfKind(const json& tasks, const std::string& kind) {
  std::vector<json> out;
  for (const json& t : tasks["items"]) {
    if (t["kind"] == kind) out.push_back(t);
  }
  return out;
}

TEST_F(RelationshipSurveys, TieredStrategiesReContactAndInterviewVipsOnSchedule) {
  const long waiting = Customer("冯涛", "feng.tao@example.cn", "regular");
  const long vip = Customer("陈静", "chen.jing@example.cn", "vip");
  auto open = Call("POST", "/api/v1/complaints", admin,
                   json{{"description", "快递三天没动静"},
                        {"channel", "phone"},
                        {"region_id", world->east},
                        {"customer", {{"id", waiting}}}});
  ASSERT_EQ(open.status, 201) << open.raw;
  const std::string open_path =
      "/api/v1/complaints/" + open.body["reference"].get<std::string>() + "/tasks";
  const std::string vip_path = "/api/v1/complaints/" + ResolvedFor(vip) + "/tasks";
  ASSERT_TRUE(domain::EnsureDailyContactStrategies(world->ctx()).ok());

  // Day 1: the open complaint is not a week old yet; the VIP is due an interview.
  Advance(core::kDay);
  RunJobs();
  EXPECT_TRUE(TasksOfKind(Call("GET", open_path, admin).body, "recontact").empty());
  auto interviews = TasksOfKind(Call("GET", vip_path, admin).body, "deep_interview");
  ASSERT_EQ(interviews.size(), 1u);
  EXPECT_EQ(interviews[0]["team_id"], world->east_team);
  EXPECT_EQ(interviews[0]["blocking"], false);

  // Day 8: still open after a week, so the customer is re-contacted within 30 days, once.
  Advance(7 * core::kDay);
  RunJobs();
  auto recontacts = TasksOfKind(Call("GET", open_path, admin).body, "recontact");
  ASSERT_EQ(recontacts.size(), 1u);
  EXPECT_NE(recontacts[0]["details"].get<std::string>().find("unresolved"), std::string::npos);
  Advance(core::kDay);
  RunJobs();
  EXPECT_EQ(TasksOfKind(Call("GET", open_path, admin).body, "recontact").size(), 1u);
  EXPECT_EQ(TasksOfKind(Call("GET", vip_path, admin).body, "deep_interview").size(), 1u);

  // A quarter later the VIP is interviewed again; the strategies are configuration and turn off.
  Advance(90 * core::kDay);
  RunJobs();
  EXPECT_EQ(TasksOfKind(Call("GET", vip_path, admin).body, "deep_interview").size(), 2u);
  json policy = Call("GET", "/api/v1/config/surveys", admin).body;
  EXPECT_EQ(policy["strategies"]["vip_interview_days"], 90);
  policy["strategies"]["vip_interview_days"] = 0;
  ASSERT_EQ(Call("PUT", "/api/v1/config/surveys", admin, policy).status, 200);
  Advance(91 * core::kDay);
  RunJobs();
  EXPECT_EQ(TasksOfKind(Call("GET", vip_path, admin).body, "deep_interview").size(), 2u);
  policy["strategies"]["recontact_days"] = 400;
  auto bad = Call("PUT", "/api/v1/config/surveys", admin, policy);
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.body["error"]["field"], "strategies.recontact_days");
}

TEST_F(RelationshipSurveys, BadCampaignsAreRefusedNamingTheFieldAndNothingIsStored) {
  struct Bad {
    json body;
    const char* field;
  };
  for (const Bad& bad :
       {Bad{json{{"segment", {{"tier", "vip"}}}}, "name"},
        Bad{json{{"name", "x"}, {"template", "short"}}, "template"},
        Bad{json{{"name", "x"}, {"template", "nope"}}, "template"},
        Bad{json{{"name", "x"}, {"segment", {{"tier", "gold"}}}}, "segment.tier"},
        Bad{json{{"name", "x"}, {"segment", {{"complained", "maybe"}}}}, "segment.complained"},
        Bad{json{{"name", "x"}, {"segment", {{"within_days", 0}}}}, "segment.within_days"},
        Bad{json{{"name", "x"}, {"segment", {{"region_id", 999999}}}}, "segment.region_id"},
        Bad{json{{"name", "x"}, {"segment", {{"colour", "red"}}}}, "segment.colour"},
        Bad{json{{"name", "x"}, {"audience", 5}}, "audience"}}) {
    auto refused = Call("POST", "/api/v1/survey-campaigns", admin, bad.body);
    EXPECT_EQ(refused.status, 422) << bad.body;
    EXPECT_EQ(refused.body["error"]["field"], bad.field) << refused.raw;
  }
  EXPECT_EQ(Call("GET", "/api/v1/survey-campaigns", admin).body["items"].size(), 0u);

  auto made = Call("POST", "/api/v1/survey-campaigns", admin, json{{"name", "ok"}});
  ASSERT_EQ(made.status, 201);
  const std::string path =
      "/api/v1/survey-campaigns/" + std::to_string(made.body["id"].get<long>());
  EXPECT_EQ(Call("POST", path + "/close", admin).status, 409);  // a draft does not close
  EXPECT_EQ(Call("POST", path + "/start", admin, json{{"send_at", "yesterday"}}).status, 422);
  EXPECT_EQ(Call("POST", path + "/start", admin, json{{"send_at", "2020-01-01T00:00:00Z"}})
                .body["error"]["field"],
            "send_at");
  EXPECT_EQ(Call("GET", "/api/v1/survey-campaigns/424242", admin).status, 404);

  // Roles: agents and departments run no campaigns and read no satisfaction figures.
  EXPECT_EQ(Call("GET", "/api/v1/survey-campaigns", agent).status, 403);
  EXPECT_EQ(Call("GET", "/api/v1/survey-campaigns", analyst).status, 403);
  const std::string range = "/api/v1/analytics/nps-change?from=2026-01-01&to=2026-12-31";
  EXPECT_EQ(Call("GET", range, agent).status, 403);
  EXPECT_EQ(Call("GET", range, analyst).status, 200);
  EXPECT_EQ(
      Call("GET", "/api/v1/analytics/nps-change?to=2026-12-31", analyst).body["error"]["field"],
      "from");
  EXPECT_EQ(Call("GET", range + "&tier=gold", analyst).body["error"]["field"], "tier");
  EXPECT_EQ(Call("GET", range + "&segment=vip", analyst).body["error"]["field"], "segment");
  EXPECT_EQ(Call("GET", "/api/v1/analytics/nps-change?from=2026-12-31&to=2026-01-01", analyst)
                .body["error"]["field"],
            "to");
}

}  // namespace
}  // namespace closeloop::testing
