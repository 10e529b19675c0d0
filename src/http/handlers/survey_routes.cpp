// Surveys as staff see them: answers taken by phone (/api/v1/complaints/{key}/survey-responses),
// a complaint's invitations and answers (/api/v1/complaints/{key}/surveys) and the survey policy
// (/api/v1/config/surveys).
#include "domain/survey/survey_policy.h"
#include "domain/survey/survey_responses.h"
#include "domain/survey/survey_templates.h"
#include "http/handlers/handler_support.h"
#include "http/handlers/survey_json.h"

namespace closeloop::http {

using json = nlohmann::ordered_json;
namespace d = domain;

void RegisterSurveyRoutes(Router& router, Api& api) {
  router.Post(
      std::string(kComplaintPath) + "/survey-responses",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        auto answer = ParseBody(req, ParseSurveyAnswer);
        if (!answer.ok()) return answer.status();
        auto saved = d::RecordSurveyResponse(api.ctx).Execute(who, req.matches[1], *answer);
        if (!saved.ok()) return saved.status();
        return Reply{201, ToJson(*saved)};
      }));
  router.Get(std::string(kComplaintPath) + "/surveys",
             Authed(api, [&api](const Request& req, const d::Principal& who) {
               return ReplyOf(d::ListSurveys(api.ctx).Execute(who, req.matches[1]), 200,
                              [](const d::ComplaintSurveys& s) { return ToJson(s); });
             }));
  router.Get("/api/v1/config/surveys", Authed(api, [&api](const Request&, const d::Principal& who) {
               return ReplyOf(d::ManageSurveyPolicy(api.ctx).Get(who), 200,
                              [](const d::SurveyPolicy& p) { return ToJson(p); });
             }));
  router.Get("/api/v1/config/survey-templates",
             Authed(api, [&api](const Request&, const d::Principal& who) {
               return ReplyOf(d::ManageSurveyTemplates(api.ctx).List(who), 200,
                              [](const std::vector<d::SurveyTemplate>& list) {
                                json items = json::array();
                                for (const auto& t : list) items.push_back(ToJson(t));
                                return json{{"items", std::move(items)}};
                              });
             }));
  router.Put(
      "/api/v1/config/survey-templates/([a-z0-9_-]{1,40})",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        auto questions = ParseBody(req, ParseSurveyQuestions);
        if (!questions.ok()) return questions.status();
        return ReplyOf(d::ManageSurveyTemplates(api.ctx).Replace(who, req.matches[1], *questions),
                       200, [](const d::SurveyTemplate& t) { return ToJson(t); });
      }));
  router.Put(
      "/api/v1/config/surveys",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        auto policy = ParseBody(req, ParseSurveyPolicy);
        if (!policy.ok()) return policy.status();
        return ReplyOf(d::ManageSurveyPolicy(api.ctx).Replace(who, *policy), 200,
                       [](const d::SurveyPolicy& p) { return ToJson(p); });
      }));
}

}  // namespace closeloop::http
