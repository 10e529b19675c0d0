// The analysis pipeline on a real SQLite file with the product's analyzer.
#include "domain/usecases/analysis.h"

#include <gtest/gtest.h>

#include "domain/usecases/complaint_queries.h"
#include "support/test_world.h"

namespace closeloop::testing {
namespace {

namespace d = domain;

TEST(AnalysisPipeline, AnalysesEveryNewComplaintOnceInOrder) {
  TestWorld w;
  auto calm = w.File(w.agent, w.east, "请问这款猫砂可以冲马桶吗?");
  auto angry = w.File(w.agent, w.east,
                      "猫粮发霉了，猫吃了以后呕吐！！！太差了，不赔偿我就投诉到消协，曝光你们！");
  d::AnalyzeNewComplaints analyze(w.ctx());
  auto first = analyze.RunOnce(1);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(*first, 1) << "batches respect the limit";
  EXPECT_EQ(*analyze.RunOnce(), 1);
  EXPECT_EQ(*analyze.RunOnce(), 0) << "the watermark: nothing is analysed twice";

  d::GetComplaint get(w.ctx());
  auto a = get.Execute(w.agent, angry.complaint.reference);
  ASSERT_TRUE(a->analysis.has_value());
  EXPECT_LT(a->analysis->sentiment, -0.5);
  EXPECT_GE(a->analysis->agitation, w.ctx().config.high_agitation_threshold);
  EXPECT_EQ(a->analysis->flags, std::vector<std::string>{"high_agitation"});
  EXPECT_EQ(a->analysis->suggested_type, d::ComplaintType::kQuality);
  EXPECT_EQ(a->analysis->suggested_category, "product_quality");
  EXPECT_FALSE(a->analysis->rules_fired.empty());
  EXPECT_FALSE(a->complaint.type.has_value()) << "a suggestion, not a decision";

  auto c = get.Execute(w.agent, calm.complaint.reference);
  EXPECT_EQ(c->analysis->suggested_type, d::ComplaintType::kInquiry);
  EXPECT_TRUE(c->analysis->flags.empty());
  EXPECT_LT(c->analysis->agitation, 30);

  // A complaint filed later is picked up on the next run.
  auto later = w.File(w.agent, w.east, "快递三天还没到");
  EXPECT_FALSE(get.Execute(w.agent, later.complaint.reference)->analysis.has_value());
  EXPECT_EQ(*analyze.RunToEnd(), 1);
  EXPECT_EQ(get.Execute(w.agent, later.complaint.reference)->analysis->suggested_category,
            "logistics");
}

}  // namespace
}  // namespace closeloop::testing
