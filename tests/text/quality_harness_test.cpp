#include "text/quality_harness.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace closeloop::text {
namespace {

// What the harness prints, read back from a temporary file.
std::string Printed(std::FILE* f) {
  std::rewind(f);
  std::string out;
  char buf[4096];
  while (size_t n = std::fread(buf, 1, sizeof buf, f)) out.append(buf, n);
  std::fclose(f);
  return out;
}

TEST(QualityHarness, SentimentReportCountsRowsAndUnknownLabels) {
  EvaluationRun run;
  run.task = "sentiment";
  run.source = "fixture";
  run.unreadable = 2;
  std::FILE* out = std::tmpfile();
  ASSERT_TRUE(EvaluateLabelled(run,
                               {{"\xEF\xBB\xBF太好吃了，非常满意", "1"},
                                {"送来的菜全洒了，太差了", "0"},
                                {"一般", "maybe"}},
                               out)
                  .ok());
  const std::string report = Printed(out);
  EXPECT_NE(report.find("fixture"), std::string::npos) << report;
  EXPECT_NE(report.find("rows skipped: 2 unreadable, 1 with an unknown label"), std::string::npos)
      << report;
  EXPECT_NE(report.find("n 2  accuracy 1.0000"), std::string::npos) << report;
}

TEST(QualityHarness, AnUnknownTaskIsRefusedNamingTheTaskAndPrintsNothing) {
  EvaluationRun run;
  run.task = "colour";
  std::FILE* out = std::tmpfile();
  core::Status status = EvaluateLabelled(run, {{"text", "x"}}, out);
  EXPECT_EQ(status.field(), "task");
  EXPECT_NE(status.message().find("colour"), std::string::npos);
  EXPECT_EQ(Printed(out), "");
}

TEST(QualityHarness, TrainingNeedsAnOutputAndALinearModelToAdapt) {
  TrainingRun run;
  run.task = "sentiment";
  std::FILE* out = std::tmpfile();
  EXPECT_EQ(TrainLabelled(run, {{"好", "1"}}, {}, out).field(), "out");
  run.out = testing::TempDir() + "/never.model";
  run.algo = "fasttext";
  EXPECT_EQ(TrainLabelled(run, {{"好", "1"}}, {"没有标签的文本"}, out).field(), "algo");
  EXPECT_EQ(Printed(out), "");
}

TEST(QualityHarness, SentimentLabelsAreUnified) {
  EXPECT_EQ(SentimentLabel(" POS "), "positive");
  EXPECT_EQ(SentimentLabel("-1"), "negative");
  EXPECT_EQ(SentimentLabel("neu"), "neutral");
  EXPECT_EQ(SentimentLabel("great"), "");
  EXPECT_EQ(WithoutBom("\xEF\xBB\xBFx"), "x");
}

}  // namespace
}  // namespace closeloop::text
