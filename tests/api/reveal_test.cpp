// Personal data masked on request and revealed with a record (PIPL): the web application asks
// for masked data (X-Personal-Data: masked); someone whose role may read personal data reveals it,
// and every reveal is kept for the auditors.
#include <gtest/gtest.h>

#include "api/api_fixture.h"

namespace closeloop::testing {
namespace {

using nlohmann::json;

class RevealApi : public ApiFixture {
 protected:
  std::string Filed() {
    auto filed = Call("POST", "/api/v1/complaints", TokenOf(world->east_agent),
                      json{{"description", "猫粮发霉，请回电 13987650003"},
                           {"channel", "phone"},
                           {"customer", {{"name", "钱多多"}, {"phone", "13987650003"}}}});
    EXPECT_EQ(filed.status, 201) << filed.raw;
    return filed.body["reference"];
  }
  const httplib::Headers kMasked{{"X-Personal-Data", "masked"}};
};

TEST_F(RevealApi, MaskedOnRequestRevealedByThoseWhoMayAndRecorded) {
  const std::string ref = Filed();
  const std::string agent = TokenOf(world->east_agent);
  auto plain = Call("GET", "/api/v1/complaints/" + ref, agent);
  EXPECT_EQ(plain.body["customer"]["phone"], "13987650003") << "without the header, as before";
  auto masked = Call("GET", "/api/v1/complaints/" + ref, agent, "", kMasked);
  EXPECT_EQ(masked.raw.find("13987650003"), std::string::npos) << masked.raw;
  EXPECT_EQ(masked.raw.find("钱多多"), std::string::npos);
  auto me = Call("GET", "/api/v1/auth/me", agent, "", kMasked);
  const auto& granted = me.body["permissions"];
  EXPECT_NE(std::find(granted.begin(), granted.end(), "personal_data.read"), granted.end())
      << "the role still says it may reveal";

  auto revealed = Call("POST", "/api/v1/complaints/" + ref + "/reveal", agent,
                       json{{"purpose", "回电客户"}}, kMasked);
  ASSERT_EQ(revealed.status, 200) << revealed.raw;
  EXPECT_EQ(revealed.body["customer"]["phone"], "13987650003");
  EXPECT_NE(revealed.body["description"].get<std::string>().find("13987650003"), std::string::npos);
  const long customer = revealed.body["customer_id"];
  auto page =
      Call("POST", "/api/v1/customers/" + std::to_string(customer) + "/reveal", agent, "", kMasked);
  EXPECT_EQ(page.body["name"], "钱多多");

  auto record = Call("GET", "/api/v1/personal-data-access?customer_id=" + std::to_string(customer),
                     TokenOf(world->auditor));
  ASSERT_EQ(record.status, 200) << record.raw;
  ASSERT_EQ(record.body["items"].size(), 2u);
  EXPECT_EQ(record.body["items"][1]["user"]["username"], world->east_agent.username);
  EXPECT_EQ(record.body["items"][1]["purpose"], "回电客户");
  EXPECT_EQ(record.body["items"][1]["complaint_id"], revealed.body["id"]);
  EXPECT_TRUE(record.body["items"][0]["complaint_id"].is_null());
}

TEST_F(RevealApi, NobodyElseRevealsOrReadsTheRecordAndBadInputIsNamed) {
  const std::string ref = Filed();
  // An analyst's role may not see personal data: no reveal, and nothing recorded.
  EXPECT_EQ(Call("POST", "/api/v1/complaints/" + ref + "/reveal", TokenOf(world->analyst)).status,
            403);
  // A complaint outside the caller's scope is not found, reveal or not.
  EXPECT_EQ(
      Call("POST", "/api/v1/complaints/" + ref + "/reveal", TokenOf(world->north_agent)).status,
      404);
  auto long_purpose = Call("POST", "/api/v1/complaints/" + ref + "/reveal",
                           TokenOf(world->east_agent), json{{"purpose", std::string(201, 'x')}});
  EXPECT_EQ(long_purpose.status, 422);
  EXPECT_EQ(long_purpose.body["error"]["field"], "purpose");
  EXPECT_EQ(Call("POST", "/api/v1/complaints/" + ref + "/reveal", TokenOf(world->east_agent),
                 json{{"why", "x"}})
                .status,
            422);
  EXPECT_EQ(Call("GET", "/api/v1/personal-data-access", TokenOf(world->east_agent)).status, 403);
  auto all = Call("GET", "/api/v1/personal-data-access", TokenOf(world->auditor));
  EXPECT_EQ(all.body["items"].size(), 0u) << "refused reveals leave no record";
}

}  // namespace
}  // namespace closeloop::testing
