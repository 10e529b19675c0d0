#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "support/test_world.h"
#include "text/evaluation.h"
#include "text/fasttext_model.h"
#include "text/model_votes.h"
#include "text/near_duplicates.h"
#include "text/noise.h"
#include "text/normalize.h"
#include "text/rules_classifier.h"
#include "text/sentiment.h"

namespace closeloop::text {
namespace {

TEST(Normalizer, FullWidthCaseAndTraditionalChinese) {
  Normalizer n;
  EXPECT_EQ(n.Normalize("ＡＢＣ１２３！"), "abc123!") << "full-width to half-width, case folded";
  ASSERT_TRUE(n.converts_traditional()) << "OpenCC's t2s.json must be installed";
  EXPECT_EQ(n.Normalize("質量問題，貓糧發霉"), "质量问题,猫粮发霉");
  EXPECT_EQ(n.Normalize("猫粮"), "猫粮") << "simplified text stays";
}

TEST(Sentiment, NegationDegreeAndContrast) {
  SentimentScorer s;
  EXPECT_GT(s.Score("质量很好").sentiment, 0);
  EXPECT_LT(s.Score("质量不好").sentiment, 0);
  EXPECT_LT(s.Score("一点也不满意").sentiment, 0) << "negation turns a positive word";
  EXPECT_GT(s.Score("非常满意").sentiment, s.Score("满意").sentiment) << "degree scales";
  EXPECT_LT(s.Score("包装不错,但是物流太慢了").sentiment, 0) << "after 但是 counts more";
  EXPECT_GT(s.Score("物流有点慢,不过客服很耐心,问题解决了").sentiment, 0);
  EXPECT_GT(s.Score("great service, thanks").sentiment, 0);
  EXPECT_LT(s.Score("flight delayed again, not happy").sentiment, 0);
  EXPECT_EQ(s.Score("今天星期三").hits, 0);
  EXPECT_EQ(s.Score("今天星期三").sentiment, 0);
}

TEST(Sentiment, WordsHoldingASentimentWordCarryNone) {
  SentimentScorer s;
  // 快递 holds 快 ("fast"), 尽快 is a request, 好像 / 好几 hold 好 ("good").
  EXPECT_EQ(s.Score("快递到了").hits, 0);
  EXPECT_EQ(s.Score("请尽快处理").sentiment, 0);
  EXPECT_LT(s.Score("快递三天了还没到").sentiment, 0);
  EXPECT_LT(s.Score("好像坏了").sentiment, 0);
  EXPECT_LT(s.Score("等了好几天").sentiment, 0);
  EXPECT_GT(s.Score("快递很快").sentiment, 0) << "the word itself still counts";
  EXPECT_LT(s.Score("不是快递的问题,是质量太差").sentiment, 0) << "negation passes over them";
}

TEST(Sentiment, CourtesyAfterARequestIsAFormulaNotPraise) {
  SentimentScorer s;
  EXPECT_EQ(s.Score("请尽快处理,谢谢!").sentiment, 0);
  EXPECT_LT(s.Score("用了15天就跳闸,还是不行,要求维修或者换新。请尽快处理,谢谢。").sentiment, 0);
  EXPECT_EQ(s.Score("please fix it asap, thanks").sentiment, 0);
  EXPECT_GT(s.Score("谢谢客服,问题解决了").sentiment, 0) << "thanks for what was done";
  EXPECT_GT(s.Score("thanks for the help").sentiment, 0);
}

TEST(Sentiment, AgitationRisesWithThreatsExclamationsAndRepetition) {
  SentimentScorer s;
  const int calm = s.Score("快递有点慢").agitation;
  const int angry = s.Score("太差了!!!再不处理我就投诉到消协,曝光你们!").agitation;
  EXPECT_LT(calm, 30);
  EXPECT_GT(angry, 70);
  EXPECT_LE(angry, 100);
  EXPECT_GT(s.Score("气死我了啊啊啊").agitation, s.Score("气死我了").agitation);
}

TEST(Sentiment, UserLexiconFilesAddWordsAndBadLinesAreNamed) {
  closeloop::testing::TempDir dir;
  const std::string good = dir.File("good.tsv");
  std::ofstream(good) << "# shop words\n宝藏\t2\n踩雷\t-2\n";
  SentimentScorer s;
  EXPECT_EQ(s.Score("宝藏店铺").hits, 0);
  ASSERT_TRUE(s.AddLexiconFile(good).ok());
  EXPECT_GT(s.Score("宝藏店铺").sentiment, 0);
  EXPECT_LT(s.Score("又踩雷").sentiment, 0);
  const std::string bad = dir.File("bad.tsv");
  std::ofstream(bad) << "好\t1\nbroken line\n";
  auto status = s.AddLexiconFile(bad);
  EXPECT_FALSE(status.ok());
  EXPECT_NE(status.message().find(":2:"), std::string::npos) << status.message();
  EXPECT_FALSE(s.AddLexiconFile(dir.File("missing.tsv")).ok());
}

TEST(ConfusionMatrix, ComputesAccuracyMacroF1AndPerClassScores) {
  ConfusionMatrix m;
  // 3 pos (2 right), 2 neg (1 right).
  m.Add("pos", "pos");
  m.Add("pos", "pos");
  m.Add("pos", "neg");
  m.Add("neg", "neg");
  m.Add("neg", "pos");
  EXPECT_DOUBLE_EQ(m.Accuracy(), 0.6);
  auto classes = m.PerClass();
  ASSERT_EQ(classes.size(), 2u);
  EXPECT_EQ(classes[0].label, "neg");
  EXPECT_DOUBLE_EQ(classes[0].precision, 0.5);
  EXPECT_DOUBLE_EQ(classes[0].recall, 0.5);
  EXPECT_NEAR(classes[1].precision, 2.0 / 3, 1e-12);
  EXPECT_NEAR(classes[1].recall, 2.0 / 3, 1e-12);
  EXPECT_NEAR(m.MacroF1(), (0.5 + 2.0 / 3) / 2, 1e-12);
  EXPECT_EQ(m.Count("pos", "neg"), 1);
  EXPECT_NE(m.Report(true).find("\"accuracy\":0.6000"), std::string::npos);
  EXPECT_NE(m.Report(false).find("macro-F1 0.5833"), std::string::npos);
}

}  // namespace
}  // namespace closeloop::text

