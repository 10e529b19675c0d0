#include "domain/routing/routing_rules.h"

#include <algorithm>
#include <charconv>

#include "core/text.h"

namespace closeloop::domain {

using core::Status;

namespace {

constexpr const char* kNumberFields[] = {"claim_ratio", "agitation", "sentiment",
                                         "escalation_level", "reopen_count"};
constexpr const char* kWordFields[] = {"tier",     "type",         "category", "channel",
                                       "language", "product_line", "flag"};
constexpr const char* kRankedFields[] = {"priority", "severity"};
constexpr const char* kOps[] = {">=", "<=", "!=", "=", ">", "<"};

template <size_t N>
bool OneOf(const char* const (&names)[N], std::string_view s) {
  return std::find(std::begin(names), std::end(names), s) != std::end(names);
}

std::optional<double> ParseNumber(const std::string& s) {
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<int> Rank(const std::string& field, const std::string& word) {
  if (field == "priority") {
    if (auto p = ParsePriority(word)) return static_cast<int>(*p);
  } else if (auto s = ParseSeverity(word)) {
    return static_cast<int>(*s);
  }
  return std::nullopt;
}

bool Compare(double left, const std::string& op, double right) {
  if (op == "=") return left == right;
  if (op == "!=") return left != right;
  if (op == ">") return left > right;
  if (op == ">=") return left >= right;
  if (op == "<") return left < right;
  return left <= right;
}

core::Result<RuleCondition> ParseCondition(const std::string& text) {
  RuleCondition c;
  size_t at = std::string::npos;
  for (const char* op : kOps) {
    at = text.find(op);
    if (at != std::string::npos) {
      c.op = op;
      break;
    }
  }
  c.field = core::Trim(text.substr(0, at));
  if (at != std::string::npos) c.value = core::Trim(text.substr(at + c.op.size()));
  if (c.field == "safety") {
    if (!c.op.empty()) return Status::Invalid("rules", "safety is a bare condition");
    return c;
  }
  const bool number = OneOf(kNumberFields, c.field);
  const bool ranked = OneOf(kRankedFields, c.field);
  if (!number && !ranked && !OneOf(kWordFields, c.field)) {
    return Status::Invalid("rules", "unknown field \"" + c.field + "\"");
  }
  if (c.op.empty() || c.value.empty()) {
    return Status::Invalid("rules", "\"" + c.field + "\" needs an operator and a value");
  }
  if (number) {
    auto v = ParseNumber(c.value);
    if (!v) return Status::Invalid("rules", "\"" + c.value + "\" is not a number");
    c.number = *v;
  } else if (ranked) {
    auto r = Rank(c.field, c.value);
    if (!r) return Status::Invalid("rules", "unknown " + c.field + " \"" + c.value + "\"");
    c.number = *r;
  } else if (c.op != "=" && c.op != "!=") {
    return Status::Invalid("rules", c.field + " takes = or != only");
  }
  return c;
}

Status ParseAction(const std::string& text, RoutingRule& rule) {
  const size_t eq = text.find('=');
  if (eq == std::string::npos) {
    return Status::Invalid("rules", "action \"" + text + "\" is not name=value");
  }
  const std::string name = text.substr(0, eq);
  const std::string value = text.substr(eq + 1);
  if (name == "priority") {
    if (value == "up") {
      rule.priority_up = true;
    } else if (auto p = ParsePriority(value)) {
      rule.priority = *p;
    } else {
      return Status::Invalid("rules", "unknown priority \"" + value + "\"");
    }
  } else if (name == "seniority") {
    rule.seniority = ParseSeniority(value);
    if (!rule.seniority) return Status::Invalid("rules", "unknown seniority \"" + value + "\"");
  } else if (name == "route_to") {
    if (value == "agent") {
      rule.route_to = RouteTo::kAgent;
    } else if (value == "team_lead") {
      rule.route_to = RouteTo::kTeamLead;
    } else if (value == "regional_manager") {
      rule.route_to = RouteTo::kRegionalManager;
    } else {
      return Status::Invalid("rules", "unknown route_to \"" + value + "\"");
    }
  } else {
    return Status::Invalid("rules", "unknown action \"" + name + "\"");
  }
  return Status::Ok();
}

std::vector<std::string> Words(const std::string& s) {
  std::vector<std::string> out;
  for (const std::string& w : core::Split(s, ' ')) {
    std::string t = core::Trim(w);
    if (!t.empty()) out.push_back(std::move(t));
  }
  return out;
}

// "a and b" -> {"a", "b"}
std::vector<std::string> SplitAnd(const std::string& s) {
  std::vector<std::string> out;
  size_t from = 0;
  for (;;) {
    const size_t at = s.find(" and ", from);
    out.push_back(core::Trim(s.substr(from, at - from)));
    if (at == std::string::npos) return out;
    from = at + 5;
  }
}

core::Result<RoutingRule> ParseLine(const std::string& line) {
  RoutingRule rule;
  const size_t colon = line.find(':');
  const size_t arrow = line.find("=>");
  if (colon == std::string::npos || arrow == std::string::npos || arrow < colon) {
    return Status::Invalid("rules", "expected \"name: conditions => actions\"");
  }
  rule.name = core::Trim(line.substr(0, colon));
  if (rule.name.empty() || rule.name.find(' ') != std::string::npos) {
    return Status::Invalid("rules", "a rule needs a one-word name");
  }
  const std::string when = core::Trim(line.substr(colon + 1, arrow - colon - 1));
  if (when.empty()) return Status::Invalid("rules", "a rule needs a condition");
  for (const std::string& part : SplitAnd(when)) {
    auto c = ParseCondition(part);
    if (!c.ok()) return c.status();
    rule.conditions.push_back(*c);
  }
  const std::vector<std::string> actions = Words(line.substr(arrow + 2));
  if (actions.empty()) return Status::Invalid("rules", "a rule needs an action");
  for (const std::string& a : actions) CL_RETURN_IF_ERROR(ParseAction(a, rule));
  return rule;
}

}  // namespace

const char* ToString(Seniority s) {
  switch (s) {
    case Seniority::kJunior:
      return "junior";
    case Seniority::kSenior:
      return "senior";
    case Seniority::kExpert:
      return "expert";
  }
  return "junior";
}

std::optional<Seniority> ParseSeniority(std::string_view s) {
  if (s == "junior") return Seniority::kJunior;
  if (s == "senior") return Seniority::kSenior;
  if (s == "expert") return Seniority::kExpert;
  return std::nullopt;
}

const char* ToString(RouteTo r) {
  switch (r) {
    case RouteTo::kAgent:
      return "agent";
    case RouteTo::kTeamLead:
      return "team_lead";
    case RouteTo::kRegionalManager:
      return "regional_manager";
  }
  return "agent";
}

bool RoutingRule::Matches(const RoutingFacts& f) const {
  for (const RuleCondition& c : conditions) {
    bool holds = false;
    if (c.field == "safety") {
      holds = f.safety;
    } else if (c.field == "claim_ratio") {
      holds = f.claim_ratio && Compare(*f.claim_ratio, c.op, c.number);
    } else if (c.field == "agitation") {
      holds = Compare(f.agitation, c.op, c.number);
    } else if (c.field == "sentiment") {
      holds = Compare(f.sentiment, c.op, c.number);
    } else if (c.field == "escalation_level") {
      holds = Compare(f.escalation_level, c.op, c.number);
    } else if (c.field == "reopen_count") {
      holds = Compare(f.reopen_count, c.op, c.number);
    } else if (c.field == "priority") {
      holds = Compare(static_cast<int>(f.priority), c.op, c.number);
    } else if (c.field == "severity") {
      holds = Compare(static_cast<int>(f.severity), c.op, c.number);
    } else if (c.field == "flag") {
      const bool has = std::find(f.flags.begin(), f.flags.end(), c.value) != f.flags.end();
      holds = (c.op == "=") == has;
    } else {
      const std::string& actual = c.field == "tier"       ? f.tier
                                  : c.field == "type"     ? f.type
                                  : c.field == "category" ? f.category
                                  : c.field == "channel"  ? f.channel
                                  : c.field == "language" ? f.language
                                                          : f.product_line;
      holds = (c.op == "=") == (actual == c.value);
    }
    if (!holds) return false;
  }
  return true;
}

core::Result<RoutingRules> ParseRoutingRules(std::string_view text) {
  RoutingRules out;
  out.text = std::string(text);
  int line_no = 0;
  for (const std::string& raw : core::Split(text, '\n')) {
    ++line_no;
    const std::string line = core::Trim(raw);
    if (line.empty() || line[0] == '#') continue;
    auto rule = ParseLine(line);
    if (!rule.ok()) {
      return Status::Invalid("rules",
                             "line " + std::to_string(line_no) + ": " + rule.status().message());
    }
    for (const RoutingRule& earlier : out.rules) {
      if (earlier.name == rule->name) {
        return Status::Invalid("rules", "line " + std::to_string(line_no) + ": rule \"" +
                                            rule->name + "\" is defined twice");
      }
    }
    out.rules.push_back(std::move(*rule));
  }
  return out;
}

const RoutingRules& DefaultRoutingRules() {
  static const RoutingRules rules = [] {
    auto parsed = ParseRoutingRules(
        "# Routing priority rules (R-3.3). One rule a line: name: conditions => actions\n"
        "claim_over_order: claim_ratio > 3 => route_to=regional_manager\n"
        "soothing: flag = high_agitation => priority=up seniority=senior\n"
        "vip: tier = vip => seniority=senior\n"
        "safety: safety => priority=urgent\n"
        "green_channel: escalation_level >= 2 => seniority=expert\n"
        "repeat_green_channel: flag = repeat_7d => seniority=expert\n");
    return std::move(parsed).value();
  }();
  return rules;
}

RuleOutcome ApplyRoutingRules(const RoutingRules& rules, const RoutingFacts& facts) {
  RuleOutcome out;
  out.priority = facts.priority;
  for (const RoutingRule& rule : rules.rules) {
    if (!rule.Matches(facts)) continue;
    out.fired.push_back(rule.name);
    if (rule.priority_up && out.priority != Priority::kUrgent) {
      out.priority = static_cast<Priority>(static_cast<int>(out.priority) + 1);
    }
    if (rule.priority && *rule.priority > out.priority) out.priority = *rule.priority;
    if (rule.seniority && *rule.seniority > out.seniority) out.seniority = *rule.seniority;
    if (rule.route_to && *rule.route_to > out.route_to) out.route_to = *rule.route_to;
  }
  return out;
}

}  // namespace closeloop::domain
