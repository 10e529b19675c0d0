// Suggestions for a complaint (/api/v1/complaints/{key}/suggestions) and the knowledge base
// (/api/v1/knowledge).
#include <algorithm>
#include <cstdint>

#include "core/time_format.h"
#include "domain/knowledge/knowledge.h"
#include "domain/knowledge/suggestions.h"
#include "http/handlers/handler_support.h"
#include "http/handlers/knowledge_json.h"
#include "http/json_reader.h"

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
  router.Get(
      R"(/api/v1/knowledge/(\d{1,18}))",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        const d::Id id = std::stoll(req.matches[1]);
        auto article = d::ManageKnowledge(api.ctx).Get(who, id);
        if (!article.ok()) return article.status();
        auto usage = d::ManageKnowledge(api.ctx).Usage(who, id);
        if (!usage.ok()) return usage.status();
        json out = ToJson(*article);
        out["usage"] = {{"suggested", usage->suggested},
                        {"opened", usage->opened},
                        {"used", usage->used},
                        {"helped", usage->helped}};
        return Reply{200, std::move(out)};
      }));
  router.Get(
      R"(/api/v1/knowledge/(\d{1,18})/versions)",
      Authed(api, [&api](const Request& req, const d::Principal& who) {
        return ReplyOf(
            d::ManageKnowledge(api.ctx).Versions(who, std::stoll(req.matches[1])), 200,
            [](const std::vector<d::ArticleVersion>& list) {
              json items = json::array();
              for (const auto& v : list) {
                items.push_back({{"version", v.version},
                                 {"title", v.title},
                                 {"body", v.body},
                                 {"category", v.category},
                                 {"tags", v.tags},
                                 {"level", v.level},
                                 {"product_line", v.product_line},
                                 {"state", v.state},
                                 {"changed_by", v.changed_by ? json(*v.changed_by) : json(nullptr)},
                                 {"changed_at", core::FormatIso8601(v.changed_at)}});
              }
              return json{{"items", std::move(items)}};
            });
      }));
  router.Post(
      R"(/api/v1/knowledge/(\d{1,18})/usage)",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        auto body = BodyObject(req);
        if (!body.ok()) return body.status();
        JsonReader r(*body);
        CL_RETURN_IF_ERROR(r.OnlyKnown({"kind", "complaint"}));
        CL_RETURN_IF_ERROR(r.Required("kind"));
        CL_RETURN_IF_ERROR(r.Required("complaint"));
        std::string kind, complaint;
        CL_RETURN_IF_ERROR(r.String("kind", kind));
        CL_RETURN_IF_ERROR(r.String("complaint", complaint));
        const d::Id id = std::stoll(req.matches[1]);
        CL_RETURN_IF_ERROR(d::ManageKnowledge(api.ctx).RecordUsage(who, id, kind, complaint));
        auto usage = d::ManageKnowledge(api.ctx).Usage(who, id);
        if (!usage.ok()) return usage.status();
        return Reply{200,
                     {{"suggested", usage->suggested},
                      {"opened", usage->opened},
                      {"used", usage->used},
                      {"helped", usage->helped}}};
      }));
  router.Post(std::string(kComplaintPath) + "/knowledge-draft",
              Authed(api, [&api](const Request& req, const d::Principal& who) {
                return ReplyOf(d::ManageKnowledge(api.ctx).Promote(who, req.matches[1]), 201,
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
