#include "domain/survey/survey_policy.h"

#include <algorithm>

#include "domain/model/enums.h"
#include "domain/org/config_audit.h"
#include "domain/survey/repository.h"
#include "domain/survey/survey_templates.h"

namespace closeloop::domain {

using core::Status;

SurveyPolicy SurveyPolicyInForce(Repositories& repos) {
  return repos.surveys().LoadPolicy().value_or(SurveyPolicy{});
}

namespace {

Status InRange(const char* field, double value, double low, double high) {
  if (value < low || value > high) {
    return Status::Invalid(field, std::string(field) + " must be between " +
                                      std::to_string(static_cast<long long>(low)) + " and " +
                                      std::to_string(static_cast<long long>(high)));
  }
  return Status::Ok();
}

Status KnownTemplate(const std::vector<std::string>& names, const std::string& field,
                     const std::string& name) {
  if (std::find(names.begin(), names.end(), name) == names.end()) {
    return Status::Invalid(field, field + ": no survey template named '" + name + "'");
  }
  return Status::Ok();
}

}  // namespace

Status CheckSurveyPolicy(const SurveyPolicy& p, const std::vector<std::string>& templates) {
  CL_RETURN_IF_ERROR(InRange("delay_minutes", p.delay_minutes, 0, 60 * 24 * 30));
  CL_RETURN_IF_ERROR(InRange("expiry_days", p.expiry_days, 1, 365));
  CL_RETURN_IF_ERROR(InRange("reminder_after_hours", p.reminder_after_hours, 0, 24 * 60));
  if (p.reminder_after_hours > 0 && p.reminder_after_hours >= p.expiry_days * 24) {
    return Status::Invalid("reminder_after_hours", "the reminder must come before the expiry");
  }
  CL_RETURN_IF_ERROR(InRange("callback_hours", p.callback_hours, 1, 24 * 60));
  CL_RETURN_IF_ERROR(InRange("max_per_period", p.max_per_period, 0, 100));
  CL_RETURN_IF_ERROR(InRange("period_days", p.period_days, 1, 366));
  CL_RETURN_IF_ERROR(InRange("min_gap_days", p.min_gap_days, 0, 366));
  CL_RETURN_IF_ERROR(InRange("low_csat_at_most", p.low_csat_at_most, 0, 5));
  CL_RETURN_IF_ERROR(InRange("low_nps_at_most", p.low_nps_at_most, -1, 10));
  CL_RETURN_IF_ERROR(InRange("negative_comment_below", p.negative_comment_below, -1, 1));
  CL_RETURN_IF_ERROR(KnownTemplate(templates, "default_template", p.default_template));
  CL_RETURN_IF_ERROR(KnownTemplate(templates, "first_time_template", p.first_time_template));
  for (size_t i = 0; i < p.sampling.size(); ++i) {
    const auto& [channel, percent] = p.sampling[i];
    const std::string field = "sampling." + channel;
    if (!ParseChannel(channel)) return Status::Invalid(field, "unknown channel '" + channel + "'");
    if (percent < 0 || percent > 100) return Status::Invalid(field, field + " must be 0-100");
    for (size_t j = 0; j < i; ++j) {
      if (p.sampling[j].first == channel) return Status::Invalid(field, field + " is given twice");
    }
  }
  for (size_t i = 0; i < p.template_rules.size(); ++i) {
    const SurveyTemplateRule& r = p.template_rules[i];
    const std::string at = "template_rules[" + std::to_string(i) + "].";
    if (!r.channel.empty() && !ParseChannel(r.channel)) {
      return Status::Invalid(at + "channel", "unknown channel '" + r.channel + "'");
    }
    if (!r.type.empty() && !ParseComplaintType(r.type)) {
      return Status::Invalid(at + "type", "unknown complaint type '" + r.type + "'");
    }
    if (!r.tier.empty() && !ParseCustomerTier(r.tier)) {
      return Status::Invalid(at + "tier", "tier is vip, regular or new");
    }
    CL_RETURN_IF_ERROR(KnownTemplate(templates, at + "template", r.template_name));
  }
  return Status::Ok();
}

core::Result<SurveyPolicy> ManageSurveyPolicy::Get(const Principal& who) const {
  if (!ctx_.policy.Allows(who, Permission::kComplaintRead)) {
    return Status::Denied("your role may not read the survey policy");
  }
  SurveyPolicy policy;
  CL_RETURN_IF_ERROR(ctx_.store.Read([&](Repositories& repos) {
    policy = SurveyPolicyInForce(repos);
    return Status::Ok();
  }));
  return policy;
}

core::Result<SurveyPolicy> ManageSurveyPolicy::Replace(const Principal& who,
                                                       const SurveyPolicy& policy) const {
  if (!ctx_.policy.Allows(who, Permission::kConfigManage)) {
    return Status::Denied("your role may not change the survey policy");
  }
  CL_RETURN_IF_ERROR(CheckOrganisationWide(who, "the survey policy", "policy"));
  CL_RETURN_IF_ERROR(ctx_.store.Write([&](Repositories& repos) {
    CL_RETURN_IF_ERROR(CheckSurveyPolicy(policy, AllSurveyTemplateNames(repos)));
    repos.surveys().SavePolicy(policy);
    RecordConfigChange(repos, ctx_, who, "survey_policy",
                       "delay " + std::to_string(policy.delay_minutes) + " min, expiry " +
                           std::to_string(policy.expiry_days) + " d, " +
                           std::to_string(policy.template_rules.size()) + " template rules");
    return Status::Ok();
  }));
  return policy;
}

}  // namespace closeloop::domain
