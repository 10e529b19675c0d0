#include "domain/sla/sla_config.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "domain/analysis/repository.h"
#include "domain/complaint/complaint_support.h"
#include "domain/complaint/entities.h"
#include "domain/complaint/repository.h"
#include "domain/config_repository.h"
#include "domain/customer/repository.h"
#include "domain/org/config_audit.h"
#include "domain/org/repository.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

using core::Status;

namespace {

// Prefixes a part's field with its place in the list: "policies[1].analyse".
Status InList(const char* list, size_t index, const Status& status) {
  const std::string field = std::string(list) + "[" + std::to_string(index) + "]" +
                            (status.field().empty() ? "" : "." + status.field());
  return Status::Invalid(field, field + ": " + status.message());
}

}  // namespace

const BusinessCalendar* SlaConfig::FindCalendar(const std::string& code) const {
  for (const auto& c : calendars) {
    if (c.code == code) return &c;
  }
  return nullptr;
}

Status SlaConfig::Validate() const {
  if (calendars.empty()) return Status::Invalid("calendars", "at least one calendar");
  std::set<std::string> codes;
  for (size_t i = 0; i < calendars.size(); ++i) {
    Status valid = calendars[i].Validate();
    if (!valid.ok()) return InList("calendars", i, valid);
    if (!codes.insert(calendars[i].code).second) {
      return InList("calendars", i,
                    Status::Invalid("code", "code '" + calendars[i].code + "' twice"));
    }
  }
  if (policies.empty()) return Status::Invalid("policies", "at least one policy");
  codes.clear();
  for (size_t i = 0; i < policies.size(); ++i) {
    const SlaPolicy& p = policies[i];
    Status valid = p.Validate();
    if (!valid.ok()) return InList("policies", i, valid);
    if (!codes.insert(p.code).second) {
      return InList("policies", i, Status::Invalid("code", "code '" + p.code + "' twice"));
    }
    if (!FindCalendar(p.calendar)) {
      return InList("policies", i, Status::Invalid("calendar", "no calendar '" + p.calendar + "'"));
    }
  }
  const SlaPolicy& last = policies.back();
  if (!last.priorities.empty() || !last.tiers.empty() || !last.channels.empty() ||
      !last.types.empty()) {
    return Status::Invalid("policies",
                           "the last policy must have no conditions, so every complaint has one");
  }
  return Status::Ok();
}

SlaConfig DefaultSlaConfig() {
  return {{AlwaysOpenCalendar(), ChinaOfficeCalendar(), ChinaServiceDeskCalendar()},
          DefaultSlaPolicies()};
}

core::Result<SlaConfig> ManageSla::Get(const Principal& who) const {
  if (!ctx_.policy.Allows(who, Permission::kComplaintRead)) {
    return Status::Denied("your role may not read the SLA configuration");
  }
  return *ctx_.sla->Get();
}

