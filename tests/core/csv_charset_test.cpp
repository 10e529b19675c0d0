#include <gtest/gtest.h>

#include <sstream>

#include "core/charset.h"
#include "core/csv.h"
#include "core/text.h"

namespace closeloop::core {
namespace {

std::vector<std::vector<std::string>> ReadAll(const std::string& text, char delimiter,
                                              std::vector<std::string>* errors = nullptr,
                                              size_t max_record = 4 << 20) {
  std::istringstream in(text);
  CsvReader reader(in, delimiter, max_record);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> fields;
  std::string error;
  while (reader.Next(fields, error)) {
    rows.push_back(fields);
    if (errors) errors->push_back(error);
  }
  return rows;
}

TEST(Csv, QuotedFieldsHoldDelimitersQuotesAndLineBreaks) {
  auto rows =
      ReadAll("\xEF\xBB\xBFid,text\r\n1,\"猫粮, 发霉\"\r\n2,\"他说\"\"退款\"\"\n第二行\"\n", ',');
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0][0], "id") << "the byte order mark is not part of the first header";
  EXPECT_EQ(rows[1][1], "猫粮, 发霉");
  EXPECT_EQ(rows[2][1], "他说\"退款\"\n第二行");
}

TEST(Csv, TabsEmptyFieldsAndBlankLines) {
  auto rows = ReadAll("a\tb\t\n\n\nx\t\ty", '\t');
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"a", "b", ""}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"x", "", "y"}));
}

TEST(Csv, BrokenQuotingIsReportedAndTheReaderGoesOn) {
  std::vector<std::string> errors;
  auto rows = ReadAll("1,\"ok\"\n2,\"bad\"tail,more\n3,fine\n4,\"never closed\n", ',', &errors);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(errors[0], "");
  EXPECT_NE(errors[1].find("after a closing quote"), std::string::npos);
  EXPECT_EQ(rows[2], (std::vector<std::string>{"3", "fine"})) << "the next line reads normally";
  EXPECT_EQ(errors[2], "");
  EXPECT_EQ(errors[3], "unterminated quoted field");
}

TEST(Csv, OverlongRecordsAreCutOff) {
  std::vector<std::string> errors;
  auto rows = ReadAll("1," + std::string(100, 'x') + "\n2,ok\n", ',', &errors, 50);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_NE(errors[0].find("longer than 50"), std::string::npos);
  EXPECT_EQ(rows[1], (std::vector<std::string>{"2", "ok"}));
}

TEST(Charset, GbkAndBig5BecomeUtf8) {
  Utf8Converter gbk("GBK");
  ASSERT_TRUE(gbk.Valid());
  EXPECT_EQ(gbk.Convert("\xC3\xA8\xC1\xB8\xB7\xA2\xC3\xB9\xC1\xCB"), "猫粮发霉了");
  Utf8Converter big5("big5");
  EXPECT_EQ(big5.Convert("\xBD\xE8\xB6\x71\xB0\xDD\xC3\x44"), "質量問題");
  EXPECT_FALSE(Utf8Converter("UTF-8").Convert("\xC3\x28").has_value()) << "invalid UTF-8";
  EXPECT_FALSE(gbk.Convert("\x81").has_value()) << "a truncated GBK character";
  EXPECT_FALSE(Utf8Converter("x-no-such-charset").Valid());
  EXPECT_EQ(CanonicalCharset("gb2312"), "GB18030");
}

}  // namespace
}  // namespace closeloop::core

namespace closeloop::core {
namespace {

TEST(Utf8, PrefixCutsBetweenCharacters) {
  EXPECT_EQ(Utf8Prefix("猫粮发霉了", 3), "猫粮发");
  EXPECT_EQ(Utf8Prefix("ab猫", 10), "ab猫");
  EXPECT_EQ(Utf8Prefix("a😀b", 2), "a😀");
  EXPECT_EQ(Utf8Prefix("", 5), "");
  EXPECT_EQ(Utf8CharLength(static_cast<unsigned char>("猫"[0])), 3u);
}

}  // namespace
}  // namespace closeloop::core
