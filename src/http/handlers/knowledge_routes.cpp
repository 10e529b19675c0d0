// Suggestions for a complaint (/api/v1/complaints/{key}/suggestions) and the knowledge base
// (/api/v1/knowledge).
#include <algorithm>
#include <cstdint>

#include "domain/knowledge/knowledge.h"
#include "domain/knowledge/suggestions.h"
#include "http/handlers/handler_support.h"
#include "http/handlers/knowledge_json.h"

namespace closeloop::http {

using core::Status;
using json = nlohmann::ordered_json;
namespace d = domain;

void RegisterKnowledgeRoutes(Router& router, Api& api) {
  router.Get(std::string(kComplaintPath) + "/suggestions",
             Authed(api, [&api](const Request& req, const d::Principal& who) {
               return ReplyOf(d::SuggestForComplaint(api.ctx).Execute(who, req.matches[1]), 200,
                              [](const d::Suggestions& s) { return ToJson(s); });
             }));
  router.Get(
      "/api/v1/knowledge",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        std::int64_t n = 20;
        CL_RETURN_IF_ERROR(IntParam(req, "limit", n, 1, 200));
        bool archived = false;
        CL_RETURN_IF_ERROR(BoolParam(req, "include_archived", archived));
        const std::string category = req.get_param_value("category");
        const auto& known = api.ctx.config.categories;
        if (!category.empty() && std::find(known.begin(), known.end(), category) == known.end()) {
          return Status::Invalid("category", "unknown category '" + category + "'");
        }
        return ReplyOf(d::ManageKnowledge(api.ctx).Search(who, req.get_param_value("q"), category,
                                                          archived, static_cast<int>(n)),
                       200, [](const std::vector<d::KnowledgeArticle>& list) {
                         json items = json::array();
                         for (const auto& a : list) items.push_back(ToJson(a));
                         return json{{"items", std::move(items)}};
                       });
      }));
  router.Get(R"(/api/v1/knowledge/(\d{1,18}))",
             Authed(api, [&api](const Request& req, const d::Principal& who) {
               return ReplyOf(d::ManageKnowledge(api.ctx).Get(who, std::stoll(req.matches[1])), 200,
                              [](const d::KnowledgeArticle& a) { return ToJson(a); });
             }));
  router.Post(
      "/api/v1/knowledge",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        auto input = ParseBody(req, ParseArticleInput);
        if (!input.ok()) return input.status();
        return ReplyOf(d::ManageKnowledge(api.ctx).Create(who, *input), 201,
                       [](const d::KnowledgeArticle& a) { return ToJson(a); });
      }));
  router.Patch(
      R"(/api/v1/knowledge/(\d{1,18}))",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        auto input = ParseBody(req, ParseArticleInput);
        if (!input.ok()) return input.status();
        return ReplyOf(d::ManageKnowledge(api.ctx).Update(who, std::stoll(req.matches[1]), *input),
                       200, [](const d::KnowledgeArticle& a) { return ToJson(a); });
      }));
}

}  // namespace closeloop::http
