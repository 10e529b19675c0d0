#include "domain/analysis/text_rules.h"

#include "domain/analysis/entities.h"
#include "domain/config_repository.h"
#include "domain/model/ids.h"
#include "domain/model/validation.h"
#include "domain/org/config_audit.h"
#include "domain/org/repository.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

using core::Status;

Status ManageTextRules::CheckSet(const std::string& rule_set) const {
  if (rule_set != "type" && rule_set != "category" && rule_set != "safety") {
    return Status::NotFound("no rule set '" + rule_set + "' (type, category, safety)");
  }
  if (!ctx_.analyzer) return Status::Conflict("text analysis is not configured");
  return Status::Ok();
}

std::vector<std::string> ManageTextRules::LabelsOf(const std::string& rule_set) const {
  if (rule_set == "category") return ctx_.config.categories;
  if (rule_set == "safety") return {"safety"};
  const auto names = AllComplaintTypeNames();
  return {names.begin(), names.end()};
}

core::Result<TextRules> ManageTextRules::Get(const Principal& who,
                                             const std::string& rule_set) const {
  if (!ctx_.policy.Allows(who, Permission::kComplaintRead)) {
    return Status::Denied("your role may not read the rules");
  }
  CL_RETURN_IF_ERROR(CheckSet(rule_set));
  std::optional<std::string> stored;
  Status status = ctx_.store.Read([&](Repositories& repos) {
    stored = repos.config().LoadTextRules(rule_set);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  // Stored text is shown as written (comments kept); defaults as the analyzer holds them.
  return TextRules{rule_set, stored.has_value(),
                   stored ? *stored : ctx_.analyzer->RulesText(rule_set)};
}

core::Result<TextRules> ManageTextRules::Replace(const Principal& who, const std::string& rule_set,
                                                 const std::string& text) const {
  if (!ctx_.policy.Allows(who, Permission::kConfigManage)) {
    return Status::Denied("your role may not change the rules");
  }
  CL_RETURN_IF_ERROR(CheckSet(rule_set));
  CL_RETURN_IF_ERROR(CheckOrganisationWide(who, "the text rules", "rule_set"));
  CL_RETURN_IF_ERROR(CheckText("text", text, 200000, true));
  // Stored and applied in one step: the write commits only when the analyzer took the rules.
  Status status = ctx_.store.Write([&](Repositories& repos) -> Status {
    repos.config().SaveTextRules(rule_set, text,
                                 who.user_id > 0 ? std::optional<Id>(who.user_id) : std::nullopt,
                                 ctx_.clock.Now());
    RecordConfigChange(repos, ctx_, who, "text_rules:" + rule_set, "replaced");
    return ctx_.analyzer->ReplaceRules(rule_set, text, LabelsOf(rule_set));
  });
  if (!status.ok()) return status;
  return TextRules{rule_set, true, text};
}

core::Result<TextRules> ManageTextRules::Reset(const Principal& who,
                                               const std::string& rule_set) const {
  if (!ctx_.policy.Allows(who, Permission::kConfigManage)) {
    return Status::Denied("your role may not change the rules");
  }
  CL_RETURN_IF_ERROR(CheckSet(rule_set));
  CL_RETURN_IF_ERROR(CheckOrganisationWide(who, "the text rules", "rule_set"));
  Status status = ctx_.store.Write([&](Repositories& repos) -> Status {
    repos.config().DeleteTextRules(rule_set);
    RecordConfigChange(repos, ctx_, who, "text_rules:" + rule_set, "reset to the defaults");
    return ctx_.analyzer->ReplaceRules(rule_set, "", LabelsOf(rule_set));
  });
  if (!status.ok()) return status;
  return TextRules{rule_set, false, ctx_.analyzer->RulesText(rule_set)};
}

core::Result<TextAnalysis> ManageTextRules::Try(const Principal& who,
                                                const std::string& text) const {
  if (!ctx_.policy.Allows(who, Permission::kComplaintRead)) {
    return Status::Denied("your role may not use the analyzer");
  }
  if (!ctx_.analyzer) return Status::Conflict("text analysis is not configured");
  CL_RETURN_IF_ERROR(CheckText("text", text, ctx_.config.max_text_chars, true));
  return ctx_.analyzer->Analyze("", text);
}

Status ManageTextRules::Load() const {
  if (!ctx_.analyzer) return Status::Ok();
  return ctx_.store.Read([&](Repositories& repos) -> Status {
    for (const std::string rule_set : {"type", "category"}) {
      if (auto stored = repos.config().LoadTextRules(rule_set)) {
        Status applied = ctx_.analyzer->ReplaceRules(rule_set, *stored, LabelsOf(rule_set));
        if (!applied.ok()) return applied;
      }
    }
    return Status::Ok();
  });
}

}  // namespace closeloop::domain
