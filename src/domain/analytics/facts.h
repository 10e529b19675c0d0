// How a complaint becomes its fact row (docs/kpi.md says what each column means). Pure: the
// caller loads the inputs; the same inputs always give the same fact, so a rebuild from the
// stored history equals the facts kept up incrementally.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/analytics/entities.h"
#include "domain/complaint/entities.h"
#include "domain/org/entities.h"
#include "domain/sla/sla.h"
#include "domain/survey/entities.h"

namespace closeloop::domain {

// The four handling phases whose attainment is a KPI, in ComplaintFact::sla_met order.
inline constexpr const char* kSlaKpiPhases[] = {"first_response", "identify", "analyse", "resolve"};

struct FactInputs {
  const Complaint* complaint = nullptr;
  const std::vector<ComplaintEvent>* history = nullptr;  // oldest first
  std::vector<std::string> analysis_flags;
  std::optional<Resolution> resolution;
  std::vector<SurveyResponse> responses;
  std::vector<SurveyInvitation> invitations;
  std::optional<CustomerTier> tier;
  std::optional<Product> product;
  std::string province;
  std::optional<SlaView> sla;  // the complaint's clocks (absent: phases not decided)
  // The same customer complained again about the same category within the FCR window after
  // this one was resolved.
  bool contacted_again = false;
  int utc_offset_minutes = 480;
};

ComplaintFact DeriveFact(const FactInputs& in);

// online_own (web, email, chat, api), online_platform (ecommerce, social), offline (store,
// phone), imported.
std::string ChannelGroupOf(Channel channel);
// pre_sale, in_sale or after_sale from the category (and, without one, the type and whether an
// order is named); "" when nothing tells.
std::string TouchpointOf(const Complaint& complaint);
// "YYYY-MM-DD", "YYYY-Www" (ISO 8601 week) and "YYYY-MM" of `t` at a fixed UTC offset.
std::string LocalDay(UnixMillis t, int utc_offset_minutes);
std::string IsoWeekOf(const std::string& day);
// Days since 1970-01-01 of a valid "YYYY-MM-DD".
long long DaysSinceEpoch(const std::string& day);

}  // namespace closeloop::domain
