// The customer's survey page (no login): GET /s/{secret} and POST /s/{secret} (the form, or
// JSON with the same fields), GET/POST /s/{secret}/opt-out. Server-rendered HTML in the
// customer's language, mobile-first, without JavaScript, every control labelled. The secret in
// the address is the only key: the page is never cached, never framed and sends no referrer.
#include <string>

#include "core/text.h"
#include "domain/survey/survey_page.h"
#include "domain/survey/survey_templates.h"
#include "http/handlers/handler_support.h"
#include "http/handlers/survey_json.h"

namespace closeloop::http {

namespace d = domain;
using json = nlohmann::ordered_json;

namespace {

constexpr const char* kSecretPath = "/s/([A-Za-z0-9_-]{1,128})";

std::string Escape(const std::string& text) { return core::EscapeHtml(text); }

std::string Word(const std::string& language, const char* key) {
  return Escape(d::SurveyWord(language, key));
}

std::string Head(const std::string& language) {
  return "<!DOCTYPE html><html lang=\"" + language +
         "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
         "content=\"width=device-width, initial-scale=1\"><title>" +
         Word(language, "title") +
         "</title><style>"
         "body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:40rem;padding:1rem;"
         "color:#1a1a1a}fieldset{border:1px solid #ccc;border-radius:.5rem;margin:0 0 1rem;"
         "padding:.75rem}legend{font-weight:600;padding:0 .25rem}.scale{display:flex;"
         "flex-wrap:wrap;gap:.25rem}.scale label{flex:1 0 3.2rem;border:1px solid #bbb;"
         "border-radius:.4rem;padding:.5rem .25rem;text-align:center;min-height:2.75rem}"
         ".scale input{display:block;margin:0 auto .25rem}.choices label{display:block;"
         "padding:.35rem 0}textarea{width:100%;box-sizing:border-box;min-height:6rem;"
         "font:inherit}button{font:inherit;padding:.75rem 1.5rem;border-radius:.4rem;border:0;"
         "background:#0b57d0;color:#fff}.error{color:#b00020;font-weight:600}"
         ".small{font-size:.875rem;color:#555}a{color:#0b57d0}"
         "</style></head><body><main>";
}

const char* kFoot = "</main></body></html>";

// A scale of radio buttons from `low` to `high`; `labels` names each value when given
// ("csat" → csat_1 … csat_5), else the two ends are named.
std::string Scale(const std::string& language, const d::SurveyQuestion& q, int low, int high,
                  const char* labels, int chosen) {
  std::string out = "<fieldset><legend>" + Escape(d::QuestionText(q, language)) +
                    (q.required ? Word(language, "required_mark") : "") +
                    "</legend><div class=\"scale\">";
  for (int v = low; v <= high; ++v) {
    std::string label = std::to_string(v);
    if (labels) {
      label += " " + Escape(d::SurveyWord(language, std::string(labels) + "_" + std::to_string(v)));
    } else if (v == low) {
      label += " " + Word(language, "nps_low");
    } else if (v == high) {
      label += " " + Word(language, "nps_high");
    }
    const std::string id = q.code + "-" + std::to_string(v);
    out += "<label for=\"" + id + "\"><input type=\"radio\" id=\"" + id + "\" name=\"" + q.code +
           "\" value=\"" + std::to_string(v) + "\"" + (v == chosen ? " checked" : "") +
           (q.required && v == low ? " required" : "") + ">" + label + "</label>";
  }
  return out + "</div></fieldset>";
}

int Chosen(const Request& req, const char* name) {
  const std::string v = req.get_param_value(name);
  if (v.empty() || v.size() > 2 || v.find_first_not_of("0123456789") != std::string::npos) {
    return -1;
  }
  return std::stoi(v);
}

std::string Form(const Request& req, const d::SurveyPage& page, const std::string& secret,
                 const std::string& error) {
  const std::string& lang = page.language;
  std::string out = Head(lang) + "<h1>" + Word(lang, "title") + "</h1><p>";
  std::string intro = d::SurveyWord(lang, page.reference.empty() ? "intro_relationship" : "intro");
  const size_t at = intro.find("{ref}");
  if (at != std::string::npos) intro.replace(at, 5, page.reference);
  out += Escape(intro) + "</p>";
  if (!error.empty()) out += "<p class=\"error\" role=\"alert\">" + Escape(error) + "</p>";
  out += "<form method=\"post\" action=\"/s/" + secret + "\">";
  for (const d::SurveyQuestion& q : page.questions->questions) {
    if (q.code == "csat") {
      out += Scale(lang, q, 1, 5, "csat", Chosen(req, "csat"));
    } else if (q.code == "nps") {
      out += Scale(lang, q, 0, 10, nullptr, Chosen(req, "nps"));
    } else if (q.code == "spm") {
      out += Scale(lang, q, 1, 5, "likert", Chosen(req, "spm"));
    } else if (q.code == "ces") {
      out += Scale(lang, q, 1, 5, "ces", Chosen(req, "ces"));
    } else if (q.code == "reasons") {
      out +=
          "<fieldset class=\"choices\"><legend>" + Escape(d::QuestionText(q, lang)) + "</legend>";
      for (const d::SurveyReason& r : d::SurveyReasons()) {
        out += "<label><input type=\"checkbox\" name=\"reasons\" value=\"" + std::string(r.code) +
               "\"> " + Escape(lang == "en" ? r.en : r.zh) + "</label>";
      }
      out += "</fieldset>";
    } else if (q.code == "comment") {
      out += "<p><label for=\"comment\">" + Escape(d::QuestionText(q, lang)) +
             "</label><textarea id=\"comment\" name=\"comment\" maxlength=\"2000\"></textarea></p>";
    }
  }
  out += "<p><button type=\"submit\">" + Word(lang, "submit") + "</button></p></form>";
  out += "<p class=\"small\"><a href=\"/s/" + secret + "/opt-out\">" + Word(lang, "opt_out") +
         "</a></p>";
  return out + kFoot;
}

std::string Answered(const d::SurveyPage& page) {
  const std::string& lang = page.language;
  std::string out = Head(lang) + "<h1>" + Word(lang, "thanks") + "</h1>";
  if (page.answer) {
    const d::SurveyResponse& a = *page.answer;
    out += "<h2>" + Word(lang, "your_answer") + "</h2><dl>";
    auto row = [&](const char* name, const std::optional<int>& v) {
      if (v) out += "<dt>" + std::string(name) + "</dt><dd>" + std::to_string(*v) + "</dd>";
    };
    row("CSAT", a.csat);
    row("NPS", a.nps);
    row("SPM", a.spm);
    row("CES", a.effort);
    if (!a.comment.empty()) out += "<dt>💬</dt><dd>" + Escape(a.comment) + "</dd>";
    out += "</dl>";
  }
  return out + kFoot;
}

std::string Notice(const std::string& language, const char* key) {
  return Head(language) + "<h1>" + Word(language, "title") + "</h1><p>" + Word(language, key) +
         "</p>" + kFoot;
}

void SendHtml(Response& res, int status, std::string html) {
  res.status = status;
  res.set_content(std::move(html), "text/html; charset=utf-8");
  res.set_header("Cache-Control", "no-store");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Content-Security-Policy",
                 "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
                 "frame-ancestors 'none'");
}

// The page for a state other than open (or open with an error to show).
void SendPage(const Request& req, Response& res, const d::SurveyPage& page,
              const std::string& secret, const std::string& error = "") {
  using State = d::SurveyPage::State;
  switch (page.state) {
    case State::kOpen:
      SendHtml(res, error.empty() ? 200 : 422, Form(req, page, secret, error));
      return;
    case State::kAnswered:
      SendHtml(res, 200, Answered(page));
      return;
    case State::kExpired:
      SendHtml(res, 410, Notice(page.language, "expired"));
      return;
    case State::kCancelled:
      SendHtml(res, 410, Notice(page.language, "cancelled"));
      return;
    case State::kInvalid:
      SendHtml(res, 404, Notice(page.language, "invalid_link"));
      return;
  }
}

// The posted answer: a form (application/x-www-form-urlencoded, reasons repeated) or JSON.
core::Result<d::SurveySubmission> SubmissionOf(const Request& req) {
  const std::string type = req.get_header_value("Content-Type");
  if (type.rfind("application/json", 0) == 0) {
    auto body = BodyObject(req);
    if (!body.ok()) return body.status();
    return ParseSurveySubmission(*body);
  }
  json body = json::object();
  for (const auto& [name, value] : ParseQuery(req.body)) {
    if (name == "reasons") {
      body["reasons"].push_back(value);
    } else if (body.contains(name)) {
      return core::Status::Invalid(name, name + " is given twice");
    } else {
      body[name] = value;
    }
  }
  return ParseSurveySubmission(body);
}

}  // namespace

