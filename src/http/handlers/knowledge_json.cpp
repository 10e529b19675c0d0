// The JSON shapes of knowledge articles and a complaint's suggestions.
#include "http/handlers/knowledge_json.h"

#include <cstdint>

#include "core/time_format.h"
#include "http/handlers/json_fields.h"
#include "http/json_reader.h"

namespace closeloop::http {

using json = nlohmann::ordered_json;
namespace d = domain;

json ToJson(const d::KnowledgeArticle& a) {
  return {
      {"id", a.id},
      {"title", a.title},
      {"body", a.body},
      {"category", a.category.empty() ? json(nullptr) : json(a.category)},
      {"tags", a.tags},
      {"active", a.active},
      {"state", a.State()},
      {"level", a.level},
      {"product_line", a.product_line},
      {"version", a.version},
      {"source_complaint_id", a.source_complaint_id ? json(*a.source_complaint_id) : json(nullptr)},
      {"author_id", a.author_id ? json(*a.author_id) : json(nullptr)},
      {"created_at", core::FormatIso8601(a.created_at)},
      {"updated_at", core::FormatIso8601(a.updated_at)}};
}

json ToJson(const d::Suggestions& s) {
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

core::Result<d::ArticleInput> ParseArticleInput(const json& body) {
  JsonReader r(body);
  CL_RETURN_IF_ERROR(r.OnlyKnown(
      {"title", "body", "category", "tags", "active", "level", "product_line", "state"}));
  d::ArticleInput in;
  CL_RETURN_IF_ERROR(r.String("title", in.title));
  CL_RETURN_IF_ERROR(r.String("body", in.body));
  CL_RETURN_IF_ERROR(r.String("category", in.category));
  CL_RETURN_IF_ERROR(r.String("tags", in.tags));
  CL_RETURN_IF_ERROR(r.Bool("active", in.active));
  CL_RETURN_IF_ERROR(r.String("level", in.level));
  CL_RETURN_IF_ERROR(r.String("product_line", in.product_line));
  CL_RETURN_IF_ERROR(r.String("state", in.state));
  return in;
}

}  // namespace closeloop::http
