// Noise flags that need only the text: gibberish (keyboard mashing, one character
// repeated, no words) and abuse (insults). Flagged complaints go to review; nothing is dropped.
#pragma once

#include <string_view>

namespace closeloop::text {

// True for text without enough content to be a complaint: fewer than 4 letters or CJK
// characters, or so few distinct ones that it is a repetition ("啊啊啊啊啊啊", "asdfasdfasdf").
bool LooksLikeGibberish(std::string_view normalized);
// True when the normalised text contains an insult from the built-in list.
bool ContainsAbuse(std::string_view normalized);

}  // namespace closeloop::text