namespace closeloop::text {
namespace {

TEST(ModelVotes, OnlyATwoSidedModelIsWeighedAgainstTheLexicon) {
  EXPECT_TRUE(TwoSided({"negative", "positive"}));
  EXPECT_TRUE(TwoSided({"positive", "negative"}));
  EXPECT_FALSE(TwoSided({"negative", "neutral", "positive"}));
  EXPECT_FALSE(TwoSided({"quality", "service"}));
  const Prediction sure_positive{"positive", 0.9};  // vote 0.8
  // Two-sided: (0.8 + 0.3 * -1) / 1.3 for the linear model; (0.8 + 3 * -1) / 4 for fastText.
  EXPECT_NEAR(CombinedSentiment(ModelKind::kLinear, true, sure_positive, -1), 0.5 / 1.3, 1e-9);
  EXPECT_NEAR(CombinedSentiment(ModelKind::kFastText, true, sure_positive, -1), -2.2 / 4, 1e-9);
  // A model that knows "neutral" decides alone; its "neutral" leaves the lexicon's reading.
  EXPECT_NEAR(CombinedSentiment(ModelKind::kLinear, false, sure_positive, -1), 0.8, 1e-9);
  EXPECT_NEAR(CombinedSentiment(ModelKind::kLinear, false, {"neutral", 0.7}, -0.4), -0.4, 1e-9);
  // Only fastText reads the lexicon's verdict as tokens.
  EXPECT_EQ(SentimentModelInput(ModelKind::kLinear, "很好", Emotion{0.8, 0, 1}), "很好");
  EXPECT_EQ(SentimentModelInput(ModelKind::kFastText, "很好", Emotion{0.8, 0, 1}),
            "很好 lexsentp2 lexsentp2 lexsentp2");
}

TEST(RulesClassifier, WhatWentWrongOutweighsTheRemedyAsked) {
  Normalizer n;
  RulesClassifier categories = DefaultCategoryRules();
  // Asking for a refund does not make a mouldy bag an after-sales complaint …
  EXPECT_EQ(categories.Classify(n.Normalize("猫粮发霉了，要求退货退款")).label, "product_quality");
  EXPECT_EQ(categories.Classify(n.Normalize("饮水机漏水，要求维修或者换新")).label,
            "product_quality");
  // … but a refund that does not come, or a repair that failed, is.
  EXPECT_EQ(categories.Classify(n.Normalize("退款两周了还没到账，还没退")).label, "after_sales");
  EXPECT_EQ(categories.Classify(n.Normalize("师傅上门两次都修不好")).label, "after_sales");
}

TEST(RulesClassifier, EnglishKeywordsStartAWordAndPhrasesKeepTheirSpaces) {
  Normalizer n;
  RulesClassifier types = DefaultTypeRules();
  // "is", "i" and "add" were once found inside "this", "kettle…" and "address".
  EXPECT_NE(types.Classify(n.Normalize("The kettle is leaking and this handle cracked")).label,
            "inquiry");
  EXPECT_EQ(types.Classify(n.Normalize("The kettle is leaking")).label, "quality");
  EXPECT_EQ(types.Classify(n.Normalize("Can I wash this bowl in a dishwasher?")).label, "inquiry");
  const auto address = types.Classify(n.Normalize("wrong address on the parcel"));
  for (const std::string& m : address.matched) EXPECT_NE(m, "suggestion:add") << m;
  // Longer English keywords are stems.
  EXPECT_EQ(DefaultCategoryRules().Classify(n.Normalize("the courier delayed it")).label,
            "logistics");
}

TEST(RulesClassifier, DefaultRulesFindTypeAndCategoryAndRespectNegation) {
  Normalizer n;
  RulesClassifier types = DefaultTypeRules();
  RulesClassifier categories = DefaultCategoryRules();
  auto quality = types.Classify(n.Normalize("猫粮发霉了，猫吃了以后呕吐"));
  EXPECT_EQ(quality.label, "quality");
  EXPECT_GT(quality.confidence, 0.5);
  EXPECT_FALSE(quality.matched.empty());
  EXPECT_EQ(types.Classify(n.Normalize("请问这款猫砂可以冲马桶吗？")).label, "inquiry");
  EXPECT_EQ(types.Classify(n.Normalize("建议门店增加周末营业时间")).label, "suggestion");
  EXPECT_EQ(types.Classify(n.Normalize("店员态度很差，爱理不理")).label, "service");
  EXPECT_EQ(types.Classify(n.Normalize("不赔就曝光，要十倍赔偿")).label, "malicious");
  EXPECT_EQ(types.Classify(n.Normalize("The staff were rude to me")).label, "service");
  EXPECT_EQ(categories.Classify(n.Normalize("快递三天还没到")).label, "logistics");
  EXPECT_EQ(categories.Classify(n.Normalize("申请退款一周没处理")).label, "after_sales");
  EXPECT_EQ(categories.Classify(n.Normalize("宣传的价格和实际不符")).label, "price_advertising");
  // Negated keywords do not count.
  auto negated = categories.Classify(n.Normalize("产品没质量问题，就是快递太慢"));
  EXPECT_EQ(negated.label, "logistics");
  EXPECT_TRUE(types.Classify(n.Normalize("今天天气很好")).label.empty());
  EXPECT_EQ(types.Classify(n.Normalize("今天天气很好")).confidence, 0);
}

}  // namespace
}  // namespace closeloop::text

