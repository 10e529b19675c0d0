// The SLA configuration in force (calendars and ordered policies), admins' changes to it, and a
// complaint's SLA clocks. Invalid configuration is refused with the field and reason
// and the old one stays.
#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "core/status.h"
#include "domain/complaint/entities.h"
#include "domain/context.h"
#include "domain/sla/sla.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

struct SlaConfig {
  std::vector<BusinessCalendar> calendars;
  std::vector<SlaPolicy> policies;  // ordered; the last matches every complaint
  // Unique codes, valid parts, every policy's calendar known, a catch-all last policy.
  core::Status Validate() const;
  const BusinessCalendar* FindCalendar(const std::string& code) const;
};

// The shipped calendars (24x7, cn-office, cn-service-desk) and policies (urgent, regular).
SlaConfig DefaultSlaConfig();

// The SLA configuration in force.
class SlaConfigHolder : public Swappable<SlaConfig> {
 public:
  SlaConfigHolder() : Swappable<SlaConfig>(DefaultSlaConfig()) {}
};

class ManageSla {
 public:
  explicit ManageSla(const Context& ctx) : ctx_(ctx) {}
  core::Result<SlaConfig> Get(const Principal& who) const;
  core::Result<SlaConfig> ReplaceCalendars(const Principal& who,
                                           std::vector<BusinessCalendar> calendars) const;
  core::Result<SlaConfig> ReplacePolicies(const Principal& who,
                                          std::vector<SlaPolicy> policies) const;
  // Loads the stored configuration at start; a stored one that no longer validates is an error.
  core::Status Load() const;

 private:
  core::Result<SlaConfig> Replace(const Principal& who, SlaConfig next, bool calendars) const;
  const Context& ctx_;
};

// Predicted handling time: the median time from receipt to resolution of the last
// kSample complaints like this one resolved before `before` — same category and type, else
// same category, else any — when at least kMinSample exist.
struct HandlingPrediction {
  std::optional<UnixMillis> minutes_ms;  // absent without enough history
  std::string basis;                     // "category+type", "category", "all"
  int sample = 0;
};
inline constexpr int kPredictionSample = 200;
inline constexpr int kPredictionMinSample = 5;
HandlingPrediction PredictHandlingTime(Repositories& repos, const Complaint& complaint,
                                       UnixMillis before);

// How well PredictHandlingTime did on the resolved complaints of the store, each predicted from
// what had been resolved before it was received.
struct PredictionQuality {
  int complaints = 0;  // resolved complaints looked at
  int predicted = 0;   // of those, with enough history to predict
  double mean_absolute_error_minutes = 0;
  double median_absolute_error_minutes = 0;
  double within_15_minutes = 0;     // share of predictions within ±15 min (the seed's anchor)
  double baseline_mae_minutes = 0;  // predicting the median of all earlier ones instead
};
core::Result<PredictionQuality> EvaluateHandlingPrediction(const Context& ctx, int limit);

struct ComplaintSla {
  SlaView clocks;
  HandlingPrediction prediction;
};

// A complaint's SLA clocks now, under the policy that applies to it, and its predicted
// handling time.
class GetComplaintSla {
 public:
  explicit GetComplaintSla(const Context& ctx) : ctx_(ctx) {}
  core::Result<ComplaintSla> Execute(const Principal& who, const std::string& key) const;

 private:
  const Context& ctx_;
};

}  // namespace closeloop::domain
