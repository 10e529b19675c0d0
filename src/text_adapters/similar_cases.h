// The domain's SimilarCaseIndex over text::CaseIndex, with a reader-writer lock.
#pragma once

#include <memory>

#include "domain/analysis/text_analyzer.h"

namespace closeloop::text_adapters {

std::unique_ptr<domain::SimilarCaseIndex> MakeSimilarCaseIndex();

}  // namespace closeloop::text_adapters
