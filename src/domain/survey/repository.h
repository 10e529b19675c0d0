// Storage of surveys: the policy, invitations with their link digests, answers and opt-outs.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/model/ids.h"
#include "domain/survey/entities.h"

namespace closeloop::domain {

class SurveyRepository {
 public:
  virtual ~SurveyRepository() = default;
  // Stores the response and its answer per question (scores and reason codes).
  virtual Id InsertSurveyResponse(const SurveyResponse& response) = 0;
  // The latest answer per complaint, for those that have one.
  virtual std::vector<SurveyResponse> SurveyResponsesOf(const std::vector<Id>& complaint_ids) = 0;
  // Every answer of a complaint, oldest first, with their reason codes.
  virtual std::vector<SurveyResponse> ResponsesOfComplaint(Id complaint_id) = 0;
  virtual std::optional<SurveyResponse> FindResponse(Id id) = 0;

  // The stored policy, or nothing for the defaults.
  virtual std::optional<SurveyPolicy> LoadPolicy() = 0;
  virtual void SavePolicy(const SurveyPolicy& policy) = 0;

  virtual Id InsertInvitation(const SurveyInvitation& invitation) = 0;
  virtual void UpdateInvitation(const SurveyInvitation& invitation) = 0;
  virtual std::optional<SurveyInvitation> FindInvitation(Id id) = 0;
  virtual std::vector<SurveyInvitation> InvitationsOf(Id complaint_id) = 0;
  // How many surveys the customer was sent at or after `since`, and when the last one was.
  virtual int SentToCustomerSince(Id customer_id, UnixMillis since) = 0;
  virtual std::optional<UnixMillis> LastSentToCustomer(Id customer_id) = 0;

  // The link secrets of an invitation, as keyed digests.
  virtual void AddToken(const std::string& digest, Id invitation_id, UnixMillis at) = 0;
  virtual std::optional<Id> InvitationOfToken(const std::string& digest) = 0;

  // Templates admins saved: the newest version of a name, or a given version (none: not stored).
  virtual std::optional<SurveyTemplate> StoredTemplate(const std::string& name,
                                                       std::optional<int> version) = 0;
  virtual std::vector<std::string> StoredTemplateNames() = 0;
  virtual void SaveTemplate(const SurveyTemplate& survey_template, std::optional<Id> by,
                            UnixMillis at) = 0;

  virtual Id InsertCampaign(const SurveyCampaign& campaign) = 0;
  virtual void UpdateCampaign(const SurveyCampaign& campaign) = 0;
  virtual std::optional<SurveyCampaign> FindCampaign(Id id) = 0;
  virtual std::vector<SurveyCampaign> Campaigns() = 0;
  // The customers a segment holds at `now`, by id.
  virtual std::vector<Id> CampaignAudience(const CampaignSegment& segment, UnixMillis now) = 0;
  virtual std::vector<SurveyInvitation> InvitationsOfCampaign(Id campaign_id) = 0;
  // The answers to a campaign's invitations.
  virtual std::vector<SurveyResponse> ResponsesOfCampaign(Id campaign_id) = 0;
  // For complaints resolved in [from, to) whose customer has both: the NPS before and after.
  virtual std::vector<NpsAroundComplaint> NpsAroundComplaints(UnixMillis from, UnixMillis to) = 0;

  // Tiered strategies. Complaints filed at or after `filed_since` with a customer, open
  // and filed at or before `open_before` or answered low, whose customer has had no re-contact
  // task since `filed_since`.
  virtual std::vector<Id> RecontactCandidates(UnixMillis filed_since, UnixMillis open_before,
                                              int low_csat, int low_nps, double negative_below) = 0;
  // The latest complaint of each VIP who complained at or after `complained_since` and has had
  // no deep-interview task since `interviewed_since`.
  virtual std::vector<Id> VipsDueForInterview(UnixMillis complained_since,
                                              UnixMillis interviewed_since) = 0;

  virtual void OptOut(Id customer_id, const std::string& via, UnixMillis at) = 0;
  virtual bool OptedOut(Id customer_id) = 0;
};

}  // namespace closeloop::domain
