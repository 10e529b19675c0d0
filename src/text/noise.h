// Noise flags that need only the text: gibberish (keyboard mashing, one character
// repeated, no words) and abuse (insults). Flagged complaints go to review; nothing is dropped.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace closeloop::text {

// True for text without enough content to be a complaint: fewer than 4 letters or CJK
// characters, or so few distinct ones that it is a repetition ("啊啊啊啊啊啊", "asdfasdfasdf").
bool LooksLikeGibberish(std::string_view normalized);
// True for Chinese text whose characters do not form words: fewer than 10 % of its characters
// (of at least 10) fall in segmented words of two or more ("处它计样料取然内提法工形"). The
// limits were set on generated strings and real reviews (docs/text-quality.md).
bool LooksLikeRandomCharacters(const std::vector<std::string>& segmented_words);
class Segmenter;
// The pipeline's gibberish flag: LooksLikeGibberish, and for a text in which no lexicon or rule
// word was found (`has_known_word` false) LooksLikeRandomCharacters on its segmentation. Real
// complaints nearly always contain a known word, so the costly segmentation (ICU, ~40 us) runs
// for few of them.
bool IsGibberish(std::string_view normalized, bool has_known_word, const Segmenter& segmenter);
// True when the normalised text contains an insult from the built-in list.
bool ContainsAbuse(std::string_view normalized);

}  // namespace closeloop::text
