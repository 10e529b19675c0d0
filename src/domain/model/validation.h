// Checks of input values shared by every module; errors name the field.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "core/status.h"
#include "domain/model/ids.h"

namespace closeloop::domain {

// Text must be valid UTF-8 without control characters (tab and newlines allowed) and at most
// `max_chars` code points; `required` also forbids blank.
core::Status CheckText(const std::string& field, const std::string& value, size_t max_chars,
                       bool required);
// An amount of money in fen: from 0 to 100 million yuan.
core::Status CheckAmount(const std::string& field, std::optional<std::int64_t> cents);
// Whether a text is English: Latin letters and nothing outside ASCII (any Chinese, or other
// script, wins). Reply drafts and routing's language skill read it the same way.
bool LooksEnglish(const std::string& text);
// An optional id as text for a field change ("" when there is none).
std::string OptionalIdText(std::optional<Id> id);

}  // namespace closeloop::domain
