// The rules classifier for a cold start: weighted keywords per label, synonyms as
// more keywords of the label, and negation (a keyword right after 不 / 没 / 无 / 未 / "no" /
// "not" does not count). Default rules for complaint type and category ship with the product.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace closeloop::text {

struct Keyword {
  std::string text;  // normalised (simplified, lower case)
  double weight = 1;
};

struct Classification {
  std::string label;                 // empty when no rule matched
  double confidence = 0;             // share of the winning label in all matched weight, 0..1
  std::vector<std::string> matched;  // "label:keyword" of every rule that fired
};

class RulesClassifier {
 public:
  explicit RulesClassifier(std::map<std::string, std::vector<Keyword>> rules)
      : rules_(std::move(rules)) {}
  Classification Classify(std::string_view normalized) const;
  const std::map<std::string, std::vector<Keyword>>& rules() const { return rules_; }

 private:
  std::map<std::string, std::vector<Keyword>> rules_;
};

using RuleTable = std::map<std::string, std::vector<Keyword>>;

// Rules as admins write them, one label per line (a label may have several lines):
//   # a comment
//   quality: 发霉:2 变质:2 异物 stopped_working
// Keywords are separated by spaces, `:N` gives a weight in (0, 10] (default 1), `_` stands for a
// space. Every label must be one of `labels`. Errors are invalid_argument on field "text" with
// "line N: reason"; nothing is returned then.
core::Result<RuleTable> ParseRules(std::string_view text, const std::vector<std::string>& labels);
// The same format back, one line per label.
std::string FormatRules(const RuleTable& rules);

// Complaint types: inquiry, quality, service, suggestion, malicious.
RulesClassifier DefaultTypeRules();
// Categories: product_quality, logistics, after_sales, price_advertising (other when none).
RulesClassifier DefaultCategoryRules();
// Health and safety (ISO 10002 initial assessment): one label, "safety", for harm to a person
// or a pet (poisoning, injury, choking, fire, electric shock), in Chinese and English.
RulesClassifier DefaultSafetyRules();

}  // namespace closeloop::text
