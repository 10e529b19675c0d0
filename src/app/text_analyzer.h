// The domain's TextAnalyzer, made of text/: normalisation, the emotion scorer and the default
// type and category rules.
#pragma once

#include <memory>

#include "domain/ports.h"

namespace closeloop::app {

std::unique_ptr<domain::TextAnalyzer> MakeTextAnalyzer();

}  // namespace closeloop::app
