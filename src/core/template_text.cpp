#include "core/template_text.h"

#include <kainjow/mustache.hpp>

namespace closeloop::core {

namespace mustache = kainjow::mustache;

Status CheckTemplate(const std::string& field, const std::string& text) {
  mustache::mustache parsed{text};
  if (parsed.is_valid()) return Status::Ok();
  return Status::Invalid(field, "template: " + parsed.error_message());
}

std::string RenderTemplate(const std::string& text, const TemplateValues& values,
                           TemplateEscape escape) {
  mustache::mustache parsed{text};
  if (!parsed.is_valid()) return text;
  if (escape == TemplateEscape::kNone) {
    parsed.set_custom_escape([](const std::string& s) { return s; });
  }
  mustache::data data;
  // As in mustache.js, an empty text is false in a section: {{#x}} {{x}}{{/x}} adds nothing.
  for (const auto& [name, value] : values.text) {
    if (value.empty()) {
      data.set(name, mustache::data(false));
    } else {
      data.set(name, value);
    }
  }
  for (const std::string& flag : values.flags) data.set(flag, mustache::data(true));
  return parsed.render(data);
}

}  // namespace closeloop::core
