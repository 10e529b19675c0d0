// The knowledge base: articles agents read and suggestions cite; the domain
// dictionary admins extend; satisfaction answers stored with their comment's emotion
//
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/context.h"
#include "domain/knowledge/entities.h"
#include "domain/model/ids.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

struct ArticleInput {
  std::optional<std::string> title;
  std::optional<std::string> body;
  std::optional<std::string> category;
  std::optional<std::string> tags;
  std::optional<bool> active;               // false archives, true publishes
  std::optional<std::string> level;         // basic, advanced, expert
  std::optional<std::string> product_line;  // empty: any
  std::optional<std::string> state;         // draft, published, archived
};

class ManageKnowledge {
 public:
  static constexpr size_t kMaxTitleChars = 200;
  static constexpr size_t kMaxBodyChars = 50000;
  explicit ManageKnowledge(const Context& ctx) : ctx_(ctx) {}
  // Title and body are required.
  core::Result<KnowledgeArticle> Create(const Principal& who, const ArticleInput& input) const;
  // Changes the fields given; `active: false` archives the article.
  core::Result<KnowledgeArticle> Update(const Principal& who, Id id,
                                        const ArticleInput& input) const;
  // Drafts are for editors only (404 to others).
  core::Result<KnowledgeArticle> Get(const Principal& who, Id id) const;
  // Every version with who saved it (whoever may read the article).
  core::Result<std::vector<ArticleVersion>> Versions(const Principal& who, Id id) const;
  core::Result<ArticleUsage> Usage(const Principal& who, Id id) const;
  // An agent opened the article on a complaint, or used it in a reply ("opened", "used"); counted
  // once per complaint.
  core::Status RecordUsage(const Principal& who, Id id, const std::string& kind,
                           const std::string& complaint_key) const;
  // A resolved or closed complaint becomes a draft article in one step: the problem (personal
  // data masked), the cause, the solution and what satisfied the customer, with its category and
  // product line (knowledge.manage).
  core::Result<KnowledgeArticle> Promote(const Principal& who,
                                         const std::string& complaint_key) const;
  // Articles containing any word of `text` (split on spaces; 1-character terms work too).
  core::Result<std::vector<KnowledgeArticle>> Search(const Principal& who, const std::string& text,
                                                     const std::string& category,
                                                     bool include_inactive, int limit) const;

 private:
  core::Status Check(const ArticleInput& input, bool creating) const;
  const Context& ctx_;
};

// The words admins added to the domain dictionary. Changes take effect in the running analyzer
// at once; Load() hands the stored words to the analyzer at start.
class ManageDictionary {
 public:
  static constexpr size_t kMaxWordChars = 16;
  explicit ManageDictionary(const Context& ctx) : ctx_(ctx) {}
  core::Result<std::vector<std::string>> List(const Principal& who) const;
  // Adds the words (trimmed, 2-16 characters, no spaces); returns how many were new.
  core::Result<int> Add(const Principal& who, const std::vector<std::string>& words) const;
  core::Status Remove(const Principal& who, const std::string& word) const;
  core::Status Load() const;

 private:
  core::Status Publish(Repositories& repos) const;
  const Context& ctx_;
};

}  // namespace closeloop::domain
