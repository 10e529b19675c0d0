// Storage of satisfaction survey answers.
#pragma once

#include <vector>

#include "domain/model/ids.h"
#include "domain/survey/entities.h"

namespace closeloop::domain {

class SurveyRepository {
 public:
  virtual ~SurveyRepository() = default;
  virtual Id InsertSurveyResponse(const SurveyResponse& response) = 0;
  // The latest answer per complaint, for those that have one.
  virtual std::vector<SurveyResponse> SurveyResponsesOf(const std::vector<Id>& complaint_ids) = 0;
};

}  // namespace closeloop::domain
