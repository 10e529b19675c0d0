// Demo knowledge-base articles and satisfaction comments, for suggestions to have something to
// cite and learn from.
#pragma once

#include <vector>

namespace closeloop::app::demo {

struct ArticleSeed {
  const char* title;
  const char* category;  // taxonomy category or ""
  const char* tags;
  const char* body;
};

const std::vector<ArticleSeed>& Articles();
// Survey comments by satisfaction: 0 for csat 1-2, 1 for 3, 2 for 4-5.
const std::vector<const char*>& SurveyComments(int band);

}  // namespace closeloop::app::demo
