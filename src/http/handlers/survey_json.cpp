// The JSON shapes of satisfaction answers.
#include "http/handlers/survey_json.h"

#include <cstdint>

#include "core/time_format.h"
#include "domain/survey/survey_templates.h"
#include "http/handlers/json_fields.h"
#include "http/json_reader.h"

namespace closeloop::http {

using core::Status;
using json = nlohmann::ordered_json;
namespace d = domain;

namespace {

// "reasons": an array of reason codes.
Status Reasons(const json& body, std::vector<std::string>& out) {
  auto it = body.find("reasons");
  if (it == body.end() || it->is_null()) return Status::Ok();
  if (!it->is_array()) return Status::Invalid("reasons", "reasons must be an array of codes");
  for (const json& v : *it) {
    if (!v.is_string()) return Status::Invalid("reasons", "reasons must be an array of codes");
    out.push_back(v.get<std::string>());
  }
  return Status::Ok();
}

// A score of the customer's answer: a whole number (a form sends it as text).
Status Score(const json& body, const char* name, std::optional<int>& out) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return Status::Ok();
  if (it->is_number_integer()) {
    const auto v = it->get<std::int64_t>();
    if (v < -1000 || v > 1000) return Status::Invalid(name, std::string(name) + " is out of range");
    out = static_cast<int>(v);
    return Status::Ok();
  }
  if (it->is_string()) {
    const std::string text = it->get<std::string>();
    if (text.empty()) return Status::Ok();
    if (text.size() <= 3 && text.find_first_not_of("0123456789") == std::string::npos) {
      out = std::stoi(text);
      return Status::Ok();
    }
  }
  return Status::Invalid(name, std::string(name) + " must be a whole number");
}

}  // namespace

core::Result<d::SurveyAnswer> ParseSurveyAnswer(const json& body) {
  JsonReader r(body);
  CL_RETURN_IF_ERROR(
      r.OnlyKnown({"csat", "nps", "spm", "effort", "reasons", "comment", "answered_at"}));
  d::SurveyAnswer in;
  in.source = "staff";
  for (auto [name, target] : {std::pair{"csat", &in.csat}, std::pair{"nps", &in.nps},
                              std::pair{"spm", &in.spm}, std::pair{"effort", &in.effort}}) {
    if (r.Has(name)) {
      const json& value = body.at(name);
      if (!value.is_null() && !value.is_number_integer()) {
        return Status::Invalid(name, std::string(name) + " must be a whole number");
      }
      if (value.is_number_integer()) *target = static_cast<int>(value.get<std::int64_t>());
    }
  }
  CL_RETURN_IF_ERROR(Reasons(body, in.reasons));
  CL_RETURN_IF_ERROR(r.String("comment", in.comment));
  CL_RETURN_IF_ERROR(r.Time("answered_at", in.answered_at));
  return in;
}

json ToJson(const d::SurveyResponse& r) {
  auto opt = [](const std::optional<int>& v) { return v ? json(*v) : json(nullptr); };
  return {{"id", r.id},
          {"complaint_id", r.complaint_id},
          {"csat", opt(r.csat)},
          {"nps", opt(r.nps)},
          {"spm", opt(r.spm)},
          {"effort", opt(r.effort)},
          {"reasons", r.reasons},
          {"comment", r.comment},
          {"comment_sentiment", Round3(r.comment_sentiment)},
          {"comment_agitation", r.comment_agitation},
          {"source", r.source},
          {"invitation_id", r.invitation_id ? json(*r.invitation_id) : json(nullptr)},
          {"taken_by", r.taken_by ? json(*r.taken_by) : json(nullptr)},
          {"answered_at", core::FormatIso8601(r.answered_at)}};
}

json ToJson(const d::SurveyInvitation& i) {
  return {{"id", i.id},
          {"purpose", i.purpose},
          {"template", i.template_name},
          {"template_version", i.template_version},
          {"channel", i.channel},
          {"language", i.language},
          {"status", i.status},
          {"reason", i.reason},
          {"send_at", core::FormatIso8601(i.send_at)},
          {"sent_at", OptTime(i.sent_at)},
          {"reminded_at", OptTime(i.reminded_at)},
          {"expires_at", OptTime(i.expires_at)},
          {"answered_at", OptTime(i.answered_at)}};
}

json ToJson(const d::ComplaintSurveys& s) {
  json invitations = json::array();
  for (const auto& i : s.invitations) invitations.push_back(ToJson(i));
  json responses = json::array();
  for (const auto& r : s.responses) responses.push_back(ToJson(r));
  return {{"invitations", std::move(invitations)}, {"responses", std::move(responses)}};
}

