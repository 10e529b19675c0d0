#include "domain/knowledge/suggestions.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/text.h"
#include "domain/analysis/entities.h"
#include "domain/analysis/repository.h"
#include "domain/complaint/complaint_support.h"
#include "domain/complaint/entities.h"
#include "domain/complaint/repository.h"
#include "domain/knowledge/entities.h"
#include "domain/knowledge/reply_templates.h"
#include "domain/knowledge/repository.h"
#include "domain/model/ids.h"
#include "domain/survey/entities.h"
#include "domain/survey/repository.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

using core::Status;

namespace {

// Remedies a category offers before there is any history (R-2.6 asks for three at least).
const std::vector<Remedy>& PolicyRemedies(const DomainConfig& config, const std::string& category) {
  for (const auto& [listed, remedies] : config.category_remedies) {
    if (listed == category) return remedies;
  }
  return config.default_remedies;
}

std::int64_t Median(std::vector<std::int64_t> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

bool Has(const std::vector<SolutionOption>& options, Remedy r) {
  return std::any_of(options.begin(), options.end(), [&](const auto& o) { return o.remedy == r; });
}

// Options from the similar cases: each remedy weighted by the similarity of the cases that got
// it; ranked by that weight, with satisfaction as the tie-breaker.
std::vector<SolutionOption> OptionsFromSimilar(const std::vector<std::pair<Id, double>>& hits,
                                               const std::map<Id, Resolution>& resolutions,
                                               const std::map<Id, SurveyResponse>& surveys) {
  struct Tally {
    double weight = 0;
    int cases = 0;
    int surveyed = 0;
    double csat_sum = 0;
    std::vector<std::int64_t> compensations;
  };
  std::map<Remedy, Tally> tallies;
  double total = 0;
  for (const auto& [id, similarity] : hits) {
    auto r = resolutions.find(id);
    if (r == resolutions.end()) continue;
    Tally& t = tallies[r->second.remedy];
    t.weight += similarity;
    total += similarity;
    ++t.cases;
    if (r->second.compensation_cents > 0) t.compensations.push_back(r->second.compensation_cents);
    auto s = surveys.find(id);
    if (s != surveys.end() && s->second.csat) {
      ++t.surveyed;
      t.csat_sum += *s->second.csat;
    }
  }
  std::vector<std::pair<double, SolutionOption>> ranked;
  for (const auto& [remedy, t] : tallies) {
    SolutionOption o;
    o.remedy = remedy;
    o.basis = "similar_cases";
    o.cases = t.cases;
    o.share = total > 0 ? t.weight / total : 0;
    o.surveyed = t.surveyed;
    if (t.surveyed > 0) o.mean_csat = t.csat_sum / t.surveyed;
    if (!t.compensations.empty()) o.typical_compensation_cents = Median(t.compensations);
    ranked.emplace_back(t.weight + (o.mean_csat ? *o.mean_csat / 100 : 0), o);
  }
  std::sort(ranked.begin(), ranked.end(),
            [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<SolutionOption> out;
  for (auto& [_, o] : ranked) out.push_back(std::move(o));
  return out;
}

// Terms of `terms` found in the article, and a score: title matches count thrice, longer terms
// more, an article of the complaint's category gets a bonus.
ArticleHit ScoreArticle(const KnowledgeArticle& a, const std::vector<std::string>& terms,
                        const std::string& category) {
  ArticleHit hit;
  hit.article = a;
  const std::string title = core::AsciiLower(a.title);
  const std::string body = core::AsciiLower(a.body + " " + a.tags);
  size_t first = std::string::npos;
  for (const std::string& term : terms) {
    const double weight = static_cast<double>(std::min<size_t>(core::Utf8Length(term), 4));
    const bool in_title = title.find(term) != std::string::npos;
    const size_t at = body.find(term);
    if (!in_title && at == std::string::npos) continue;
    hit.matched_terms.push_back(term);
    hit.score += weight * (in_title ? 3 : 1);
    if (at != std::string::npos) first = std::min(first, at);
  }
  if (!category.empty() && a.category == category) hit.score += 2;
  // A snippet of about 80 characters around the first match in the body.
  const std::string& source = a.body;
  size_t start = first == std::string::npos || first >= source.size() ? 0 : first;
  size_t back = 0;
  while (start > 0 && back < 20) {
    --start;
    if ((static_cast<unsigned char>(source[start]) & 0xC0) != 0x80) ++back;
  }
  hit.snippet = core::Utf8Prefix(std::string_view(source).substr(start), 80);
  return hit;
}

// Money given in similar cases when there are enough, else the category's policy amounts (the
// demo knowledge base's 50 yuan for quality, 20 for logistics), never above what was claimed.
CompensationSuggestion SuggestCompensation(const std::vector<std::pair<Id, double>>& hits,
                                           const std::map<Id, Resolution>& resolutions,
                                           const std::string& category, const Complaint& c,
                                           std::int64_t limit) {
  CompensationSuggestion out;
  out.approval_limit_cents = limit;
  std::vector<std::int64_t> money;
  for (const auto& [id, similarity] : hits) {
    auto r = resolutions.find(id);
    if (r == resolutions.end()) continue;
    ++out.cases;
    // Refunds give the price back; compensation is what comes on top of it.
    if (r->second.remedy == Remedy::kCompensation && r->second.compensation_cents > 0) {
      money.push_back(r->second.compensation_cents);
    }
  }
  out.cases_with_money = static_cast<int>(money.size());
  if (out.cases >= 3) {
    out.basis = "similar_cases";
    out.suggested = money.size() * 10 >= static_cast<size_t>(out.cases) * 3;  // 30 % or more
    if (out.suggested) out.amount_cents = Median(money);
  } else {
    out.basis = "policy";
    if (category == "product_quality") out.amount_cents = 5000;
    if (category == "logistics") out.amount_cents = 2000;
    out.suggested = out.amount_cents.has_value();
  }
  if (out.amount_cents && c.amount_claimed_cents && *c.amount_claimed_cents > 0) {
    out.amount_cents = std::min(*out.amount_cents, *c.amount_claimed_cents);
  }
  out.needs_approval = out.amount_cents && *out.amount_cents > limit;
  return out;
}

}  // namespace

Status CaseLibrary::Refresh(TransactionRunner& store, UnixMillis now) {
  std::lock_guard lock(mutex_);
  const bool statistics_due = !statistics_at_ || now - *statistics_at_ >= kStatisticsTtl;
  for (;;) {
    std::vector<ResolvedCase> batch;
    std::vector<OutcomeRepository::RemedyStats> statistics;
    Status read = store.Read([&](Repositories& repos) {
      batch = repos.outcomes().ResolvedSince(sequence_, 20000);
      return Status::Ok();
    });
    if (!read.ok()) return read;
    for (const auto& c : batch) {
      index_.Add(c.complaint_id, c.title, c.description);
      sequence_ = c.sequence;
    }
    if (batch.size() < 20000) break;
  }
  if (statistics_due) {
    Status read = store.Read([&](Repositories& repos) {
      statistics_ = repos.outcomes().RemedyStatistics();
      return Status::Ok();
    });
    if (!read.ok()) return read;
    statistics_at_ = now;
  }
  return Status::Ok();
}

std::vector<OutcomeRepository::RemedyStats> CaseLibrary::StatisticsFor(
    const std::string& category) const {
  std::lock_guard lock(mutex_);
  std::vector<OutcomeRepository::RemedyStats> out;
  for (const auto& s : statistics_) {
    if (s.category == category) out.push_back(s);
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.cases > b.cases; });
  return out;
}

core::Status SuggestForComplaint::CountSuggested(Id complaint_id,
                                                 const std::vector<ArticleHit>& shown) const {
  if (shown.empty()) return Status::Ok();
  std::vector<Id> counted;
  CL_RETURN_IF_ERROR(ctx_.store.Read([&](Repositories& repos) {
    counted = repos.knowledge().ArticlesUsedFor(complaint_id, "suggested");
    return Status::Ok();
  }));
  std::vector<Id> fresh;
  for (const ArticleHit& hit : shown) {
    if (std::find(counted.begin(), counted.end(), hit.article.id) == counted.end()) {
      fresh.push_back(hit.article.id);
    }
  }
  if (fresh.empty()) return Status::Ok();
  const UnixMillis now = ctx_.clock.Now();
  return ctx_.store.Write([&](Repositories& repos) {
    for (Id id : fresh)
      repos.knowledge().RecordUsage(id, complaint_id, "suggested", std::nullopt, now);
    return Status::Ok();
  });
}

core::Result<Suggestions> SuggestForComplaint::Execute(const Principal& who,
                                                       const std::string& key) const {
  if (!ctx_.policy.Allows(who, Permission::kComplaintRead)) {
    return Status::Denied("your role may not read complaints");
  }
  Complaint complaint;
  std::optional<TextAnalysis> analysis;
  Status status = ctx_.store.Read([&](Repositories& repos) -> Status {
    auto loaded = LoadVisibleComplaint(repos, ctx_, who, key);
    if (!loaded.ok()) return loaded.status();
    complaint = std::move(loaded.value());
    analysis = repos.analysis().Find(complaint.id);
    return Status::Ok();
  });
  if (!status.ok()) return status;

  Suggestions out;
  out.category = !complaint.category.empty()                         ? complaint.category
                 : analysis && !analysis->suggested_category.empty() ? analysis->suggested_category
                                                                     : "other";

  std::vector<std::pair<Id, double>> hits;
  if (ctx_.cases) {
    CL_RETURN_IF_ERROR(ctx_.cases->Refresh(ctx_.store, ctx_.clock.Now()));
    hits =
        ctx_.cases->index().Similar(complaint.title, complaint.description, kSimilarConsidered + 1);
    hits.erase(std::remove_if(hits.begin(), hits.end(),
                              [&](const auto& h) { return h.first == complaint.id; }),
               hits.end());
  }
  std::vector<std::string> terms;
  if (ctx_.analyzer)
    terms = ctx_.analyzer->KeyTerms(complaint.title + "\n" + complaint.description, 8);

  std::map<Id, Resolution> resolutions;
  std::map<Id, SurveyResponse> surveys;
  std::vector<KnowledgeArticle> articles;
  MessageTemplate draft_template;
  status = ctx_.store.Read([&](Repositories& repos) -> Status {
    draft_template = TemplateInForce(repos, kReplyDraftTemplate, DraftLanguageFor(complaint));
    std::vector<Id> ids;
    for (const auto& h : hits) ids.push_back(h.first);
    for (auto& r : repos.outcomes().ResolutionsOf(ids)) resolutions[r.complaint_id] = r;
    for (auto& s : repos.surveys().SurveyResponsesOf(ids)) surveys[s.complaint_id] = s;
    // Similar cases the caller may see, resolved, most similar first.
    for (const auto& [id, similarity] : hits) {
      if (out.similar.size() >= kSimilarShown) break;
      auto r = resolutions.find(id);
      if (r == resolutions.end()) continue;
      auto c = repos.complaints().FindById(id);
      if (!c || !ctx_.policy.InScope(who, *c)) continue;
      SimilarCase s;
      s.complaint_id = id;
      s.reference = c->reference;
      s.title = c->title;
      s.similarity = similarity;
      s.status = c->status;
      s.remedy = r->second.remedy;
      s.compensation_cents = r->second.compensation_cents;
      s.resolution_summary = r->second.summary;
      auto sv = surveys.find(id);
      if (sv != surveys.end()) s.csat = sv->second.csat;
      out.similar.push_back(std::move(s));
    }
    ArticleQuery query;
    query.terms = terms;
    query.limit = 50;
    articles = repos.knowledge().Search(query);
    return Status::Ok();
  });
  if (!status.ok()) return status;

  out.options = OptionsFromSimilar(hits, resolutions, surveys);
  out.compensation = SuggestCompensation(hits, resolutions, out.category, complaint,
                                         ctx_.config.compensation_approval_cents);
  if (out.options.size() < kMinOptions && ctx_.cases) {
    const auto statistics = ctx_.cases->StatisticsFor(out.category);
    int total = 0;
    for (const auto& s : statistics) total += s.cases;
    for (const auto& s : statistics) {
      if (out.options.size() >= kMinOptions) break;
      if (Has(out.options, s.remedy)) continue;
      SolutionOption o;
      o.remedy = s.remedy;
      o.basis = "category_history";
      o.cases = s.cases;
      o.share = total > 0 ? static_cast<double>(s.cases) / total : 0;
      o.surveyed = s.surveyed;
      if (s.surveyed > 0) o.mean_csat = s.mean_csat;
      out.options.push_back(o);
    }
  }
  for (Remedy r : PolicyRemedies(ctx_.config, out.category)) {
    if (out.options.size() >= kMinOptions) break;
    if (Has(out.options, r)) continue;
    SolutionOption o;
    o.remedy = r;
    o.basis = "policy";
    out.options.push_back(o);
  }

  for (const auto& a : articles) {
    ArticleHit hit = ScoreArticle(a, terms, out.category);
    if (!hit.matched_terms.empty()) out.articles.push_back(std::move(hit));
  }
  std::sort(out.articles.begin(), out.articles.end(), [](const auto& a, const auto& b) {
    return a.score != b.score ? a.score > b.score : a.article.id < b.article.id;
  });
  if (out.articles.size() > kArticlesShown) out.articles.resize(kArticlesShown);
  CL_RETURN_IF_ERROR(CountSuggested(complaint.id, out.articles));

  out.draft =
      DraftReply(complaint, analysis, out.category, ctx_.config, ctx_.clock.Now(), draft_template);
  // A customer who wrote in traditional characters is answered in them.
  if (ctx_.analyzer && out.draft.language != "en" &&
      ctx_.analyzer->LooksTraditional(complaint.title + "\n" + complaint.description)) {
    out.draft.subject = ctx_.analyzer->ToTraditional(out.draft.subject);
    out.draft.body = ctx_.analyzer->ToTraditional(out.draft.body);
    out.draft.language = "zh-Hant";
  }
  out.draft.body = ReadableText(ctx_, who, std::move(out.draft.body));
  out.draft.subject = ReadableText(ctx_, who, std::move(out.draft.subject));
  for (SimilarCase& s : out.similar) s.title = ReadableText(ctx_, who, std::move(s.title));
  return out;
}

}  // namespace closeloop::domain
