// Suggestions (similar resolved cases, solution options with satisfaction, knowledge articles,
// reply draft), resolutions recorded with the move to resolved, staff-recorded survey answers,
// the knowledge base and the domain dictionary — over HTTP on a real SQLite file.
#include <gtest/gtest.h>

#include "api/api_fixture.h"
#include "domain/analysis/analysis.h"
#include "domain/analysis/text_rules.h"
#include "domain/model/ids.h"

namespace closeloop::testing {
namespace {

using nlohmann::json;

class SuggestionsApi : public ApiFixture {
 protected:
  // Files a complaint in `region`, takes it to resolved with `remedy` and returns its reference.
  std::string Resolved(std::optional<domain::Id> region, const std::string& text,
                       const std::string& remedy, double compensation = 0) {
    const std::string ref = world->File(world->admin, region, text).complaint.reference;
    const std::string token = TokenOf(world->admin);
    const std::string path = "/api/v1/complaints/" + ref;
    EXPECT_EQ(Call("PATCH", path, token, json{{"type", "quality"}, {"category", "product_quality"}})
                  .status,
              200);
    for (const char* to : {"classified", "assigned", "in_progress"}) {
      json body{{"to", to}};
      if (std::string(to) == "assigned") body["assignee_id"] = world->agent.user_id;
      auto r = Call("POST", path + "/transitions", token, body);
      EXPECT_EQ(r.status, 200) << to << " " << r.raw;
    }
    auto done = Call("POST", path + "/transitions", token,
                     json{{"to", "resolved"},
                          {"note", "已处理"},
                          {"resolution",
                           {{"remedy", remedy},
                            {"compensation", compensation},
                            {"summary", "按" + remedy + "处理"}}}});
    EXPECT_EQ(done.status, 200) << done.raw;
    return ref;
  }
};

TEST_F(SuggestionsApi, SimilarResolvedCasesGiveOptionsWithSatisfaction) {
  const std::string admin = TokenOf(world->admin);
  const std::string a = Resolved(world->east, "猫粮发霉结块，猫吃了呕吐，要求换货", "replacement");
  const std::string b =
      Resolved(world->east, "新买的猫粮发霉了结块严重，请给我换一袋", "replacement");
  const std::string c = Resolved(world->east, "猫粮发霉结块，要求退款", "refund", 89.5);
  Resolved(world->east, "空调不制冷，师傅上门三次都没修好", "repair");
  // Satisfaction: the two replacements were rated 5 and 4, the refund 2.
  for (auto [ref, csat] : {std::pair{a, 5}, std::pair{b, 4}, std::pair{c, 2}}) {
    auto s = Call("POST", "/api/v1/complaints/" + ref + "/survey-responses", admin,
                  json{{"csat", csat}, {"nps", csat * 2}, {"comment", "处理很及时，非常满意！"}});
    ASSERT_EQ(s.status, 201) << s.raw;
    EXPECT_GT(s.body["comment_sentiment"].get<double>(), 0);
  }
  auto view = Call("GET", "/api/v1/complaints/" + c, admin);
  EXPECT_EQ(view.body["resolution"]["remedy"], "refund");
  EXPECT_DOUBLE_EQ(view.body["resolution"]["compensation"].get<double>(), 89.5);

  const std::string fresh =
      world->File(world->agent, world->east, "我买的猫粮发霉结块了，猫吃了以后呕吐")
          .complaint.reference;
  auto r = Call("GET", "/api/v1/complaints/" + fresh + "/suggestions", TokenOf(world->agent));
  ASSERT_EQ(r.status, 200) << r.raw;
  const json& similar = r.body["similar_cases"];
  ASSERT_GE(similar.size(), 3u) << r.raw;
  EXPECT_EQ(similar[0]["reference"], a);  // the closest text comes first
  for (const auto& s : similar) EXPECT_NE(s["reference"], fresh);
  for (const auto& s : similar) EXPECT_NE(s["remedy"], "repair");  // the air-conditioner is unlike
  const json& options = r.body["solution_options"];
  ASSERT_GE(options.size(), 3u);
  EXPECT_EQ(options[0]["remedy"], "replacement");
  EXPECT_EQ(options[0]["basis"], "similar_cases");
  EXPECT_EQ(options[0]["cases"], 2);
  EXPECT_DOUBLE_EQ(options[0]["mean_csat"].get<double>(), 4.5);
  EXPECT_EQ(options[1]["remedy"], "refund");
  EXPECT_DOUBLE_EQ(options[1]["mean_csat"].get<double>(), 2.0);
  EXPECT_DOUBLE_EQ(options[1]["typical_compensation"].get<double>(), 89.5);
  EXPECT_EQ(options[2]["basis"], "policy");  // filled up to three from the category's defaults
  // None of the similar cases got compensation (a refund is not): none suggested.
  EXPECT_FALSE(r.body["compensation"]["suggested"].get<bool>());
  EXPECT_EQ(r.body["compensation"]["basis"], "similar_cases");
  EXPECT_EQ(r.body["compensation"]["cases"], 3);
  EXPECT_EQ(r.body["compensation"]["cases_with_money"], 0);
  // Two compensated cases of 50 and 300: suggested, the median (upper) 300 needs approval.
  const std::string admin_token = TokenOf(world->admin);
  Resolved(world->east, "猫粮发霉结块，猫吃了呕吐，要求赔偿", "compensation", 50);
  Resolved(world->east, "新买的猫粮发霉结块，要求赔偿", "compensation", 300);
  auto again = Call("GET", "/api/v1/complaints/" + fresh + "/suggestions", admin_token);
  EXPECT_TRUE(again.body["compensation"]["suggested"].get<bool>()) << again.raw;
  EXPECT_DOUBLE_EQ(again.body["compensation"]["amount"].get<double>(), 300);
  EXPECT_TRUE(again.body["compensation"]["needs_approval"].get<bool>());
  const json& draft = r.body["reply_draft"];
  EXPECT_EQ(draft["language"], "zh-CN");
  EXPECT_NE(draft["body"].get<std::string>().find(fresh), std::string::npos);
  EXPECT_NE(draft["body"].get<std::string>().find("人工"), std::string::npos);
}

// Issue 12, item 13: a Big5 mail about 貓砂盆破裂 found unrelated similar cases scoring 0.24.
// Similarity folds traditional into simplified, so the same words match whatever the script.
TEST_F(SuggestionsApi, SimilarCasesIgnoredTheScript) {
  const std::string same = Resolved(world->east, "猫砂盆边缘开裂，猫爪划伤", "replacement");
  Resolved(world->east, "快递太慢，一周才到", "apology");
  Resolved(world->east, "猫粮发霉结块，要求退款", "refund");
  const std::string traditional =
      world->File(world->agent, world->east, "貓砂盆邊緣開裂，貓爪劃傷").complaint.reference;
  auto r = Call("GET", "/api/v1/complaints/" + traditional + "/suggestions", TokenOf(world->agent));
  ASSERT_EQ(r.status, 200) << r.raw;
  const json& similar = r.body["similar_cases"];
  ASSERT_FALSE(similar.empty()) << r.raw;
  EXPECT_EQ(similar[0]["reference"], same) << r.raw;
  EXPECT_GT(similar[0]["similarity"].get<double>(), 0.6) << r.raw;
  for (size_t i = 1; i < similar.size(); ++i)
    EXPECT_LT(similar[i]["similarity"].get<double>(), similar[0]["similarity"].get<double>() / 2)
        << r.raw;
}

TEST_F(SuggestionsApi, ScopedAgentsSeeOnlySimilarCasesInTheirScope) {
  Resolved(world->north, "猫粮发霉结块，猫吃了呕吐，要求换货", "replacement");
  const std::string mine =
      world->File(world->east_agent, world->east, "猫粮发霉结块，猫吃了呕吐").complaint.reference;
  auto east =
      Call("GET", "/api/v1/complaints/" + mine + "/suggestions", TokenOf(world->east_agent));
  ASSERT_EQ(east.status, 200) << east.raw;
  EXPECT_TRUE(east.body["similar_cases"].empty());
  // The remedy still informs the options (counts, no complaint shown).
  EXPECT_EQ(east.body["solution_options"][0]["remedy"], "replacement");
  auto all = Call("GET", "/api/v1/complaints/" + mine + "/suggestions", TokenOf(world->admin));
  EXPECT_EQ(all.body["similar_cases"].size(), 1u);
}

TEST_F(SuggestionsApi, EnglishComplaintGetsEnglishDraftAndPolicyOptions) {
  const std::string ref =
      world->File(world->agent, world->east, "The parcel is two weeks late and nobody answers")
          .complaint.reference;
  auto r = Call("GET", "/api/v1/complaints/" + ref + "/suggestions", TokenOf(world->agent));
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.body["reply_draft"]["language"], "en");
  EXPECT_NE(r.body["reply_draft"]["body"].get<std::string>().find(ref), std::string::npos);
  ASSERT_EQ(r.body["solution_options"].size(), 3u);
  for (const auto& o : r.body["solution_options"]) EXPECT_EQ(o["basis"], "policy");
  EXPECT_EQ(Call("GET", "/api/v1/complaints/CL-NOPE/suggestions", TokenOf(world->agent)).status,
            404);
}

TEST_F(SuggestionsApi, ResolutionAndSurveyInputIsCheckedByField) {
  const std::string admin = TokenOf(world->admin);
  const std::string ref = world->File(world->admin, world->east).complaint.reference;
  const std::string path = "/api/v1/complaints/" + ref;
  const std::string before = world->Snapshot();
  auto wrong_move = Call("POST", path + "/transitions", admin,
                         json{{"to", "classified"}, {"resolution", {{"remedy", "refund"}}}});
  EXPECT_EQ(wrong_move.status, 422);
  EXPECT_EQ(wrong_move.body["error"]["field"], "resolution");
  auto bad_remedy = Call("POST", path + "/transitions", admin,
                         json{{"to", "resolved"}, {"resolution", {{"remedy", "hug"}}}});
  EXPECT_EQ(bad_remedy.status, 422);
  EXPECT_EQ(bad_remedy.body["error"]["field"], "resolution.remedy");
  auto bad_money =
      Call("POST", path + "/transitions", admin,
           json{{"to", "resolved"}, {"resolution", {{"remedy", "refund"}, {"compensation", -5}}}});
  EXPECT_EQ(bad_money.status, 422);
  EXPECT_EQ(bad_money.body["error"]["field"], "resolution.compensation");
  // Compensation above the approval limit (200.00) needs a manager.
  auto too_much = Call("POST", path + "/transitions", TokenOf(world->agent),
                       json{{"to", "resolved"},
                            {"resolution", {{"remedy", "compensation"}, {"compensation", 300}}}});
  EXPECT_EQ(too_much.status, 403);
  EXPECT_NE(too_much.body["error"]["message"].get<std::string>().find("200.00"), std::string::npos);
  // A survey before resolution is refused; scores out of range name their field.
  auto early = Call("POST", path + "/survey-responses", admin, json{{"csat", 5}});
  EXPECT_EQ(early.status, 409);
  auto range = Call("POST", path + "/survey-responses", admin, json{{"csat", 6}});
  EXPECT_EQ(range.status, 422);
  EXPECT_EQ(range.body["error"]["field"], "csat");
  auto type = Call("POST", path + "/survey-responses", admin, json{{"nps", "ten"}});
  EXPECT_EQ(type.body["error"]["field"], "nps");
  auto empty = Call("POST", path + "/survey-responses", admin, json::object());
  EXPECT_EQ(empty.status, 422);
  EXPECT_EQ(world->Snapshot(), before);
}

TEST_F(SuggestionsApi, KnowledgeSearchFindsShortAndLongChineseTerms) {
  const std::string admin = TokenOf(world->admin);
  auto refund = Call("POST", "/api/v1/knowledge", admin,
                     json{{"title", "退款时效说明"},
                          {"body", "原路退回：支付宝 1-3 个工作日。"},
                          {"tags", "退款 到账"}});
  ASSERT_EQ(refund.status, 201) << refund.raw;
  auto mould = Call("POST", "/api/v1/knowledge", admin,
                    json{{"title", "猫粮发霉变质的处理流程"},
                         {"body", "请客户拍照保留发霉部位和批次号，按批次召回流程处理。"},
                         {"category", "product_quality"}});
  ASSERT_EQ(mould.status, 201);
  auto search = [&](const std::string& q_encoded) {
    auto r = Call("GET", "/api/v1/knowledge?q=" + q_encoded, TokenOf(world->agent));
    EXPECT_EQ(r.status, 200) << r.raw;
    std::vector<std::string> titles;
    for (const auto& a : r.body["items"]) titles.push_back(a["title"]);
    return titles;
  };
  // 退款 (2 characters: instr), 霉 (1 character), 召回流程 (4 characters: the trigram index).
  EXPECT_EQ(search("%E9%80%80%E6%AC%BE"), std::vector<std::string>{"退款时效说明"});
  EXPECT_EQ(search("%E9%9C%89"), std::vector<std::string>{"猫粮发霉变质的处理流程"});
  EXPECT_EQ(search("%E5%8F%AC%E5%9B%9E%E6%B5%81%E7%A8%8B"),
            std::vector<std::string>{"猫粮发霉变质的处理流程"});
  // Archived articles leave the search and the suggestions.
  const std::string id = std::to_string(mould.body["id"].get<long>());
  auto archived = Call("PATCH", "/api/v1/knowledge/" + id, admin, json{{"active", false}});
  EXPECT_EQ(archived.status, 200);
  EXPECT_TRUE(search("%E9%9C%89").empty());
  // Suggestions cite the refund article for a complaint about a refund.
  const std::string ref =
      world->File(world->agent, world->east, "退款申请了五天还没到账").complaint.reference;
  auto s = Call("GET", "/api/v1/complaints/" + ref + "/suggestions", TokenOf(world->agent));
  ASSERT_FALSE(s.body["articles"].empty()) << s.raw;
  EXPECT_EQ(s.body["articles"][0]["title"], "退款时效说明");
  // Bad input names the field.
  auto no_title = Call("POST", "/api/v1/knowledge", admin, json{{"body", "x"}});
  EXPECT_EQ(no_title.body["error"]["field"], "title");
  auto bad_category = Call("POST", "/api/v1/knowledge", admin,
                           json{{"title", "t"}, {"body", "b"}, {"category", "weather"}});
  EXPECT_EQ(bad_category.body["error"]["field"], "category");
  EXPECT_EQ(Call("GET", "/api/v1/knowledge/999999", admin).status, 404);
}

TEST_F(SuggestionsApi, DictionaryWordsChangeSegmentationAtOnce) {
  const std::string admin = TokenOf(world->admin);
  // Before: the brand name is not a word, so it is not a key term of the complaint.
  const auto terms_of = [&](const std::string& text) {
    return world->ctx().analyzer->KeyTerms(text, 20);
  };
  const std::string text = "喵星人牌猫抓板用了两天就散架";
  auto has = [](const std::vector<std::string>& v, const std::string& w) {
    return std::find(v.begin(), v.end(), w) != v.end();
  };
  EXPECT_FALSE(has(terms_of(text), "喵星人"));
  auto added = Call("POST", "/api/v1/dictionary", admin, json{{"words", {"喵星人", "猫抓板"}}});
  ASSERT_EQ(added.status, 200) << added.raw;
  EXPECT_EQ(added.body["added"], 2);
  EXPECT_TRUE(has(terms_of(text), "喵星人"));
  EXPECT_TRUE(has(terms_of(text), "猫抓板"));
  auto list = Call("GET", "/api/v1/dictionary", TokenOf(world->agent));
  EXPECT_EQ(list.body["words"], json({"喵星人", "猫抓板"}));
  EXPECT_EQ(Call("DELETE", "/api/v1/dictionary/%E5%96%B5%E6%98%9F%E4%BA%BA", admin).status, 204);
  EXPECT_FALSE(has(terms_of(text), "喵星人"));
  EXPECT_EQ(Call("DELETE", "/api/v1/dictionary/%E5%96%B5%E6%98%9F%E4%BA%BA", admin).status, 404);
  auto one_char = Call("POST", "/api/v1/dictionary", admin, json{{"words", {"猫"}}});
  EXPECT_EQ(one_char.body["error"]["field"], "words[0]");
  auto spaced = Call("POST", "/api/v1/dictionary", admin, json{{"words", {"ok", "a b"}}});
  EXPECT_EQ(spaced.body["error"]["field"], "words[1]");
  EXPECT_EQ(Call("POST", "/api/v1/dictionary", admin, json{{"words", "猫粮"}}).status, 422);
}

}  // namespace
}  // namespace closeloop::testing

