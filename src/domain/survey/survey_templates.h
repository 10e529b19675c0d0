// Survey templates and the words around them, as data. A template is a named, versioned
// list of questions with their wording per language (zh-CN, en); the shipped ones:
//   standard  CSAT, NPS, solution match (SPM), effort (CES), reasons when low, comment
//   short     CSAT, reasons when low, comment (first-time complainers, a recovered customer)
//   relationship  NPS and its reason (relationship campaigns, R-4.6)
// The invitation mail and its reminder are message templates (`survey_mail`, parts subject,
// body, reminder_subject, reminder_body, and relationship_subject, relationship_body for a
// campaign's NPS survey) that admins may replace per language, part by part; the body sees
// {{reference}} {{title}} {{survey_url}} {{opt_out_url}} {{expires}} and {{score_links}} (one line
// per score: its label and its one-click link).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/context.h"
#include "domain/survey/entities.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

inline constexpr char kSurveyMailTemplate[] = "survey_mail";

// The shipped templates (version 1), or null for an unknown name.
const SurveyTemplate* FindSurveyTemplate(const std::string& name);
std::vector<std::string> SurveyTemplateNames();

// The template in force for `name`: the newest version admins saved, else the shipped one.
std::optional<SurveyTemplate> SurveyTemplateInForce(Repositories& repos, const std::string& name);
// One version of a template (what an invitation was sent with).
std::optional<SurveyTemplate> SurveyTemplateVersion(Repositories& repos, const std::string& name,
                                                    int version);
// Shipped and saved names, sorted.
std::vector<std::string> AllSurveyTemplateNames(Repositories& repos);
// A template must ask something: 1-12 questions of the known kinds (csat, nps, spm, ces,
// reasons, comment), each once, worded in zh-CN and en. Errors name `questions[i].<field>`.
core::Status CheckSurveyTemplate(const SurveyTemplate& survey_template);

// GET/PUT /api/v1/config/survey-templates: admins replace a template's questions; each save is
// the next version (config.manage, unscoped; recorded), invitations sent keep theirs.
class ManageSurveyTemplates {
 public:
  explicit ManageSurveyTemplates(const Context& ctx) : ctx_(ctx) {}
  core::Result<std::vector<SurveyTemplate>> List(const Principal& who) const;
  core::Result<SurveyTemplate> Replace(const Principal& who, const std::string& name,
                                       const std::vector<SurveyQuestion>& questions) const;

 private:
  const Context& ctx_;
};

// The wording of a question in `language` (zh-CN when it has none in that language).
std::string QuestionText(const SurveyQuestion& question, const std::string& language);

// Why a score was low: the reason codes a customer may tick, with their labels.
struct SurveyReason {
  const char* code;
  const char* zh;
  const char* en;
};
const std::vector<SurveyReason>& SurveyReasons();
bool KnownSurveyReason(const std::string& code);

// A word of the survey page or mail in `language` (zh-CN or en), by key: "title", "submit",
// "thanks", "expired", "answered", "opt_out", "opted_out", "csat_1" … "csat_5", "nps_low",
// "nps_high", "likert_1" … "likert_5", "ces_1" … "ces_5", "invalid_link", "reasons_hint".
std::string SurveyWord(const std::string& language, const std::string& key);

// The invitation mail's parts in force for a language: the admin's stored parts, else the
// shipped ones.
std::map<std::string, std::string> SurveyMailParts(Repositories& repos,
                                                   const std::string& language);

}  // namespace closeloop::domain
