#include "domain/survey/survey_templates.h"

#include <algorithm>

#include "domain/config_repository.h"
#include "domain/model/validation.h"
#include "domain/org/config_audit.h"
#include "domain/survey/repository.h"

namespace closeloop::domain {

namespace {

SurveyQuestion Question(const char* code, bool required, const char* zh, const char* en) {
  return {code, required, {{"zh-CN", zh}, {"en", en}}};
}

const std::vector<SurveyTemplate>& Templates() {
  static const std::vector<SurveyTemplate> templates = [] {
    const SurveyQuestion csat =
        Question("csat", true, "您对本次投诉处理的整体满意度如何？",
                 "How satisfied are you with how we handled your complaint?");
    const SurveyQuestion nps =
        Question("nps", false, "您有多大可能向亲友推荐我们？（0 = 完全不可能，10 = 非常可能）",
                 "How likely are you to recommend us to a friend? (0 = not at all, 10 = very)");
    const SurveyQuestion spm = Question("spm", false, "我们给出的解决方案符合您的期望。",
                                        "The solution we offered matched what you expected.");
    // CES runs 1 (very difficult) to 5 (very easy): higher is better, as for CSAT
    // (../shared/docs/standards.md; docs/kpi.md takes the mean).
    const SurveyQuestion ces = Question("ces", false, "解决这个问题对您来说容易吗？",
                                        "How easy was it to get this solved?");
    const SurveyQuestion reasons = Question("reasons", false, "哪些方面让您不满意？（可多选）",
                                            "What disappointed you? (tick any)");
    const SurveyQuestion comment = Question("comment", false, "还有什么想告诉我们的吗？",
                                            "Anything else you want to tell us?");
    return std::vector<SurveyTemplate>{
        {"standard", 1, {csat, nps, spm, ces, reasons, comment}},
        {"short", 1, {csat, reasons, comment}},
        // A relationship campaign: how the customer sees us, apart from any complaint.
        {"relationship",
         1,
         {Question("nps", true, "您有多大可能向亲友推荐我们？（0 = 完全不可能，10 = 非常可能）",
                   "How likely are you to recommend us to a friend? (0 = not at all, 10 = very)"),
          Question("comment", false, "您推荐或不推荐的主要原因是什么？",
                   "What is the main reason for your score?")}},
    };
  }();
  return templates;
}

struct Word {
  const char* key;
  const char* zh;
  const char* en;
};

constexpr Word kWords[] = {
    {"title", "满意度回访", "Satisfaction survey"},
    {"intro", "感谢您给我们机会处理投诉 {ref}。请花一分钟告诉我们您的感受。",
     "Thank you for giving us the chance to handle complaint {ref}. Please take a minute to tell "
     "us how it went."},
    {"intro_relationship", "您好！请花一分钟告诉我们您对我们的整体看法。",
     "Hello! Please take a minute to tell us what you think of us."},
    {"reminder_prefix", "提醒：", "Reminder: "},
    {"submit", "提交", "Send"},
    {"thanks", "感谢您的反馈！我们已收到您的回答。", "Thank you! We have received your answer."},
    {"your_answer", "您的回答", "Your answer"},
    {"expired", "该回访链接已过期。如需帮助，请联系客服。",
     "This survey link has expired. Please contact us if you need help."},
    {"cancelled", "该投诉已重新处理，本次回访已取消。",
     "Your complaint is being handled again, so this survey was withdrawn."},
    {"invalid_link", "链接无效或已失效。", "This link is not valid."},
    {"opt_out", "不再接收满意度回访", "Do not send me surveys again"},
    {"opt_out_confirm", "确定不再接收满意度回访吗？", "Stop sending me satisfaction surveys?"},
    {"opted_out", "好的，我们不会再向您发送满意度回访。",
     "Done: we will not send you surveys again."},
    {"required", "请先回答必答题。", "Please answer the required question."},
    {"csat_1", "非常不满意", "Very dissatisfied"},
    {"csat_2", "不满意", "Dissatisfied"},
    {"csat_3", "一般", "Neutral"},
    {"csat_4", "满意", "Satisfied"},
    {"csat_5", "非常满意", "Very satisfied"},
    {"likert_1", "非常不同意", "Strongly disagree"},
    {"likert_2", "不同意", "Disagree"},
    {"likert_3", "中立", "Neutral"},
    {"likert_4", "同意", "Agree"},
    {"likert_5", "非常同意", "Strongly agree"},
    {"ces_1", "非常费力", "Very difficult"},
    {"ces_2", "费力", "Difficult"},
    {"ces_3", "一般", "Neither"},
    {"ces_4", "容易", "Easy"},
    {"ces_5", "非常容易", "Very easy"},
    {"nps_low", "完全不可能", "Not at all likely"},
    {"nps_high", "非常可能", "Extremely likely"},
    {"required_mark", "（必答）", " (required)"},
};

const std::vector<SurveyReason>& Reasons() {
  static const std::vector<SurveyReason> reasons = {
      {"slow", "处理太慢", "It took too long"},
      {"unresolved", "问题没有解决", "The problem is not solved"},
      {"remedy", "补偿或方案不合理", "The remedy was not fair"},
      {"attitude", "服务态度不好", "The staff were unfriendly"},
      {"repeated", "需要反复联系", "I had to contact you repeatedly"},
      {"communication", "沟通不清楚", "Communication was unclear"},
      {"other", "其他", "Something else"},
  };
  return reasons;
}

struct MailPart {
  const char* language;
  const char* part;
  const char* text;
};

constexpr MailPart kMailDefaults[] = {
    {"zh-CN", "subject", "您对投诉处理满意吗？"},
    {"zh-CN", "body",
     "您好，\n\n您反馈的「{{title}}」（受理编号 {{reference}}）已处理完毕。"
     "您对本次处理的整体满意度如何？点击一个分数即可回答：\n\n"
     "{{score_links}}\n"
     "完整问卷：{{survey_url}}\n链接有效期至 {{expires}}。\n\n"
     "不想再收到回访：{{opt_out_url}}\n"},
    {"zh-CN", "reminder_subject", "提醒：您对投诉处理满意吗？"},
    {"zh-CN", "reminder_body",
     "您好，\n\n我们还没有收到您对「{{title}}」（受理编号 {{reference}}）处理结果的评价。"
     "点击一个分数即可回答：\n\n{{score_links}}\n"
     "完整问卷：{{survey_url}}\n链接有效期至 {{expires}}。\n\n"
     "不想再收到回访：{{opt_out_url}}\n"},
    {"zh-CN", "relationship_subject", "您会向亲友推荐我们吗？"},
    {"zh-CN", "relationship_body",
     "您好，\n\n您有多大可能向亲友推荐我们？（0 = 完全不可能，10 = 非常可能）"
     "点击一个分数即可回答：\n\n{{score_links}}\n"
     "完整问卷：{{survey_url}}\n链接有效期至 {{expires}}。\n\n"
     "不想再收到回访：{{opt_out_url}}\n"},
    {"en", "subject", "How did we do?"},
    {"en", "body",
     "Hello,\n\nYour complaint \"{{title}}\" (reference {{reference}}) has been resolved. How "
     "satisfied are you with how we handled it? One click on a score answers:\n\n"
     "{{score_links}}\n"
     "The whole survey: {{survey_url}}\nThe link works until {{expires}}.\n\n"
     "No more surveys: {{opt_out_url}}\n"},
    {"en", "reminder_subject", "Reminder: how did we do?"},
    {"en", "reminder_body",
     "Hello,\n\nWe have not heard how you found the handling of \"{{title}}\" (reference "
     "{{reference}}). One click on a score answers:\n\n"
     "{{score_links}}\n"
     "The whole survey: {{survey_url}}\nThe link works until {{expires}}.\n\n"
     "No more surveys: {{opt_out_url}}\n"},
    {"en", "relationship_subject", "Would you recommend us?"},
    {"en", "relationship_body",
     "Hello,\n\nHow likely are you to recommend us to a friend (0 = not at all, 10 = very)? "
     "One click on a score answers:\n\n{{score_links}}\n"
     "The whole survey: {{survey_url}}\nThe link works until {{expires}}.\n\n"
     "No more surveys: {{opt_out_url}}\n"},
};

}  // namespace

const SurveyTemplate* FindSurveyTemplate(const std::string& name) {
  for (const SurveyTemplate& t : Templates()) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

std::vector<std::string> SurveyTemplateNames() {
  std::vector<std::string> out;
  for (const SurveyTemplate& t : Templates()) out.push_back(t.name);
  return out;
}

std::string QuestionText(const SurveyQuestion& q, const std::string& language) {
  for (const auto& [lang, text] : q.text) {
    if (lang == language) return text;
  }
  return q.text.empty() ? q.code : q.text.front().second;
}

const std::vector<SurveyReason>& SurveyReasons() { return Reasons(); }

bool KnownSurveyReason(const std::string& code) {
  for (const SurveyReason& r : Reasons()) {
    if (code == r.code) return true;
  }
  return false;
}

std::string SurveyWord(const std::string& language, const std::string& key) {
  for (const Word& w : kWords) {
    if (key == w.key) return language == "en" ? w.en : w.zh;
  }
  return key;
}

std::optional<SurveyTemplate> SurveyTemplateInForce(Repositories& repos, const std::string& name) {
  if (auto stored = repos.surveys().StoredTemplate(name, std::nullopt)) return stored;
  if (const SurveyTemplate* shipped = FindSurveyTemplate(name)) return *shipped;
  return std::nullopt;
}

std::optional<SurveyTemplate> SurveyTemplateVersion(Repositories& repos, const std::string& name,
                                                    int version) {
  if (auto stored = repos.surveys().StoredTemplate(name, version)) return stored;
  const SurveyTemplate* shipped = FindSurveyTemplate(name);
  if (shipped && shipped->version == version) return *shipped;
  return std::nullopt;
}

std::vector<std::string> AllSurveyTemplateNames(Repositories& repos) {
  std::vector<std::string> names = SurveyTemplateNames();
  for (const std::string& n : repos.surveys().StoredTemplateNames()) {
    if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
  }
  std::sort(names.begin(), names.end());
  return names;
}

core::Status CheckSurveyTemplate(const SurveyTemplate& t) {
  using core::Status;
  const bool name_ok =
      !t.name.empty() && t.name.size() <= 40 &&
      t.name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_-") == std::string::npos;
  if (!name_ok) return Status::Invalid("name", "a template name is 1-40 of a-z 0-9 _ -");
  if (t.questions.empty()) return Status::Invalid("questions", "a template needs a question");
  if (t.questions.size() > 12) return Status::Invalid("questions", "at most 12 questions");
  static const std::vector<std::string> codes = {"csat", "nps", "spm", "ces", "reasons", "comment"};
  for (size_t i = 0; i < t.questions.size(); ++i) {
    const SurveyQuestion& q = t.questions[i];
    const std::string at = "questions[" + std::to_string(i) + "].";
    if (std::find(codes.begin(), codes.end(), q.code) == codes.end()) {
      return Status::Invalid(at + "code", "code is csat, nps, spm, ces, reasons or comment");
    }
    for (size_t j = 0; j < i; ++j) {
      if (t.questions[j].code == q.code) return Status::Invalid(at + "code", q.code + " twice");
    }
    for (const char* language : {"zh-CN", "en"}) {
      std::string text;
      for (const auto& [lang, words] : q.text) {
        if (lang == language) text = words;
      }
      CL_RETURN_IF_ERROR(CheckText(at + "text." + language, text, 500, true));
    }
  }
  return Status::Ok();
}

core::Result<std::vector<SurveyTemplate>> ManageSurveyTemplates::List(const Principal& who) const {
  if (!ctx_.policy.Allows(who, Permission::kComplaintRead)) {
    return core::Status::Denied("your role may not read survey templates");
  }
  std::vector<SurveyTemplate> out;
  CL_RETURN_IF_ERROR(ctx_.store.Read([&](Repositories& repos) {
    for (const std::string& name : AllSurveyTemplateNames(repos)) {
      if (auto t = SurveyTemplateInForce(repos, name)) out.push_back(*t);
    }
    return core::Status::Ok();
  }));
  return out;
}

core::Result<SurveyTemplate> ManageSurveyTemplates::Replace(
    const Principal& who, const std::string& name,
    const std::vector<SurveyQuestion>& questions) const {
  if (!ctx_.policy.Allows(who, Permission::kConfigManage)) {
    return core::Status::Denied("your role may not change survey templates");
  }
  CL_RETURN_IF_ERROR(CheckOrganisationWide(who, "survey templates", "name"));
  SurveyTemplate t;
  t.name = name;
  t.questions = questions;
  CL_RETURN_IF_ERROR(CheckSurveyTemplate(t));
  CL_RETURN_IF_ERROR(ctx_.store.Write([&](Repositories& repos) {
    auto current = SurveyTemplateInForce(repos, name);
    t.version = current ? current->version + 1 : 1;
    repos.surveys().SaveTemplate(t, who.user_id > 0 ? std::optional<Id>(who.user_id) : std::nullopt,
                                 ctx_.clock.Now());
    RecordConfigChange(repos, ctx_, who, "survey_templates",
                       name + " v" + std::to_string(t.version) + ", " +
                           std::to_string(t.questions.size()) + " questions");
    return core::Status::Ok();
  }));
  return t;
}

std::map<std::string, std::string> SurveyMailParts(Repositories& repos,
                                                   const std::string& language) {
  std::map<std::string, std::string> parts;
  for (const MailPart& p : kMailDefaults) {
    if (language == p.language) parts[p.part] = p.text;
  }
  // The admin's parts replace the shipped ones they name; a part they never wrote stays.
  if (auto stored = repos.config().LoadTemplate(kSurveyMailTemplate, language)) {
    for (auto& [part, text] : *stored) parts[part] = text;
  }
  return parts;
}

}  // namespace closeloop::domain