namespace closeloop::testing {
namespace {

using nlohmann::json;

class RulesApi : public ApiFixture {};

TEST_F(RulesApi, AdminsEditRulesAndABadRuleSetChangesNothing) {
  const std::string admin = TokenOf(world->admin);
  auto defaults = Call("GET", "/api/v1/config/rules/type", TokenOf(world->agent));
  ASSERT_EQ(defaults.status, 200) << defaults.raw;
  EXPECT_FALSE(defaults.body["custom"].get<bool>());
  EXPECT_NE(defaults.body["text"].get<std::string>().find("quality:"), std::string::npos);
  auto try_text = [&](const std::string& text) {
    auto r = Call("POST", "/api/v1/analysis/try", TokenOf(world->agent), json{{"text", text}});
    EXPECT_EQ(r.status, 200) << r.raw;
    return r.body;
  };
  const std::string text = "猫抓板的颜色能不能多几种";
  const json before = try_text(text);

  const std::string before_rows = world->Snapshot();
  auto bad = Call("PUT", "/api/v1/config/rules/type", admin,
                  json{{"text", "suggestion: 多几种:3 颜色\nquestion: 能不能\n"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.body["error"]["field"], "text");
  EXPECT_NE(bad.body["error"]["message"].get<std::string>().find("line 2"), std::string::npos);
  auto bad_weight =
      Call("PUT", "/api/v1/config/rules/type", admin, json{{"text", "suggestion: 颜色:lots"}});
  EXPECT_NE(bad_weight.body["error"]["message"].get<std::string>().find("line 1"),
            std::string::npos);
  EXPECT_EQ(try_text(text), before);  // the rules in force stayed
  EXPECT_EQ(world->Snapshot(), before_rows);
  EXPECT_EQ(Call("PUT", "/api/v1/config/rules/type", TokenOf(world->agent),
                 json{{"text", "suggestion: 颜色"}})
                .status,
            403);
  EXPECT_EQ(Call("GET", "/api/v1/config/rules/mood", admin).status, 404);

  // Traditional and upper-case keywords are normalised like the texts they match.
  auto good = Call("PUT", "/api/v1/config/rules/type", admin,
                   json{{"text", "# ours\nsuggestion: 多幾種:3 顏色 MORE_COLOURS\ninquiry: 吗\n"}});
  ASSERT_EQ(good.status, 200) << good.raw;
  EXPECT_TRUE(good.body["custom"].get<bool>());
  json after = try_text(text);
  EXPECT_EQ(after["suggested_type"], "suggestion");
  EXPECT_EQ(try_text("I want more colours")["suggested_type"], "suggestion");
  // Stored: a restarted process loads them (simulated by resetting the analyzer, then Load).
  ASSERT_TRUE(world->ctx().analyzer->ReplaceRules("type", "", {}).ok());
  EXPECT_NE(try_text(text)["suggested_type"], "suggestion");
  ASSERT_TRUE(domain::ManageTextRules(world->ctx()).Load().ok());
  EXPECT_EQ(try_text(text)["suggested_type"], "suggestion");
  EXPECT_EQ(Call("GET", "/api/v1/config/rules/type", admin).body["text"],
            "# ours\nsuggestion: 多幾種:3 顏色 MORE_COLOURS\ninquiry: 吗\n");
  // The pipeline uses them for new complaints.
  const std::string ref = world->File(world->agent, world->east, text).complaint.reference;
  ASSERT_TRUE(domain::AnalyzeNewComplaints(world->ctx()).RunToEnd().ok());
  auto filed = Call("GET", "/api/v1/complaints/" + ref, admin);
  EXPECT_EQ(filed.body["analysis"]["suggested_type"], "suggestion");
  // Reset brings the defaults back.
  auto reset = Call("DELETE", "/api/v1/config/rules/type", admin);
  EXPECT_EQ(reset.status, 200);
  EXPECT_FALSE(reset.body["custom"].get<bool>());
  EXPECT_EQ(try_text(text), before);
}

}  // namespace
}  // namespace closeloop::testing

namespace closeloop::testing {
namespace {

using nlohmann::json;

class ModelsApi : public ApiFixture {};

TEST_F(ModelsApi, RetrainIsQueuedAsAJobAndBadInputIsNamed) {
  const std::string admin = TokenOf(world->admin);
  auto queued = Call("POST", "/api/v1/models/retrain", admin, json{{"task", "category"}});
  ASSERT_EQ(queued.status, 202) << queued.raw;
  EXPECT_EQ(queued.body["kind"], "model.retrain");
  EXPECT_EQ(queued.body["status"], "due");
  auto again = Call("POST", "/api/v1/models/retrain", admin, json{{"task", "category"}});
  EXPECT_EQ(again.body["id"], queued.body["id"]) << "one queued retrain per task";
  auto jobs = Call("GET", "/api/v1/jobs?kind=model.retrain", admin);
  ASSERT_EQ(jobs.status, 200);
  EXPECT_EQ(jobs.body["items"].size(), 1u);
  EXPECT_EQ(Call("GET", "/api/v1/jobs?status=sleeping", admin).body["error"]["field"], "status");
  EXPECT_EQ(
      Call("POST", "/api/v1/models/retrain", admin, json{{"task", "mood"}}).body["error"]["field"],
      "task");
  EXPECT_EQ(Call("PATCH", "/api/v1/models/999", admin, json{{"active", true}}).status, 404);
  EXPECT_EQ(Call("PATCH", "/api/v1/models/999", admin, json{{"threshold", "high"}})
                .body["error"]["field"],
            "threshold");
  EXPECT_EQ(Call("POST", "/api/v1/jobs/" + std::to_string(queued.body["id"].get<long>()) + "/retry",
                 admin)
                .status,
            409);
  EXPECT_TRUE(Call("GET", "/api/v1/models", TokenOf(world->agent)).body["items"].empty());
}

}  // namespace
}  // namespace closeloop::testing
