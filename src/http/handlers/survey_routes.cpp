// Satisfaction answers recorded by staff (/api/v1/complaints/{key}/survey-responses).
#include "domain/survey/survey_responses.h"
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
}

}  // namespace closeloop::http
