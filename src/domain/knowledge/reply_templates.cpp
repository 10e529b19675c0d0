#include "domain/knowledge/reply_templates.h"

#include "core/template_text.h"
#include "domain/complaint/complaint_support.h"
#include "domain/config_repository.h"
#include "domain/model/ids.h"
#include "domain/org/config_audit.h"
#include "domain/org/repository.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

using core::Status;

namespace {

// The shipped reply draft, as data: {language, part, text}.
struct DefaultPart {
  const char* language;
  const char* part;
  const char* text;
};

constexpr DefaultPart kReplyDraftDefaults[] = {
    {"zh-CN", "subject", "[{{reference}}] 回复：{{title}}"},
    {"zh-CN", "body",
     "您好，\n\n{{#agitated}}非常理解您现在的心情，给您带来困扰，我们深表歉意。{{/agitated}}"
     "感谢您反馈「{{title}}」，受理编号 {{reference}}。{{type_sentence}}{{category_sentence}}\n\n"
     "我们将在 {{promise_time}} 前给您答复。如需人工客服，请直接回复本消息或致电客服热线并提供受理"
     "编号。\n"},
    {"zh-CN", "type:none", "我们会认真核实您反映的情况。"},
    {"zh-CN", "type:inquiry", "关于您咨询的问题，我们会尽快给您明确答复。"},
    {"zh-CN", "type:quality", "对于商品质量问题，我们非常重视，会安排质检核实并给出处理方案。"},
    {"zh-CN", "type:service",
     "对于服务过程中给您带来的不愉快，我们深表歉意，会核实相关人员的情况。"},
    {"zh-CN", "type:suggestion", "感谢您的宝贵建议，我们会转交相关部门评估改进。"},
    {"zh-CN", "type:malicious", "我们会核实您反映的情况。"},
    {"zh-CN", "category:product_quality",
     "请您保留商品、包装及购买凭证，如方便请补充照片，便于我们尽快处理。"},
    {"zh-CN", "category:logistics", "我们已同步联系物流方核实包裹情况。"},
    {"zh-CN", "category:after_sales", "售后团队会主动与您联系，确认上门或维修时间。"},
    {"zh-CN", "category:price_advertising", "我们会核对订单价格与活动规则，如有差价将按规定处理。"},
    // A visit or a repair is no answer to how someone treated the customer.
    {"zh-CN", "type_category:service/after_sales", ""},
    {"en", "subject", "[{{reference}}] Re: {{title}}"},
    {"en", "body",
     "Hello,\n\n{{#agitated}}We understand how frustrating this is, and we are sorry. "
     "{{/agitated}}Thank you for contacting us about \"{{title}}\" (reference {{reference}}). "
     "{{type_sentence}}{{#category_sentence}} {{category_sentence}}{{/category_sentence}}\n\n"
     "We will come back to you by {{promise_time}}. If you would rather talk to a person now, "
     "reply to this message or call our service line and quote your reference.\n"},
    {"en", "type:none", "We will look into what you reported carefully."},
    {"en", "type:inquiry", "We will get back to you with a clear answer to your question."},
    {"en", "type:quality",
     "We take product quality seriously: our quality team will check the issue and propose a "
     "remedy."},
    {"en", "type:service",
     "We are sorry for the experience you had with our service and will look into it."},
    {"en", "type:suggestion",
     "Thank you for your suggestion; we will pass it to the team concerned."},
    {"en", "type:malicious", "We will look into what you reported."},
    {"en", "category:product_quality",
     "Please keep the product, its packaging and your receipt; photos help us act faster."},
    {"en", "category:logistics", "We have asked the carrier to check on your parcel."},
    {"en", "category:after_sales",
     "Our after-sales team will contact you to arrange the repair or visit."},
    {"en", "category:price_advertising",
     "We will check the order price against the promotion rules and refund any difference due."},
    {"en", "type_category:service/after_sales", ""},
};

constexpr size_t kMaxPartChars = 20000;

bool IsTypeName(const std::string& name) {
  if (name == "none") return true;
  for (const char* t : AllComplaintTypeNames()) {
    if (name == t) return true;
  }
  return false;
}

bool StartsWith(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace

const std::vector<std::string>& TemplateLanguages() {
  static const std::vector<std::string> languages = {"zh-CN", "en"};
  return languages;
}

TemplateParts DefaultReplyDraftParts(const std::string& language) {
  TemplateParts parts;
  for (const DefaultPart& d : kReplyDraftDefaults) {
    if (language == d.language) parts[d.part] = d.text;
  }
  return parts;
}

MessageTemplate TemplateInForce(Repositories& repos, const std::string& name,
                                const std::string& language) {
  MessageTemplate t{name, language, false, {}};
  if (auto stored = repos.config().LoadTemplate(name, language)) {
    t.custom = true;
    t.parts = std::move(*stored);
  } else {
    t.parts = DefaultReplyDraftParts(language);
  }
  return t;
}

Status ManageMessageTemplates::CheckName(const std::string& name,
                                         const std::string& language) const {
  if (name != kReplyDraftTemplate) {
    return Status::NotFound("no message template '" + name + "' (reply_draft)");
  }
  for (const std::string& l : TemplateLanguages()) {
    if (language == l) return Status::Ok();
  }
  return Status::NotFound("no language '" + language + "' for templates (zh-CN, en)");
}

Status ManageMessageTemplates::CheckParts(const TemplateParts& parts) const {
  for (const char* required : {"subject", "body"}) {
    if (!parts.count(required)) {
      return Status::Invalid(std::string("parts.") + required, "is required");
    }
  }
  for (const auto& [part, text] : parts) {
    const std::string field = "parts." + part;
    bool known = part == "subject" || part == "body";
    if (StartsWith(part, "type:")) known = IsTypeName(part.substr(5));
    if (StartsWith(part, "category:")) {
      known = CheckCategory(ctx_, part.substr(9)).ok();
    }
    if (StartsWith(part, "type_category:")) {
      const std::string pair = part.substr(14);
      const size_t slash = pair.find('/');
      known = slash != std::string::npos && IsTypeName(pair.substr(0, slash)) &&
              CheckCategory(ctx_, pair.substr(slash + 1)).ok();
    }
    if (!known) {
      return Status::Invalid(field,
                             "unknown part (subject, body, type:<type>, category:<category>, "
                             "type_category:<type>/<category>)");
    }
    CL_RETURN_IF_ERROR(CheckText(field, text, kMaxPartChars, part == "body"));
    CL_RETURN_IF_ERROR(core::CheckTemplate(field, text));
  }
  return Status::Ok();
}

core::Result<std::vector<MessageTemplate>> ManageMessageTemplates::List(
    const Principal& who, const std::string& name) const {
  if (!ctx_.policy.Allows(who, Permission::kComplaintRead)) {
    return Status::Denied("your role may not read the templates");
  }
  CL_RETURN_IF_ERROR(CheckName(name, TemplateLanguages().front()));
  std::vector<MessageTemplate> out;
  Status status = ctx_.store.Read([&](Repositories& repos) {
    for (const std::string& language : TemplateLanguages()) {
      out.push_back(TemplateInForce(repos, name, language));
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return out;
}

core::Result<MessageTemplate> ManageMessageTemplates::Replace(const Principal& who,
                                                              const std::string& name,
                                                              const std::string& language,
                                                              const TemplateParts& parts) const {
  if (!ctx_.policy.Allows(who, Permission::kConfigManage)) {
    return Status::Denied("your role may not change the templates");
  }
  CL_RETURN_IF_ERROR(CheckName(name, language));
  CL_RETURN_IF_ERROR(CheckOrganisationWide(who, "the message templates", "language"));
  CL_RETURN_IF_ERROR(CheckParts(parts));
  Status status = ctx_.store.Write([&](Repositories& repos) {
    repos.config().SaveTemplate(name, language, parts,
                                who.user_id > 0 ? std::optional<Id>(who.user_id) : std::nullopt,
                                ctx_.clock.Now());
    RecordConfigChange(repos, ctx_, who, "templates:" + name + ":" + language, "replaced");
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return MessageTemplate{name, language, true, parts};
}

core::Result<MessageTemplate> ManageMessageTemplates::Reset(const Principal& who,
                                                            const std::string& name,
                                                            const std::string& language) const {
  if (!ctx_.policy.Allows(who, Permission::kConfigManage)) {
    return Status::Denied("your role may not change the templates");
  }
  CL_RETURN_IF_ERROR(CheckName(name, language));
  CL_RETURN_IF_ERROR(CheckOrganisationWide(who, "the message templates", "language"));
  Status status = ctx_.store.Write([&](Repositories& repos) {
    repos.config().DeleteTemplate(name, language);
    RecordConfigChange(repos, ctx_, who, "templates:" + name + ":" + language,
                       "reset to the defaults");
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return MessageTemplate{name, language, false, DefaultReplyDraftParts(language)};
}

}  // namespace closeloop::domain