void RegisterSurveyPageRoutes(Router& router, Api& api) {
  router.Get(kSecretPath, Endpoint([&api](const Request& req, Response& res) {
               SendPage(req, res, d::AnswerSurvey(api.ctx).Open(req.matches[1]), req.matches[1]);
             }));
  router.Post(kSecretPath, Endpoint([&api](const Request& req, Response& res) {
                const std::string& secret = req.matches[1];
                const bool wants_json =
                    req.get_header_value("Content-Type").rfind("application/json", 0) == 0;
                auto in = SubmissionOf(req);
                core::Result<d::SurveyPage> page =
                    in.ok() ? d::AnswerSurvey(api.ctx).Submit(secret, *in)
                            : core::Result<d::SurveyPage>(in.status());
                if (wants_json) {
                  if (!page.ok()) return SendError(res, page.status());
                  using State = d::SurveyPage::State;
                  const int status = page->state == State::kAnswered  ? 200
                                     : page->state == State::kInvalid ? 404
                                                                      : 410;
                  SendJson(res, status,
                           {{"state", page->state == State::kAnswered ? "answered"
                                      : status == 404                 ? "invalid"
                                                                      : "closed"}});
                  res.set_header("Cache-Control", "no-store");
                  return;
                }
                if (page.ok()) return SendPage(req, res, *page, secret);
                // A bad answer: the form again with the error, when the link is still open.
                d::SurveyPage open = d::AnswerSurvey(api.ctx).Open(secret);
                SendPage(req, res, open, secret, page.status().message());
              }));
  router.Get(std::string(kSecretPath) + "/opt-out",
             Endpoint([&api](const Request& req, Response& res) {
               d::SurveyPage page = d::AnswerSurvey(api.ctx).Open(req.matches[1]);
               if (page.state == d::SurveyPage::State::kInvalid) {
                 return SendPage(req, res, page, req.matches[1]);
               }
               const std::string& lang = page.language;
               SendHtml(res, 200,
                        Head(lang) + "<h1>" + Word(lang, "opt_out") +
                            "</h1><form method=\"post\" "
                            "action=\"/s/" +
                            req.matches[1] + "/opt-out\"><p>" + Word(lang, "opt_out_confirm") +
                            "</p><p><button type=\"submit\">" + Word(lang, "opt_out") +
                            "</button></p></form>" + kFoot);
             }));
  router.Post(std::string(kSecretPath) + "/opt-out",
              Endpoint([&api](const Request& req, Response& res) {
                d::SurveyPage page = d::AnswerSurvey(api.ctx).OptOut(req.matches[1]);
                if (page.state == d::SurveyPage::State::kInvalid) {
                  return SendPage(req, res, page, req.matches[1]);
                }
                SendHtml(res, 200, Notice(page.language, "opted_out"));
              }));
}

}  // namespace closeloop::http
