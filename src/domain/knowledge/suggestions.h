// Suggestions for handling a complaint: the most similar resolved complaints,
// solution options drawn from how similar cases were resolved and how satisfied those customers
// were, knowledge articles, and a reply draft. Everything is a proposal: the agent decides.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/analysis/entities.h"
#include "domain/analysis/text_analyzer.h"
#include "domain/complaint/entities.h"
#include "domain/complaint/repository.h"
#include "domain/context.h"
#include "domain/knowledge/entities.h"
#include "domain/model/ids.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

// The index of resolved complaints and what the suggestions know about remedies per category.
// Refresh() reads resolutions recorded since the last call (cheap when there are none) and the
// per-category statistics when they are older than kStatisticsTtl. Thread-safe.
class CaseLibrary {
 public:
  static constexpr UnixMillis kStatisticsTtl = 10 * core::kMinute;
  explicit CaseLibrary(SimilarCaseIndex& index) : index_(index) {}
  core::Status Refresh(TransactionRunner& store, UnixMillis now);
  const SimilarCaseIndex& index() const { return index_; }
  std::vector<OutcomeRepository::RemedyStats> StatisticsFor(const std::string& category) const;

 private:
  SimilarCaseIndex& index_;
  mutable std::mutex mutex_;
  std::int64_t sequence_ = 0;
  std::optional<UnixMillis> statistics_at_;
  std::vector<OutcomeRepository::RemedyStats> statistics_;
};

struct SimilarCase {
  Id complaint_id = 0;
  std::string reference;
  std::string title;
  double similarity = 0;
  ComplaintStatus status = ComplaintStatus::kResolved;
  std::optional<Remedy> remedy;
  std::int64_t compensation_cents = 0;
  std::string resolution_summary;
  std::optional<int> csat;
};

// One way to resolve the complaint. `basis` says where it comes from: "similar_cases" (the
// resolved complaints most like this one), "category_history" (all resolved complaints of the
// category) or "policy" (the default remedies of the category, no history yet).
struct SolutionOption {
  Remedy remedy = Remedy::kExplanation;
  std::string basis;
  int cases = 0;     // how many cases it was given in
  double share = 0;  // of the cases considered, weighted by similarity for similar_cases
  int surveyed = 0;
  std::optional<double> mean_csat;                         // 1..5 among those surveyed
  std::optional<std::int64_t> typical_compensation_cents;  // median where money was given
};

// Whether and how much to compensate on top of any refund: from what similar cases
// received as compensation when there are at least three (suggested when 30 % or more got
// some; the median amount), else from the category's policy; above the approval limit a
// manager decides.
struct CompensationSuggestion {
  bool suggested = false;
  std::optional<std::int64_t> amount_cents;
  std::string basis;  // similar_cases or policy
  int cases = 0;      // similar resolved cases considered
  int cases_with_money = 0;
  bool needs_approval = false;
  std::int64_t approval_limit_cents = 0;
};

struct ArticleHit {
  KnowledgeArticle article;
  double score = 0;
  std::vector<std::string> matched_terms;
  std::string snippet;
};

struct ReplyDraft {
  std::string language;  // zh-CN or en
  std::string subject;
  std::string body;
};

struct Suggestions {
  std::string category;  // the one used: the complaint's, else the suggested one
  std::vector<SimilarCase> similar;
  std::vector<SolutionOption> options;  // at least three
  CompensationSuggestion compensation;
  std::vector<ArticleHit> articles;
  ReplyDraft draft;
};

// The language a complaint is answered in: "en" for an English text, else "zh-CN".
std::string DraftLanguageFor(const Complaint& complaint);

// The reply draft for a complaint from the admin-editable template of its language
// (reply_templates.h): acknowledgement and first response by type and category, with the
// reference number, the response promise in the organisation's time, a soothing opening for
// agitated customers and always a way to reach a person. `now` keeps the promise in the future:
// a complaint whose first promise has passed is promised an answer within the promise hours from
// now. An English title is quoted in whole words.
struct MessageTemplate;
ReplyDraft DraftReply(const Complaint& complaint, const std::optional<TextAnalysis>& analysis,
                      const std::string& category, const DomainConfig& config, UnixMillis now,
                      const MessageTemplate& draft_template);

class SuggestForComplaint {
 public:
  static constexpr size_t kSimilarShown = 5;
  static constexpr size_t kSimilarConsidered = 50;
  static constexpr size_t kArticlesShown = 5;
  static constexpr size_t kMinOptions = 3;
  explicit SuggestForComplaint(const Context& ctx) : ctx_(ctx) {}
  core::Result<Suggestions> Execute(const Principal& who, const std::string& key) const;

 private:
  // Counts each article shown as "suggested" once per complaint; writes only the first
  // time an article is shown for the complaint.
  core::Status CountSuggested(Id complaint_id, const std::vector<ArticleHit>& shown) const;
  const Context& ctx_;
};

}  // namespace closeloop::domain
