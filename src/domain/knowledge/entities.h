// Knowledge articles.
#pragma once

#include <optional>
#include <string>

#include "domain/model/ids.h"

namespace closeloop::domain {

// A knowledge-base article agents and suggestions draw on.
struct KnowledgeArticle {
  Id id = 0;
  std::string title;
  std::string body;
  std::string category;  // a taxonomy category, or empty for all
  std::string tags;      // space-separated words
  bool active = true;    // published; inactive and not a draft: archived
  std::optional<Id> author_id;
  UnixMillis created_at = 0;
  UnixMillis updated_at = 0;
  std::string level = "basic";            // basic, advanced, expert
  std::string product_line;               // empty: any
  bool draft = false;                     // a draft is never active
  std::optional<Id> source_complaint_id;  // promoted from this resolved complaint
  int version = 1;
  // draft, published or archived.
  std::string State() const { return draft ? "draft" : active ? "published" : "archived"; }
};

// One version of an article, as it was saved, and who saved it.
struct ArticleVersion {
  int version = 1;
  std::string title, body, category, tags, level, product_line, state;
  std::optional<Id> changed_by;
  UnixMillis changed_at = 0;
};

// How an article was used: on how many complaints it was opened and used in a reply, and how
// many of those whose latest survey answer was satisfied (CSAT 4-5) — "helped".
struct ArticleUsage {
  int suggested = 0;  // complaints whose suggestions showed it
  int opened = 0;
  int used = 0;
  int helped = 0;
};

}  // namespace closeloop::domain
