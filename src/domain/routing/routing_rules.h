// Priority rules of routing: configuration, one rule a line, evaluated on every routing
// decision; every rule that fires is recorded with the decision.
//
//   # comment
//   name: condition [and condition …] => action [action …]
//
// A condition is `field op value` (op: = != > >= < <=) or a bare boolean field. Fields:
//   claim_ratio, agitation, sentiment, escalation_level, reopen_count   (numbers)
//   priority, severity                                                  (ordered words)
//   tier, type, category, channel, language, product_line, flag        (words; = and != only;
//                                                    `flag = X` holds when the analysis flagged X)
//   safety                                                              (boolean)
// Actions: priority=up|low|normal|high|urgent (rules only ever raise the priority),
//          seniority=junior|senior|expert (the least seniority of the chosen agent),
//          route_to=agent|team_lead|regional_manager (who may take it).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "domain/model/enums.h"

namespace closeloop::domain {

enum class Seniority { kJunior = 1, kSenior = 2, kExpert = 3 };
enum class RouteTo { kAgent, kTeamLead, kRegionalManager };

const char* ToString(Seniority s);
std::optional<Seniority> ParseSeniority(std::string_view s);
const char* ToString(RouteTo r);

// What a rule's conditions look at: the complaint as routing sees it.
struct RoutingFacts {
  std::optional<double> claim_ratio;  // amount claimed / order amount, when both are known
  int agitation = 0;
  double sentiment = 0;
  int escalation_level = 0;
  int reopen_count = 0;
  Priority priority = Priority::kNormal;
  Severity severity = Severity::kMedium;
  bool safety = false;
  std::string tier;  // vip, regular, new ("" unknown)
  std::string type;
  std::string category;
  std::string channel;
  std::string language;  // zh, en
  std::string product_line;
  std::vector<std::string> flags;
};

struct RuleCondition {
  std::string field;
  std::string op;  // "" for a bare boolean field
  std::string value;
  double number = 0;  // value as a number, or the rank of a priority / severity word
};

struct RoutingRule {
  std::string name;
  std::vector<RuleCondition> conditions;  // all must hold
  std::optional<Priority> priority;       // set to at least this
  bool priority_up = false;               // one step up
  std::optional<Seniority> seniority;
  std::optional<RouteTo> route_to;
  bool Matches(const RoutingFacts& facts) const;
};

struct RoutingRules {
  std::vector<RoutingRule> rules;
  std::string text;  // as written, comments kept
};

// Parses rules text; an error names the line ("line 3: unknown field \"colour\"").
core::Result<RoutingRules> ParseRoutingRules(std::string_view text);
// The rules that ship: claim > 3 × order → regional manager; high agitation → priority up and a
// senior agent; VIP → senior; safety → urgent; repeated escalation or repeat complaint → expert.
const RoutingRules& DefaultRoutingRules();

// The combined effect of the rules that fired.
struct RuleOutcome {
  Priority priority = Priority::kNormal;  // the complaint's, raised by the rules
  Seniority seniority = Seniority::kJunior;
  RouteTo route_to = RouteTo::kAgent;
  std::vector<std::string> fired;  // rule names, in order
};
RuleOutcome ApplyRoutingRules(const RoutingRules& rules, const RoutingFacts& facts);

}  // namespace closeloop::domain
