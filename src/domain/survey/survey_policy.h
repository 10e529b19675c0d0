// The survey policy in force: stored by admins (GET/PUT /api/v1/config/surveys), the
// defaults of SurveyPolicy otherwise. Read inside each unit of work that needs it (one row), so
// a change applies to the next survey without a restart.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "domain/context.h"
#include "domain/survey/entities.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

SurveyPolicy SurveyPolicyInForce(Repositories& repos);

// Ok, or Invalid naming the field (`template_rules[2].template`, `sampling.phone` …).
// `templates`: the names there are (AllSurveyTemplateNames).
core::Status CheckSurveyPolicy(const SurveyPolicy& policy,
                               const std::vector<std::string>& templates);

class ManageSurveyPolicy {
 public:
  explicit ManageSurveyPolicy(const Context& ctx) : ctx_(ctx) {}
  // complaint.read: staff may know when customers are surveyed.
  core::Result<SurveyPolicy> Get(const Principal& who) const;
  // config.manage, unscoped; recorded in the configuration changes.
  core::Result<SurveyPolicy> Replace(const Principal& who, const SurveyPolicy& policy) const;

 private:
  const Context& ctx_;
};

}  // namespace closeloop::domain
