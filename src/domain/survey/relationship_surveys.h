// Relationship surveys: an NPS campaign to a customer segment, apart from any complaint,
// and the comparison of each customer's NPS before a complaint with their NPS after it was
// handled, per customer and per segment (tier, region).
// Campaigns: survey.campaign (managers, admins). A scoped manager runs campaigns of one of their
// regions and sees only those; an unscoped one any. Starting a campaign chooses its audience
// (the segment as it stands then) and gives each customer one invitation with its
// survey.dispatch job: the contact rules of the survey policy apply (opt-out, no contact, the
// frequency limit and the minimum gap skip with a reason), sampling does not (the segment is the
// sample). The invitation goes by email, else by SMS, with the NPS answerable in one click.
// Results hold counts only: no customer is named.
// The NPS change: analytics.read (managers, analysts, admins), over the complaints in the
// caller's scope.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/context.h"
#include "domain/survey/entities.h"

namespace closeloop::domain {

// A campaign ask no more customers than this at once.
inline constexpr int kMaxCampaignAudience = 100'000;

// Net promoter score of a set of 0-10 answers: % promoters (9-10) − % detractors (0-6).
struct NpsTally {
  int answers = 0, promoters = 0, passives = 0, detractors = 0;
  void Add(int score);
  std::optional<double> Score() const;  // none without answers; one decimal
};

struct CampaignTierResult {
  std::string tier;
  int invited = 0;  // sent
  NpsTally nps;
};

struct CampaignResults {
  SurveyCampaign campaign;
  int audience = 0;                       // draft: the segment now; else the invitations
  std::map<std::string, int> by_status;   // invitations per status
  std::map<std::string, int> skipped_by;  // skip reasons
  int sent = 0;  // reached the customer (sent, reminded, answered, expired)
  NpsTally nps;
  std::optional<double> response_rate;      // answered / sent
  std::vector<CampaignTierResult> by_tier;  // vip, regular, new
};

struct CampaignInput {
  std::string name;
  std::string template_name = "relationship";
  CampaignSegment segment;
};

class ManageCampaigns {
 public:
  explicit ManageCampaigns(const Context& ctx) : ctx_(ctx) {}
  core::Result<CampaignResults> Create(const Principal& who, const CampaignInput& in) const;
  core::Result<std::vector<CampaignResults>> List(const Principal& who) const;
  core::Result<CampaignResults> Get(const Principal& who, Id id) const;
  // A draft starts: its invitations are scheduled at `send_at` (none: now). Conflict otherwise.
  core::Result<CampaignResults> Start(const Principal& who, Id id,
                                      std::optional<UnixMillis> send_at) const;
  // A running campaign closes: invitations not yet answered are cancelled ("campaign_closed").
  core::Result<CampaignResults> Close(const Principal& who, Id id) const;

 private:
  const Context& ctx_;
};

// One customer's NPS around one complaint (reference and places for the caller to read).
struct NpsChangeItem {
  NpsAroundComplaint scores;
  std::string reference;
  std::string tier;
  std::optional<Id> region_id;
};

struct NpsChangeSegment {
  std::string key;  // a tier, or a region id
  NpsTally before, after;
};

// Complaints resolved in [from, to) whose customer answered a relationship survey before filing
// it and gave an NPS after it was resolved (docs/api.md has the definition).
struct NpsChangeReport {
  NpsTally before, after;
  std::optional<double> change;                // after − before, in NPS points
  double target_change = 15;                   // +15 points after handling
  int improved = 0, unchanged = 0, worse = 0;  // customers whose own score rose, held, fell
  std::vector<NpsChangeSegment> by_tier, by_region;
  std::vector<NpsChangeItem> items;  // the newest 200
};

struct NpsChangeQuery {
  UnixMillis from = 0, to = 0;
  std::string tier;             // "" any
  std::optional<Id> region_id;  // the complaint's region
};

class CompareNps {
 public:
  explicit CompareNps(const Context& ctx) : ctx_(ctx) {}
  core::Result<NpsChangeReport> Run(const Principal& who, const NpsChangeQuery& query) const;

 private:
  const Context& ctx_;
};

}  // namespace closeloop::domain