namespace closeloop::text {
namespace {

TEST(ModelTokens, CharactersForChineseWordsForEnglish) {
  EXPECT_EQ(ModelTokens("猫粮发霉!! bad food, 2 days"), "猫 粮 发 霉 ! ! bad food 2 days");
}

TEST(FastTextModel, TrainsSavesLoadsAndPredictsWithAProbability) {
  closeloop::testing::TempDir dir;
  std::vector<LabelledText> rows;
  const char* positive[] = {"质量很好 很满意", "物流很快 好评", "great product love it",
                            "客服态度好 推荐"};
  const char* negative[] = {"质量太差 发霉了", "物流太慢 差评", "terrible broken refund",
                            "客服不理人 垃圾"};
  for (int copy = 0; copy < 30; ++copy) {
    for (const char* t : positive) rows.push_back({t, "positive"});
    for (const char* t : negative) rows.push_back({t, "negative"});
  }
  FastTextOptions options;
  options.epoch = 20;
  options.bucket = 10000;
  options.threads = 1;
  const std::string path = dir.File("m.bin");
  ASSERT_TRUE(FastTextModel::Train(rows, path, options).ok());
  auto model = LoadTextModel(path);
  ASSERT_TRUE(model.ok());
  Prediction p = (*model)->Predict("质量很好");
  EXPECT_EQ(p.label, "positive");
  EXPECT_GT(p.probability, 0.5);
  EXPECT_LE(p.probability, 1.0 + 1e-6);
  EXPECT_EQ((*model)->Predict("发霉了 差评").label, "negative");

  EXPECT_EQ((*model)->Kind(), ModelKind::kFastText);
  EXPECT_FALSE(FastTextModel::Train({}, dir.File("empty.bin"), options).ok());
  std::ofstream(dir.File("junk.bin")) << "not a model";
  EXPECT_EQ(LoadTextModel(dir.File("junk.bin")).status().field(), "model");
  EXPECT_EQ(LoadTextModel(dir.File("missing.bin")).status().field(), "model");
}

}  // namespace
}  // namespace closeloop::text

