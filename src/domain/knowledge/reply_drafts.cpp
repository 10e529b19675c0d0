// Reply drafts: the acknowledgement / first response an agent approves or edits, from
// the template admins edit (reply_templates.h).
#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "core/template_text.h"
#include "core/time_format.h"
#include "domain/analysis/entities.h"
#include "domain/complaint/entities.h"
#include "domain/knowledge/reply_templates.h"
#include "domain/knowledge/suggestions.h"
#include "domain/model/validation.h"

namespace closeloop::domain {

namespace {

// An English title quoted as whole words: a title cut inside a word (an older derived title)
// loses the broken word and shows that it goes on.
std::string WholeWords(const std::string& title) {
  if (title.size() < 20 || std::isspace(static_cast<unsigned char>(title.back())) ||
      std::ispunct(static_cast<unsigned char>(title.back()))) {
    return title;
  }
  const size_t space = title.find_last_of(' ');
  return space == std::string::npos || space < title.size() / 2 ? title
                                                                : title.substr(0, space) + "…";
}

std::string PartOr(const TemplateParts& parts, const std::string& part,
                   const std::string& fallback = "") {
  auto it = parts.find(part);
  return it == parts.end() ? fallback : it->second;
}

// When the organisation promises the answer, in its own time: "2026-12-03 09:30 (UTC+8)".
std::string PromiseTime(UnixMillis due, int offset_minutes) {
  const std::string zone = "UTC" + std::string(offset_minutes >= 0 ? "+" : "-") +
                           std::to_string(std::abs(offset_minutes) / 60);
  return core::FormatLocal(due, offset_minutes).substr(0, 16) + " (" + zone + ")";
}

}  // namespace

std::string DraftLanguageFor(const Complaint& complaint) {
  return LooksEnglish(complaint.title + complaint.description) ? "en" : "zh-CN";
}

ReplyDraft DraftReply(const Complaint& complaint, const std::optional<TextAnalysis>& analysis,
                      const std::string& category, const DomainConfig& config, UnixMillis now,
                      const MessageTemplate& draft_template) {
  std::optional<ComplaintType> type = complaint.type;  // else the analysis's suggestion
  if (!type && analysis) type = analysis->suggested_type;
  const std::string type_name = type ? ToString(*type) : "none";
  const UnixMillis promise = config.response_promise_hours * core::kHour;
  // Never a time already past: a late draft promises the same span from now.
  const UnixMillis due = std::max(complaint.received_at + promise, now + promise);
  const TemplateParts& parts = draft_template.parts;

  core::TemplateValues values;
  values.text["reference"] = complaint.reference;
  values.text["title"] =
      draft_template.language == "en" ? WholeWords(complaint.title) : complaint.title;
  values.text["type"] = type ? type_name : "";
  values.text["category"] = category;
  values.text["promise_time"] = PromiseTime(due, config.org_utc_offset_minutes);
  if (analysis && analysis->agitation >= config.high_agitation_threshold) {
    values.flags.insert("agitated");
  }
  // The sentences are templates too (they may quote the reference or the title).
  values.text["type_sentence"] = core::RenderTemplate(PartOr(parts, "type:" + type_name), values);
  const std::string category_sentence = PartOr(parts, "type_category:" + type_name + "/" + category,
                                               PartOr(parts, "category:" + category));
  values.text["category_sentence"] = core::RenderTemplate(category_sentence, values);

  ReplyDraft d;
  d.language = draft_template.language;
  d.subject = core::RenderTemplate(PartOr(parts, "subject"), values);
  d.body = core::RenderTemplate(PartOr(parts, "body"), values);
  return d;
}

}  // namespace closeloop::domain
