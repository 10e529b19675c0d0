#include "domain/analytics/promotions.h"

#include <algorithm>

#include "core/text.h"
#include "core/time_format.h"
#include "domain/analytics/facts.h"
#include "domain/analytics/repository.h"
#include "domain/org/config_audit.h"

namespace closeloop::domain {

using core::Status;

namespace {

bool IsDay(const std::string& day) { return day.size() == 10 && core::ParseIso8601(day); }

}  // namespace

std::vector<Promotion> DefaultPromotions(const std::string& today) {
  std::vector<Promotion> out;
  const int year = std::stoi(today.substr(0, 4));
  for (int y = year - 2; y <= year + 1; ++y) {
    const std::string ys = std::to_string(y);
    out.push_back({"618 " + ys, ys + "-06-01", ys + "-06-18"});
    out.push_back({"双11 " + ys, ys + "-10-20", ys + "-11-11"});
    out.push_back({"双12 " + ys, ys + "-12-10", ys + "-12-12"});
  }
  return out;
}

Status ValidatePromotions(const std::vector<Promotion>& promotions) {
  for (size_t i = 0; i < promotions.size(); ++i) {
    const std::string at = "promotions[" + std::to_string(i) + "].";
    const Promotion& p = promotions[i];
    const std::string name = core::Trim(p.name);
    if (name.empty() || core::Utf8Length(name) > 100) {
      return Status::Invalid(at + "name", "a promotion's name is 1-100 characters");
    }
    if (!IsDay(p.starts_on)) return Status::Invalid(at + "starts_on", "a date YYYY-MM-DD");
    if (!IsDay(p.ends_on)) return Status::Invalid(at + "ends_on", "a date YYYY-MM-DD");
    if (p.ends_on < p.starts_on) {
      return Status::Invalid(at + "ends_on", "the promotion ends before it starts");
    }
    if (DaysSinceEpoch(p.ends_on) - DaysSinceEpoch(p.starts_on) >= 92) {
      return Status::Invalid(at + "ends_on", "a promotion lasts at most 92 days");
    }
    for (size_t j = 0; j < i; ++j) {
      const Promotion& o = promotions[j];
      if (p.starts_on <= o.ends_on && o.starts_on <= p.ends_on) {
        return Status::Invalid(at + "starts_on", "overlaps promotions[" + std::to_string(j) +
                                                     "] (" + o.name + ", " + o.starts_on + " – " +
                                                     o.ends_on + ")");
      }
    }
  }
  return Status::Ok();
}

std::vector<Promotion> PromotionsInForce(Repositories& repos, const Context& ctx) {
  std::vector<Promotion> stored = repos.analytics().Promotions();
  if (!stored.empty()) return stored;
  return DefaultPromotions(LocalDay(ctx.clock.Now(), ctx.config.org_utc_offset_minutes));
}

core::Result<std::vector<Promotion>> ManagePromotions::List(const Principal& who) const {
  if (!ctx_.policy.Allows(who, Permission::kAnalyticsRead)) {
    return Status::Denied("your role may not read analytics");
  }
  std::vector<Promotion> out;
  CL_RETURN_IF_ERROR(ctx_.store.Read([&](Repositories& repos) {
    out = PromotionsInForce(repos, ctx_);
    return Status::Ok();
  }));
  return out;
}

core::Result<std::vector<Promotion>> ManagePromotions::Replace(
    const Principal& who, std::vector<Promotion> promotions) const {
  if (!ctx_.policy.Allows(who, Permission::kConfigManage)) {
    return Status::Denied("your role may not change configuration");
  }
  CL_RETURN_IF_ERROR(CheckOrganisationWide(who, "the promotion calendar", "promotions"));
  CL_RETURN_IF_ERROR(ValidatePromotions(promotions));
  for (Promotion& p : promotions) p.name = core::Trim(p.name);
  std::stable_sort(
      promotions.begin(), promotions.end(),
      [](const Promotion& a, const Promotion& b) { return a.starts_on < b.starts_on; });
  CL_RETURN_IF_ERROR(ctx_.store.Write([&](Repositories& repos) {
    repos.analytics().SavePromotions(promotions);
    RecordConfigChange(repos, ctx_, who, "promotions",
                       std::to_string(promotions.size()) + " promotions");
    return Status::Ok();
  }));
  return promotions;
}

}  // namespace closeloop::domain
