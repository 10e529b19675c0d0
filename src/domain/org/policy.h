// One policy object decides every request: what a role may do (permissions) and which data a
// user may see (scope). Use cases call it before they touch data.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "domain/model/ids.h"
#include "domain/org/entities.h"

namespace closeloop::domain {

enum class Permission {
  kComplaintRead,
  kComplaintCreate,
  kComplaintUpdate,  // edit fields, classify
  kComplaintWork,    // ordinary lifecycle moves
  kComplaintReject,  // reject as invalid or malicious
  kComplaintReopen,
  kComplaintClose,
  kComplaintAssign,
  kComplaintEscalate,
  kNoteAddInternal,
  kNoteAddPublic,
  kHistoryRead,
  kCustomerRead,
  kCustomerWrite,
  kPersonalDataRead,  // see phone, email and name unmasked
  kUserRead,
  kUserManage,
  kTeamManage,
  kConfigManage,
  kApiKeyManage,
  kCustomerMerge,        // merge duplicate customer records
  kDataImport,           // bulk import of complaints, customers and traceability data
  kKnowledgeManage,      // write knowledge articles and the domain dictionary
  kTaskOverride,         // resolve a complaint while a blocking department task is open
  kCompensationApprove,  // record compensation above the approval limit
  kRoutingManage,        // agents' routing profiles and the routing rules
  kAuditRead,            // the record of configuration changes
  kOutboundFetch,        // channel integrations: fetch and confirm messages to customers
  kComplaintTriage,      // see and place complaints with no region or team (the triage queue)
  kImprovementManage,    // open and run improvement actions for any department
  kImprovementRead,      // read every improvement action in scope (departments read their own)
  kSurveyCampaign,       // run relationship NPS campaigns to customer segments
  kAnalyticsRead,        // read satisfaction and KPI figures in scope
};
const char* ToString(Permission p);
std::optional<Permission> ParsePermission(std::string_view s);

// Who is asking: the authenticated user with role and data scope.
struct Principal {
  Id user_id = 0;
  std::string username;
  Role role = Role::kAgent;
  std::vector<Id> region_scope;
  std::vector<Id> team_scope;
  // Authenticated by an API key (an integration), not by a person's session: only integrations
  // are handed the survey links of outbound messages (staff never see a customer's link).
  bool api_key = false;
  // The caller asked to see personal data masked even where their role may read it (the web
  // application does: it shows data masked and reveals it on request, and a reveal is recorded).
  bool masked = false;

  bool Unscoped() const { return region_scope.empty() && team_scope.empty(); }
};

Principal PrincipalOf(const User& user);

// Where a record sits for data scope: its region, team and assignee.
struct ScopedPlace {
  std::optional<Id> region_id;
  std::optional<Id> team_id;
  std::optional<Id> assignee_id;
};

class Policy {
 public:
  // The shipped role table (docs/api.md lists it).
  static Policy Default();

  // personal_data.read is refused to a caller who asked for masked data (Principal::masked).
  bool Allows(const Principal& who, Permission what) const;
  // The names of the permissions the caller's role grants ("complaint.read" …), in the order of
  // the enum: what a client shows or hides.
  std::vector<const char*> GrantedNames(const Principal& who) const;
  // Whether the complaint lies in the caller's data scope: unscoped users see all; a scoped user
  // sees complaints of their regions or teams and those assigned to them.
  bool InScope(const Principal& who, const ScopedPlace& place) const;
  // The same for any record with those three fields (a complaint).
  template <typename Record>
  bool InScope(const Principal& who, const Record& record) const {
    return InScope(who, ScopedPlace{record.region_id, record.team_id, record.assignee_id});
  }
  // Whether one of the caller's teams is among `team_ids` (a department team with a task on a
  // complaint sees that complaint).
  bool HasTeamAmong(const Principal& who, const std::vector<Id>& team_ids) const;
  // Whether a new or edited complaint with this region/team may be written by the caller.
  bool MayPlace(const Principal& who, std::optional<Id> region_id, std::optional<Id> team_id) const;

 private:
  explicit Policy(std::vector<std::vector<Permission>> by_role) : by_role_(std::move(by_role)) {}
  std::vector<std::vector<Permission>> by_role_;  // indexed by Role
};

}  // namespace closeloop::domain
