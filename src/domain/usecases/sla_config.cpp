#include "domain/usecases/sla_config.h"

#include <set>

#include "domain/usecases/complaint_support.h"

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
  CL_RETURN_IF_ERROR(next.Validate());
  Status status = ctx_.store.Write([&](Repositories& repos) {
    if (calendars) {
      repos.config().SaveCalendars(next.calendars);
    } else {
      repos.config().SaveSlaPolicies(next.policies);
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

core::Result<SlaView> GetComplaintSla::Execute(const Principal& who, const std::string& key) const {
  if (!ctx_.policy.Allows(who, Permission::kComplaintRead)) {
    return Status::Denied("your role may not read complaints");
  }
  Complaint complaint;
  std::vector<ComplaintEvent> history;
  std::optional<CustomerTier> tier;
  Status status = ctx_.store.Read([&](Repositories& repos) -> Status {
    auto loaded = LoadVisibleComplaint(repos, ctx_, who, key);
    if (!loaded.ok()) return loaded.status();
    complaint = std::move(loaded.value());
    history = repos.events().ListForComplaint(complaint.id);
    if (complaint.customer_id) {
      if (auto customer = repos.customers().FindById(*complaint.customer_id)) tier = customer->tier;
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  const auto config = ctx_.sla->Get();
  const SlaPolicy& policy = ChoosePolicy(config->policies, complaint, tier);
  const BusinessCalendar* calendar = config->FindCalendar(policy.calendar);
  return ComputeSla(complaint, history, policy, calendar ? *calendar : AlwaysOpenCalendar(),
                    ctx_.clock.Now());
}

}  // namespace closeloop::domain
