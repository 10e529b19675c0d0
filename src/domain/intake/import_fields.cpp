#include "domain/intake/import_fields.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>

#include "core/text.h"
#include "core/time_format.h"

namespace closeloop::domain {

namespace {

// Chinese labels people put in spreadsheets, next to the API's English names.
const std::map<std::string, std::string, std::less<>> kAliases = {
    {"咨询", "inquiry"},       {"质量问题", "quality"},  {"质量", "quality"},
    {"服务投诉", "service"},   {"服务", "service"},      {"建议", "suggestion"},
    {"恶意投诉", "malicious"}, {"电话", "phone"},        {"邮件", "email"},
    {"门店", "store"},         {"网站", "web"},          {"电商", "ecommerce"},
    {"社交媒体", "social"},    {"在线客服", "chat"},     {"导入", "import"},
    {"普通", "regular"},       {"新客", "new"},          {"低", "low"},
    {"中", "medium"},          {"高", "high"},           {"严重", "critical"},
    {"紧急", "urgent"},        {"退款", "refund"},       {"换货", "replacement"},
    {"维修", "repair"},        {"赔偿", "compensation"}, {"道歉", "apology"},
    {"解释", "explanation"},   {"其他", "other"},        {"产品质量", "quality"}};

// Category names people write, to the taxonomy's.
const std::map<std::string, std::string, std::less<>> kCategoryAliases = {
    {"产品质量", "product_quality"},   {"质量", "product_quality"},
    {"质量问题", "product_quality"},   {"物流", "logistics"},
    {"物流配送", "logistics"},         {"快递", "logistics"},
    {"售后", "after_sales"},           {"售后服务", "after_sales"},
    {"价格", "price_advertising"},     {"价格宣传", "price_advertising"},
    {"虚假宣传", "price_advertising"}, {"其他", "other"}};

}  // namespace

std::string CanonicalCategory(const std::string& value) {
  auto it = kCategoryAliases.find(value);
  return it == kCategoryAliases.end() ? value : it->second;
}

std::uint64_t RowDigest(const ImportRecord& record) {
  std::uint64_t hash = 1469598103934665603ULL;
  for (const std::string& v : record.values) {
    for (unsigned char ch : v) hash = (hash ^ ch) * 1099511628211ULL;
    hash = (hash ^ 0x1f) * 1099511628211ULL;
  }
  return hash;
}

std::string Canonical(const std::string& value) {
  auto it = kAliases.find(value);
  return it == kAliases.end() ? core::AsciiLower(value) : it->second;
}

std::string Fields::Text(const char* name, size_t max_chars, bool required) {
  std::string value = record_.Get(name);
  if (!core::IsValidUtf8(value)) {
    Fail(name, "not valid UTF-8");
    return {};
  }
  if (required && value.empty()) Fail(name, std::string(name) + " is required");
  if (core::Utf8Length(value) > max_chars) {
    Fail(name, "longer than " + std::to_string(max_chars) + " characters");
    return {};
  }
  return value;
}

std::optional<std::int64_t> Fields::Yuan(const char* name) {
  std::string value = Text(name, 40);
  std::string digits;
  for (char c : value) {
    if (c != ',' && c != ' ') digits += c;
  }
  if (digits.rfind("\xC2\xA5", 0) == 0) digits = digits.substr(2);      // ¥
  if (digits.rfind("\xEF\xBF\xA5", 0) == 0) digits = digits.substr(3);  // full-width ￥
  if (digits.empty()) return std::nullopt;
  char* end = nullptr;
  const double amount = std::strtod(digits.c_str(), &end);
  const size_t used = static_cast<size_t>(end - digits.c_str());
  const size_t point = digits.find('.');
  const bool fen = point == std::string::npos || digits.size() - point - 1 <= 2;
  if (used != digits.size() || !std::isfinite(amount) || amount < 0 || amount > 1e8 || !fen) {
    Fail(name, "'" + value + "' is not an amount such as 199.50 (two decimals at most)");
    return std::nullopt;
  }
  return static_cast<std::int64_t>(std::llround(amount * 100.0));
}

std::optional<std::int64_t> Fields::Count(const char* name) {
  std::string value = Text(name, 12);
  if (value.empty()) return std::nullopt;
  if (value.find_first_not_of("0123456789") != std::string::npos || value.size() > 9) {
    Fail(name, "'" + value + "' is not a whole number");
    return std::nullopt;
  }
  return std::stoll(value);
}

std::optional<UnixMillis> Fields::Time(const char* name) {
  std::string value = Text(name, 40);
  if (value.empty()) return std::nullopt;
  if (auto t = core::ParseIso8601(value)) {
    if (value.size() > 10) return t;
  }
  std::string local = value;
  for (char& c : local) {
    if (c == '/') c = '-';
  }
  if (local.size() > 10 && local[10] == ' ') local[10] = 'T';
  if (local.size() == 16 || local.size() == 19 || local.size() == 10) {
    if (local.size() == 10) local += "T00:00";
    char sign = offset_ < 0 ? '-' : '+';
    int minutes = std::abs(offset_);
    char zone[16];
    std::snprintf(zone, sizeof zone, "%c%02d:%02d", sign, minutes / 60, minutes % 60);
    if (auto t = core::ParseIso8601(local + zone)) return t;
  }
  Fail(name, "'" + value + "' is not a time such as 2026-11-22 09:30");
  return std::nullopt;
}

std::string Fields::Date(const char* name) {
  std::string value = Text(name, 10);
  if (value.empty()) return value;
  for (char& c : value) {
    if (c == '/') c = '-';
  }
  if (value.size() != 10 || !core::ParseIso8601(value)) {
    Fail(name, "'" + value + "' is not a date such as 2026-03-11");
    return {};
  }
  return value;
}

bool Fields::Flag(const char* name) {
  std::string value = core::AsciiLower(Text(name, 10));
  if (value.empty() || value == "0" || value == "false" || value == "no" || value == "否") {
    return false;
  }
  if (value == "1" || value == "true" || value == "yes" || value == "是") return true;
  Fail(name, "'" + value + "' is not yes/no");
  return false;
}

void Fields::Fail(const std::string& field, const std::string& reason) {
  if (failed_) return;
  failed_ = true;
  field_ = field;
  reason_ = reason;
}

core::Status Fields::status() const {
  return failed_ ? core::Status::Invalid(field_, reason_) : core::Status::Ok();
}

}  // namespace closeloop::domain
