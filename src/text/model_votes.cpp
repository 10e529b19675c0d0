#include "text/model_votes.h"

#include <cmath>
#include <cstdlib>

namespace closeloop::text {

std::string SentimentModelInput(const std::string& normalized, const Emotion& lexicon) {
  const long bucket = lexicon.hits == 0 ? 0 : std::lround(lexicon.sentiment * 2);
  const std::string token =
      " lexsent" + std::string(bucket < 0 ? "n" : "p") + std::to_string(std::labs(bucket));
  return normalized + token + token + token;
}

double CombinedSentiment(const Prediction& model, double lexicon_sentiment) {
  if (model.label != "positive" && model.label != "negative") return lexicon_sentiment;
  const double model_vote =
      model.label == "positive" ? 2 * model.probability - 1 : 1 - 2 * model.probability;
  return (model_vote + kLexiconWeight * lexicon_sentiment) / (1 + kLexiconWeight);
}

}  // namespace closeloop::text
