// Character folding, the similar-text index and word segmentation.
#include <gtest/gtest.h>

#include <algorithm>

#include "text/case_index.h"
#include "text/char_folder.h"
#include "text/noise.h"
#include "text/rules_classifier.h"
#include "text/segmenter.h"

namespace closeloop::text {
namespace {

std::string Utf8(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

TEST(CharFolder, FoldsTraditionalWidthCaseAndPunctuation) {
  const CharFolder& f = CharFolder::Shared();
  EXPECT_EQ(Utf8(f.Fold("貓糧發霉了！！退款")), "猫粮发霉了 退款");
  EXPECT_EQ(Utf8(f.Fold("ＡＢＣ　Refund,  NOW")), "abc refund now");
  EXPECT_EQ(Utf8(f.Fold("\xff\xfe坏")), "坏");  // invalid bytes dropped
  EXPECT_EQ(Utf8(f.Fold("😡😡")), "");
}

TEST(CaseIndex, RanksByOverlapAndScoresATextOneAgainstItself) {
  CaseIndex index;
  index.Add(1, "猫粮发霉结块，猫吃了呕吐，要求换货");
  index.Add(2, "空调不制冷，师傅上门三次都没修好");
  index.Add(3, "新买的猫粮发霉了，要求退款");
  index.Add(4, "The parcel arrived late and the box was damaged");
  auto hits = index.Query("猫粮发霉结块，猫吃了呕吐，要求换货", 10);
  ASSERT_GE(hits.size(), 2u);
  EXPECT_EQ(hits[0].id, 1);
  EXPECT_NEAR(hits[0].score, 1.0, 1e-6);
  EXPECT_EQ(hits[1].id, 3);
  for (const auto& h : hits) EXPECT_NE(h.id, 2);
  // Traditional script finds the simplified original; English works on words.
  EXPECT_EQ(index.Query("貓糧發霉結塊", 1).at(0).id, 1);
  EXPECT_EQ(index.Query("my parcel was late", 1).at(0).id, 4);
  EXPECT_TRUE(index.Query("", 5).empty());
  EXPECT_TRUE(CaseIndex().Query("猫粮", 5).empty());
}

TEST(CaseIndex, PostingListsAreBoundedAndKeepTheNewest) {
  CaseIndex index;
  const size_t n = CaseIndex::kMaxPostings * 2 + 10;
  for (size_t i = 0; i < n; ++i)
    index.Add(static_cast<std::int64_t>(i), "猫粮发霉 编号" + std::to_string(i));
  // The common terms are skipped as uninformative; the numbered word still finds its text.
  auto hits = index.Query("编号" + std::to_string(n - 1), 3);
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].id, static_cast<std::int64_t>(n - 1));
  EXPECT_EQ(index.size(), n);
}

TEST(Segmenter, DomainWordsStayWholeAndAdminWordsJoin) {
  Segmenter s;
  auto words = s.Segment("客服态度差，猫粮发霉要退款");
  auto has = [&](const std::string& w) {
    return std::find(words.begin(), words.end(), w) != words.end();
  };
  EXPECT_TRUE(has("客服"));
  EXPECT_TRUE(has("猫粮"));
  EXPECT_TRUE(has("退款"));
  EXPECT_TRUE(has("发霉"));
  for (const auto& w : words) EXPECT_NE(w, "，");
  auto english = s.Segment("refund my order please");
  EXPECT_EQ(english, (std::vector<std::string>{"refund", "my", "order", "please"}));
  EXPECT_FALSE(s.InDictionary("汪汪队"));
  s.SetExtraWords({"汪汪队"});
  EXPECT_TRUE(s.InDictionary("汪汪队"));
  auto branded = s.Segment("汪汪队牵引绳断了");
  EXPECT_EQ(branded.front(), "汪汪队");
  EXPECT_TRUE(s.Segment("").empty());
  EXPECT_TRUE(s.Segment("！？。").empty());
}

}  // namespace
}  // namespace closeloop::text

namespace closeloop::text {
namespace {

TEST(RulesText, ParsesWeightsCommentsAndReportsTheLine) {
  const std::vector<std::string> labels = {"quality", "service"};
  auto ok = ParseRules("# c\n\nquality: 发霉:2 stopped_working\nservice: 态度\nquality: 异味:0.5\n",
                       labels);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  ASSERT_EQ(ok->at("quality").size(), 3u);
  EXPECT_EQ(ok->at("quality")[1].text, "stopped working");
  EXPECT_DOUBLE_EQ(ok->at("quality")[0].weight, 2);
  EXPECT_DOUBLE_EQ(ok->at("quality")[2].weight, 0.5);
  // Formatted back and parsed again, the same table.
  auto again = ParseRules(FormatRules(*ok), labels);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(FormatRules(*again), FormatRules(*ok));
  auto message = [&](const std::string& text) {
    auto r = ParseRules(text, labels);
    EXPECT_FALSE(r.ok()) << text;
    return r.ok() ? std::string() : r.status().message();
  };
  EXPECT_EQ(message("quality: 发霉\nno colon here"),
            "line 2: expected 'label: keyword keyword:2 …'");
  EXPECT_NE(message("mood: 生气").find("line 1: unknown label 'mood'"), std::string::npos);
  EXPECT_NE(message("quality: 发霉:x").find("is not a number"), std::string::npos);
  EXPECT_NE(message("quality: 发霉:11").find("(0, 10]"), std::string::npos);
  EXPECT_NE(message("quality: 发霉:-1").find("(0, 10]"), std::string::npos);
  EXPECT_NE(message("quality:").find("has no keywords"), std::string::npos);
  EXPECT_NE(message("# only a comment").find("no rules"), std::string::npos);
  EXPECT_NE(message("quality: \xff\xfe").find("UTF-8"), std::string::npos);
}

}  // namespace
}  // namespace closeloop::text

namespace closeloop::text {
namespace {

TEST(NoiseFlags, GibberishRandomCharactersAndCurses) {
  EXPECT_TRUE(LooksLikeGibberish("xmynefqpndhhcbzzqtgm"));
  EXPECT_TRUE(LooksLikeGibberish("alkalkalk"));
  EXPECT_TRUE(LooksLikeGibberish("哈哈哈哈哈"));
  EXPECT_FALSE(LooksLikeGibberish("the strengths of this kettle are gone, it leaks"));
  EXPECT_FALSE(LooksLikeGibberish("猫粮发霉了，要求退款"));
  Segmenter s;
  EXPECT_TRUE(LooksLikeRandomCharacters(s.Segment("是种第子期结大特还使社来提人象干少物二求意国")));
  EXPECT_FALSE(LooksLikeRandomCharacters(s.Segment("新买的猫粮打开就发霉了，客服一直不回复")));
  EXPECT_FALSE(LooksLikeRandomCharacters(s.Segment("太好了")));  // too short to judge
  EXPECT_TRUE(ContainsAbuse("妈的，买了就降价"));
  EXPECT_TRUE(ContainsAbuse("太他妈慢了"));
  EXPECT_FALSE(ContainsAbuse("买了送给妈妈的，她很喜欢"));
  EXPECT_FALSE(ContainsAbuse("寄回家给我妈的，包装破了"));
  EXPECT_FALSE(ContainsAbuse("他妈妈说很好用"));
}

}  // namespace
}  // namespace closeloop::text
