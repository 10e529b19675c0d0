#include "text/rules_classifier.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/text.h"

namespace closeloop::text {

namespace {

// "word word:2 word" → keywords with weights (default 1).
std::vector<Keyword> Words(const char* list) {
  std::vector<Keyword> out;
  std::istringstream in(list);
  std::string token;
  while (in >> token) {
    size_t colon = token.rfind(':');
    Keyword k{token, 1};
    if (colon != std::string::npos && colon + 1 < token.size() &&
        std::isdigit(static_cast<unsigned char>(token[colon + 1]))) {
      k = {token.substr(0, colon), std::stod(token.substr(colon + 1))};
    }
    std::replace(k.text.begin(), k.text.end(), '_', ' ');  // as in the rules format
    out.push_back(std::move(k));
  }
  return out;
}

// True when a negation word ends right before `pos` (allowing one character in between, as in
// "没有任何质量问题" it would need more: the rule is deliberately short-range).
bool Negated(std::string_view text, size_t pos) {
  static const std::string_view kNegations[] = {"不", "没", "没有", "无",
                                                "未", "非", "no ",  "not "};
  for (std::string_view n : kNegations) {
    if (pos >= n.size() && text.substr(pos - n.size(), n.size()) == n) return true;
  }
  return false;
}

bool IsAsciiWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// An English keyword must start a word ("is" is not in "this", "add" not in "address") and, when
// shorter than four letters, end one too; longer ones are stems ("refund" in "refunded").
// Chinese has no spaces, so a Chinese keyword matches anywhere.
bool WholeWordAt(std::string_view text, size_t pos, std::string_view keyword) {
  if (IsAsciiWordChar(keyword.front()) && pos > 0 && IsAsciiWordChar(text[pos - 1])) return false;
  const size_t end = pos + keyword.size();
  if (keyword.size() < 4 && IsAsciiWordChar(keyword.back()) && end < text.size() &&
      IsAsciiWordChar(text[end])) {
    return false;
  }
  return true;
}

}  // namespace

Classification RulesClassifier::Classify(std::string_view text) const {
  Classification out;
  double total = 0;
  double best = 0;
  for (const auto& [label, keywords] : rules_) {
    double score = 0;
    for (const Keyword& k : keywords) {
      for (size_t pos = text.find(k.text); pos != std::string_view::npos;
           pos = text.find(k.text, pos + k.text.size())) {
        if (!WholeWordAt(text, pos, k.text) || Negated(text, pos)) continue;
        score += k.weight;
        out.matched.push_back(label + ":" + k.text);
        break;  // a keyword counts once
      }
    }
    total += score;
    if (score > best) {
      best = score;
      out.label = label;
    }
  }
  // Confidence grows with agreement and with evidence: one weak hit is not certainty.
  if (total > 0) out.confidence = (best / total) * (best / (best + 1.0));
  return out;
}

RulesClassifier DefaultSafetyRules() {
  return RulesClassifier({
      {"safety",
       Words("呕吐 上吐下泻 中毒 食物中毒 起火 着火 失火 冒烟 烧焦 爆炸 炸了 漏电 触电 电到 受伤 "
             "划伤 割伤 烫伤 烧伤 流血 骨折 窒息 噎住 卡喉 卡住喉咙 误食 抽搐 昏迷 送医 住院 急诊 "
             "死亡 死了 过敏 "
             "vomit vomiting poison poisoned poisoning fire caught_fire smoke burning burned "
             "explode exploded electric_shock shocked injured injury cut bleeding choke choking "
             "choked hospital emergency died allergic")},
  });
}

RulesClassifier DefaultTypeRules() {
  return RulesClassifier({
      {"inquiry",
       Words("请问:2 咨询:2 想问 问一下 想了解 怎么 如何 是否 能不能 可不可以 可以吗 吗? 多久 "
             "什么时候 哪里 有没有 how:2 what when where can_i is_it question")},
      {"quality",
       Words("质量:2 发霉:2 变质:2 异物:2 坏了 损坏 破损 故障:2 不工作 漏水 过期:2 异味 臭 呕吐 "
             "拉肚子 腹泻 生病 掉毛 开线 断了 裂 生锈 不能用 用不了 死机 不出水 噪音 有虫 虫子 "
             "瑕疵 做工 掉色 起球 卡顿 不制冷 不加热 电池 充不进 质量问题:2 漏气 结块 开裂 毛刺 "
             "变形 掉漆 异响 跳闸 漏电 冒烟 不亮 连不上 没反应 失灵 红疹 软便 皮肤病 卡住 "
             "发黑 上吐下泻 混有 碎片 哈喇味 粉末 大小不一 模糊不清 不吃东西 "
             "defect:2 defective:2 mold moldy "
             "broken damaged leak leaking expired sick stopped_working quality:2")},
      {"service",
       Words("态度:2 客服 店员:2 服务:2 不理 不回复 敷衍:2 推诿:2 推脱 电话打不通 没人 等了 "
             "怠慢 不耐烦 骂 凶 不给退 拒绝退 迟迟 一直没 联系不上:2 找不到人 没人管 没人处理 "
             "还没解决 折腾 不让 多收:2 乱收费 发错 错发 少发 漏发 快递 物流 没到 还没到 配送 "
             "虚假宣传:2 宣传 标价 rude:2 staff service:2 "
             "no_response ignored unhelpful waited on_hold")},
      {"suggestion", Words("建议:3 希望:2 能否增加 最好能 如果能 改进 增加 推出 提个意见 意见 "
                           "suggest:3 suggestion:3 would_be_nice please_add wish")},
      {"malicious",
       Words("十倍赔偿:3 百倍 勒索:3 敲诈:3 不赔就:3 否则曝光:2 给我免单 职业打假:3 赔我:2 "
             "不给钱:2 精神损失 十倍:2 二十倍:3 几十倍:3 一百倍:3 不赔:2 赔一万:3 一万块:2 "
             "开不下去:3 天天打:2 天天发:2 我不管:2 找媒体:2 extort:3 blackmail:3")},
  });
}

RulesClassifier DefaultCategoryRules() {
  return RulesClassifier({
      {"product_quality",
       Words("质量:2 发霉:2 变质:2 异物:2 过期:2 坏了 损坏 故障 漏水 异味 呕吐 拉肚子 做工 瑕疵 "
             "生锈 裂 掉毛 开线 死机 不工作 质量问题:2 虫子 有虫 漏气 结块 毛刺 变形 异响 跳闸 "
             "漏电 冒烟 不亮 连不上 失灵 生病 红疹 软便 噪音 不出水 卡住 "
             "defect quality mold expired broken leak")},
      {"logistics",
       Words("快递:2 物流:2 配送:2 送货 包裹 运输 延误 没到 还没到 丢件:2 丢了 派送 签收 发货 "
             "运单 发错:2 错发 少发 漏发 补发 包裹破损:2 压坏 快递员 转运 物流信息 "
             "courier:2 delivery:2 shipping:2 package parcel delayed tracking")},
      {"after_sales",
       // A refund, a return or a repair is what most complaints ask for, whatever went wrong:
       // weak evidence. The service after the sale (a repair that failed, the refund itself not
       // coming, the people) is strong.
       Words("退款:0.5 退货:0.5 换货:0.5 维修:0.5 保修:0.5 售后:2 修不好:2 维修了:2 修了 "
             "上门 师傅 安装 客服 态度 店员 投诉处理 补偿 退一赔 退款还没到:2 还没退:2 没退 "
             "不给退:2 不退 refund:0.5 return:0.5 repair:0.5 warranty:0.5 customer_service "
             "staff")},
      {"price_advertising",
       Words(
           "价格:2 太贵 降价:2 差价:2 宣传:2 广告:2 虚假 不符 标价:2 多收 结账 优惠券 促销 活动价 "
           "price:2 overcharged:2 advertised misleading promotion coupon")},
  });
}

core::Result<RuleTable> ParseRules(std::string_view text, const std::vector<std::string>& labels) {
  RuleTable out;
  if (!core::IsValidUtf8(text)) return core::Status::Invalid("text", "rules are not valid UTF-8");
  auto fail = [](int line, const std::string& reason) {
    return core::Status::Invalid("text", "line " + std::to_string(line) + ": " + reason);
  };
  int number = 0;
  for (const std::string& raw : core::Split(text, '\n')) {
    ++number;
    const std::string line = core::Trim(raw);
    if (line.empty() || line[0] == '#') continue;
    const size_t colon = line.find(':');
    if (colon == std::string::npos) return fail(number, "expected 'label: keyword keyword:2 …'");
    const std::string label = core::Trim(line.substr(0, colon));
    if (std::find(labels.begin(), labels.end(), label) == labels.end()) {
      std::string known;
      for (const auto& l : labels) known += (known.empty() ? "" : ", ") + l;
      return fail(number, "unknown label '" + label + "' (known: " + known + ")");
    }
    std::istringstream words(line.substr(colon + 1));
    std::vector<Keyword>& keywords = out[label];
    const size_t before = keywords.size();
    for (std::string token; words >> token;) {
      Keyword k{token, 1};
      const size_t weight_at = token.rfind(':');
      if (weight_at != std::string::npos) {
        const std::string weight = token.substr(weight_at + 1);
        k.text = token.substr(0, weight_at);
        char* end = nullptr;
        k.weight = std::strtod(weight.c_str(), &end);
        if (weight.empty() || *end != '\0' || !std::isfinite(k.weight)) {
          return fail(number, "weight '" + weight + "' of '" + k.text + "' is not a number");
        }
        if (k.weight <= 0 || k.weight > 10) {
          return fail(number, "weight of '" + k.text + "' must be in (0, 10]");
        }
      }
      std::replace(k.text.begin(), k.text.end(), '_', ' ');
      if (core::Trim(k.text).empty()) return fail(number, "empty keyword");
      keywords.push_back(std::move(k));
    }
    if (keywords.size() == before) return fail(number, "label '" + label + "' has no keywords");
  }
  if (out.empty()) return core::Status::Invalid("text", "no rules: give at least one line");
  return out;
}

std::string FormatRules(const RuleTable& rules) {
  std::ostringstream out;
  for (const auto& [label, keywords] : rules) {
    out << label << ":";
    for (const Keyword& k : keywords) {
      std::string text = k.text;
      std::replace(text.begin(), text.end(), ' ', '_');
      out << ' ' << text;
      if (k.weight != 1) out << ':' << k.weight;
    }
    out << '\n';
  }
  return out.str();
}

}  // namespace closeloop::text
