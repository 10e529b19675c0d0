// The lexicon closeloop ships (see lexicon_builtin.cpp).
#pragma once

#include "text/sentiment.h"

namespace closeloop::text {

void AddBuiltinLexicon(SentimentScorer& scorer);

}  // namespace closeloop::text
