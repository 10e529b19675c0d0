// Admin-editable message templates (R-2.7, issue 12 item 21). A template is a set of named parts
// in one language, each a mustache text (core/template_text.h). The reply draft template has:
//   subject, body               the message; body sees {{reference}} {{title}} {{type}}
//                               {{category}} {{promise_time}} {{type_sentence}}
//                               {{category_sentence}} and the flag {{#agitated}}
//   type:<type> / type:none     the sentence for a complaint type (none: not yet known)
//   category:<category>         the sentence for a category
//   type_category:<t>/<c>       overrides the category sentence for that type (empty: none)
// Stored parts replace the shipped defaults for that language as a whole.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "domain/config_repository.h"
#include "domain/context.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

inline constexpr char kReplyDraftTemplate[] = "reply_draft";

using TemplateParts = ConfigRepository::TemplateParts;

struct MessageTemplate {
  std::string name;
  std::string language;
  bool custom = false;  // false: the shipped defaults
  TemplateParts parts;
};

// The languages a template exists in (zh-CN first).
const std::vector<std::string>& TemplateLanguages();

// The shipped reply draft template for a language (zh-CN or en).
TemplateParts DefaultReplyDraftParts(const std::string& language);

// The template in force for a language, read inside a unit of work.
MessageTemplate TemplateInForce(Repositories& repos, const std::string& name,
                                const std::string& language);

class ManageMessageTemplates {
 public:
  explicit ManageMessageTemplates(const Context& ctx) : ctx_(ctx) {}
  // Every language of template `name` (complaint.read).
  core::Result<std::vector<MessageTemplate>> List(const Principal& who,
                                                  const std::string& name) const;
  // Replaces one language (config.manage, unscoped): the parts are checked first (known part
  // names, subject and body present, valid templates); an error names `parts.<part>`.
  core::Result<MessageTemplate> Replace(const Principal& who, const std::string& name,
                                        const std::string& language,
                                        const TemplateParts& parts) const;
  // Back to the shipped defaults for one language.
  core::Result<MessageTemplate> Reset(const Principal& who, const std::string& name,
                                      const std::string& language) const;

 private:
  core::Status CheckName(const std::string& name, const std::string& language) const;
  core::Status CheckParts(const TemplateParts& parts) const;
  const Context& ctx_;
};

}  // namespace closeloop::domain
