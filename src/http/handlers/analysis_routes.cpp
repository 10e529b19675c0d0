// Text-analysis rules (/api/v1/config/rules/{set}), trying the analysis on a text
// (/api/v1/analysis/try) and the domain dictionary (/api/v1/dictionary).
#include "domain/analysis/text_rules.h"
#include "domain/knowledge/knowledge.h"
#include "http/handlers/analysis_json.h"
#include "http/handlers/handler_support.h"
#include "http/json_reader.h"

namespace closeloop::http {

using core::Status;
using json = nlohmann::ordered_json;
namespace d = domain;

void RegisterAnalysisRoutes(Router& router, Api& api) {
  constexpr const char* kRulesPath = R"(/api/v1/config/rules/([a-z_]+))";
  router.Get(kRulesPath, Authed(api, [&api](const Request& req, const d::Principal& who) {
               return ReplyOf(d::ManageTextRules(api.ctx).Get(who, req.matches[1]), 200,
                              [](const d::TextRules& r) { return ToJson(r); });
             }));
  router.Put(
      kRulesPath,
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        auto text = TextBody(req);
        if (!text.ok()) return text.status();
        return ReplyOf(d::ManageTextRules(api.ctx).Replace(who, req.matches[1], *text), 200,
                       [](const d::TextRules& r) { return ToJson(r); });
      }));
  router.Delete(kRulesPath, Authed(api, [&api](const Request& req, const d::Principal& who) {
                  return ReplyOf(d::ManageTextRules(api.ctx).Reset(who, req.matches[1]), 200,
                                 [](const d::TextRules& r) { return ToJson(r); });
                }));
  router.Post(
      "/api/v1/analysis/try",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        auto body = BodyObject(req);
        if (!body.ok()) return body.status();
        JsonReader r(*body);
        CL_RETURN_IF_ERROR(r.OnlyKnown({"text"}));
        std::string text;
        CL_RETURN_IF_ERROR(r.String("text", text));
        return ReplyOf(d::ManageTextRules(api.ctx).Try(who, text), 200,
                       [](const d::TextAnalysis& a) { return ToJson(a); });
      }));
  router.Get("/api/v1/dictionary", Authed(api, [&api](const Request&, const d::Principal& who) {
               return ReplyOf(d::ManageDictionary(api.ctx).List(who), 200,
                              [](const std::vector<std::string>& words) {
                                return json{{"words", words}};
                              });
             }));
  router.Post(
      "/api/v1/dictionary",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        auto body = BodyObject(req);
        if (!body.ok()) return body.status();
        Status error;
        auto words = ParseWords(*body, error);
        if (!error.ok()) return error;
        return ReplyOf(d::ManageDictionary(api.ctx).Add(who, words), 200, [](int added) {
          return json{{"added", added}};
        });
      }));
  router.Delete(
      R"(/api/v1/dictionary/([^/]+))",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        Status removed = d::ManageDictionary(api.ctx).Remove(who, DecodeUrl(req.matches[1], false));
        if (!removed.ok()) return removed;
        return Reply{204, nullptr};
      }));
}

}  // namespace closeloop::http