core::Result<SlaConfig> ManageSla::Replace(const Principal& who, SlaConfig next,
                                           bool calendars) const {
  if (!ctx_.policy.Allows(who, Permission::kConfigManage)) {
    return Status::Denied("your role may not change the SLA configuration");
  }
  CL_RETURN_IF_ERROR(CheckOrganisationWide(who, "the SLA calendars and policies",
                                           calendars ? "calendars" : "policies"));
  CL_RETURN_IF_ERROR(next.Validate());
  Status status = ctx_.store.Write([&](Repositories& repos) {
    if (calendars) {
      repos.config().SaveCalendars(next.calendars);
      RecordConfigChange(repos, ctx_, who, "sla_calendars",
                         std::to_string(next.calendars.size()) + " calendars");
    } else {
      repos.config().SaveSlaPolicies(next.policies);
      RecordConfigChange(repos, ctx_, who, "sla_policies",
                         std::to_string(next.policies.size()) + " policies");
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  ctx_.sla->Set(next);
  return next;
}

core::Result<SlaConfig> ManageSla::ReplaceCalendars(const Principal& who,
                                                    std::vector<BusinessCalendar> calendars) const {
  SlaConfig next = *ctx_.sla->Get();
  next.calendars = std::move(calendars);
  return Replace(who, std::move(next), true);
}

core::Result<SlaConfig> ManageSla::ReplacePolicies(const Principal& who,
                                                   std::vector<SlaPolicy> policies) const {
  SlaConfig next = *ctx_.sla->Get();
  next.policies = std::move(policies);
  return Replace(who, std::move(next), false);
}

Status ManageSla::Load() const {
  SlaConfig config = DefaultSlaConfig();
  CL_RETURN_IF_ERROR(ctx_.store.Read([&](Repositories& repos) {
    if (auto stored = repos.config().LoadCalendars()) config.calendars = std::move(*stored);
    if (auto stored = repos.config().LoadSlaPolicies()) config.policies = std::move(*stored);
    return Status::Ok();
  }));
  CL_RETURN_IF_ERROR(config.Validate());
  ctx_.sla->Set(std::move(config));
  return Status::Ok();
}

HandlingPrediction PredictHandlingTime(Repositories& repos, const Complaint& c, UnixMillis before) {
  const struct {
    std::string category;
    std::optional<ComplaintType> type;
    std::string basis;
  } levels[] = {{c.category, c.type, "category+type"},
                {c.category, std::nullopt, "category"},
                {"", std::nullopt, "all"}};
  for (const auto& level : levels) {
    if ((level.basis == "category+type" && (!c.type || c.category.empty())) ||
        (level.basis == "category" && c.category.empty())) {
      continue;
    }
    auto times =
        repos.analysis().HandlingTimes(level.category, level.type, before, kPredictionSample);
    if (static_cast<int>(times.size()) < kPredictionMinSample) continue;
    std::nth_element(times.begin(), times.begin() + static_cast<long>(times.size() / 2),
                     times.end());
    return {times[times.size() / 2], level.basis, static_cast<int>(times.size())};
  }
  return {};
}

core::Result<PredictionQuality> EvaluateHandlingPrediction(const Context& ctx, int limit) {
  PredictionQuality q;
  std::vector<double> errors;
  double baseline_sum = 0;
  Status status = ctx.store.Read([&](Repositories& repos) {
    ComplaintQuery query;
    query.statuses = {ComplaintStatus::kResolved, ComplaintStatus::kClosed};
    query.limit = limit;
    for (const Complaint& c : repos.complaints().List(query, SystemPrincipal())) {
      if (!c.resolved_at) continue;
      ++q.complaints;
      const HandlingPrediction p = PredictHandlingTime(repos, c, c.received_at);
      if (!p.minutes_ms) continue;
      Complaint anything;
      const HandlingPrediction baseline = PredictHandlingTime(repos, anything, c.received_at);
      const double actual = static_cast<double>(*c.resolved_at - c.received_at);
      errors.push_back(std::abs(actual - static_cast<double>(*p.minutes_ms)) / core::kMinute);
      baseline_sum += std::abs(actual - static_cast<double>(*baseline.minutes_ms)) / core::kMinute;
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  q.predicted = static_cast<int>(errors.size());
  if (errors.empty()) return q;
  double sum = 0;
  int close = 0;
  for (double e : errors) {
    sum += e;
    close += e <= 15;
  }
  q.mean_absolute_error_minutes = sum / errors.size();
  q.baseline_mae_minutes = baseline_sum / errors.size();
  q.within_15_minutes = static_cast<double>(close) / errors.size();
  std::nth_element(errors.begin(), errors.begin() + static_cast<long>(errors.size() / 2),
                   errors.end());
  q.median_absolute_error_minutes = errors[errors.size() / 2];
  return q;
}

core::Result<ComplaintSla> GetComplaintSla::Execute(const Principal& who,
                                                    const std::string& key) const {
  if (!ctx_.policy.Allows(who, Permission::kComplaintRead)) {
    return Status::Denied("your role may not read complaints");
  }
  Complaint complaint;
  std::vector<ComplaintEvent> history;
  std::optional<CustomerTier> tier;
  HandlingPrediction prediction;
  Status status = ctx_.store.Read([&](Repositories& repos) -> Status {
    auto loaded = LoadVisibleComplaint(repos, ctx_, who, key);
    if (!loaded.ok()) return loaded.status();
    complaint = std::move(loaded.value());
    history = repos.events().ListForComplaint(complaint.id);
    prediction = PredictHandlingTime(repos, complaint, complaint.received_at);
    if (complaint.customer_id) {
      tier = repos.customers().TierOf(*complaint.customer_id);
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  const auto config = ctx_.sla->Get();
  const SlaPolicy& policy = ChoosePolicy(config->policies, complaint, tier);
  const BusinessCalendar* calendar = config->FindCalendar(policy.calendar);
  return ComplaintSla{ComputeSla(complaint, history, policy,
                                 calendar ? *calendar : AlwaysOpenCalendar(), ctx_.clock.Now()),
                      prediction};
}

}  // namespace closeloop::domain
