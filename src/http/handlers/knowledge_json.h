// The JSON shapes of knowledge articles and a complaint's suggestions (similar cases, solution
// options, compensation, articles, reply draft). Field names are the public contract in
// docs/api.md.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/knowledge/entities.h"
#include "domain/knowledge/knowledge.h"
#include "domain/knowledge/suggestions.h"

namespace closeloop::http {

nlohmann::ordered_json ToJson(const domain::KnowledgeArticle& article);
nlohmann::ordered_json ToJson(const domain::Suggestions& suggestions);
core::Result<domain::ArticleInput> ParseArticleInput(const nlohmann::ordered_json& body);

}  // namespace closeloop::http
