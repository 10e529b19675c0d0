// The domain's TextAnalyzer, made of text/: normalisation, the emotion scorer and the default
// type and category rules.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/analysis/text_analyzer.h"

namespace closeloop::text_adapters {

// `user_lexicons`: extra sentiment word files (word<TAB>weight); a file that cannot be read or
// has a bad line is an error naming it and the line.
core::Result<std::unique_ptr<domain::TextAnalyzer>> MakeTextAnalyzer(
    const std::vector<std::string>& user_lexicons = {});

}  // namespace closeloop::text_adapters
