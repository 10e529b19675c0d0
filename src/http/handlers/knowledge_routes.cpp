// Suggestions for a complaint (/api/v1/complaints/{key}/suggestions), satisfaction answers
// recorded by staff (/api/v1/complaints/{key}/survey-responses), the knowledge base
// (/api/v1/knowledge) and the domain dictionary (/api/v1/dictionary).
#include <algorithm>
#include <cmath>
#include <cstdint>

#include "core/time_format.h"
#include "domain/analysis/entities.h"
#include "domain/analysis/text_rules.h"
#include "domain/knowledge/entities.h"
#include "domain/knowledge/knowledge.h"
#include "domain/knowledge/suggestions.h"
#include "domain/survey/survey_responses.h"
#include "http/handlers/handler_support.h"
#include "http/json_reader.h"

namespace closeloop::http {

using core::Status;
using json = nlohmann::ordered_json;
namespace d = domain;

namespace {

double Round3(double v) { return std::round(v * 1000) / 1000; }

json ArticleJson(const d::KnowledgeArticle& a) {
  return {{"id", a.id},
          {"title", a.title},
          {"body", a.body},
          {"category", a.category.empty() ? json(nullptr) : json(a.category)},
          {"tags", a.tags},
          {"active", a.active},
          {"author_id", a.author_id ? json(*a.author_id) : json(nullptr)},
          {"created_at", core::FormatIso8601(a.created_at)},
          {"updated_at", core::FormatIso8601(a.updated_at)}};
}

json SuggestionsJson(const d::Suggestions& s) {
  json similar = json::array();
  for (const auto& c : s.similar) {
    similar.push_back({{"complaint_id", c.complaint_id},
                       {"reference", c.reference},
                       {"title", c.title},
                       {"similarity", Round3(c.similarity)},
                       {"status", d::ToString(c.status)},
                       {"remedy", c.remedy ? json(d::ToString(*c.remedy)) : json(nullptr)},
                       {"compensation", static_cast<double>(c.compensation_cents) / 100.0},
                       {"resolution_summary", c.resolution_summary},
                       {"csat", c.csat ? json(*c.csat) : json(nullptr)}});
  }
  json options = json::array();
  for (const auto& o : s.options) {
    options.push_back({{"remedy", d::ToString(o.remedy)},
                       {"basis", o.basis},
                       {"cases", o.cases},
                       {"share", Round3(o.share)},
                       {"surveyed", o.surveyed},
                       {"mean_csat", o.mean_csat ? json(Round3(*o.mean_csat)) : json(nullptr)},
                       {"typical_compensation",
                        o.typical_compensation_cents
                            ? json(static_cast<double>(*o.typical_compensation_cents) / 100.0)
                            : json(nullptr)}});
  }
  json articles = json::array();
  for (const auto& a : s.articles) {
    articles.push_back({{"id", a.article.id},
                        {"title", a.article.title},
                        {"snippet", a.snippet},
                        {"score", Round3(a.score)},
                        {"matched_terms", a.matched_terms}});
  }
  const d::CompensationSuggestion& c = s.compensation;
  return {{"category", s.category},
          {"similar_cases", std::move(similar)},
          {"solution_options", std::move(options)},
          {"compensation",
           {{"suggested", c.suggested},
            {"amount",
             c.amount_cents ? json(static_cast<double>(*c.amount_cents) / 100.0) : json(nullptr)},
            {"basis", c.basis},
            {"cases", c.cases},
            {"cases_with_money", c.cases_with_money},
            {"needs_approval", c.needs_approval},
            {"approval_limit", static_cast<double>(c.approval_limit_cents) / 100.0}}},
          {"articles", std::move(articles)},
          {"reply_draft",
           {{"language", s.draft.language}, {"subject", s.draft.subject}, {"body", s.draft.body}}}};
}

core::Result<d::ArticleInput> ParseArticle(const json& body) {
  JsonReader r(body);
  CL_RETURN_IF_ERROR(r.OnlyKnown({"title", "body", "category", "tags", "active"}));
  d::ArticleInput in;
  CL_RETURN_IF_ERROR(r.String("title", in.title));
  CL_RETURN_IF_ERROR(r.String("body", in.body));
  CL_RETURN_IF_ERROR(r.String("category", in.category));
  CL_RETURN_IF_ERROR(r.String("tags", in.tags));
  CL_RETURN_IF_ERROR(r.Bool("active", in.active));
  return in;
}

core::Result<d::SurveyAnswer> ParseSurveyAnswer(const json& body) {
  JsonReader r(body);
  CL_RETURN_IF_ERROR(r.OnlyKnown({"csat", "nps", "spm", "effort", "comment", "answered_at"}));
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
  CL_RETURN_IF_ERROR(r.String("comment", in.comment));
  CL_RETURN_IF_ERROR(r.Time("answered_at", in.answered_at));
  return in;
}

std::vector<std::string> Words(const json& body, Status& error) {
  std::vector<std::string> out;
  if (!body.contains("words") || !body.at("words").is_array()) {
    error = Status::Invalid("words", "words must be an array of strings");
    return out;
  }
  for (const auto& w : body.at("words")) {
    if (!w.is_string()) {
      error = Status::Invalid("words", "words must be an array of strings");
      return {};
    }
    out.push_back(w.get<std::string>());
  }
  return out;
}

json RulesJson(const d::TextRules& r) {
  return {{"rule_set", r.rule_set}, {"custom", r.custom}, {"text", r.text}};
}

}  // namespace

void RegisterKnowledgeRoutes(httplib::Server& server, Api& api) {
  server.Get(std::string(kComplaintPath) + "/suggestions",
             Authed(api, [&api](const httplib::Request& req, const d::Principal& who) {
               return ReplyOf(d::SuggestForComplaint(api.ctx).Execute(who, req.matches[1]), 200,
                              SuggestionsJson);
             }));
  server.Post(
      std::string(kComplaintPath) + "/survey-responses",
      Authed(api,
             [&api](const httplib::Request& req, const d::Principal& who) -> core::Result<Reply> {
               auto answer = ParseBody(req, ParseSurveyAnswer);
               if (!answer.ok()) return answer.status();
               auto saved = d::RecordSurveyResponse(api.ctx).Execute(who, req.matches[1], *answer);
               if (!saved.ok()) return saved.status();
               auto opt = [](const std::optional<int>& v) { return v ? json(*v) : json(nullptr); };
               return Reply{201,
                            {{"id", saved->id},
                             {"complaint_id", saved->complaint_id},
                             {"csat", opt(saved->csat)},
                             {"nps", opt(saved->nps)},
                             {"spm", opt(saved->spm)},
                             {"effort", opt(saved->effort)},
                             {"comment", saved->comment},
                             {"comment_sentiment", Round3(saved->comment_sentiment)},
                             {"comment_agitation", saved->comment_agitation},
                             {"source", saved->source},
                             {"answered_at", core::FormatIso8601(saved->answered_at)}}};
             }));
  server.Get(
      "/api/v1/knowledge",
      Authed(api,
             [&api](const httplib::Request& req, const d::Principal& who) -> core::Result<Reply> {
               std::int64_t n = 20;
               CL_RETURN_IF_ERROR(IntParam(req, "limit", n, 1, 200));
               bool archived = false;
               CL_RETURN_IF_ERROR(BoolParam(req, "include_archived", archived));
               const std::string category = req.get_param_value("category");
               const auto& known = api.ctx.config.categories;
               if (!category.empty() &&
                   std::find(known.begin(), known.end(), category) == known.end()) {
                 return Status::Invalid("category", "unknown category '" + category + "'");
               }
               return ReplyOf(
                   d::ManageKnowledge(api.ctx).Search(who, req.get_param_value("q"), category,
                                                      archived, static_cast<int>(n)),
                   200, [](const std::vector<d::KnowledgeArticle>& list) {
                     json items = json::array();
                     for (const auto& a : list) items.push_back(ArticleJson(a));
                     return json{{"items", std::move(items)}};
                   });
             }));
  server.Get(R"(/api/v1/knowledge/(\d{1,18}))",
             Authed(api, [&api](const httplib::Request& req, const d::Principal& who) {
               return ReplyOf(
                   d::ManageKnowledge(api.ctx).Get(who, std::stoll(req.matches[1].str())), 200,
                   ArticleJson);
             }));
  server.Post(
      "/api/v1/knowledge",
      Authed(api,
             [&api](const httplib::Request& req, const d::Principal& who) -> core::Result<Reply> {
               auto input = ParseBody(req, ParseArticle);
               if (!input.ok()) return input.status();
               return ReplyOf(d::ManageKnowledge(api.ctx).Create(who, *input), 201, ArticleJson);
             }));
  server.Patch(
      R"(/api/v1/knowledge/(\d{1,18}))",
      Authed(
          api, [&api](const httplib::Request& req, const d::Principal& who) -> core::Result<Reply> {
            auto input = ParseBody(req, ParseArticle);
            if (!input.ok()) return input.status();
            return ReplyOf(
                d::ManageKnowledge(api.ctx).Update(who, std::stoll(req.matches[1].str()), *input),
                200, ArticleJson);
          }));
  constexpr const char* kRulesPath = R"(/api/v1/config/rules/([a-z_]+))";
  server.Get(kRulesPath, Authed(api, [&api](const httplib::Request& req, const d::Principal& who) {
               return ReplyOf(d::ManageTextRules(api.ctx).Get(who, req.matches[1]), 200, RulesJson);
             }));
  server.Put(
      kRulesPath,
      Authed(api,
             [&api](const httplib::Request& req, const d::Principal& who) -> core::Result<Reply> {
               auto text = TextBody(req);
               if (!text.ok()) return text.status();
               return ReplyOf(d::ManageTextRules(api.ctx).Replace(who, req.matches[1], *text), 200,
                              RulesJson);
             }));
  server.Delete(
      kRulesPath, Authed(api, [&api](const httplib::Request& req, const d::Principal& who) {
        return ReplyOf(d::ManageTextRules(api.ctx).Reset(who, req.matches[1]), 200, RulesJson);
      }));
  server.Post(
      "/api/v1/analysis/try",
      Authed(api,
             [&api](const httplib::Request& req, const d::Principal& who) -> core::Result<Reply> {
               auto body = BodyObject(req);
               if (!body.ok()) return body.status();
               JsonReader r(*body);
               CL_RETURN_IF_ERROR(r.OnlyKnown({"text"}));
               std::string text;
               CL_RETURN_IF_ERROR(r.String("text", text));
               return ReplyOf(
                   d::ManageTextRules(api.ctx).Try(who, text), 200, [](const d::TextAnalysis& a) {
                     return json{
                         {"sentiment", Round3(a.sentiment)},
                         {"agitation", a.agitation},
                         {"suggested_type",
                          a.suggested_type ? json(d::ToString(*a.suggested_type)) : json(nullptr)},
                         {"type_confidence", Round3(a.type_confidence)},
                         {"suggested_category", a.suggested_category},
                         {"category_confidence", Round3(a.category_confidence)},
                         {"flags", a.flags},
                         {"rules_fired", a.rules_fired}};
                   });
             }));
  server.Get("/api/v1/dictionary",
             Authed(api, [&api](const httplib::Request&, const d::Principal& who) {
               return ReplyOf(d::ManageDictionary(api.ctx).List(who), 200,
                              [](const std::vector<std::string>& words) {
                                return json{{"words", words}};
                              });
             }));
  server.Post(
      "/api/v1/dictionary",
      Authed(api,
             [&api](const httplib::Request& req, const d::Principal& who) -> core::Result<Reply> {
               auto body = BodyObject(req);
               if (!body.ok()) return body.status();
               Status error;
               auto words = Words(*body, error);
               if (!error.ok()) return error;
               return ReplyOf(d::ManageDictionary(api.ctx).Add(who, words), 200, [](int added) {
                 return json{{"added", added}};
               });
             }));
  server.Delete(
      R"(/api/v1/dictionary/([^/]+))",
      Authed(api,
             [&api](const httplib::Request& req, const d::Principal& who) -> core::Result<Reply> {
               Status removed = d::ManageDictionary(api.ctx).Remove(
                   who, httplib::detail::decode_url(req.matches[1].str(), false));
               if (!removed.ok()) return removed;
               return Reply{204, nullptr};
             }));
}

}  // namespace closeloop::http
