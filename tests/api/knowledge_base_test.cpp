// The knowledge base over HTTP: levels and product lines, every version with who saved
// it, a resolved complaint promoted to a draft in one step (personal data masked), drafts hidden
// from agents until published, archive, and usage counts with "helped" from the survey.
#include <gtest/gtest.h>

#include "api/api_fixture.h"

namespace closeloop::testing {
namespace {

using nlohmann::json;

class KnowledgeBase : public ApiFixture {
 protected:
  // A complaint resolved with a replacement; returns its reference.
  std::string Resolved(const std::string& description) {
    const std::string admin = TokenOf(world->admin);
    const std::string ref = world->File(world->agent, world->east, description).complaint.reference;
    const std::string path = "/api/v1/complaints/" + ref;
    EXPECT_EQ(Call("PATCH", path, admin, json{{"type", "quality"}, {"category", "other"}}).status,
              200);
    for (const json& move : {json{{"to", "classified"}},
                             json{{"to", "assigned"}, {"assignee_id", world->east_agent.user_id}},
                             json{{"to", "in_progress"}}}) {
      EXPECT_EQ(Call("POST", path + "/transitions", admin, move).status, 200);
    }
    auto resolved =
        Call("POST", path + "/transitions", admin,
             json{{"to", "resolved"},
                  {"resolution", {{"remedy", "replacement"}, {"summary", "补发新品"}}}});
    EXPECT_EQ(resolved.status, 200) << resolved.raw;
    return ref;
  }
};

TEST_F(KnowledgeBase, ArticlesHaveLevelsAndEveryVersionIsKept) {
  const std::string manager = TokenOf(world->manager);
  auto created = Call("POST", "/api/v1/knowledge", manager,
                      json{{"title", "饮水机漏水的排查"},
                           {"body", "先检查水箱密封圈"},
                           {"level", "advanced"},
                           {"product_line", "饮水机"}});
  ASSERT_EQ(created.status, 201) << created.raw;
  EXPECT_EQ(created.body["state"], "published");
  EXPECT_EQ(created.body["level"], "advanced");
  EXPECT_EQ(created.body["version"], 1);
  const std::string path = "/api/v1/knowledge/" + std::to_string(created.body["id"].get<long>());
  world->clock().Advance(core::kMinute);
  auto edited = Call("PATCH", path, TokenOf(world->admin),
                     json{{"body", "先检查水箱密封圈，再检查出水阀"}, {"level", "expert"}});
  ASSERT_EQ(edited.status, 200);
  EXPECT_EQ(edited.body["version"], 2);
  auto versions = Call("GET", path + "/versions", TokenOf(world->agent));
  ASSERT_EQ(versions.status, 200);
  ASSERT_EQ(versions.body["items"].size(), 2u);
  EXPECT_EQ(versions.body["items"][0]["body"], "先检查水箱密封圈");
  EXPECT_EQ(versions.body["items"][0]["changed_by"], world->manager.user_id);
  EXPECT_EQ(versions.body["items"][1]["level"], "expert");
  EXPECT_EQ(versions.body["items"][1]["changed_by"], world->admin.user_id);

  EXPECT_EQ(Call("PATCH", path, manager, json{{"level", "guru"}}).body["error"]["field"], "level");
  EXPECT_EQ(Call("PATCH", path, manager, json{{"state", "gone"}}).body["error"]["field"], "state");
  EXPECT_EQ(Call("GET", path + "/versions", manager).body["items"].size(), 2u);  // nothing saved

  // Archived: no longer found by agents, still readable by id (old replies cite it).
  ASSERT_EQ(Call("PATCH", path, manager, json{{"state", "archived"}}).status, 200);
  auto found =
      Call("GET", "/api/v1/knowledge?q=%E9%A5%AE%E6%B0%B4%E6%9C%BA", TokenOf(world->agent));
  EXPECT_TRUE(found.body["items"].empty()) << found.raw;
  EXPECT_EQ(Call("GET", path, TokenOf(world->agent)).body["state"], "archived");
}

TEST_F(KnowledgeBase, AResolvedComplaintBecomesADraftWithPersonalDataMasked) {
  const std::string manager = TokenOf(world->manager);
  const std::string agent = TokenOf(world->agent);
  const std::string open_ref = world->File(world->agent, world->east).complaint.reference;
  EXPECT_EQ(Call("POST", "/api/v1/complaints/" + open_ref + "/knowledge-draft", manager).status,
            409);
  const std::string ref = Resolved("猫粮发霉了，请打 13812345678 找我，要求换货");
  EXPECT_EQ(Call("POST", "/api/v1/complaints/" + ref + "/knowledge-draft", agent).status, 403);
  auto draft = Call("POST", "/api/v1/complaints/" + ref + "/knowledge-draft", manager);
  ASSERT_EQ(draft.status, 201) << draft.raw;
  EXPECT_EQ(draft.body["state"], "draft");
  const std::string body = draft.body["body"].get<std::string>();
  EXPECT_NE(body.find("问题 / Problem"), std::string::npos);
  EXPECT_NE(body.find("解决方案 / Solution\nreplacement：补发新品"), std::string::npos) << body;
  EXPECT_EQ(body.find("13812345678"), std::string::npos) << body;
  EXPECT_EQ(draft.body["source_complaint_id"],
            Call("GET", "/api/v1/complaints/" + ref, manager).body["id"]);
  const std::string path = "/api/v1/knowledge/" + std::to_string(draft.body["id"].get<long>());
  EXPECT_EQ(Call("GET", path, agent).status, 404);  // drafts are for editors
  ASSERT_EQ(Call("PATCH", path, manager, json{{"state", "published"}}).status, 200);
  EXPECT_EQ(Call("GET", path, agent).status, 200);
}

TEST_F(KnowledgeBase, UsageIsCountedOncePerComplaintAndHelpedComesFromTheSurvey) {
  const std::string manager = TokenOf(world->manager);
  const std::string agent = TokenOf(world->agent);
  auto created = Call("POST", "/api/v1/knowledge", manager,
                      json{{"title", "猫粮发霉换货流程"}, {"body", "核实批次后补发"}});
  ASSERT_EQ(created.status, 201);
  const std::string path = "/api/v1/knowledge/" + std::to_string(created.body["id"].get<long>());
  const std::string ref = Resolved("猫粮发霉");
  for (const char* kind : {"opened", "opened", "used"}) {
    auto used = Call("POST", path + "/usage", agent, json{{"kind", kind}, {"complaint", ref}});
    ASSERT_EQ(used.status, 200) << used.raw;
  }
  EXPECT_EQ(Call("POST", path + "/usage", agent, json{{"kind", "liked"}, {"complaint", ref}})
                .body["error"]["field"],
            "kind");
  EXPECT_EQ(Call("POST", path + "/usage", agent, json{{"kind", "used"}, {"complaint", "CL-X"}})
                .body["error"]["field"],
            "complaint");
  auto usage = Call("GET", path, agent).body["usage"];
  EXPECT_EQ(usage, json({{"suggested", 0}, {"opened", 1}, {"used", 1}, {"helped", 0}}));
  ASSERT_EQ(
      Call("POST", "/api/v1/complaints/" + ref + "/survey-responses", agent, json{{"csat", 5}})
          .status,
      201);
  EXPECT_EQ(Call("GET", path, agent).body["usage"]["helped"], 1);

  // Shown among the complaint's suggestions: counted once however often they are read.
  for (int i = 0; i < 2; ++i) {
    auto shown = Call("GET", "/api/v1/complaints/" + ref + "/suggestions", agent);
    ASSERT_EQ(shown.status, 200) << shown.raw;
    ASSERT_FALSE(shown.body["articles"].empty()) << shown.raw;
  }
  EXPECT_EQ(Call("GET", path, agent).body["usage"]["suggested"], 1);
}

}  // namespace
}  // namespace closeloop::testing
