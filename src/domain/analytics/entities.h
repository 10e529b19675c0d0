// Analytics: the fact row kept per complaint, the sums the KPIs are computed from, and the
// query a KPI, a breakdown or a drill-down asks. docs/kpi.md defines every number.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/model/ids.h"

namespace closeloop::domain {

// What the KPIs count about one complaint, derived from the complaint, its history, its analysis,
// its resolution and its survey answers (DeriveFact). Times are minutes; flags are 0 or 1.
struct ComplaintFact {
  Id id = 0;  // the complaint's
  UnixMillis received_at = 0;
  std::string day;    // YYYY-MM-DD in the organisation's time zone
  std::string week;   // ISO week YYYY-Www
  std::string month;  // YYYY-MM
  std::optional<Id> region_id;
  std::string province;
  std::optional<Id> city_id;
  std::optional<Id> store_id;
  std::optional<Id> product_id;
  std::string product_line;
  std::string lifecycle_stage;
  std::optional<Id> batch_id;
  std::string category;
  std::string type;
  std::string channel;
  std::string channel_group;  // online_own, online_platform, offline
  std::optional<Id> team_id;
  std::optional<Id> assignee_id;
  std::string tier;
  std::string touchpoint;  // pre_sale, in_sale, after_sale
  std::string status;
  bool is_open = false;
  bool rejected = false;
  std::optional<double> first_response_minutes;
  std::optional<double> first_response_business_minutes;
  bool resolved = false;  // resolved or closed now
  std::optional<double> resolution_minutes;
  std::optional<double> resolution_business_minutes;
  bool resolved_within_24h = false;
  bool ever_resolved = false;
  bool reopened = false;
  bool fcr = false;
  bool escalated = false;
  bool repeat_7d = false;
  bool repeat_30d = false;
  bool overdue = false;
  // Per SLA phase (first_response, identify, analyse, resolve): met, breached, or not decided.
  std::array<std::optional<bool>, 4> sla_met;
  std::optional<double> tpi;
  std::optional<int> csat;
  std::optional<int> nps;
  std::optional<int> spm;
  std::optional<int> ces;
  bool surveyed = false;
  bool answered = false;
  std::int64_t compensation_cents = 0;

  bool operator==(const ComplaintFact& other) const;
};

// The sums over a set of fact rows that every KPI is a ratio of (the store computes them, the
// domain turns them into KPIs: ComputeKpis). The order is the store's column order.
enum class Sum {
  kComplaints,
  kValid,  // not rejected
  kFirstResponseN,
  kFirstResponseMinutes,
  kFirstResponseBusinessN,
  kFirstResponseBusinessMinutes,
  kResolved,
  kResolutionMinutes,
  kResolutionBusinessN,
  kResolutionBusinessMinutes,
  kResolvedWithin24h,
  kEverResolved,
  kReopened,
  kFcr,
  kEscalated,
  kRepeat7d,
  kRepeat30d,
  kOverdue,
  kSlaFirstResponseMet,
  kSlaFirstResponseBreached,
  kSlaIdentifyMet,
  kSlaIdentifyBreached,
  kSlaAnalyseMet,
  kSlaAnalyseBreached,
  kSlaResolveMet,
  kSlaResolveBreached,
  kTpiN,
  kTpiSum,
  kCsatN,
  kCsatSum,
  kCsatTop2,
  kNpsN,
  kNpsPromoters,
  kNpsDetractors,
  kSpmN,
  kSpmSum,
  kCesN,
  kCesSum,
  kSurveyed,
  kAnswered,
  kCompensationCents,
  kOpen,
  kOpenReceivedSum,  // sum of received_at (ms) of the open ones
  kOpenOldest,       // the smallest received_at (ms) of the open ones, 0 when none
  kCount_,
};
inline constexpr size_t kSumCount = static_cast<size_t>(Sum::kCount_);

struct FactSums {
  std::array<double, kSumCount> v{};
  double operator[](Sum s) const { return v[static_cast<size_t>(s)]; }
  double& operator[](Sum s) { return v[static_cast<size_t>(s)]; }
};

// One group of a breakdown: the values of its dimensions (in the order asked) and its sums.
struct GroupSums {
  std::vector<std::string> keys;
  FactSums sums;
};

// Which fact rows a question is about: complaints received on [from_day, to_day] (dates in the
// organisation's time zone) with every filter equal, within the caller's scope.
struct FactQuery {
  std::string from_day;
  std::string to_day;
  std::vector<std::pair<std::string, std::string>> filters;  // dimension name, value
  std::vector<std::string> group_by;                         // dimension names
  // Only rows where this flag (kFactFlags: resolved, overdue …) is set: the complaints behind
  // a KPI's numerator. Empty: the whole cohort.
  std::string flag;
};

// A KPI's target and its weight in the composite score (configuration, docs/kpi.md).
struct KpiTarget {
  std::string kpi;
  double target = 0;
  double weight = 0;
};

// How one KPI stands against its target: attainment 0..1 (1 = met or better).
struct KpiAttainment {
  std::string kpi;
  std::optional<double> value;
  double target = 0;
  double weight = 0;
  std::optional<double> attainment;  // none without a value
  bool met = false;
};

// A promotion (618, 双11 …): days in the organisation's calendar, both inclusive.
struct Promotion {
  std::string name;
  std::string starts_on;
  std::string ends_on;
};

// A complaint behind a number (no personal data: the drill-down's rows).
struct FactComplaint {
  Id id = 0;
  std::string reference;
  std::string status;
  UnixMillis received_at = 0;
  std::string category;
  std::string type;
  std::string channel;
  std::optional<Id> region_id;
  std::optional<Id> team_id;
  std::optional<Id> assignee_id;
};

}  // namespace closeloop::domain
