// Storage of knowledge articles.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/knowledge/entities.h"
#include "domain/model/ids.h"

namespace closeloop::domain {

struct ArticleQuery {
  std::vector<std::string> terms;  // any may match; 1-2 character Chinese terms too
  std::string category;            // empty: any
  bool include_inactive = false;
  int limit = 20;
};

class KnowledgeRepository {
 public:
  virtual ~KnowledgeRepository() = default;
  virtual Id Insert(const KnowledgeArticle& article) = 0;
  virtual void Update(const KnowledgeArticle& article) = 0;
  virtual std::optional<KnowledgeArticle> Find(Id id) = 0;
  // Articles containing any of the terms (all articles when there are none), newest first.
  virtual std::vector<KnowledgeArticle> Search(const ArticleQuery& query) = 0;
  // Versions: the article as each save left it, oldest first.
  virtual void InsertVersion(const KnowledgeArticle& article, std::optional<Id> by,
                             UnixMillis at) = 0;
  virtual std::vector<ArticleVersion> Versions(Id article_id) = 0;
  // Usage: once per article, kind (suggested, opened, used) and complaint.
  virtual void RecordUsage(Id article_id, Id complaint_id, const std::string& kind,
                           std::optional<Id> by, UnixMillis at) = 0;
  virtual ArticleUsage UsageOf(Id article_id) = 0;
  // The articles already counted with `kind` for a complaint.
  virtual std::vector<Id> ArticlesUsedFor(Id complaint_id, const std::string& kind) = 0;
  // The domain dictionary's added words, sorted.
  virtual std::vector<std::string> DomainWords() = 0;
  // Adds a word; false when it was there already.
  virtual bool AddDomainWord(const std::string& word, std::optional<Id> by, UnixMillis at) = 0;
  // Removes a word; false when it was not there.
  virtual bool RemoveDomainWord(const std::string& word) = 0;
};

}  // namespace closeloop::domain
