// Reply drafts: the acknowledgement / first response an agent approves or edits.
#include <algorithm>
#include <cctype>

#include "core/text.h"
#include "core/time_format.h"
#include "domain/usecases/complaint_support.h"
#include "domain/usecases/suggestions.h"

namespace closeloop::domain {

namespace {

struct Phrases {
  const char* opening;
  const char* soothing;
  const char* by_type;
  const char* by_category;
};

const char* ZhType(std::optional<ComplaintType> type) {
  if (!type) return "我们会认真核实您反映的情况。";
  switch (*type) {
    case ComplaintType::kInquiry:
      return "关于您咨询的问题，我们会尽快给您明确答复。";
    case ComplaintType::kQuality:
      return "对于商品质量问题，我们非常重视，会安排质检核实并给出处理方案。";
    case ComplaintType::kService:
      return "对于服务过程中给您带来的不愉快，我们深表歉意，会核实相关人员的情况。";
    case ComplaintType::kSuggestion:
      return "感谢您的宝贵建议，我们会转交相关部门评估改进。";
    case ComplaintType::kMalicious:
      return "我们会核实您反映的情况。";
  }
  return "";
}

const char* EnType(std::optional<ComplaintType> type) {
  if (!type) return "We will look into what you reported carefully.";
  switch (*type) {
    case ComplaintType::kInquiry:
      return "We will get back to you with a clear answer to your question.";
    case ComplaintType::kQuality:
      return "We take product quality seriously: our quality team will check the issue and propose "
             "a remedy.";
    case ComplaintType::kService:
      return "We are sorry for the experience you had with our service and will look into it.";
    case ComplaintType::kSuggestion:
      return "Thank you for your suggestion; we will pass it to the team concerned.";
    case ComplaintType::kMalicious:
      return "We will look into what you reported.";
  }
  return "";
}

const char* ZhCategory(const std::string& category) {
  if (category == "product_quality")
    return "请您保留商品、包装及购买凭证，如方便请补充照片，便于我们尽快处理。";
  if (category == "logistics") return "我们已同步联系物流方核实包裹情况。";
  if (category == "after_sales") return "售后团队会主动与您联系，确认上门或维修时间。";
  if (category == "price_advertising")
    return "我们会核对订单价格与活动规则，如有差价将按规定处理。";
  return "";
}

const char* EnCategory(const std::string& category) {
  if (category == "product_quality")
    return "Please keep the product, its packaging and your receipt; photos help us act faster.";
  if (category == "logistics") return "We have asked the carrier to check on your parcel.";
  if (category == "after_sales")
    return "Our after-sales team will contact you to arrange the repair or visit.";
  if (category == "price_advertising")
    return "We will check the order price against the promotion rules and refund any difference "
           "due.";
  return "";
}

// A visit or a repair is no answer to a complaint about how someone treated the customer (a
// service complaint): the after-sales sentence is left out there.
bool OffersVisit(std::optional<ComplaintType> type, const std::string& category) {
  return type == ComplaintType::kService && category == "after_sales";
}

// An English title quoted as whole words: a title cut inside a word (an older derived title)
// loses the broken word and shows that it goes on.
std::string WholeWords(const std::string& title) {
  if (title.size() < 20 || std::isspace(static_cast<unsigned char>(title.back())) ||
      std::ispunct(static_cast<unsigned char>(title.back()))) {
    return title;
  }
  const size_t space = title.find_last_of(' ');
  return space == std::string::npos || space < title.size() / 2 ? title
                                                                : title.substr(0, space) + "…";
}

}  // namespace

ReplyDraft DraftReply(const Complaint& complaint, const std::optional<TextAnalysis>& analysis,
                      const std::string& category, const DomainConfig& config, UnixMillis now) {
  std::optional<ComplaintType> type = complaint.type;  // else the analysis's suggestion
  if (!type && analysis) type = analysis->suggested_type;
  const bool agitated = analysis && analysis->agitation >= config.high_agitation_threshold;
  const UnixMillis promise = config.response_promise_hours * core::kHour;
  // Never a time already past: a late draft promises the same span from now.
  const UnixMillis due = std::max(complaint.received_at + promise, now + promise);
  const int offset = config.org_utc_offset_minutes;
  const std::string zone =
      "UTC" + std::string(offset >= 0 ? "+" : "-") + std::to_string(std::abs(offset) / 60);
  const std::string when = core::FormatLocal(due, offset).substr(0, 16) + " (" + zone + ")";
  ReplyDraft d;
  if (LooksEnglish(complaint.title + complaint.description)) {
    d.language = "en";
    d.subject = "[" + complaint.reference + "] Re: " + WholeWords(complaint.title);
    d.body = "Hello,\n\n";
    if (agitated) d.body += "We understand how frustrating this is, and we are sorry. ";
    d.body += "Thank you for contacting us about \"" + WholeWords(complaint.title) +
              "\" (reference " + complaint.reference + "). " + EnType(type);
    const std::string extra = OffersVisit(type, category) ? "" : EnCategory(category);
    if (!extra.empty()) d.body += " " + extra;
    d.body += "\n\nWe will come back to you by " + when +
              ". If you would rather talk to a person now, reply to this message or call our "
              "service line and quote your reference.\n";
    return d;
  }
  d.language = "zh-CN";
  d.subject = "[" + complaint.reference + "] 回复：" + complaint.title;
  d.body = "您好，\n\n";
  if (agitated) d.body += "非常理解您现在的心情，给您带来困扰，我们深表歉意。";
  d.body += "感谢您反馈「" + complaint.title + "」，受理编号 " + complaint.reference + "。" +
            ZhType(type) + (OffersVisit(type, category) ? "" : ZhCategory(category));
  d.body += "\n\n我们将在 " + when +
            " 前给您答复。如需人工客服，请直接回复本消息或致电客服热线并提供受理编号。\n";
  return d;
}

}  // namespace closeloop::domain
