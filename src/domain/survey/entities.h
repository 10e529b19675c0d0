// Satisfaction surveys: the policy, the templates, invitations and answers.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/model/ids.h"

namespace closeloop::domain {

// A customer's answer to the satisfaction survey. Scores are absent when not answered;
// the comment's emotion is scored when the answer is stored.
struct SurveyResponse {
  Id id = 0;
  Id complaint_id = 0;               // 0: the answer to a relationship survey (no complaint)
  std::optional<Id> customer_id;     // who answered (the complaint's customer, or the campaign's)
  std::optional<int> csat;           // 1..5
  std::optional<int> nps;            // 0..10
  std::optional<int> spm;            // solution match, 1..5
  std::optional<int> effort;         // customer effort, 1..5 (1 = very difficult, 5 = very easy)
  std::vector<std::string> reasons;  // reason codes given with a low score
  std::string comment;
  double comment_sentiment = 0;
  int comment_agitation = 0;
  std::string source = "survey";    // survey (the customer, through the page), staff, import, demo
  std::optional<Id> invitation_id;  // answers through the survey page
  std::optional<Id> taken_by;       // staff: who typed in an answer taken by phone
  UnixMillis answered_at = 0;
};

// Which template a complaint's survey uses: the first rule whose fields all match ("" = any).
struct SurveyTemplateRule {
  std::string channel;  // a complaint channel
  std::string type;     // a complaint type
  std::string tier;     // vip, regular, new
  std::string template_name;
};

// How surveys are sent (GET/PUT /api/v1/config/surveys). Times in whole units as admins think
// of them.
struct SurveyPolicy {
  int delay_minutes = 1440;       // after resolution
  int expiry_days = 28;           // after sending
  int reminder_after_hours = 72;  // one reminder if unanswered; 0 = none
  int callback_hours = 72;        // the callback task's deadline after a low answer
  // Contact frequency: at most `max_per_period` surveys per customer in `period_days` (0 = no
  // limit), and at least `min_gap_days` between two.
  int max_per_period = 2;
  int period_days = 30;
  int min_gap_days = 7;
  // Sampling per channel: the percentage of resolved complaints surveyed (absent: 100).
  std::vector<std::pair<std::string, int>> sampling;
  // A low answer (the closed loop): CSAT at or below, NPS at or below (detractor), or a comment
  // whose sentiment is below (-1..1).
  int low_csat_at_most = 2;
  int low_nps_at_most = 6;
  double negative_comment_below = -0.3;
  bool resurvey_recovered = true;  // a recovered customer is surveyed again (short template)
  std::vector<SurveyTemplateRule> template_rules;
  std::string default_template = "standard";
  std::string first_time_template = "short";  // a customer's first complaint
  // Tiered contact strategies, run daily ("survey.strategies"); 0 turns one off.
  // A VIP who complained in the last year gets a deep-interview task every this many days.
  int vip_interview_days = 90;
  // A customer whose complaint of the last `recontact_days` is still open after
  // `recontact_unresolved_after_days`, or was answered low, is re-contacted within
  // `recontact_days` (one re-contact task per customer per window).
  int recontact_days = 30;
  int recontact_unresolved_after_days = 7;
};

// One question of a survey template. Kinds: csat (1-5), nps (0-10), spm (1-5 Likert), ces
// (1-5), reasons (choices, asked when a score is low), comment (free text).
struct SurveyQuestion {
  std::string code;  // the form field: csat, nps, spm, ces, reasons, comment
  bool required = false;
  // The wording per language: {"zh-CN", "…"}, {"en", "…"}.
  std::vector<std::pair<std::string, std::string>> text;
};

struct SurveyTemplate {
  std::string name;
  int version = 1;
  std::vector<SurveyQuestion> questions;
};

// Invitation states: scheduled (waiting for the delay), sent, reminded, answered, expired,
// cancelled (the complaint was reopened) and skipped (`reason` says why).
struct SurveyInvitation {
  Id id = 0;
  Id complaint_id = 0;            // 0: a relationship survey's invitation (campaign_id set)
  std::optional<Id> campaign_id;  // the relationship campaign that sent it
  std::optional<Id> customer_id;
  // resolution (after the complaint was resolved), recovery (after a callback won the
  // customer back: exempt from the frequency limits, never from an opt-out) or relationship (a
  // campaign's NPS survey)
  std::string purpose = "resolution";
  std::string template_name;
  int template_version = 1;
  std::string channel;
  std::string language = "zh-CN";
  std::string status = "scheduled";
  std::string reason;
  UnixMillis send_at = 0;
  std::optional<UnixMillis> sent_at, reminded_at, expires_at, answered_at;
  UnixMillis created_at = 0;
  bool Waiting() const { return status == "sent" || status == "reminded"; }
};

// Who a relationship campaign asks: customers of a tier ("" any), who complained in a
// region (none: any), and who complained in the last `within_days` days ("yes"), did not
// ("no"), or either ("any"). Merged-away records are never asked.
struct CampaignSegment {
  std::string tier;
  std::optional<Id> region_id;
  std::string complained = "any";
  int within_days = 90;
};

// An NPS campaign to a segment: a draft until started (the audience is chosen then, each
// customer getting one invitation under the usual contact rules), running while its surveys are
// out, closed when someone ends it (unanswered invitations are cancelled).
struct SurveyCampaign {
  Id id = 0;
  std::string name;
  std::string template_name = "relationship";
  CampaignSegment segment;
  std::string status = "draft";
  std::optional<Id> created_by;
  UnixMillis created_at = 0;
  std::optional<UnixMillis> started_at, closed_at;
};

// One complaint's customer's NPS before and after it was handled: the latest relationship
// answer before the complaint was filed, and the first answer with an NPS after it was resolved.
struct NpsAroundComplaint {
  Id complaint_id = 0;
  Id customer_id = 0;
  int before = 0, after = 0;
  UnixMillis before_at = 0, after_at = 0;
};

}  // namespace closeloop::domain
