// How a trained sentiment model and the lexicon are combined: the model reads the text
// plus the lexicon's verdict as extra tokens, and its vote is then weighed against the lexicon's,
// which does not depend on the product domain. Shared by `model eval` and the pipeline.
#pragma once

#include <string>

#include "text/fasttext_model.h"
#include "text/sentiment.h"

namespace closeloop::text {

// How much the lexicon counts next to the model, both in [-1, 1]; chosen on a development domain
// (平板), see docs/text-quality.md.
inline constexpr double kLexiconWeight = 3.0;

// The model input: normalised text and the lexicon's sentiment bucket ("lexsentn2" … "lexsentp2")
// three times.
std::string SentimentModelInput(const std::string& normalized, const Emotion& lexicon);

// The combined sentiment in [-1, 1] from a model prediction ("positive"/"negative" with its
// probability) and the lexicon's sentiment; the lexicon alone for any other label.
double CombinedSentiment(const Prediction& model, double lexicon_sentiment);

}  // namespace closeloop::text
