// The public desk (no login): the web form, the status page by reference and contact, and their
// limits — over HTTP on a real SQLite file.
#include "domain/publicdesk/public_desk.h"

#include <gtest/gtest.h>

#include "api/api_fixture.h"
#include "app/job_commands.h"
#include "domain/complaint/create_complaint.h"

namespace closeloop::testing {
namespace {

using nlohmann::json;

class PublicDeskApi : public ApiFixture {
 protected:
  int Complaints() {
    return Call("GET", "/api/v1/complaints?limit=200", TokenOf(world->admin)).body["items"].size();
  }
  HttpResult File(const json& body) { return Call("POST", "/api/v1/public/complaints", "", body); }
  HttpResult Look(const std::string& reference, const std::string& contact) {
    return Call("POST", "/api/v1/public/status", "",
                json{{"reference", reference}, {"contact", contact}});
  }
};

TEST_F(PublicDeskApi, TheFormFilesAWebComplaintAndAnswersWithItsReferenceAlone) {
  auto filed = File({{"description", "网上买的猫粮发霉了，猫吃了拉肚子"},
                     {"name", "周晓"},
                     {"phone", "139-0000-1111"},
                     {"language", "zh-CN"}});
  ASSERT_EQ(filed.status, 201) << filed.raw;
  const std::string ref = filed.body["reference"];
  EXPECT_EQ(filed.body.size(), 3u) << "reference, status, received_at: " << filed.raw;
  EXPECT_EQ(filed.raw.find("周晓"), std::string::npos);
  auto stored = Call("GET", "/api/v1/complaints/" + ref, TokenOf(world->admin));
  EXPECT_EQ(stored.body["channel"], "web");
  EXPECT_EQ(stored.body["customer"]["phone"], "13900001111");
  EXPECT_EQ(stored.body["customer"]["name"], "周晓");
}

TEST_F(PublicDeskApi, BadFormsAreRefusedNamingTheFieldAndNothingIsStored) {
  const int before = Complaints();
  auto field_of = [&](const json& body) {
    auto r = File(body);
    EXPECT_EQ(r.status, 422) << r.raw;
    return r.body["error"]["field"];
  };
  EXPECT_EQ(field_of({{"description", " "}, {"phone", "13900001111"}}), "description");
  EXPECT_EQ(field_of({{"phone", "13900001111"}}), "description");
  EXPECT_EQ(field_of({{"description", "猫砂结块"}}), "phone") << "a way to reach them";
  EXPECT_EQ(field_of({{"description", "猫砂结块"}, {"email", "not-an-email"}}), "email");
  EXPECT_EQ(field_of({{"description", std::string(5001, 'x')}, {"phone", "13900001111"}}),
            "description");
  EXPECT_EQ(field_of({{"description", "猫砂结块"}, {"phone", "13900001111"}, {"region_id", 1}}),
            "region_id")
      << "unknown fields are refused";
  EXPECT_EQ(Complaints(), before);
}

TEST_F(PublicDeskApi, OneAddressFilesAtMostFiveAnHourAndARetryFilesNothingTwice) {
  const json body{{"description", "猫砂结块"}, {"phone", "13900002222"}};
  auto first = Call("POST", "/api/v1/public/complaints", "", body, {{"Idempotency-Key", "k-1"}});
  auto again = Call("POST", "/api/v1/public/complaints", "", body, {{"Idempotency-Key", "k-1"}});
  ASSERT_EQ(first.status, 201);
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.body["reference"], first.body["reference"]) << "the retry got the same receipt";
  for (int i = 0; i < 4; ++i) EXPECT_EQ(File(body).status, 201) << i;
  auto refused = File(body);
  EXPECT_EQ(refused.status, 429);
  EXPECT_GT(std::stoi(refused.headers.find("Retry-After")->second), 0);
}

TEST_F(PublicDeskApi, TheStatusPageShowsTheCustomersOwnComplaintOnly) {
  auto filed =
      File({{"description", "饮水机漏水"}, {"phone", "13900003333"}, {"email", "Zhou@Example.cn"}});
  ASSERT_EQ(filed.status, 201);
  const std::string ref = filed.body["reference"];
  const std::string admin = TokenOf(world->admin);
  ASSERT_EQ(Call("POST", "/api/v1/complaints/" + ref + "/notes", admin,
                 json{{"body", "您好，已为您安排换货。"}, {"visibility", "public"}})
                .status,
            201);
  ASSERT_EQ(Call("POST", "/api/v1/complaints/" + ref + "/notes", admin,
                 json{{"body", "内部：仓库缺货"}, {"visibility", "internal"}})
                .status,
            201);
  for (const char* contact : {"139 0000 3333", "+86 13900003333", "zhou@example.cn"}) {
    auto seen = Look(ref, contact);
    ASSERT_EQ(seen.status, 200) << contact << " " << seen.raw;
    EXPECT_EQ(seen.body["reference"], ref);
    EXPECT_EQ(seen.body["replies"].size(), 1u) << "public replies only: " << seen.raw;
    EXPECT_EQ(seen.body["replies"][0]["body"], "您好，已为您安排换货。");
    EXPECT_EQ(seen.raw.find("仓库缺货"), std::string::npos);
    EXPECT_EQ(seen.body["timeline"][0]["status"], "received");
    EXPECT_TRUE(seen.body["survey_url"].is_null());
  }
  EXPECT_EQ(Look(ref.substr(0, 3) == "CL-" ? "cl-" + ref.substr(3) : ref, "13900003333").status,
            200)
      << "references in any case";
  auto wrong = Look(ref, "13900009999");
  auto unknown = Look("CL-20200101-999999", "13900003333");
  EXPECT_EQ(wrong.status, 404);
  EXPECT_EQ(wrong.raw, unknown.raw) << "a wrong contact reads like an unknown reference";
  EXPECT_EQ(Look(ref, "").body["error"]["field"], "contact");
}

TEST_F(PublicDeskApi, AWaitingSurveyIsLinkedFromTheStatusPage) {
  auto policy = Call("GET", "/api/v1/config/surveys", TokenOf(world->admin)).body;
  policy["delay_minutes"] = 0;
  ASSERT_EQ(Call("PUT", "/api/v1/config/surveys", TokenOf(world->admin), policy).status, 200);
  auto filed = File({{"description", "快递太慢了，一周才到"}, {"email", "wait@example.cn"}});
  const std::string ref = filed.body["reference"];
  const std::string path = "/api/v1/complaints/" + ref;
  const std::string admin = TokenOf(world->admin);
  ASSERT_EQ(Call("PATCH", path, admin, json{{"type", "service"}, {"category", "logistics"}}).status,
            200);
  for (const json& move :
       {json{{"to", "classified"}}, json{{"to", "assigned"}, {"assignee_id", world->agent.user_id}},
        json{{"to", "in_progress"}},
        json{{"to", "resolved"}, {"resolution", {{"remedy", "apology"}}}}}) {
    auto r = Call("POST", path + "/transitions", admin, move);
    ASSERT_TRUE(r.status == 200) << move.dump() << " " << r.raw;
  }
  app::JobWorker worker(world->ctx());
  while (*worker.RunDue(100) > 0) {
  }
  auto seen = Look(ref, "wait@example.cn");
  ASSERT_EQ(seen.status, 200) << seen.raw;
  EXPECT_EQ(seen.body["status"], "resolved");
  ASSERT_TRUE(seen.body["survey_url"].is_string()) << seen.raw;
  const std::string url = seen.body["survey_url"];
  const std::string page = url.substr(url.find("/s/"));
  auto opened = Call("GET", page, "");
  EXPECT_EQ(opened.status, 200) << opened.raw.substr(0, 200);
  // Answered, the survey is no longer linked.
  ASSERT_EQ(Call("POST", page, "", json{{"csat", 5}}).status, 200);
  EXPECT_TRUE(Look(ref, "wait@example.cn").body["survey_url"].is_null());
}

// Wrong contacts are limited per reference and address (5 an hour) and per reference in all
// (50 an hour): a guesser is stopped, and the customer's own address still gets through unless
// a crowd of addresses tried.
TEST_F(PublicDeskApi, GuessingContactsIsStoppedWithoutLockingTheCustomerOut) {
  domain::CreateComplaint create(world->ctx());
  domain::PublicDesk desk(world->ctx(), create);
  auto receipt = desk.File({"猫粮发霉", "", "13900004444", "", ""}, "", "", "10.0.0.1");
  ASSERT_TRUE(receipt.ok()) << receipt.status().ToString();
  const std::string ref = receipt->reference;
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(desk.Lookup(ref, "1390000000" + std::to_string(i), "10.6.6.6").status().code(),
              core::StatusCode::kNotFound);
  }
  auto stopped = desk.Lookup(ref, "13900004444", "10.6.6.6");
  EXPECT_EQ(stopped.status().code(), core::StatusCode::kRateLimited) << "even the right guess";
  EXPECT_TRUE(desk.Lookup(ref, "13900004444", "10.0.0.1").ok()) << "the customer's address";
  for (int a = 0; a < 10; ++a) {
    for (int i = 0; i < 5; ++i)
      (void)desk.Lookup(ref, "139000000" + std::to_string(10 + i), "10.7.0." + std::to_string(a));
  }
  EXPECT_EQ(desk.Lookup(ref, "13900004444", "10.0.0.1").status().code(),
            core::StatusCode::kRateLimited)
      << "after 50 wrong contacts from anywhere, the reference rests for the hour";
}

}  // namespace
}  // namespace closeloop::testing
