// The analysis pipeline on a real SQLite file with the product's analyzer.
#include "domain/analysis/analysis.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "domain/analysis/entities.h"
#include "domain/analysis/repository.h"
#include "domain/complaint/complaint_queries.h"
#include "domain/complaint/create_complaint.h"
#include "domain/complaint/entities.h"
#include "domain/complaint/repository.h"
#include "domain/model/ids.h"
#include "domain/unit_of_work.h"
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
  // The cat vomited: harm to a pet is a safety case (issue 12, item 18).
  EXPECT_EQ(a->analysis->flags, (std::vector<std::string>{"safety", "high_agitation"}));
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

namespace closeloop::testing {
namespace {

TEST(AnalysisPipeline, LinksRepostsAndMarksRepeatComplaints) {
  TestWorld w;
  d::CreateComplaint create(w.ctx());
  auto file = [&](const std::string& text, d::Channel channel, const std::string& phone,
                  std::optional<d::Id> product) {
    d::NewComplaint in;
    in.channel = channel;
    in.description = text;
    in.region_id = w.east;
    in.product_id = product;
    in.customer = d::CustomerInput{};
    in.customer->name = "王芳";
    in.customer->phone = phone;
    auto out = create.Execute(w.agent, in, std::nullopt);
    EXPECT_TRUE(out.ok()) << out.status().ToString();
    return out->view.complaint;
  };
  auto first = file("在万达店买的鲜肉猫粮发霉了，猫吃了呕吐，要求退款", d::Channel::kPhone,
                    "13900001111", w.product);
  w.clock().Advance(2 * core::kDay);
  auto repost = file("万达店买的鲜肉猫粮发霉了!!猫吃了呕吐,要求退款。", d::Channel::kSocial,
                     "13900002222", std::nullopt);
  w.clock().Advance(2 * core::kDay);
  auto repeat =
      file("又买了一袋猫粮，还是发霉，质量太差", d::Channel::kPhone, "13900001111", w.product);
  w.clock().Advance(20 * core::kDay);
  auto late_repeat =
      file("这次的猫粮有异物，质量问题", d::Channel::kPhone, "13900001111", w.product);
  auto unrelated = file("快递三天没到", d::Channel::kWeb, "13900003333", std::nullopt);

  d::AnalyzeNewComplaints analyze(w.ctx());
  ASSERT_EQ(*analyze.RunToEnd(), 5);
  auto analysis_of = [&](const d::Complaint& c) {
    std::optional<d::TextAnalysis> a;
    EXPECT_TRUE(w.ctx()
                    .store
                    .Read([&](d::Repositories& repos) {
                      a = repos.analysis().Find(c.id);
                      return core::Status::Ok();
                    })
                    .ok());
    return *a;
  };
  EXPECT_EQ(analysis_of(repost).duplicate_of, first.id) << "the same complaint on another channel";
  EXPECT_FALSE(analysis_of(first).duplicate_of.has_value());
  EXPECT_FALSE(analysis_of(unrelated).duplicate_of.has_value());
  auto has = [](const d::TextAnalysis& a, const std::string& flag) {
    return std::find(a.flags.begin(), a.flags.end(), flag) != a.flags.end();
  };
  EXPECT_TRUE(has(analysis_of(repeat), "repeat_7d"));
  EXPECT_TRUE(has(analysis_of(repeat), "repeat_30d"));
  EXPECT_FALSE(has(analysis_of(late_repeat), "repeat_7d")) << "20 days after the last one";
  EXPECT_TRUE(has(analysis_of(late_repeat), "repeat_30d"));
  EXPECT_FALSE(has(analysis_of(first), "repeat_30d"));
  EXPECT_FALSE(has(analysis_of(unrelated), "repeat_30d"));

  // A new pipeline (a restarted server) rebuilds the index from the stored fingerprints.
  auto again = file("在万达店买的鲜肉猫粮发霉了，猫吃了呕吐，要求退款!", d::Channel::kEmail,
                    "13900004444", std::nullopt);
  // The same complaint reposted in traditional characters and full-width punctuation.
  auto traditional = file("在萬達店買的鮮肉貓糧發霉了，貓吃了嘔吐，要求退款！", d::Channel::kSocial,
                          "13900005555", std::nullopt);
  d::AnalyzeNewComplaints restarted(w.ctx());
  ASSERT_EQ(*restarted.RunOnce(), 2);
  EXPECT_EQ(analysis_of(again).duplicate_of, first.id);
  EXPECT_EQ(analysis_of(traditional).duplicate_of, first.id);
}

}  // namespace
}  // namespace closeloop::testing

namespace closeloop::testing {
namespace {

TEST(AnalysisPipeline, TemplateCampaignsGibberishAndAbuseAreFlaggedNotDropped) {
  TestWorld w;
  std::vector<d::Complaint> filed;
  for (int i = 0; i < 6; ++i) {
    filed.push_back(
        w.File(w.agent, w.east, "强烈要求贵公司召回全部批次猫粮并公开道歉，否则我们集体维权")
            .complaint);
  }
  auto mash = w.File(w.agent, w.east, "啊啊啊啊啊啊啊啊啊啊啊啊").complaint;
  auto rude = w.File(w.agent, w.east, "你们客服都是废物，快递三天没到").complaint;
  ASSERT_EQ(*d::AnalyzeNewComplaints(w.ctx()).RunToEnd(), 8);
  auto flags_of = [&](const d::Complaint& c) {
    std::vector<std::string> flags;
    EXPECT_TRUE(w.ctx()
                    .store
                    .Read([&](d::Repositories& repos) {
                      flags = repos.analysis().Find(c.id)->flags;
                      return core::Status::Ok();
                    })
                    .ok());
    return flags;
  };
  auto has = [&](const d::Complaint& c, const std::string& flag) {
    auto f = flags_of(c);
    return std::find(f.begin(), f.end(), flag) != f.end();
  };
  EXPECT_FALSE(has(filed[3], "template_mass")) << "four copies are not yet a campaign";
  EXPECT_TRUE(has(filed[4], "template_mass"));
  EXPECT_TRUE(has(filed[5], "template_mass"));
  EXPECT_TRUE(has(filed[5], "duplicate"));
  EXPECT_TRUE(has(mash, "gibberish"));
  EXPECT_TRUE(has(rude, "abusive"));
  EXPECT_FALSE(has(rude, "gibberish"));
  // Flagged complaints stay in the queue.
  d::ComplaintQuery all;
  all.limit = 50;
  EXPECT_TRUE(w.ctx()
                  .store
                  .Read([&](d::Repositories& repos) {
                    EXPECT_EQ(repos.complaints().List(all, w.admin).size(), 8u);
                    return core::Status::Ok();
                  })
                  .ok());
}

}  // namespace
}  // namespace closeloop::testing
