// Logic-less templates (mustache) for texts admins edit: reply drafts, and the survey pages and
// reports to come. A template sees only the values it is given: {{name}} inserts a value,
// {{#flag}}…{{/flag}} shows a part when the flag is set (or the value is not empty), {{^flag}}…
// {{/flag}} when it is not.
#pragma once

#include <map>
#include <set>
#include <string>

#include "core/status.h"

namespace closeloop::core {

struct TemplateValues {
  std::map<std::string, std::string> text;
  std::set<std::string> flags;
};

enum class TemplateEscape { kNone, kHtml };

// Ok, or Invalid naming `field` with the library's reason ("unclosed section" …).
Status CheckTemplate(const std::string& field, const std::string& text);

// The text with the values put in; an invalid template renders as its own text unchanged (stored
// templates are checked when saved, so this only guards against an old stored one).
std::string RenderTemplate(const std::string& text, const TemplateValues& values,
                           TemplateEscape escape = TemplateEscape::kNone);

}  // namespace closeloop::core
