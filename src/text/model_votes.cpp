#include "text/model_votes.h"

#include <cmath>
#include <cstdlib>

#include "text/linear_model.h"

namespace closeloop::text {

double LexiconWeight(ModelKind kind) {
  return kind == ModelKind::kFastText ? 3.0 : kLinearLexiconWeight;
}

std::string SentimentModelInput(ModelKind kind, const std::string& normalized,
                                const Emotion& lexicon) {
  if (kind != ModelKind::kFastText) return normalized;
  const long bucket = lexicon.hits == 0 ? 0 : std::lround(lexicon.sentiment * 2);
  const std::string token =
      " lexsent" + std::string(bucket < 0 ? "n" : "p") + std::to_string(std::labs(bucket));
  return normalized + token + token + token;
}

bool TwoSided(const std::vector<std::string>& labels) {
  return labels.size() == 2 && ((labels[0] == "negative" && labels[1] == "positive") ||
                                (labels[0] == "positive" && labels[1] == "negative"));
}

double CombinedSentiment(ModelKind kind, bool two_sided, const Prediction& model,
                         double lexicon_sentiment) {
  if (model.label != "positive" && model.label != "negative") return lexicon_sentiment;
  const double model_vote =
      model.label == "positive" ? 2 * model.probability - 1 : 1 - 2 * model.probability;
  if (!two_sided) return model_vote;
  const double weight = LexiconWeight(kind);
  return (model_vote + weight * lexicon_sentiment) / (1 + weight);
}

}  // namespace closeloop::text
