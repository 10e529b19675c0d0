#include "text/segmenter.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <set>

namespace closeloop::text {

namespace {

std::u16string ToU16(std::string_view utf8) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  return std::u16string(reinterpret_cast<const char16_t*>(u.getBuffer()),
                        static_cast<size_t>(u.length()));
}

// One break iterator per thread: ICU iterators are not shareable, and creating one is costly.
icu::BreakIterator* WordBreaker() {
  thread_local std::unique_ptr<icu::BreakIterator> breaker = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> b(
        icu::BreakIterator::createWordInstance(icu::Locale("zh"), status));
    if (U_FAILURE(status)) b.reset();
    return b;
  }();
  return breaker.get();
}

bool HasWordCharacter(const icu::UnicodeString& text, int32_t start, int32_t end) {
  for (int32_t i = start; i < end;) {
    const UChar32 c = text.char32At(i);
    if (u_isalnum(c) || u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC)) return true;
    i += U16_LENGTH(c);
  }
  return false;
}

}  // namespace

const std::vector<std::string>& Segmenter::BuiltinWords() {
  static const std::vector<std::string> kWords = {
      // channels, people and process
      "客服", "售后", "退款", "退货", "换货", "退换", "补发", "重发", "赔偿", "补偿", "投诉",
      "快递", "物流", "快递员", "配送", "发货", "收货", "签收", "包裹", "运费", "差评", "好评",
      "店员", "店长", "门店", "客服人员", "售后服务", "质检", "维修", "保修", "上门", "安装",
      "优惠券", "代金券", "积分", "会员", "订单", "订单号", "发票", "价格", "降价", "差价",
      "虚假宣传", "假货", "正品", "过期", "保质期", "生产日期", "批次", "说明书", "包装",
      // pet supplies
      "猫粮", "狗粮", "猫砂", "宠物", "罐头", "冻干", "零食", "驱虫", "牵引绳", "猫爬架",
      // appliances and electronics
      "空调", "冰箱", "洗衣机", "热水器", "油烟机", "电视", "充电器", "电池", "屏幕", "遥控器",
      // problems
      "发霉", "变质", "异味", "异物", "漏水", "漏电", "破损", "损坏", "故障", "不制冷", "噪音",
      "死机", "黑屏", "开裂", "掉漆", "错发", "漏发", "少发", "延迟", "丢件", "态度", "态度差",
      "不理人", "不回复", "拉肚子", "呕吐", "过敏"};
  return kWords;
}

Segmenter::Segmenter() { SetExtraWords({}); }
Segmenter::~Segmenter() = default;

void Segmenter::SetExtraWords(const std::vector<std::string>& words) {
  auto next = std::make_shared<Dictionary>();
  auto add = [&](const std::string& w) {
    std::u16string u = ToU16(w);
    if (u.empty()) return;
    next->longest = std::max(next->longest, u.size());
    next->words.insert(std::move(u));
  };
  for (const auto& w : BuiltinWords()) add(w);
  for (const auto& w : words) add(w);
  std::lock_guard lock(mutex_);
  dictionary_ = std::move(next);
}

std::shared_ptr<const Segmenter::Dictionary> Segmenter::Current() const {
  std::lock_guard lock(mutex_);
  return dictionary_;
}

bool Segmenter::InDictionary(std::string_view word) const {
  return Current()->words.count(ToU16(word)) > 0;
}

std::vector<std::string> Segmenter::Segment(std::string_view normalized) const {
  std::vector<std::string> out;
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(normalized.data(), static_cast<int32_t>(normalized.size())));
  const int32_t n = text.length();
  if (n == 0) return out;
  std::set<int32_t> bounds = {0, n};
  if (icu::BreakIterator* breaker = WordBreaker()) {
    breaker->setText(text);
    for (int32_t b = breaker->first(); b != icu::BreakIterator::DONE; b = breaker->next()) {
      bounds.insert(b);
    }
  }
  // Dictionary words override ICU: forward maximum matching, boundaries inside a match removed.
  const auto dict = Current();
  const char16_t* units = reinterpret_cast<const char16_t*>(text.getBuffer());
  for (int32_t i = 0; i < n;) {
    int32_t matched = 0;
    const int32_t longest = static_cast<int32_t>(std::min<size_t>(dict->longest, n - i));
    for (int32_t len = longest; len >= 2; --len) {
      if (dict->words.count(std::u16string(units + i, static_cast<size_t>(len)))) {
        matched = len;
        break;
      }
    }
    if (matched == 0) {
      ++i;
      continue;
    }
    bounds.erase(bounds.upper_bound(i), bounds.lower_bound(i + matched));
    bounds.insert(i);
    bounds.insert(i + matched);
    i += matched;
  }
  int32_t start = 0;
  for (int32_t end : bounds) {
    if (end <= start) continue;
    if (HasWordCharacter(text, start, end)) {
      std::string word;
      text.tempSubStringBetween(start, end).toUTF8String(word);
      out.push_back(std::move(word));
    }
    start = end;
  }
  return out;
}

}  // namespace closeloop::text
