#include "domain/analytics/analytics_upkeep.h"

#include "domain/analysis/repository.h"
#include "domain/analytics/facts.h"
#include "domain/analytics/repository.h"
#include "domain/complaint/repository.h"
#include "domain/customer/repository.h"
#include "domain/org/repository.h"
#include "domain/sla/sla_config.h"
#include "domain/survey/repository.h"

namespace closeloop::domain {

using core::Status;

namespace {

// Whether the customer complained again about the same category within `window` after `c` was
// resolved (re-contact on the same issue: FCR, docs/kpi.md).
bool ContactedAgain(const Complaint& c, const std::vector<Complaint>& theirs, UnixMillis window) {
  if (!c.resolved_at || c.category.empty()) return false;
  for (const Complaint& other : theirs) {
    if (other.id == c.id || other.category != c.category) continue;
    if (other.received_at > *c.resolved_at && other.received_at <= *c.resolved_at + window) {
      return true;
    }
  }
  return false;
}

std::optional<ComplaintFact> ComputeFact(Repositories& repos, const Context& ctx, Id id) {
  auto found = repos.complaints().FindById(id);
  if (!found) return std::nullopt;
  const Complaint& c = *found;
  const std::vector<ComplaintEvent> history = repos.events().ListForComplaint(id);
  FactInputs in;
  in.complaint = &c;
  in.history = &history;
  in.utc_offset_minutes = ctx.config.org_utc_offset_minutes;
  if (auto analysis = repos.analysis().Find(id)) in.analysis_flags = analysis->flags;
  in.resolution = repos.outcomes().FindResolution(id);
  in.responses = repos.surveys().ResponsesOfComplaint(id);
  in.invitations = repos.surveys().InvitationsOf(id);
  if (c.customer_id) {
    in.tier = repos.customers().TierOf(*c.customer_id);
    if (c.resolved_at) {
      in.contacted_again =
          ContactedAgain(c, repos.complaints().ListForCustomer(*c.customer_id, 200),
                         ctx.config.fcr_window_days * core::kDay);
    }
  }
  if (c.product_id) in.product = repos.org().FindProduct(*c.product_id);
  if (c.city_id) {
    if (auto city = repos.org().FindCity(*c.city_id)) in.province = city->province;
  }
  if (ctx.sla) {
    const auto config = ctx.sla->Get();
    const SlaPolicy& policy = ChoosePolicy(config->policies, c, in.tier);
    const BusinessCalendar* calendar = config->FindCalendar(policy.calendar);
    in.sla = ComputeSla(c, history, policy, calendar ? *calendar : AlwaysOpenCalendar(),
                        ctx.clock.Now());
  }
  return DeriveFact(in);
}

Status Recompute(Repositories& repos, const Context& ctx, const std::vector<Id>& ids) {
  for (Id id : ids) {
    if (auto fact = ComputeFact(repos, ctx, id)) repos.analytics().SaveFact(*fact);
  }
  return Status::Ok();
}

}  // namespace

Status AnalyticsSubscriber::OnChange(const ComplaintChange& change, Repositories& repos) {
  repos.analytics().MarkPending(change.complaint.id);
  // A complaint may be (or, reclassified or moved to another customer, stop being) the
  // re-contact that takes an earlier one's FCR away: when its category or customer may have
  // changed, the customer's complaints resolved within the window before it are recomputed too.
  // Other changes (status, assignment …) cannot make it one, and cost intake nothing more.
  const Complaint& c = change.complaint;
  const bool may_recontact =
      change.kind == ChangeKind::kUpdated ||
      ((change.kind == ChangeKind::kCreated || change.kind == ChangeKind::kAnalysed) &&
       !c.category.empty());
  if (c.customer_id && may_recontact) {
    const UnixMillis window = ctx_.config.fcr_window_days * core::kDay;
    for (const Complaint& earlier : repos.complaints().ListForCustomer(*c.customer_id, 50)) {
      if (earlier.id != c.id && earlier.resolved_at && c.received_at > *earlier.resolved_at &&
          c.received_at <= *earlier.resolved_at + window) {
        repos.analytics().MarkPending(earlier.id);
      }
    }
  }
  return Status::Ok();
}

core::Result<int> RefreshAnalytics::Round(int limit) const {
  int done = 0;
  Status status = ctx_.store.Write([&](Repositories& repos) -> Status {
    const std::vector<Id> ids = repos.analytics().Pending(limit);
    CL_RETURN_IF_ERROR(Recompute(repos, ctx_, ids));
    repos.analytics().ClearPending(ids);
    done = static_cast<int>(ids.size());
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return done;
}

core::Result<int> RefreshAnalytics::UntilDone() const {
  int total = 0;
  for (;;) {
    auto n = Round();
    if (!n.ok()) return n.status();
    if (*n == 0) return total;
    total += *n;
  }
}

core::Result<int> RefreshAnalytics::Rebuild(int batch) const {
  int total = 0;
  Status status = ctx_.store.Write([&](Repositories& repos) -> Status {
    repos.analytics().DeleteAllFacts();
    return Status::Ok();
  });
  if (!status.ok()) return status;
  Id after = 0;
  for (;;) {
    std::vector<Id> ids;
    status = ctx_.store.Write([&](Repositories& repos) -> Status {
      ids = repos.analytics().ComplaintIds(after, batch);
      CL_RETURN_IF_ERROR(Recompute(repos, ctx_, ids));
      repos.analytics().ClearPending(ids);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    if (ids.empty()) return total;
    after = ids.back();
    total += static_cast<int>(ids.size());
  }
}

core::Result<int> RefreshAnalytics::Verify(std::vector<Id>* examples) const {
  int differing = 0;
  Id after = 0;
  for (;;) {
    std::vector<Id> ids;
    Status status = ctx_.store.Read([&](Repositories& repos) -> Status {
      ids = repos.analytics().ComplaintIds(after, 2000);
      for (Id id : ids) {
        auto fresh = ComputeFact(repos, ctx_, id);
        auto stored = repos.analytics().FindFact(id);
        if (fresh && (!stored || !(*stored == *fresh))) {
          ++differing;
          if (examples && examples->size() < 10) examples->push_back(id);
        }
      }
      return Status::Ok();
    });
    if (!status.ok()) return status;
    if (ids.empty()) return differing;
    after = ids.back();
  }
}

core::Result<ComplaintFact> RefreshAnalytics::Compute(Id complaint_id) const {
  std::optional<ComplaintFact> fact;
  Status status = ctx_.store.Read([&](Repositories& repos) {
    fact = ComputeFact(repos, ctx_, complaint_id);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  if (!fact) return Status::NotFound("complaint not found");
  return *fact;
}

}  // namespace closeloop::domain