json ToJson(const d::SurveyPolicy& p) {
  json sampling = json::object();
  for (const auto& [channel, percent] : p.sampling) sampling[channel] = percent;
  json rules = json::array();
  for (const auto& r : p.template_rules) {
    rules.push_back({{"channel", r.channel},
                     {"type", r.type},
                     {"tier", r.tier},
                     {"template", r.template_name}});
  }
  return {{"delay_minutes", p.delay_minutes},
          {"expiry_days", p.expiry_days},
          {"reminder_after_hours", p.reminder_after_hours},
          {"callback_hours", p.callback_hours},
          {"frequency",
           {{"max_per_period", p.max_per_period},
            {"period_days", p.period_days},
            {"min_gap_days", p.min_gap_days}}},
          {"sampling", std::move(sampling)},
          {"low_answer",
           {{"csat_at_most", p.low_csat_at_most},
            {"nps_at_most", p.low_nps_at_most},
            {"comment_sentiment_below", p.negative_comment_below}}},
          {"resurvey_recovered", p.resurvey_recovered},
          {"default_template", p.default_template},
          {"first_time_template", p.first_time_template},
          {"template_rules", std::move(rules)},
          {"strategies",
           {{"vip_interview_days", p.vip_interview_days},
            {"recontact_days", p.recontact_days},
            {"recontact_unresolved_after_days", p.recontact_unresolved_after_days}}}};
}

core::Result<d::SurveyPolicy> ParseSurveyPolicy(const json& body) {
  JsonReader r(body);
  CL_RETURN_IF_ERROR(
      r.OnlyKnown({"delay_minutes", "expiry_days", "reminder_after_hours", "callback_hours",
                   "frequency", "sampling", "low_answer", "resurvey_recovered", "default_template",
                   "first_time_template", "template_rules", "strategies"}));
  d::SurveyPolicy p;
  CL_RETURN_IF_ERROR(r.Int("delay_minutes", p.delay_minutes, 0, 60 * 24 * 30));
  CL_RETURN_IF_ERROR(r.Int("expiry_days", p.expiry_days, 1, 365));
  CL_RETURN_IF_ERROR(r.Int("reminder_after_hours", p.reminder_after_hours, 0, 24 * 60));
  CL_RETURN_IF_ERROR(r.Int("callback_hours", p.callback_hours, 1, 24 * 60));
  CL_RETURN_IF_ERROR(r.Bool("resurvey_recovered", p.resurvey_recovered));
  CL_RETURN_IF_ERROR(r.String("default_template", p.default_template));
  CL_RETURN_IF_ERROR(r.String("first_time_template", p.first_time_template));
  if (body.contains("frequency")) {
    if (!body["frequency"].is_object())
      return Status::Invalid("frequency", "frequency is an object");
    JsonReader f(body["frequency"]);
    CL_RETURN_IF_ERROR(f.OnlyKnown({"max_per_period", "period_days", "min_gap_days"}));
    CL_RETURN_IF_ERROR(f.Int("max_per_period", p.max_per_period, 0, 100));
    CL_RETURN_IF_ERROR(f.Int("period_days", p.period_days, 1, 366));
    CL_RETURN_IF_ERROR(f.Int("min_gap_days", p.min_gap_days, 0, 366));
  }
  if (body.contains("strategies")) {
    if (!body["strategies"].is_object()) {
      return Status::Invalid("strategies", "strategies is an object");
    }
    JsonReader t(body["strategies"], "strategies.");
    CL_RETURN_IF_ERROR(
        t.OnlyKnown({"vip_interview_days", "recontact_days", "recontact_unresolved_after_days"}));
    CL_RETURN_IF_ERROR(t.Int("vip_interview_days", p.vip_interview_days, 0, 366));
    CL_RETURN_IF_ERROR(t.Int("recontact_days", p.recontact_days, 0, 366));
    CL_RETURN_IF_ERROR(
        t.Int("recontact_unresolved_after_days", p.recontact_unresolved_after_days, 1, 90));
  }
  if (body.contains("low_answer")) {
    const json& low = body["low_answer"];
    if (!low.is_object()) return Status::Invalid("low_answer", "low_answer is an object");
    JsonReader l(low);
    CL_RETURN_IF_ERROR(l.OnlyKnown({"csat_at_most", "nps_at_most", "comment_sentiment_below"}));
    CL_RETURN_IF_ERROR(l.Int("csat_at_most", p.low_csat_at_most, 0, 5));
    CL_RETURN_IF_ERROR(l.Int("nps_at_most", p.low_nps_at_most, -1, 10));
    if (low.contains("comment_sentiment_below")) {
      if (!low["comment_sentiment_below"].is_number()) {
        return Status::Invalid("low_answer.comment_sentiment_below", "a number from -1 to 1");
      }
      p.negative_comment_below = low["comment_sentiment_below"].get<double>();
    }
  }
  if (body.contains("sampling")) {
    const json& sampling = body["sampling"];
    if (!sampling.is_object()) {
      return Status::Invalid("sampling", "sampling maps a channel to a percentage");
    }
    for (const auto& [channel, percent] : sampling.items()) {
      if (!percent.is_number_integer()) {
        return Status::Invalid("sampling." + channel, "a whole percentage 0-100");
      }
      p.sampling.emplace_back(channel, static_cast<int>(percent.get<std::int64_t>()));
    }
  }
  if (body.contains("template_rules")) {
    const json& rules = body["template_rules"];
    if (!rules.is_array()) return Status::Invalid("template_rules", "template_rules is an array");
    for (size_t i = 0; i < rules.size(); ++i) {
      const std::string at = "template_rules[" + std::to_string(i) + "]";
      if (!rules[i].is_object()) return Status::Invalid(at, at + " is an object");
      JsonReader rule(rules[i]);
      CL_RETURN_IF_ERROR(rule.OnlyKnown({"channel", "type", "tier", "template"}));
      d::SurveyTemplateRule out;
      CL_RETURN_IF_ERROR(rule.String("channel", out.channel));
      CL_RETURN_IF_ERROR(rule.String("type", out.type));
      CL_RETURN_IF_ERROR(rule.String("tier", out.tier));
      CL_RETURN_IF_ERROR(rule.Required("template"));
      CL_RETURN_IF_ERROR(rule.String("template", out.template_name));
      p.template_rules.push_back(std::move(out));
    }
  }
  return p;
}

