#include <gtest/gtest.h>

#include "core/status.h"
#include "core/text.h"
#include "core/time_format.h"

namespace closeloop::core {
namespace {

TEST(TimeFormat, FormatsUtcWithAndWithoutMilliseconds) {
  EXPECT_EQ(FormatIso8601(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatIso8601(1795312800000), "2026-11-22T02:00:00Z");
  EXPECT_EQ(FormatIso8601(1795312800123), "2026-11-22T02:00:00.123Z");
  EXPECT_EQ(FormatIso8601(-1000), "1969-12-31T23:59:59Z");
}

TEST(TimeFormat, ParsesOffsetsDatesAndRoundTrips) {
  EXPECT_EQ(ParseIso8601("2026-11-22T10:00:00+08:00"), 1795312800000);
  EXPECT_EQ(ParseIso8601("2026-11-22T02:00:00Z"), 1795312800000);
  EXPECT_EQ(ParseIso8601("2026-11-22T02:00Z"), 1795312800000);
  EXPECT_EQ(ParseIso8601("2026-11-22"), 1795305600000);
  EXPECT_EQ(ParseIso8601("2026-11-22T02:00:00.5Z"), 1795312800500);
  for (UnixMillis t : {0LL, 951782400000LL, 1795312800123LL, 4102444799000LL}) {
    EXPECT_EQ(ParseIso8601(FormatIso8601(t)), t);
  }
}

TEST(TimeFormat, RejectsImpossibleOrIncompleteTimes) {
  for (const char* bad :
       {"", "2026-13-01", "2026-02-30", "2025-02-29", "2026-11-22T25:00Z", "2026-11-22T10:00:00",
        "22/11/2026", "2026-11-22T10:00:00+8", "2026-11-22T10:00:00.Z", "2026-11-22Tx"}) {
    EXPECT_FALSE(ParseIso8601(bad).has_value()) << bad;
  }
  EXPECT_TRUE(ParseIso8601("2024-02-29").has_value());
}

TEST(TimeFormat, CompactDateUsesTheGivenOffset) {
  // 2026-11-22T17:00Z is already the 23rd in China (UTC+8).
  UnixMillis t = *ParseIso8601("2026-11-22T17:00:00Z");
  EXPECT_EQ(CompactDate(t, 0), "20261122");
  EXPECT_EQ(CompactDate(t, 480), "20261123");
  EXPECT_EQ(FormatLocal(t, 480), "2026-11-23 01:00");
}

TEST(Text, ValidatesUtf8) {
  EXPECT_TRUE(IsValidUtf8("猫粮 cat food 🐱"));
  EXPECT_FALSE(IsValidUtf8("\xff\xfe"));
  EXPECT_FALSE(IsValidUtf8("\xe7\x8c"));      // truncated
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));      // overlong
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));  // surrogate
  EXPECT_EQ(Utf8Length("猫粮abc"), 5u);
}

TEST(Text, NormalizesChinesePhoneNumbers) {
  EXPECT_EQ(NormalizePhone("+86 138-0013-8000"), "13800138000");
  EXPECT_EQ(NormalizePhone("0086 13800138000"), "13800138000");
  EXPECT_EQ(NormalizePhone("138 0013 8000"), "13800138000");
  EXPECT_EQ(NormalizePhone("010-12345678"), "01012345678");
}

TEST(Status, CarriesCodeFieldAndDetails) {
  Status s(StatusCode::kInvalidTransition, "no", "to", {"resolved"});
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(std::string(StatusCodeName(s.code())), "invalid_transition");
  EXPECT_EQ(s.details().size(), 1u);
  Result<int> r = Status::Invalid("amount", "bad");
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "amount");
  Result<int> v = 7;
  EXPECT_TRUE(v.ok());
  EXPECT_EQ(*v, 7);
}

}  // namespace
}  // namespace closeloop::core
