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

  virtual void OptOut(Id customer_id, const std::string& via, UnixMillis at) = 0;
  virtual bool OptedOut(Id customer_id) = 0;
};

}  // namespace closeloop::domain
