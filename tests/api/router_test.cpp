// The project-owned routing and URL decoding the server relies on (http/router.h).
#include "http/router.h"

#include <gtest/gtest.h>

#include <memory>

namespace closeloop::http {
namespace {

TEST(Router, MatchesTheWholePathInRegistrationOrderAndTellsAKnownPathFromAnUnknownOne) {
  Router router;
  int hit = 0;
  router.Get(R"(/api/v1/complaints/([^/]+))", [&](const Request&, Response&) { hit = 1; });
  router.Post("/api/v1/complaints", [&](const Request&, Response&) { hit = 2; });
  Request get;
  get.method = "GET";
  get.path = "/api/v1/complaints/CL-1";
  bool known = false;
  const Endpoint* e = router.Find(get, known);
  ASSERT_NE(e, nullptr);
  e->handler(get, *std::make_unique<Response>());
  EXPECT_EQ(hit, 1);
  EXPECT_EQ(get.matches.at(1), "CL-1");
  EXPECT_EQ(get.route, R"(/api/v1/complaints/([^/]+))") << "the pattern, for metrics";
  Request wrong_method = get;
  wrong_method.method = "DELETE";
  EXPECT_EQ(router.Find(wrong_method, known), nullptr);
  EXPECT_TRUE(known) << "another method serves this path: 405";
  Request longer = get;
  longer.path = "/api/v1/complaints/CL-1/extra";
  EXPECT_EQ(router.Find(longer, known), nullptr) << "a prefix match is not a match";
  EXPECT_FALSE(known);
}

TEST(Url, DecodesEscapesAndPlusesAndLeavesMalformedEscapesAsWritten) {
  EXPECT_EQ(DecodeUrl("%E9%80%80%E6%AC%BE+x", true), "退款 x");
  EXPECT_EQ(DecodeUrl("a+b", false), "a+b");
  EXPECT_EQ(DecodeUrl("100%", true), "100%");
  EXPECT_EQ(DecodeUrl("%zz%4", true), "%zz%4");
  EXPECT_EQ(EncodeUrl("退 a.txt"), "%E9%80%80%20a.txt");
  const Params params = ParseQuery("q=%E9%80%80&status=resolved&empty=&flag&&q=2");
  EXPECT_EQ(params.count("q"), 2u);
  EXPECT_EQ(params.find("q")->second, "退");
  EXPECT_EQ(params.find("empty")->second, "");
  EXPECT_EQ(params.count("flag"), 1u);
}

}  // namespace
}  // namespace closeloop::http
