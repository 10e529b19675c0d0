// Personal data inside running text (issue 12, item 8): what is found, what is left alone.
#include "text/personal_data_in_text.h"

#include <gtest/gtest.h>

namespace closeloop::text {
namespace {

TEST(PersonalDataInText, FindsPhonesIdCardsEmailsAndBankCardsInChineseText) {
  const std::string text =
      "我叫赵北北，手机13987650003，座机021-64381234，身份证11010519491231002X，"
      "邮箱zhao.bei@north.example，退款到卡6222 0202 0011 2345 679。订单号4455667788。";
  const std::string masked = MaskPersonalDataInText(text);
  EXPECT_EQ(masked.find("13987650003"), std::string::npos);
  EXPECT_NE(masked.find("139****0003"), std::string::npos) << masked;
  EXPECT_EQ(masked.find("64381234"), std::string::npos) << masked;
  EXPECT_NE(masked.find("1101**********002X"), std::string::npos) << masked;
  EXPECT_NE(masked.find("z***@north.example"), std::string::npos) << masked;
  EXPECT_NE(masked.find("6222***********5679"), std::string::npos) << masked;
  EXPECT_NE(masked.find("订单号4455667788"), std::string::npos) << "an order number stays";
  EXPECT_NE(masked.find("我叫赵北北"), std::string::npos);
}

TEST(PersonalDataInText, ChecksumsDecideIdCardsAndCards) {
  EXPECT_TRUE(IdCardChecksumValid("11010519491231002X"));
  EXPECT_FALSE(IdCardChecksumValid("110105194912310021"));
  EXPECT_TRUE(LuhnValid("4111111111111111"));
  EXPECT_FALSE(LuhnValid("4111111111111112"));
  // An 18-digit number with a wrong check character is no ID card (a tracking number, say).
  EXPECT_EQ(MaskPersonalDataInText("运单 110105194912310021 到了"), "运单 110105194912310021 到了");
  EXPECT_NE(MaskPersonalDataInText("call me on +86 139 8765 0003 please").find("0003"),
            std::string::npos)
      << "the tail stays";
  EXPECT_EQ(MaskPersonalDataInText("call me on +86 139 8765 0003 please").find("8765"),
            std::string::npos);
  EXPECT_EQ(MaskPersonalDataInText("没有个人信息的文字"), "没有个人信息的文字");
  EXPECT_EQ(MaskPersonalDataInText(""), "");
}

}  // namespace
}  // namespace closeloop::text
