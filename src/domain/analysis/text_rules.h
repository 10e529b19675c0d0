// Admins edit the type and category rules of the analysis through the API. A rule
// set with a syntax error is refused with the line and the reason, and the rules in force stay;
// accepted rules are stored and take effect in the running analyzer at once.
#pragma once

#include <string>

#include "core/status.h"
#include "domain/analysis/entities.h"
#include "domain/context.h"

namespace closeloop::domain {

struct TextRules {
  std::string rule_set;  // "type" or "category"
  bool custom = false;   // false: the shipped defaults
  std::string text;
};

class ManageTextRules {
 public:
  explicit ManageTextRules(const Context& ctx) : ctx_(ctx) {}
  core::Result<TextRules> Get(const Principal& who, const std::string& rule_set) const;
  core::Result<TextRules> Replace(const Principal& who, const std::string& rule_set,
                                  const std::string& text) const;
  // Back to the shipped defaults.
  core::Result<TextRules> Reset(const Principal& who, const std::string& rule_set) const;
  // What the rules in force make of a text: suggested type and category with the rules fired.
  core::Result<TextAnalysis> Try(const Principal& who, const std::string& text) const;
  // Hands stored rules to the analyzer at start; stored rules that no longer parse are an error.
  core::Status Load() const;

 private:
  core::Status CheckSet(const std::string& rule_set) const;
  std::vector<std::string> LabelsOf(const std::string& rule_set) const;
  const Context& ctx_;
};

}  // namespace closeloop::domain
