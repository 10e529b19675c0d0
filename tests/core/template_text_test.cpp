#include "core/template_text.h"

#include <gtest/gtest.h>

namespace closeloop::core {
namespace {

TEST(TemplateText, ValuesFlagsAndEmptyTextsAsFalse) {
  TemplateValues v;
  v.text["name"] = "王 & <b>";
  v.text["empty"] = "";
  v.flags.insert("vip");
  EXPECT_EQ(RenderTemplate("您好{{name}}{{#vip}}，尊贵会员{{/vip}}{{^late}}。{{/late}}", v),
            "您好王 & <b>，尊贵会员。");
  EXPECT_EQ(RenderTemplate("a{{#empty}} [{{empty}}]{{/empty}}b", v), "ab");
  EXPECT_EQ(RenderTemplate("{{missing}}x", v), "x");
  EXPECT_EQ(RenderTemplate("{{name}}", v, TemplateEscape::kHtml), "王 &amp; &lt;b&gt;");
}

TEST(TemplateText, BrokenTemplatesAreRefusedNamingTheField) {
  EXPECT_TRUE(CheckTemplate("body", "ok {{x}} {{#f}}y{{/f}}").ok());
  Status unclosed = CheckTemplate("parts.body", "{{#f}}never closed");
  EXPECT_FALSE(unclosed.ok());
  EXPECT_EQ(unclosed.field(), "parts.body");
  EXPECT_FALSE(CheckTemplate("body", "{{/f}}").ok());
  EXPECT_EQ(RenderTemplate("{{#f}}broken", {}), "{{#f}}broken") << "shown as written";
}

}  // namespace
}  // namespace closeloop::core
