#include "domain/analytics/facts.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "core/time_format.h"

namespace closeloop::domain {

namespace {

constexpr double kMinute = 60000.0;

// The touchpoint of a category (seed 000 3.2: 售前咨询 / 售中体验 / 售后服务). Data, not code:
// a category not listed is after-sale when an order is named.
const std::map<std::string, std::string> kCategoryTouchpoints = {
    {"price_advertising", "pre_sale"},
    {"logistics", "in_sale"},
    {"product_quality", "after_sale"},
    {"after_sales", "after_sale"},
};

bool HasFlag(const std::vector<std::string>& flags, const char* flag) {
  return std::find(flags.begin(), flags.end(), flag) != flags.end();
}

// A phase's breach recorded by the SLA sweep ("<phase>: target passed …").
bool BreachRecorded(const std::vector<ComplaintEvent>& history, const std::string& phase) {
  for (const ComplaintEvent& e : history) {
    if (e.kind == EventKind::kSlaBreach && e.note.rfind(phase + ":", 0) == 0) return true;
  }
  return false;
}

}  // namespace

bool ComplaintFact::operator==(const ComplaintFact& o) const {
  auto near = [](const std::optional<double>& a, const std::optional<double>& b) {
    if (a.has_value() != b.has_value()) return false;
    return !a || std::abs(*a - *b) < 1e-6;
  };
  return id == o.id && received_at == o.received_at && day == o.day && week == o.week &&
         month == o.month && region_id == o.region_id && province == o.province &&
         city_id == o.city_id && store_id == o.store_id && product_id == o.product_id &&
         product_line == o.product_line && lifecycle_stage == o.lifecycle_stage &&
         batch_id == o.batch_id && category == o.category && type == o.type &&
         channel == o.channel && channel_group == o.channel_group && team_id == o.team_id &&
         assignee_id == o.assignee_id && tier == o.tier && touchpoint == o.touchpoint &&
         status == o.status && is_open == o.is_open && rejected == o.rejected &&
         near(first_response_minutes, o.first_response_minutes) &&
         near(first_response_business_minutes, o.first_response_business_minutes) &&
         resolved == o.resolved && near(resolution_minutes, o.resolution_minutes) &&
         near(resolution_business_minutes, o.resolution_business_minutes) &&
         resolved_within_24h == o.resolved_within_24h && ever_resolved == o.ever_resolved &&
         reopened == o.reopened && fcr == o.fcr && escalated == o.escalated &&
         repeat_7d == o.repeat_7d && repeat_30d == o.repeat_30d && overdue == o.overdue &&
         sla_met == o.sla_met && near(tpi, o.tpi) && csat == o.csat && nps == o.nps &&
         spm == o.spm && ces == o.ces && surveyed == o.surveyed && answered == o.answered &&
         compensation_cents == o.compensation_cents;
}

std::string ChannelGroupOf(Channel channel) {
  switch (channel) {
    case Channel::kEcommerce:
    case Channel::kSocial:
      return "online_platform";
    case Channel::kStore:
    case Channel::kPhone:
      return "offline";
    case Channel::kImport:
      return "imported";
    case Channel::kApi:
    case Channel::kWeb:
    case Channel::kEmail:
    case Channel::kChat:
      break;
  }
  return "online_own";
}

std::string TouchpointOf(const Complaint& c) {
  auto it = kCategoryTouchpoints.find(c.category);
  if (it != kCategoryTouchpoints.end()) return it->second;
  const bool ordered = c.order_id.has_value() || !c.order_ref.empty();
  if (!ordered && (c.type == ComplaintType::kInquiry || c.type == ComplaintType::kSuggestion)) {
    return "pre_sale";
  }
  return ordered ? "after_sale" : "";
}

std::string LocalDay(UnixMillis t, int utc_offset_minutes) {
  const std::string compact = core::CompactDate(t, utc_offset_minutes);
  return compact.substr(0, 4) + "-" + compact.substr(4, 2) + "-" + compact.substr(6, 2);
}

long long DaysSinceEpoch(const std::string& day) {
  return core::DaysFromCivil(std::stoi(day.substr(0, 4)),
                             static_cast<unsigned>(std::stoi(day.substr(5, 2))),
                             static_cast<unsigned>(std::stoi(day.substr(8, 2))));
}

std::string IsoWeekOf(const std::string& day) {
  const int y = std::stoi(day.substr(0, 4));
  const auto m = static_cast<unsigned>(std::stoi(day.substr(5, 2)));
  const auto d = static_cast<unsigned>(std::stoi(day.substr(8, 2)));
  const long long days = core::DaysFromCivil(y, m, d);
  const long long weekday = ((days + 3) % 7 + 7) % 7;  // 0 = Monday (1970-01-01 was a Thursday)
  // The ISO year is the year of this week's Thursday; week 1 holds its first Thursday.
  const long long thursday = days - weekday + 3;
  int iso_year = 0;
  unsigned tm = 0, td = 0;
  core::CivilFromDays(thursday, iso_year, tm, td);
  const long long week = (thursday - core::DaysFromCivil(iso_year, 1, 1)) / 7 + 1;
  char out[48];
  std::snprintf(out, sizeof out, "%04d-W%02lld", iso_year, week);
  return out;
}

ComplaintFact DeriveFact(const FactInputs& in) {
  const Complaint& c = *in.complaint;
  ComplaintFact f;
  f.id = c.id;
  f.received_at = c.received_at;
  f.day = LocalDay(c.received_at, in.utc_offset_minutes);
  f.week = IsoWeekOf(f.day);
  f.month = f.day.substr(0, 7);
  f.region_id = c.region_id;
  f.province = in.province;
  f.city_id = c.city_id;
  f.store_id = c.store_id;
  f.product_id = c.product_id;
  if (in.product) {
    f.product_line = in.product->product_line;
    f.lifecycle_stage = in.product->lifecycle_stage;
  }
  f.batch_id = c.batch_id;
  f.category = c.category;
  f.type = c.type ? ToString(*c.type) : "";
  f.channel = ToString(c.channel);
  f.channel_group = ChannelGroupOf(c.channel);
  f.team_id = c.team_id;
  f.assignee_id = c.assignee_id;
  f.tier = in.tier ? ToString(*in.tier) : "";
  f.touchpoint = TouchpointOf(c);
  f.status = ToString(c.status);
  f.is_open = IsOpen(c.status);
  f.rejected = c.status == ComplaintStatus::kRejected;

  if (c.first_response_at) {
    f.first_response_minutes = static_cast<double>(*c.first_response_at - c.received_at) / kMinute;
  }
  f.resolved = c.status == ComplaintStatus::kResolved || c.status == ComplaintStatus::kClosed;
  const std::optional<UnixMillis> done = c.resolved_at ? c.resolved_at : c.closed_at;
  if (f.resolved && done) {
    f.resolution_minutes = static_cast<double>(*done - c.received_at) / kMinute;
    f.resolved_within_24h = *f.resolution_minutes <= 24 * 60;
  }
  f.reopened = c.reopen_count > 0;
  f.ever_resolved = f.resolved || f.reopened;
  f.fcr = f.resolved && !f.reopened && !in.contacted_again;
  f.escalated = c.escalation_level > 0;
  f.repeat_7d = HasFlag(in.analysis_flags, "repeat_7d");
  f.repeat_30d = HasFlag(in.analysis_flags, "repeat_30d") || f.repeat_7d;

  // A rejected complaint (invalid, malicious) is not one to handle: it counts in no SLA phase.
  if (in.sla && !f.rejected) {
    for (size_t i = 0; i < f.sla_met.size(); ++i) {
      const std::string phase = kSlaKpiPhases[i];
      const PhaseClock* clock = nullptr;
      for (const PhaseClock& p : in.sla->phases) {
        if (p.phase == phase) clock = &p;
      }
      if (!clock) continue;
      if (clock->done_at) {
        f.sla_met[i] = clock->state == PhaseState::kMet;
      } else if (BreachRecorded(*in.history, phase)) {
        f.sla_met[i] = false;
      }
      if (phase == "first_response" && clock->done_at) {
        f.first_response_business_minutes = static_cast<double>(clock->working_elapsed) / kMinute;
      }
      if (phase == "resolve" && clock->done_at && f.resolved) {
        f.resolution_business_minutes = static_cast<double>(clock->working_elapsed) / kMinute;
        if (clock->target > 0) {
          f.tpi = static_cast<double>(clock->target - clock->working_elapsed) /
                  static_cast<double>(clock->target);
        }
      }
    }
  }
  for (const auto& met : f.sla_met) f.overdue = f.overdue || (met && !*met);

  // The latest answer to each question counts (a recovery survey supersedes the first one).
  std::vector<const SurveyResponse*> answers;
  for (const SurveyResponse& r : in.responses) answers.push_back(&r);
  std::stable_sort(answers.begin(), answers.end(),
                   [](const SurveyResponse* a, const SurveyResponse* b) {
                     return a->answered_at < b->answered_at;
                   });
  for (const SurveyResponse* r : answers) {
    if (r->csat) f.csat = r->csat;
    if (r->nps) f.nps = r->nps;
    if (r->spm) f.spm = r->spm;
    if (r->effort) f.ces = r->effort;
  }
  for (const SurveyInvitation& inv : in.invitations) {
    if (inv.sent_at) f.surveyed = true;
    if (inv.status == "answered") f.answered = true;
  }
  f.answered = f.answered && f.surveyed;
  if (in.resolution) f.compensation_cents = in.resolution->compensation_cents;
  return f;
}

}  // namespace closeloop::domain
