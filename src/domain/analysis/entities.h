// What text analysis found, and the trained model versions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/model/enums.h"
#include "domain/model/ids.h"

namespace closeloop::domain {

// What text analysis found in a complaint: emotion, suggested type and category from the
// rules, and flags for the routing that follows. Suggestions only: agents set the real values.
struct TextAnalysis {
  double sentiment = 0;  // -1 … 1
  int agitation = 0;     // 0 … 100
  std::optional<ComplaintType> suggested_type;
  double type_confidence = 0;
  std::string suggested_category;
  double category_confidence = 0;
  // high_agitation, duplicate, template_mass, repeat_7d, repeat_30d, gibberish, abusive
  std::vector<std::string> flags;
  std::vector<std::string> rules_fired;  // "quality:发霉"
  std::uint64_t fingerprint = 0;         // SimHash of the text, for duplicate lookup
  std::optional<Id> duplicate_of;        // an earlier complaint with (nearly) the same text
  std::string sources;                   // "type:model-v3 category:rules"
  UnixMillis analyzed_at = 0;
};

// A trained text model of one task: type, category or sentiment.
struct ModelVersion {
  Id id = 0;
  std::string task;
  int version = 0;
  std::string path;
  std::string source;  // "retrain" (agents' labels in the database) or "install" (a file)
  int training_rows = 0;
  int holdout_rows = 0;
  std::optional<double> holdout_accuracy;
  std::optional<double> rules_accuracy;  // the rules on the same held-out examples
  double threshold = 0.6;                // below this probability the rules decide
  bool active = false;
  UnixMillis created_at = 0;
};

}  // namespace closeloop::domain
