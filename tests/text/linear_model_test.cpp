// The linear model (text/linear_model.h): the SVM solver, training, prediction, the file format
// and its bad inputs, and self-training on unlabelled texts of another domain.
#include "text/linear_model.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <random>

#include "support/test_world.h"
#include "text/linear_svm.h"
#include "text/text_model.h"

namespace closeloop::text {
namespace {

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void WriteAll(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

std::vector<LabelledText> SentimentRows() {
  std::vector<LabelledText> rows;
  const char* positive[] = {"质量很好 很满意", "物流很快 好评", "great product love it",
                            "客服态度好 推荐"};
  const char* negative[] = {"质量太差 发霉了", "物流太慢 差评", "terrible broken refund",
                            "客服不理人 垃圾"};
  for (int copy = 0; copy < 5; ++copy) {
    for (const char* t : positive) rows.push_back({t, "positive"});
    for (const char* t : negative) rows.push_back({t, "negative"});
  }
  return rows;
}

TEST(LinearSvm, SeparatesTwoClassesAndRepeatsItself) {
  // Feature 0 marks the positive rows, feature 1 the negative ones.
  SparseRows rows;
  std::vector<size_t> subset;
  std::vector<int8_t> signs;
  for (int i = 0; i < 20; ++i) {
    const bool positive = i % 2 == 0;
    rows.indices.push_back(positive ? 0 : 1);
    rows.values.push_back(1.0f);
    rows.indices.push_back(2);  // shared by all: carries no information
    rows.values.push_back(0.5f);
    rows.starts.push_back(rows.indices.size());
    subset.push_back(i);
    signs.push_back(positive ? 1 : -1);
  }
  const LinearWeights w = TrainSvm(rows, subset, signs, 3, SvmOptions{});
  EXPECT_GT(w.w[0], 0.5);
  EXPECT_LT(w.w[1], -0.5);
  for (size_t r = 0; r < 20; ++r) EXPECT_EQ(Margin(w, rows, r) > 0, signs[r] > 0) << r;
  const LinearWeights again = TrainSvm(rows, subset, signs, 3, SvmOptions{});
  EXPECT_EQ(w.w, again.w);
  EXPECT_EQ(w.bias, again.bias);
}

// LIBLINEAR is the reference implementation of the same solver: on a noisy problem with more
// features than rows, ours must reach the same optimum (same weights, up to the tolerance).
TEST(LinearSvm, AgreesWithLiblinearTheReferenceImplementation) {
  SparseRows rows;
  std::vector<size_t> subset;
  std::vector<int8_t> signs;
  std::mt19937 random(7);
  std::uniform_int_distribution<uint32_t> feature(0, 299);
  std::uniform_real_distribution<float> value(0.1f, 1.0f);
  for (int i = 0; i < 400; ++i) {
    const bool positive = i % 3 != 0;
    for (int k = 0; k < 12; ++k) {
      const uint32_t f = feature(random);
      rows.indices.push_back(f);
      rows.values.push_back(value(random));
      if ((f % 2 == 0) == positive) rows.values.back() += 0.5f;  // the signal, with noise
    }
    rows.starts.push_back(rows.indices.size());
    subset.push_back(i);
    signs.push_back(positive ? 1 : -1);
  }
  SvmOptions options;
  options.tolerance = 0.001;  // tight, so both are near the one optimum
  const LinearWeights ours = TrainSvm(rows, subset, signs, 300, options);
  const LinearWeights reference = TrainSvmLiblinear(rows, subset, signs, 300, options);
  double largest = 0, difference = 0;
  for (size_t f = 0; f < 300; ++f) {
    largest = std::max(largest, std::abs(static_cast<double>(reference.w[f])));
    difference = std::max(difference, std::abs(static_cast<double>(ours.w[f] - reference.w[f])));
  }
  EXPECT_GT(largest, 0.1);
  EXPECT_LT(difference, 0.02 * largest) << "largest weight " << largest;
  EXPECT_NEAR(ours.bias, reference.bias, 0.02 * largest + 0.01);
  int agree = 0;
  for (size_t r = 0; r < rows.Rows(); ++r) {
    agree += (Margin(ours, rows, r) > 0) == (Margin(reference, rows, r) > 0);
  }
  EXPECT_GE(agree, 396) << "of 400 rows";
}

TEST(LinearModel, TrainsSavesLoadsAndPredictsTheSame) {
  closeloop::testing::TempDir dir;
  auto model = LinearModel::Train(SentimentRows(), LinearOptions{});
  ASSERT_TRUE(model.ok()) << model.status().message();
  EXPECT_EQ((*model)->Labels(), (std::vector<std::string>{"negative", "positive"}));
  const Prediction good = (*model)->Predict("质量很好");
  EXPECT_EQ(good.label, "positive");
  EXPECT_GT(good.probability, 0.5);
  EXPECT_LE(good.probability, 1.0);
  EXPECT_EQ((*model)->Predict("发霉了 差评").label, "negative");
  EXPECT_EQ((*model)->Predict("broken, refund").label, "negative");

  const std::string path = dir.File("m.lin");
  ASSERT_TRUE((*model)->Save(path).ok());
  auto loaded = LoadTextModel(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_EQ((*loaded)->Kind(), ModelKind::kLinear);
  EXPECT_EQ((*loaded)->Labels(), (*model)->Labels());
  for (const char* t : {"质量很好", "物流太慢", "love it", "", "😀😀"}) {
    EXPECT_DOUBLE_EQ((*loaded)->Predict(t).probability, (*model)->Predict(t).probability) << t;
    EXPECT_EQ((*loaded)->Predict(t).label, (*model)->Predict(t).label) << t;
  }
}

TEST(LinearModel, OneVectorPerLabelForMoreThanTwo) {
  std::vector<LabelledText> rows;
  for (int copy = 0; copy < 5; ++copy) {
    rows.push_back({"快递太慢 还没到", "logistics"});
    rows.push_back({"物流慢 包裹丢了", "logistics"});
    rows.push_back({"质量差 坏了", "quality"});
    rows.push_back({"用了两天就坏 质量问题", "quality"});
    rows.push_back({"价格虚标 宣传不符", "price"});
    rows.push_back({"降价了 价格不一样", "price"});
  }
  auto model = LinearModel::Train(rows, LinearOptions{});
  ASSERT_TRUE(model.ok());
  EXPECT_EQ((*model)->Labels().size(), 3u);
  EXPECT_EQ((*model)->Margins("x").size(), 3u);
  EXPECT_EQ((*model)->Predict("快递还没到").label, "logistics");
  EXPECT_EQ((*model)->Predict("坏了 质量差").label, "quality");
  EXPECT_EQ((*model)->Predict("价格不符").label, "price");
}

TEST(LinearModel, BadTrainingInputNamesTheField) {
  EXPECT_EQ(LinearModel::Train({}, LinearOptions{}).status().field(), "data");
  EXPECT_EQ(LinearModel::Train({{"好", "positive"}, {"很好", "positive"}}, LinearOptions{})
                .status()
                .field(),
            "label");
  EXPECT_EQ(
      LinearModel::Train(SentimentRows(), LinearOptions{}, {"a", "b"}, {0.5}).status().field(),
      "prior");
  LinearOptions bad;
  bad.c = 0;
  EXPECT_EQ(LinearModel::Train(SentimentRows(), bad).status().field(), "options");
}

TEST(LinearModel, RejectsCorruptTruncatedAndForeignFiles) {
  closeloop::testing::TempDir dir;
  auto model = LinearModel::Train(SentimentRows(), LinearOptions{});
  ASSERT_TRUE(model.ok());
  const std::string good = dir.File("good.lin");
  ASSERT_TRUE((*model)->Save(good).ok());
  const std::string bytes = ReadAll(good);

  auto load_error = [&](const std::string& content) {
    const std::string path = dir.File("bad.lin");
    WriteAll(path, content);
    auto loaded = LoadTextModel(path);
    EXPECT_FALSE(loaded.ok());
    EXPECT_EQ(loaded.status().field(), "model");
    return loaded.status().message();
  };
  load_error(bytes.substr(0, bytes.size() - 3));  // truncated
  EXPECT_NE(load_error(bytes + "xx").find("after the weights"), std::string::npos);
  std::string other_version = bytes;
  other_version[8] = 7;  // the format version follows the 8-byte magic
  EXPECT_NE(load_error(other_version).find("format version 7"), std::string::npos);
  std::string not_finite = bytes;
  const float nan = std::nanf("");
  std::memcpy(not_finite.data() + not_finite.size() - 4, &nan, 4);  // the last weight
  load_error(not_finite);
  load_error("CLLINEAR");  // magic only
  load_error("not a model at all");
  EXPECT_EQ(LoadTextModel(dir.File("missing.lin")).status().field(), "model");
  // The good file is still good.
  EXPECT_TRUE(LoadTextModel(good).ok());
}

// Source domain: 好 / 差 decide; 赞 leans negative and 烂 positive (a few odd rows). In the new
// domain 赞 comes with 好 and 烂 with 差: self-training learns that from unlabelled texts.
TEST(LinearModel, SelfTrainingLearnsTheNewDomainsWords) {
  std::vector<LabelledText> source;
  for (int i = 0; i < 20; ++i) {
    source.push_back({"质量好", "positive"});
    source.push_back({"质量差", "negative"});
  }
  for (int i = 0; i < 3; ++i) {
    source.push_back({"赞 质量差", "negative"});
    source.push_back({"烂 质量好", "positive"});
  }
  source.push_back({"赞 质量好", "positive"});
  source.push_back({"烂 质量差", "negative"});
  std::vector<std::string> target;
  for (int i = 0; i < 10; ++i) {
    target.push_back("手感赞 屏幕好");
    target.push_back("手感烂 屏幕差");
  }
  for (int i = 0; i < 2; ++i) {
    target.push_back("手感赞");
    target.push_back("手感烂");
  }
  auto plain = LinearModel::Train(source, LinearOptions{});
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ((*plain)->Predict("手感赞").label, "negative");
  EXPECT_EQ((*plain)->Predict("手感烂").label, "positive");

  auto adapted = LinearModel::Train(source, LinearOptions{}, target);
  ASSERT_TRUE(adapted.ok());
  EXPECT_EQ((*adapted)->Predict("手感赞").label, "positive");
  EXPECT_EQ((*adapted)->Predict("手感烂").label, "negative");
  EXPECT_EQ((*adapted)->Predict("质量好").label, "positive");  // the source still holds

  // An outside opinion (the lexicon) against the texts' own evidence steers the pseudo-labels.
  std::vector<double> contrary(target.size());
  for (size_t i = 0; i < target.size(); ++i) contrary[i] = i % 2 == 0 ? -1.0 : 1.0;
  AdaptOptions strong;
  strong.prior_weight = 5;
  auto steered = LinearModel::Train(source, LinearOptions{}, target, contrary, strong);
  ASSERT_TRUE(steered.ok());
  EXPECT_EQ((*steered)->Predict("手感赞").label, "negative");
}

}  // namespace
}  // namespace closeloop::text
