// The promotion calendar: 618, 双11 and the organisation's own campaigns, a known
// driver of complaint volume. Reports set volume against it; forecasts will take it as a driver.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "domain/analytics/entities.h"
#include "domain/context.h"

namespace closeloop::domain {

// 618 (1-18 June) and 双11 (20 October - 11 November, with the presale) of the years from two
// before `today`'s to one after, and 双12 (10-12 December).
std::vector<Promotion> DefaultPromotions(const std::string& today);
// Names 1-100 characters, real dates, ends_on not before starts_on, at most 92 days, no two
// overlapping; the error names the entry ("promotions[1].starts_on") and the one it overlaps.
core::Status ValidatePromotions(const std::vector<Promotion>& promotions);

class ManagePromotions {
 public:
  explicit ManagePromotions(const Context& ctx) : ctx_(ctx) {}
  // analytics.read; sorted by start.
  core::Result<std::vector<Promotion>> List(const Principal& who) const;
  // config.manage, unscoped (the calendar is the organisation's); recorded.
  core::Result<std::vector<Promotion>> Replace(const Principal& who,
                                               std::vector<Promotion> promotions) const;

 private:
  const Context& ctx_;
};

// The calendar in force inside a unit of work.
std::vector<Promotion> PromotionsInForce(Repositories& repos, const Context& ctx);

}  // namespace closeloop::domain
