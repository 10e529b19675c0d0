// SQLite repositories for how complaints ended (resolutions) and for the knowledge base.
#include <algorithm>
#include <set>

#include "core/text.h"
#include "domain/complaint/entities.h"
#include "domain/complaint/repository.h"
#include "domain/knowledge/entities.h"
#include "domain/knowledge/repository.h"
#include "domain/model/enums.h"
#include "domain/model/ids.h"
#include "store/sqlite/query_helpers.h"
#include "store/sqlite/repositories.h"

namespace closeloop::store::sqlite {

namespace {

domain::Resolution ReadResolution(const Query& q) {
  domain::Resolution r;
  r.complaint_id = q.Int(0);
  r.remedy = domain::ParseRemedy(q.Text(1)).value_or(domain::Remedy::kOther);
  r.compensation_cents = q.Int(2);
  r.summary = q.Text(3);
  r.resolved_by = q.OptInt(4);
  r.resolved_at = q.Int(5);
  return r;
}

constexpr const char* kResolutionColumns =
    "SELECT complaint_id, remedy, compensation_cents, summary, resolved_by, resolved_at "
    "FROM resolutions ";

constexpr const char* kArticleColumns =
    "SELECT id, title, body, category, tags, active, author_id, created_at, updated_at, level, "
    "product_line, draft, source_complaint_id, version FROM knowledge_articles ";

domain::KnowledgeArticle ReadArticle(const Query& q) {
  domain::KnowledgeArticle a;
  a.id = q.Int(0);
  a.title = q.Text(1);
  a.body = q.Text(2);
  a.category = q.Text(3);
  a.tags = q.Text(4);
  a.active = q.Int(5) != 0;
  a.author_id = q.OptInt(6);
  a.created_at = q.Int(7);
  a.updated_at = q.Int(8);
  a.level = q.Text(9);
  a.product_line = q.Text(10);
  a.draft = q.Int(11) != 0;
  a.source_complaint_id = q.OptInt(12);
  a.version = static_cast<int>(q.Int(13));
  return a;
}

// An FTS5 phrase query for one term: the term in double quotes, inner quotes doubled.
std::string FtsPhrase(const std::string& term) {
  std::string out = "\"";
  for (char c : term) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

void SqliteOutcomes::SaveResolution(const domain::Resolution& r) {
  // Delete then insert, so a resolution recorded again gets a new sequence number and the
  // similar-case index learns it again.
  Query del(c_, "DELETE FROM resolutions WHERE complaint_id = ?");
  del.Bind(r.complaint_id).Run();
  Query q(c_,
          "INSERT INTO resolutions (complaint_id, remedy, compensation_cents, summary, "
          "resolved_by, resolved_at) VALUES (?, ?, ?, ?, ?, ?)");
  q.Bind(r.complaint_id)
      .Bind(domain::ToString(r.remedy))
      .Bind(r.compensation_cents)
      .Bind(r.summary)
      .Bind(r.resolved_by)
      .Bind(r.resolved_at)
      .Run();
}

std::optional<domain::Resolution> SqliteOutcomes::FindResolution(Id complaint_id) {
  return QueryOne<domain::Resolution>(
      c_, std::string(kResolutionColumns) + "WHERE complaint_id = ?", complaint_id, ReadResolution);
}

std::vector<domain::Resolution> SqliteOutcomes::ResolutionsOf(const std::vector<Id>& ids) {
  std::vector<domain::Resolution> out;
  for (Id id : ids) {
    if (auto r = FindResolution(id)) out.push_back(std::move(*r));
  }
  return out;
}

std::vector<domain::ResolvedCase> SqliteOutcomes::ResolvedSince(std::int64_t sequence, int limit) {
  Query q(c_,
          "SELECT r.seq, c.id, c.title, c.description FROM resolutions r "
          "JOIN complaints c ON c.id = r.complaint_id WHERE r.seq > ? ORDER BY r.seq LIMIT ?");
  q.Bind(sequence).Bind(limit);
  std::vector<domain::ResolvedCase> out;
  while (q.Next()) out.push_back({q.Int(0), q.Int(1), q.Text(2), q.Text(3)});
  return out;
}

std::vector<domain::OutcomeRepository::RemedyStats> SqliteOutcomes::RemedyStatistics() {
  // The category an agent set, else the one analysis suggested.
  return QueryAll<RemedyStats>(
      c_,
      "SELECT coalesce(nullif(c.category, ''), a.suggested_category, '') AS cat, r.remedy, "
      "count(*), count(s.csat), coalesce(avg(s.csat), 0) FROM resolutions r "
      "JOIN complaints c ON c.id = r.complaint_id "
      "LEFT JOIN complaint_analysis a ON a.complaint_id = c.id "
      "LEFT JOIN (SELECT complaint_id, max(csat) AS csat FROM survey_responses "
      "           GROUP BY complaint_id) s ON s.complaint_id = c.id "
      "GROUP BY cat, r.remedy",
      [](const Query& q) {
        RemedyStats st;
        st.category = q.Text(0);
        st.remedy = domain::ParseRemedy(q.Text(1)).value_or(domain::Remedy::kOther);
        st.cases = static_cast<int>(q.Int(2));
        st.surveyed = static_cast<int>(q.Int(3));
        st.mean_csat = q.Double(4);
        return st;
      });
}

Id SqliteKnowledge::Insert(const domain::KnowledgeArticle& a) {
  Query q(c_,
          "INSERT INTO knowledge_articles (title, body, category, tags, active, author_id, "
          "created_at, updated_at, level, product_line, draft, source_complaint_id, version) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  q.Bind(a.title)
      .Bind(a.body)
      .Bind(a.category)
      .Bind(a.tags)
      .Bind(a.active)
      .Bind(a.author_id)
      .Bind(a.created_at)
      .Bind(a.updated_at)
      .Bind(a.level)
      .Bind(a.product_line)
      .Bind(a.draft)
      .Bind(a.source_complaint_id)
      .Bind(a.version)
      .Run();
  return c_.LastInsertId();
}

void SqliteKnowledge::Update(const domain::KnowledgeArticle& a) {
  Query q(c_,
          "UPDATE knowledge_articles SET title = ?, body = ?, category = ?, tags = ?, "
          "active = ?, updated_at = ?, level = ?, product_line = ?, draft = ?, version = ? "
          "WHERE id = ?");
  q.Bind(a.title)
      .Bind(a.body)
      .Bind(a.category)
      .Bind(a.tags)
      .Bind(a.active)
      .Bind(a.updated_at)
      .Bind(a.level)
      .Bind(a.product_line)
      .Bind(a.draft)
      .Bind(a.version)
      .Bind(a.id)
      .Run();
}

void SqliteKnowledge::InsertVersion(const domain::KnowledgeArticle& a, std::optional<Id> by,
                                    UnixMillis at) {
  Query q(c_,
          "INSERT INTO knowledge_versions (article_id, version, title, body, category, tags, "
          "level, product_line, state, changed_by, changed_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  q.Bind(a.id)
      .Bind(a.version)
      .Bind(a.title)
      .Bind(a.body)
      .Bind(a.category)
      .Bind(a.tags)
      .Bind(a.level)
      .Bind(a.product_line)
      .Bind(a.State())
      .Bind(by)
      .Bind(at)
      .Run();
}

std::vector<domain::ArticleVersion> SqliteKnowledge::Versions(Id article_id) {
  Query q(c_,
          "SELECT version, title, body, category, tags, level, product_line, state, changed_by, "
          "changed_at FROM knowledge_versions WHERE article_id = ? ORDER BY version");
  q.Bind(article_id);
  std::vector<domain::ArticleVersion> out;
  while (q.Next()) {
    domain::ArticleVersion v;
    v.version = static_cast<int>(q.Int(0));
    v.title = q.Text(1);
    v.body = q.Text(2);
    v.category = q.Text(3);
    v.tags = q.Text(4);
    v.level = q.Text(5);
    v.product_line = q.Text(6);
    v.state = q.Text(7);
    v.changed_by = q.OptInt(8);
    v.changed_at = q.Int(9);
    out.push_back(std::move(v));
  }
  return out;
}

void SqliteKnowledge::RecordUsage(Id article_id, Id complaint_id, const std::string& kind,
                                  std::optional<Id> by, UnixMillis at) {
  Query q(c_,
          "INSERT OR IGNORE INTO knowledge_usage (article_id, complaint_id, kind, user_id, at) "
          "VALUES (?, ?, ?, ?, ?)");
  q.Bind(article_id).Bind(complaint_id).Bind(kind).Bind(by).Bind(at).Run();
}

domain::ArticleUsage SqliteKnowledge::UsageOf(Id article_id) {
  domain::ArticleUsage u;
  Query q(c_, "SELECT kind, count(*) FROM knowledge_usage WHERE article_id = ? GROUP BY kind");
  q.Bind(article_id);
  while (q.Next()) {
    const std::string kind = q.Text(0);
    (kind == "opened"      ? u.opened
     : kind == "suggested" ? u.suggested
                           : u.used) = static_cast<int>(q.Int(1));
  }
  // Helped: complaints that used it whose latest survey answer was satisfied.
  Query helped(c_,
               "SELECT count(*) FROM knowledge_usage k WHERE k.article_id = ? AND k.kind = 'used' "
               "AND (SELECT s.csat FROM survey_responses s WHERE s.complaint_id = k.complaint_id "
               "     ORDER BY s.answered_at DESC, s.id DESC LIMIT 1) >= 4");
  helped.Bind(article_id);
  if (helped.Next()) u.helped = static_cast<int>(helped.Int(0));
  return u;
}

std::vector<Id> SqliteKnowledge::ArticlesUsedFor(Id complaint_id, const std::string& kind) {
  Query q(c_, "SELECT article_id FROM knowledge_usage WHERE complaint_id = ? AND kind = ?");
  q.Bind(complaint_id).Bind(kind);
  std::vector<Id> out;
  while (q.Next()) out.push_back(q.Int(0));
  return out;
}

std::optional<domain::KnowledgeArticle> SqliteKnowledge::Find(Id id) {
  return QueryOne<domain::KnowledgeArticle>(c_, std::string(kArticleColumns) + "WHERE id = ?", id,
                                            ReadArticle);
}

std::vector<domain::KnowledgeArticle> SqliteKnowledge::Search(const domain::ArticleQuery& query) {
  const std::string filter = std::string(query.include_inactive ? "1" : "active = 1") +
                             " AND (? = '' OR category = '' OR category = ?)";
  std::vector<domain::KnowledgeArticle> out;
  if (query.terms.empty()) {
    Query q(c_, std::string(kArticleColumns) + "WHERE " + filter +
                    " ORDER BY updated_at DESC, id DESC LIMIT ?");
    q.Bind(query.category).Bind(query.category).Bind(query.limit);
    while (q.Next()) out.push_back(ReadArticle(q));
    return out;
  }
  // Candidates from each term: the trigram index for 3+ characters, instr() below that.
  std::set<Id> ids;
  for (const std::string& term : query.terms) {
    if (term.empty()) continue;
    if (core::Utf8Length(term) >= 3) {
      Query q(c_,
              "SELECT rowid FROM knowledge_fts WHERE knowledge_fts MATCH ? "
              "ORDER BY rank LIMIT 200");
      q.Bind(FtsPhrase(term));
      while (q.Next()) ids.insert(q.Int(0));
    } else {
      Query q(c_,
              "SELECT id FROM knowledge_articles WHERE instr(title, ?1) > 0 "
              "OR instr(body, ?1) > 0 OR instr(tags, ?1) > 0 LIMIT 200");
      q.Bind(term);
      while (q.Next()) ids.insert(q.Int(0));
    }
  }
  for (Id id : ids) {
    Query q(c_, std::string(kArticleColumns) + "WHERE id = ? AND " + filter);
    q.Bind(id).Bind(query.category).Bind(query.category);
    if (q.Next()) out.push_back(ReadArticle(q));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.updated_at != b.updated_at ? a.updated_at > b.updated_at : a.id > b.id;
  });
  if (out.size() > static_cast<size_t>(query.limit)) out.resize(query.limit);
  return out;
}

std::vector<std::string> SqliteKnowledge::DomainWords() {
  return QueryAll<std::string>(c_, "SELECT word FROM dictionary_words ORDER BY word",
                               [](const Query& q) { return q.Text(0); });
}

bool SqliteKnowledge::AddDomainWord(const std::string& word, std::optional<Id> by, UnixMillis at) {
  Query q(c_,
          "INSERT INTO dictionary_words (word, added_by, created_at) VALUES (?, ?, ?) "
          "ON CONFLICT (word) DO NOTHING");
  q.Bind(word).Bind(by).Bind(at).Run();
  return c_.Changes() > 0;
}

bool SqliteKnowledge::RemoveDomainWord(const std::string& word) {
  Query q(c_, "DELETE FROM dictionary_words WHERE word = ?");
  q.Bind(word).Run();
  return c_.Changes() > 0;
}

}  // namespace closeloop::store::sqlite
