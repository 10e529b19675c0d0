// How a trained sentiment model and the lexicon are combined: the model's vote is weighed
// against the lexicon's, which does not depend on the product domain. A fastText model also
// reads the lexicon's verdict as extra tokens. Shared by `model eval`, `model train` (self-training
// weighs its own opinion the same way) and the pipeline.
#pragma once

#include <string>
#include <vector>

#include "text/sentiment.h"
#include "text/text_model.h"

namespace closeloop::text {

// How much the lexicon counts next to a model's vote, both in [-1, 1]; chosen on development
// domains (docs/text-quality.md): 3 for fastText, 0.3 for the linear model (whose vote is the
// tanh of its margin and is surer of itself).
double LexiconWeight(ModelKind kind);

// The model input: the normalised text; for fastText followed by the lexicon's sentiment bucket
// ("lexsentn2" … "lexsentp2") three times.
std::string SentimentModelInput(ModelKind kind, const std::string& normalized,
                                const Emotion& lexicon);

// True when a model's labels are exactly "negative" and "positive": only such a model's vote is
// weighed against the lexicon's. A model that knows "neutral" decides alone, for the lexicon's
// vote has no neutral side. Decide once per model (Labels() copies).
bool TwoSided(const std::vector<std::string>& labels);

// The sentiment in [-1, 1] from a model prediction ("positive"/"negative" with its probability)
// and the lexicon's sentiment: for a two-sided model both votes weighed; otherwise the model's
// vote alone, and the lexicon alone for any other label ("neutral").
double CombinedSentiment(ModelKind kind, bool two_sided, const Prediction& model,
                         double lexicon_sentiment);

}  // namespace closeloop::text
