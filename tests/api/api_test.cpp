// The JSON API end to end: contracts with fixed names, every class of bad input, and proof that a
// failed request leaves the database unchanged.
#include <gtest/gtest.h>

#include "api/api_fixture.h"

namespace closeloop::testing {
namespace {

using nlohmann::json;

class Api : public ApiFixture {};

TEST_F(Api, LoginReturnsATokenAndRejectsWrongPasswordsAlike) {
  auto ok =
      Call("POST", "/api/v1/auth/login", "", json{{"username", "agent"}, {"password", kPassword}});
  ASSERT_EQ(ok.status, 200);
  EXPECT_EQ(ok.body["token"].get<std::string>().rfind("clt_", 0), 0u);
  EXPECT_GE(ok.body["token"].get<std::string>().size(), 4u + 43u) << "256 random bits";
  auto wrong = Call("POST", "/api/v1/auth/login", "",
                    json{{"username", "agent"}, {"password", "nope-nope"}});
  auto unknown = Call("POST", "/api/v1/auth/login", "",
                      json{{"username", "ghost"}, {"password", "nope-nope"}});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.body["error"]["message"], unknown.body["error"]["message"]);
  auto missing = Call("POST", "/api/v1/auth/login", "", json{{"username", "agent"}});
  EXPECT_EQ(missing.status, 422);
  EXPECT_EQ(missing.body["error"]["field"], "password");
}

TEST_F(Api, TokensAreCheckedExpireAndEndAtLogout) {
  std::string token = Login("agent");
  EXPECT_EQ(Call("GET", "/api/v1/auth/me", token).status, 200);
  EXPECT_EQ(Call("GET", "/api/v1/auth/me", "").status, 401);
  EXPECT_EQ(Call("GET", "/api/v1/auth/me", "clt_forged").status, 401);
  EXPECT_EQ(Call("POST", "/api/v1/auth/logout", token).status, 204);
  EXPECT_EQ(Call("GET", "/api/v1/auth/me", token).status, 401);
  std::string other = Login("agent");
  world->clock().Advance(13 * core::kHour);
  auto expired = Call("GET", "/api/v1/auth/me", other);
  EXPECT_EQ(expired.status, 401);
  EXPECT_EQ(expired.body["error"]["message"], "token expired");
}

TEST_F(Api, CreateGetAndTheFixedFieldNames) {
  auto created =
      Call("POST", "/api/v1/complaints", TokenOf(world->agent),
           json{{"description", "买的猫粮发霉了，要求退款"},
                {"channel", "web"},
                {"title", "猫粮发霉"},
                {"amount_claimed", 199.5},
                {"order_amount", "89.90"},
                {"customer", {{"name", "王小明"}, {"phone", "13800138000"}, {"email", "W@X.CN"}}},
                {"store_id", world->east_store},
                {"remedy", "refund"}});
  ASSERT_EQ(created.status, 201) << created.raw;
  EXPECT_TRUE(created.body["id"].is_number_integer());
  EXPECT_EQ(created.body["reference"], "CL-20261122-000001");
  EXPECT_EQ(created.body["status"], "received");
  EXPECT_EQ(created.body["amount_claimed"], 199.5);
  EXPECT_EQ(created.body["order_amount"], 89.9);
  EXPECT_EQ(created.body["region_id"], world->east);
  EXPECT_EQ(created.body["customer"]["email"], "w@x.cn");
  EXPECT_EQ(created.body["received_at"], "2026-11-22T02:00:00Z");
  auto by_ref = Call("GET", "/api/v1/complaints/CL-20261122-000001", TokenOf(world->agent));
  auto by_id = Call("GET", "/api/v1/complaints/" + std::to_string(created.body["id"].get<int>()),
                    TokenOf(world->agent));
  ASSERT_EQ(by_ref.status, 200);
  EXPECT_EQ(by_ref.body, by_id.body);
  auto masked = Call("GET", "/api/v1/complaints/CL-20261122-000001", TokenOf(world->analyst));
  EXPECT_EQ(masked.body["customer"]["phone"], "138****8000");
  EXPECT_EQ(created.body["missing_information"],
            json::array({"product", "occurred_at", "details"}));
  auto completed =
      Call("PATCH", "/api/v1/complaints/CL-20261122-000001", TokenOf(world->agent),
           json{{"product_id", world->product}, {"occurred_at", "2026-11-20T09:00:00+08:00"}});
  ASSERT_EQ(completed.status, 200) << completed.raw;
  EXPECT_EQ(completed.body["missing_information"], json::array({"details"}))
      << "12 characters are not enough";
  EXPECT_EQ(completed.body["occurred_at"], "2026-11-20T01:00:00Z");
  EXPECT_EQ(Call("PATCH", "/api/v1/complaints/CL-20261122-000001", TokenOf(world->agent),
                 json{{"occurred_at", "2027-01-01T00:00:00Z"}})
                .body["error"]["field"],
            "occurred_at");
}

TEST_F(Api, IdempotencyKeyNeverCreatesASecondComplaint) {
  json body = {{"description", "快递丢件"}, {"channel", "api"}};
  httplib::Headers key = {{"Idempotency-Key", "order-7781-retry"}};
  auto first = Call("POST", "/api/v1/complaints", TokenOf(world->agent), body, key);
  auto retry = Call("POST", "/api/v1/complaints", TokenOf(world->agent), body, key);
  ASSERT_EQ(first.status, 201);
  ASSERT_EQ(retry.status, 201);
  EXPECT_EQ(first.body["id"], retry.body["id"]);
  EXPECT_EQ(first.body["reference"], retry.body["reference"]);
  auto changed = Call("POST", "/api/v1/complaints", TokenOf(world->agent),
                      json{{"description", "别的内容"}, {"channel", "api"}}, key);
  EXPECT_EQ(changed.status, 409);
  EXPECT_EQ(changed.body["error"]["field"], "Idempotency-Key");
  auto list = Call("GET", "/api/v1/complaints", TokenOf(world->admin));
  EXPECT_EQ(list.body["items"].size(), 1u);
}

TEST_F(Api, BadInputGetsTheRightCodeNamesTheFieldAndChangesNothing) {
  auto c = Call("POST", "/api/v1/complaints", TokenOf(world->agent),
                json{{"description", "客服不回电话"}, {"channel", "phone"}});
  ASSERT_EQ(c.status, 201);
  const std::string id = std::to_string(c.body["id"].get<int>());
  const std::string before = world->Snapshot();
  const std::string agent = TokenOf(world->agent);

  auto malformed =
      Call("POST", "/api/v1/complaints", agent, std::string(R"({"description": "x", "channel": )"));
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(malformed.body["error"]["code"], "malformed_json");
  EXPECT_NE(malformed.body["error"]["message"].get<std::string>().find("byte"), std::string::npos);
  EXPECT_EQ(Call("POST", "/api/v1/complaints", agent, std::string("[1,2]")).status, 400);
  EXPECT_EQ(Call("POST", "/api/v1/complaints", agent, std::string("\xff\xfe{}")).status, 400);

  struct Case {
    json body;
    std::string field;
  };
  std::vector<Case> cases = {
      {{{"channel", "api"}}, "description"},
      {{{"description", "x"}}, "channel"},
      {{{"description", "x"}, {"channel", "pigeon"}}, "channel"},
      {{{"description", 42}, {"channel", "api"}}, "description"},
      {{{"description", "x"}, {"channel", "api"}, {"amount_claimed", -5}}, "amount_claimed"},
      {{{"description", "x"}, {"channel", "api"}, {"amount_claimed", 1.005}}, "amount_claimed"},
      {{{"description", "x"}, {"channel", "api"}, {"amount_claimed", "lots"}}, "amount_claimed"},
      {{{"description", "x"}, {"channel", "api"}, {"type", "rant"}}, "type"},
      {{{"description", "x"}, {"channel", "api"}, {"store_id", 9999}}, "store_id"},
      {{{"description", "x"}, {"channel", "api"}, {"region_id", "east"}}, "region_id"},
      {{{"description", "x"}, {"channel", "api"}, {"received_at", "yesterday"}}, "received_at"},
      {{{"description", "x"}, {"channel", "api"}, {"customer", {{"phone", "12"}}}},
       "customer.phone"},
      {{{"description", "x"}, {"channel", "api"}, {"amount_claim", 5}}, "amount_claim"},
  };
  for (const Case& k : cases) {
    auto r = Call("POST", "/api/v1/complaints", agent, k.body);
    EXPECT_EQ(r.status, 422) << k.body.dump();
    EXPECT_EQ(r.body["error"]["code"], "invalid_argument") << k.body.dump();
    EXPECT_EQ(r.body["error"]["field"], k.field) << k.body.dump();
  }
  std::string huge = json{{"description", std::string(70 * 1024, 'a')}, {"channel", "api"}}.dump();
  auto too_big = Call("POST", "/api/v1/complaints", agent, huge);
  EXPECT_EQ(too_big.status, 413);
  EXPECT_EQ(too_big.body["error"]["code"], "payload_too_large");

  EXPECT_EQ(Call("GET", "/api/v1/complaints/999999", agent).status, 404);
  EXPECT_EQ(Call("GET", "/api/v1/complaints/CL-19990101-000001", agent).body["error"]["code"],
            "not_found");
  EXPECT_EQ(Call("GET", "/api/v1/nothing-here", agent).status, 404);

  auto bad_move =
      Call("POST", "/api/v1/complaints/" + id + "/transitions", agent, json{{"to", "closed"}});
  EXPECT_EQ(bad_move.status, 409);
  EXPECT_EQ(bad_move.body["error"]["code"], "invalid_transition");
  EXPECT_EQ(bad_move.body["error"]["allowed"], json::array({"classified", "assigned", "rejected"}));
  auto unknown_state =
      Call("POST", "/api/v1/complaints/" + id + "/transitions", agent, json{{"to", "done"}});
  EXPECT_EQ(unknown_state.status, 422);
  EXPECT_EQ(unknown_state.body["error"]["field"], "to");
  EXPECT_EQ(Call("POST", "/api/v1/complaints/" + id + "/notes", agent, json{{"body", ""}})
                .body["error"]["field"],
            "body");
  EXPECT_EQ(
      Call("POST", "/api/v1/complaints/" + id + "/transitions", "", json{{"to", "classified"}})
          .status,
      401);
  EXPECT_EQ(Call("POST", "/api/v1/complaints/" + id + "/transitions", TokenOf(world->analyst),
                 json{{"to", "assigned"}})
                .status,
            403);
  EXPECT_EQ(Call("PATCH", "/api/v1/complaints/" + id, agent, json{{"category", "weather"}})
                .body["error"]["field"],
            "category");
  EXPECT_EQ(Call("GET", "/api/v1/complaints?status=lost", agent).body["error"]["field"], "status");
  EXPECT_EQ(Call("GET", "/api/v1/complaints?limit=0", agent).body["error"]["field"], "limit");
  EXPECT_EQ(Call("GET", "/api/v1/complaints?from=someday", agent).body["error"]["field"], "from");

  EXPECT_EQ(world->Snapshot(), before) << "a failed request must not change the database";
}

TEST_F(Api, LifecycleNotesAndHistoryThroughTheApi) {
  const std::string agent = TokenOf(world->agent);
  auto c =
      Call("POST", "/api/v1/complaints", agent,
           json{{"description", "饮水机不出水"}, {"channel", "phone"}, {"region_id", world->east}});
  const std::string path = "/api/v1/complaints/" + c.body["reference"].get<std::string>();
  ASSERT_EQ(
      Call("PATCH", path, agent, json{{"type", "quality"}, {"category", "product_quality"}}).status,
      200);
  auto classified =
      Call("POST", path + "/transitions", agent, json{{"to", "classified"}, {"note", "质量问题"}});
  ASSERT_EQ(classified.status, 200) << classified.raw;
  EXPECT_EQ(classified.body["status"], "classified");
  auto assigned = Call("POST", path + "/assign", TokenOf(world->manager),
                       json{{"assignee_id", world->east_agent.user_id}, {"reason", "区域"}});
  ASSERT_EQ(assigned.status, 200) << assigned.raw;
  EXPECT_EQ(assigned.body["status"], "assigned");
  EXPECT_EQ(Call("POST", path + "/transitions", agent, json{{"to", "in_progress"}}).status, 200);
  EXPECT_EQ(
      Call("POST", path + "/notes", agent, json{{"body", "已安排换新"}, {"visibility", "public"}})
          .status,
      201);
  EXPECT_EQ(Call("POST", path + "/notes", TokenOf(world->department),
                 json{{"body", "批次B2026-0311已抽检"}})
                .status,
            201);
  EXPECT_EQ(Call("POST", path + "/escalate", agent, json{{"note", "客户很生气"}})
                .body["escalation_level"],
            1);
  auto resolved = Call(
      "POST", path + "/transitions", agent,
      json{{"to", "resolved"}, {"note", "已换新"}, {"resolution", {{"remedy", "replacement"}}}});
  EXPECT_EQ(resolved.body["status"], "resolved");
  EXPECT_FALSE(resolved.body["first_response_at"].is_null());
  auto notes = Call("GET", path + "/notes", agent);
  ASSERT_EQ(notes.body["items"].size(), 2u);
  EXPECT_EQ(notes.body["items"][0]["visibility"], "public");
  EXPECT_EQ(notes.body["items"][1]["author"]["username"], "qc");
  auto history = Call("GET", path + "/history", TokenOf(world->auditor));
  ASSERT_EQ(history.status, 200);
  std::vector<std::string> kinds;
  for (const auto& e : history.body["items"]) kinds.push_back(e["kind"]);
  EXPECT_EQ(kinds,
            (std::vector<std::string>{"created", "updated", "transitioned", "assigned",
                                      "transitioned", "transitioned", "note_added", "delivered",
                                      "note_added", "escalated", "transitioned"}));
  EXPECT_EQ(history.body["items"][2]["from"], "received");
  EXPECT_EQ(history.body["items"][2]["to"], "classified");
  EXPECT_EQ(history.body["items"][2]["actor"]["username"], "agent");
}

TEST_F(Api, ListFiltersSearchAndCursorPagination) {
  const std::string agent = TokenOf(world->agent);
  for (int i = 0; i < 12; ++i) {
    world->clock().Advance(core::kMinute);
    json body = {{"description", i % 3 == 0 ? "申请退款一直没到账" : "快递太慢了"},
                 {"channel", i % 2 ? "email" : "phone"},
                 {"region_id", i % 2 ? world->east : world->north}};
    ASSERT_EQ(Call("POST", "/api/v1/complaints", agent, body).status, 201);
  }
  auto page1 = Call("GET", "/api/v1/complaints?limit=5", agent);
  ASSERT_EQ(page1.body["items"].size(), 5u);
  std::string cursor = page1.body["next_cursor"];
  auto page2 = Call("GET", "/api/v1/complaints?limit=5&cursor=" + cursor, agent);
  auto page3 = Call(
      "GET", "/api/v1/complaints?limit=5&cursor=" + page2.body["next_cursor"].get<std::string>(),
      agent);
  EXPECT_EQ(page3.body["items"].size(), 2u);
  EXPECT_TRUE(page3.body["next_cursor"].is_null());
  EXPECT_GT(page1.body["items"][4]["id"].get<int>(), page2.body["items"][0]["id"].get<int>());
  EXPECT_EQ(Call("GET", "/api/v1/complaints?channel=email", agent).body["items"].size(), 6u);
  EXPECT_EQ(Call("GET", "/api/v1/complaints?q=%E9%80%80%E6%AC%BE", agent).body["items"].size(),
            4u);  // 退款
  EXPECT_EQ(
      Call("GET", "/api/v1/complaints?region_id=" + std::to_string(world->east) + "&channel=phone",
           agent)
          .body["items"]
          .size(),
      0u);
  EXPECT_EQ(
      Call("GET", "/api/v1/complaints?status=received,classified", agent).body["items"].size(),
      12u);
  EXPECT_EQ(Call("GET", "/api/v1/complaints?status=classified", agent).body["items"].size(), 0u);
  EXPECT_EQ(
      Call("GET", "/api/v1/complaints?from=2026-11-22T02:05:00Z&to=2026-11-22T02:08:00Z", agent)
          .body["items"]
          .size(),
      3u);
}

TEST_F(Api, ApiKeysAuthenticateAsTheirUserUntilRevoked) {
  auto created = Call("POST", "/api/v1/api-keys", TokenOf(world->admin),
                      json{{"name", "tmall-sync"}, {"user_id", world->agent.user_id}});
  ASSERT_EQ(created.status, 201) << created.raw;
  std::string key = created.body["key"];
  EXPECT_EQ(key.rfind("clk_", 0), 0u);
  httplib::Headers header = {{"X-API-Key", key}};
  auto filed =
      Call("POST", "/api/v1/complaints", "",
           json{{"description", "天猫差评：猫砂结团差"}, {"channel", "ecommerce"}}, header);
  ASSERT_EQ(filed.status, 201);
  EXPECT_EQ(filed.body["created_by"], world->agent.user_id);
  auto listed = Call("GET", "/api/v1/api-keys", TokenOf(world->admin));
  EXPECT_EQ(listed.body["items"][0].count("key"), 0u) << "the secret is shown once";
  ASSERT_EQ(Call("DELETE", "/api/v1/api-keys/" + std::to_string(created.body["id"].get<int>()),
                 TokenOf(world->admin))
                .status,
            204);
  EXPECT_EQ(Call("GET", "/api/v1/complaints", "", "", header).status, 401);
}

TEST_F(Api, HealthAndAdminCreatesUsersWhoCanLogIn) {
  auto health = Call("GET", "/healthz", "");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.body["status"], "ok");
  auto created = Call("POST", "/api/v1/users", TokenOf(world->admin),
                      json{{"username", "agent_east_9"},
                           {"password", "a-long-password"},
                           {"role", "agent"},
                           {"region_scope", {world->east}}});
  ASSERT_EQ(created.status, 201) << created.raw;
  EXPECT_EQ(created.body.count("password_hash"), 0u);
  auto login = Call("POST", "/api/v1/auth/login", "",
                    json{{"username", "agent_east_9"}, {"password", "a-long-password"}});
  EXPECT_EQ(login.status, 200);
  auto deactivated = Call("PATCH", "/api/v1/users/" + std::to_string(created.body["id"].get<int>()),
                          TokenOf(world->admin), json{{"active", false}});
  EXPECT_EQ(deactivated.status, 200);
  EXPECT_EQ(Call("GET", "/api/v1/auth/me", login.body["token"]).status, 401)
      << "deactivation ends sessions";
}

}  // namespace
}  // namespace closeloop::testing