namespace closeloop::text {
namespace {

TEST(NearDuplicates, RepostsScoreHighUnrelatedLowAndTheIndexFindsThem) {
  Normalizer n;
  const std::string original = n.Normalize("在万达店买的鲜肉猫粮发霉了，猫吃了呕吐，要求退款");
  const std::string repost = n.Normalize("万达店买的鲜肉猫粮发霉了!!猫吃了呕吐,要求退款。");
  const std::string other = n.Normalize("快递三天没到，客服电话打不通");
  FeatureWeights weights;
  weights.Learn({original, repost, other, n.Normalize("猫砂结团差"), n.Normalize("狗粮太贵")});
  const Features a = FeaturesOf(original, weights);
  const Features b = FeaturesOf(repost, weights);
  const Features c = FeaturesOf(other, weights);
  EXPECT_NEAR(Cosine(a, a), 1.0, 1e-9);
  EXPECT_GE(Cosine(a, b), kDuplicateSimilarityThreshold);
  EXPECT_LT(Cosine(a, c), 0.2);
  EXPECT_GT(BigramJaccard(original, repost), BigramJaccard(original, other));
  EXPECT_EQ(Cosine(FeaturesOf("", weights), a), 0);

  SimHashIndex index;
  index.Add(1, SimHash(a));
  index.Add(2, SimHash(c));
  auto candidates = index.Candidates(SimHash(b));
  EXPECT_NE(std::find(candidates.begin(), candidates.end(), 1), candidates.end())
      << "a repost shares at least one 16-bit band with the original";
  EXPECT_EQ(index.size(), 2u);
}

}  // namespace
}  // namespace closeloop::text

namespace closeloop::text {
namespace {

TEST(Noise, GibberishAndAbuseAreRecognised) {
  Normalizer n;
  EXPECT_TRUE(LooksLikeGibberish(n.Normalize("啊啊啊啊啊啊啊啊啊啊啊啊")));
  EXPECT_TRUE(LooksLikeGibberish(n.Normalize("asdfasdfasdfasdf")));
  EXPECT_TRUE(LooksLikeGibberish(n.Normalize("？？？！！")));
  EXPECT_TRUE(LooksLikeGibberish(n.Normalize("123")));
  EXPECT_FALSE(LooksLikeGibberish(n.Normalize("猫粮发霉了，猫吃了以后呕吐，要求退款")));
  EXPECT_FALSE(LooksLikeGibberish(n.Normalize("The feeder stopped working after a week")));
  EXPECT_TRUE(ContainsAbuse(n.Normalize("你们客服都是废物")));
  EXPECT_TRUE(ContainsAbuse(n.Normalize("FUCK this shop")));
  EXPECT_FALSE(ContainsAbuse(n.Normalize("快递太慢了，非常失望")));
}

}  // namespace
}  // namespace closeloop::text

namespace closeloop::text {
namespace {

TEST(Noise, ShortRealComplaintsAreNotGibberish) {
  Normalizer n;
  EXPECT_FALSE(LooksLikeGibberish(n.Normalize("bowl arrived broken")));
  EXPECT_FALSE(LooksLikeGibberish(n.Normalize("猫粮发霉")));
  EXPECT_FALSE(LooksLikeGibberish(n.Normalize(
      "The internationalization of this app is terrible and the feeder keeps disconnecting from "
      "the wifi every single night, please fix it or refund me")));
}

}  // namespace
}  // namespace closeloop::text
