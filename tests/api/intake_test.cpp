// Webhook intake: signed deliveries from platforms with per-source field mapping.
#include <gtest/gtest.h>

#include "api/api_fixture.h"
#include "security/hmac_authenticator.h"

namespace closeloop::testing {
namespace {

using nlohmann::json;

class Intake : public ApiFixture {
 protected:
  std::string CreateSource(const std::string& name, const json& mapping,
                           const std::string& channel) {
    auto r = Call("POST", "/api/v1/intake-sources", TokenOf(world->admin),
                  json{{"name", name},
                       {"channel", channel},
                       {"user_id", world->agent.user_id},
                       {"mapping", mapping}});
    EXPECT_EQ(r.status, 201) << r.raw;
    return r.body.value("secret", "");
  }
  HttpResult Deliver(const std::string& source, const std::string& secret, const std::string& body,
                     const std::string& signature_override = "") {
    std::string signature = signature_override.empty()
                                ? "sha256=" + security::HmacSha256Authenticator().Sign(secret, body)
                                : signature_override;
    return Call("POST", "/api/v1/intake/" + source, "", body,
                httplib::Headers{{"X-Closeloop-Signature", signature}});
  }
  const json kTmallMapping = {
      {"external_id", "/review_id"},        {"description", "/review/content"},
      {"title", "/review/title"},           {"customer.name", "/buyer/nick"},
      {"customer.phone", "/buyer/mobile"},  {"order_ref", "/order/tid"},
      {"amount_claimed", "/refund/amount"}, {"occurred_at", "/review/created"}};
  std::string TmallPayload(const std::string& id, const std::string& content) {
    return json{
        {"review_id", id},
        {"review",
         {{"title", "差评"}, {"content", content}, {"created", "2026-11-21T20:15:00+08:00"}}},
        {"buyer", {{"nick", "喵星人2026"}, {"mobile", "13600001111"}}},
        {"order", {{"tid", 4455667788}}},
        {"refund", {{"amount", 59.9}}}}
        .dump();
  }
};

TEST_F(Intake, SignedDeliveryFilesAComplaintThroughTheMapping) {
  std::string secret = CreateSource("tmall", kTmallMapping, "ecommerce");
  ASSERT_EQ(secret.rfind("whsec_", 0), 0u);
  auto r = Deliver("tmall", secret, TmallPayload("R-1001", "猫砂结团很差，粉尘大，猫咪打喷嚏"));
  ASSERT_EQ(r.status, 201) << r.raw;
  auto c = Call("GET", "/api/v1/complaints/" + r.body["reference"].get<std::string>(),
                TokenOf(world->admin));
  EXPECT_EQ(c.body["channel"], "ecommerce");
  EXPECT_EQ(c.body["external_id"], "R-1001");
  EXPECT_EQ(c.body["description"], "猫砂结团很差，粉尘大，猫咪打喷嚏");
  EXPECT_EQ(c.body["order_ref"], "4455667788") << "numbers become text for text fields";
  EXPECT_EQ(c.body["amount_claimed"], 59.9);
  EXPECT_EQ(c.body["occurred_at"], "2026-11-21T12:15:00Z");
  EXPECT_EQ(c.body["customer"]["phone"], "13600001111");
  EXPECT_EQ(c.body["created_by"], world->agent.user_id);
  EXPECT_FALSE(c.body["acknowledged_at"].is_null())
      << "the webhook reply carries the reference back to the platform";
}

TEST_F(Intake, ReDeliveryOfTheSamePlatformIdIsIdempotent) {
  std::string secret = CreateSource("tmall", kTmallMapping, "ecommerce");
  auto first = Deliver("tmall", secret, TmallPayload("R-2002", "包装破损"));
  auto again = Deliver("tmall", secret, TmallPayload("R-2002", "包装破损（追评）"));
  ASSERT_EQ(first.status, 201);
  ASSERT_EQ(again.status, 200);
  EXPECT_TRUE(again.body["replayed"].get<bool>());
  EXPECT_EQ(first.body["id"], again.body["id"]);
  EXPECT_EQ(Call("GET", "/api/v1/complaints", TokenOf(world->admin)).body["items"].size(), 1u);
}

TEST_F(Intake, BadSignaturesAndBadPayloadsStoreNothing) {
  std::string secret = CreateSource("tmall", kTmallMapping, "ecommerce");
  const std::string before = world->Snapshot();
  std::string body = TmallPayload("R-3003", "发货太慢");
  EXPECT_EQ(Deliver("tmall", secret, body, "sha256=" + std::string(64, '0')).status, 401);
  EXPECT_EQ(Deliver("tmall", "wrong-secret", body).status, 401);
  EXPECT_EQ(Deliver("tmall", secret, body, "garbage").status, 401);
  EXPECT_EQ(Call("POST", "/api/v1/intake/tmall", "", body).status, 401) << "no signature";
  EXPECT_EQ(Deliver("jd", secret, body).status, 401) << "unknown source";
  auto malformed = Deliver("tmall", secret, "{\"review_id\": ");
  EXPECT_EQ(malformed.status, 400);
  auto no_text = Deliver("tmall", secret, json{{"review_id", "R-4"}}.dump());
  EXPECT_EQ(no_text.status, 422);
  EXPECT_EQ(no_text.body["error"]["field"], "description");
  auto no_id = Deliver("tmall", secret, json{{"review", {{"content", "没有编号"}}}}.dump());
  EXPECT_EQ(no_id.body["error"]["field"], "external_id");
  auto bad_amount = Deliver(
      "tmall", secret,
      json{{"review_id", "R-5"}, {"review", {{"content", "x"}}}, {"refund", {{"amount", -3}}}}
          .dump());
  EXPECT_EQ(bad_amount.body["error"]["field"], "amount_claimed");
  EXPECT_EQ(world->Snapshot(), before);
}

TEST_F(Intake, ASocialPostWithItsOwnShapeAndDeactivation) {
  std::string secret = CreateSource("weibo",
                                    {{"external_id", "/status/id"},
                                     {"description", "/status/text"},
                                     {"customer.name", "/status/user/screen_name"}},
                                    "social");
  std::string post = json{{"status",
                           {{"id", 4955512345678901LL},
                            {"text", "@某宠物店 买的饮水机漏水，客服不理人！"},
                            {"user", {{"screen_name", "养猫的小王"}}}}}}
                         .dump();
  auto r = Deliver("weibo", secret, post);
  ASSERT_EQ(r.status, 201) << r.raw;
  auto c = Call("GET", "/api/v1/complaints/" + std::to_string(r.body["id"].get<int>()),
                TokenOf(world->admin));
  EXPECT_EQ(c.body["channel"], "social");
  EXPECT_EQ(c.body["external_id"], "4955512345678901");
  auto sources = Call("GET", "/api/v1/intake-sources", TokenOf(world->admin));
  ASSERT_EQ(sources.body["items"].size(), 1u);
  EXPECT_EQ(sources.body["items"][0].count("secret"), 0u) << "the secret is shown once";
  ASSERT_EQ(
      Call("DELETE",
           "/api/v1/intake-sources/" + std::to_string(sources.body["items"][0]["id"].get<int>()),
           TokenOf(world->admin))
          .status,
      204);
  EXPECT_EQ(Deliver("weibo", secret, post).status, 401) << "deactivated";
}

// Issue 12, item 24: a deleted source could not come back nor its name be reused, there was no
// secret rotation, a source could file as a user who may not file, and an unprefixed signature
// was accepted.
TEST_F(Intake, IntakeSourcesCouldNotBeReactivatedRotatedOrBoundSafely) {
  const std::string admin = TokenOf(world->admin);
  std::string secret = CreateSource("tmall", kTmallMapping, "ecommerce");
  const std::string body = TmallPayload("R-9001", "发货太慢");
  EXPECT_EQ(
      Deliver("tmall", secret, body, security::HmacSha256Authenticator().Sign(secret, body)).status,
      401)
      << "the sha256= prefix is required";
  auto sources = Call("GET", "/api/v1/intake-sources", admin);
  const std::string id = std::to_string(sources.body["items"][0]["id"].get<int>());
  ASSERT_EQ(Call("DELETE", "/api/v1/intake-sources/" + id, admin).status, 204);
  EXPECT_EQ(Deliver("tmall", secret, body).status, 401);
  auto back = Call("PATCH", "/api/v1/intake-sources/" + id, admin, json{{"active", true}});
  ASSERT_EQ(back.status, 200) << back.raw;
  EXPECT_EQ(back.body.count("secret"), 0u);
  EXPECT_EQ(Deliver("tmall", secret, body).status, 201);
  auto rotated = Call("POST", "/api/v1/intake-sources/" + id + "/rotate-secret", admin);
  ASSERT_EQ(rotated.status, 200) << rotated.raw;
  const std::string fresh = rotated.body["secret"];
  EXPECT_NE(fresh, secret);
  EXPECT_EQ(Deliver("tmall", secret, TmallPayload("R-9002", "x")).status, 401) << "old secret";
  EXPECT_EQ(Deliver("tmall", fresh, TmallPayload("R-9002", "还是慢")).status, 201);
  // A deleted source's name can be taken again.
  ASSERT_EQ(Call("DELETE", "/api/v1/intake-sources/" + id, admin).status, 204);
  std::string again = CreateSource("tmall", kTmallMapping, "ecommerce");
  EXPECT_EQ(Deliver("tmall", again, TmallPayload("R-9003", "第三次")).status, 201);
  // A user who may not file complaints cannot be bound.
  auto analyst =
      Call("POST", "/api/v1/intake-sources", admin,
           json{{"name", "jd"}, {"user_id", world->analyst.user_id}, {"mapping", kTmallMapping}});
  EXPECT_EQ(analyst.status, 422);
  EXPECT_EQ(analyst.body["error"]["field"], "user_id");
  auto record = Call("GET", "/api/v1/config/changes", admin);
  EXPECT_GE(record.body["items"].size(), 5u) << "every change is recorded";
}

TEST_F(Intake, OnePersonOnThreeChannelsIsOneCustomer) {
  json mapping = kTmallMapping;
  mapping["customer.account_id"] = "/buyer/uid";
  std::string secret = CreateSource("tmall", mapping, "ecommerce");
  const std::string agent = TokenOf(world->agent);
  // 1. By phone, entered by an agent.
  auto phoned = Call("POST", "/api/v1/complaints", agent,
                     json{{"description", "电话投诉：猫砂结块"},
                          {"channel", "phone"},
                          {"customer", {{"name", "陈女士"}, {"phone", "13600001111"}}}});
  ASSERT_EQ(phoned.status, 201);
  const int customer = phoned.body["customer_id"];
  // 2. A Tmall review with her buyer id and the same phone: linked.
  json review = json::parse(TmallPayload("R-7001", "猫砂粉尘太大"));
  review["buyer"]["uid"] = "tb_buyer_77";
  ASSERT_EQ(Deliver("tmall", secret, review.dump()).status, 201);
  // 3. A later review with only the buyer id: found through the platform account.
  json later = {{"review_id", "R-7002"},
                {"review", {{"content", "第二次购买还是结块"}}},
                {"buyer", {{"uid", "tb_buyer_77"}}}};
  auto third = Deliver("tmall", secret, later.dump());
  ASSERT_EQ(third.status, 201);
  // 4. An email with her email and phone: the email is added to the same record.
  ASSERT_EQ(
      Call("POST", "/api/v1/complaints", agent,
           json{{"description", "邮件：退款进度？"},
                {"channel", "email"},
                {"customer", {{"phone", "+86 136-0000-1111"}, {"email", "chen@example.com"}}}})
          .status,
      201);
  auto page = Call("GET", "/api/v1/customers/" + std::to_string(customer), agent);
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.body["complaints"].size(), 4u);
  EXPECT_EQ(page.body["email"], "chen@example.com");
  ASSERT_EQ(page.body["accounts"].size(), 1u);
  EXPECT_EQ(page.body["accounts"][0]["platform"], "tmall");
  EXPECT_EQ(page.body["accounts"][0]["account_id"], "tb_buyer_77");
  EXPECT_EQ(Call("GET", "/api/v1/customers/" + std::to_string(customer), TokenOf(world->analyst))
                .body["accounts"][0]["account_id"],
            "t**********")
      << "masked for roles without personal-data access";
  auto half =
      Call("POST", "/api/v1/complaints", agent,
           json{{"description", "x"}, {"channel", "api"}, {"customer", {{"platform", "jd"}}}});
  EXPECT_EQ(half.body["error"]["field"], "customer.account_id");
}

TEST_F(Intake, SourceDefinitionsAreValidated) {
  auto r = [&](const json& body) {
    return Call("POST", "/api/v1/intake-sources", TokenOf(world->admin), body);
  };
  json ok_mapping = {{"external_id", "/id"}, {"description", "/text"}};
  EXPECT_EQ(
      r(json{{"name", "Bad Name"}, {"user_id", world->agent.user_id}, {"mapping", ok_mapping}})
          .body["error"]["field"],
      "name");
  EXPECT_EQ(
      r(json{
            {"name", "x"}, {"user_id", world->agent.user_id}, {"mapping", {{"description", "/t"}}}})
          .body["error"]["field"],
      "mapping.external_id");
  EXPECT_EQ(r(json{{"name", "x"},
                   {"user_id", world->agent.user_id},
                   {"mapping", {{"external_id", "/i"}, {"description", "/t"}, {"salary", "/s"}}}})
                .body["error"]["field"],
            "mapping.salary");
  EXPECT_EQ(r(json{{"name", "x"},
                   {"user_id", world->agent.user_id},
                   {"mapping", {{"external_id", "id"}, {"description", "/t"}}}})
                .body["error"]["field"],
            "mapping.external_id");
  EXPECT_EQ(
      r(json{{"name", "x"}, {"user_id", 999}, {"mapping", ok_mapping}}).body["error"]["field"],
      "user_id");
  EXPECT_EQ(
      r(json{{"name", "x"}, {"user_id", world->agent.user_id}, {"mapping", ok_mapping}}).status,
      201);
  EXPECT_EQ(
      r(json{{"name", "x"}, {"user_id", world->agent.user_id}, {"mapping", ok_mapping}}).status,
      409);
}

}  // namespace
}  // namespace closeloop::testing