json ToJson(const d::SurveyTemplate& t) {
  json questions = json::array();
  for (const auto& q : t.questions) {
    json text = json::object();
    for (const auto& [language, words] : q.text) text[language] = words;
    questions.push_back({{"code", q.code}, {"required", q.required}, {"text", std::move(text)}});
  }
  return {{"name", t.name}, {"version", t.version}, {"questions", std::move(questions)}};
}

core::Result<std::vector<d::SurveyQuestion>> ParseSurveyQuestions(const json& body) {
  JsonReader r(body);
  CL_RETURN_IF_ERROR(r.OnlyKnown({"questions"}));
  CL_RETURN_IF_ERROR(r.Required("questions"));
  const json& list = body["questions"];
  if (!list.is_array()) return Status::Invalid("questions", "questions is an array");
  std::vector<d::SurveyQuestion> out;
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string at = "questions[" + std::to_string(i) + "]";
    const json& q = list[i];
    if (!q.is_object()) return Status::Invalid(at, at + " is an object");
    JsonReader qr(q);
    CL_RETURN_IF_ERROR(qr.OnlyKnown({"code", "required", "text"}));
    d::SurveyQuestion question;
    if (!q.contains("code") || !q["code"].is_string()) {
      return Status::Invalid(at + ".code", "code is required");
    }
    question.code = q["code"].get<std::string>();
    CL_RETURN_IF_ERROR(qr.Bool("required", question.required));
    if (!q.contains("text") || !q["text"].is_object()) {
      return Status::Invalid(at + ".text", "text maps zh-CN and en to the wording");
    }
    for (const auto& [language, words] : q["text"].items()) {
      if ((language != "zh-CN" && language != "en") || !words.is_string()) {
        return Status::Invalid(at + ".text", "text maps zh-CN and en to the wording");
      }
      question.text.emplace_back(language, words.get<std::string>());
    }
    out.push_back(std::move(question));
  }
  return out;
}

core::Result<d::SurveySubmission> ParseSurveySubmission(const json& body) {
  JsonReader r(body);
  CL_RETURN_IF_ERROR(r.OnlyKnown({"csat", "nps", "spm", "ces", "reasons", "comment"}));
  d::SurveySubmission in;
  CL_RETURN_IF_ERROR(Score(body, "csat", in.csat));
  CL_RETURN_IF_ERROR(Score(body, "nps", in.nps));
  CL_RETURN_IF_ERROR(Score(body, "spm", in.spm));
  CL_RETURN_IF_ERROR(Score(body, "ces", in.ces));
  CL_RETURN_IF_ERROR(Reasons(body, in.reasons));
  CL_RETURN_IF_ERROR(r.String("comment", in.comment));
  return in;
}

}  // namespace closeloop::http
