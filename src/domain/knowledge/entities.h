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
  bool active = true;
  std::optional<Id> author_id;
  UnixMillis created_at = 0;
  UnixMillis updated_at = 0;
};

}  // namespace closeloop::domain
