#include "domain/org/policy.h"

#include <algorithm>
#include <array>
#include <utility>

namespace closeloop::domain {
namespace {

using P = Permission;

constexpr std::array<std::pair<P, const char*>, 33> kPermissionNames{{
    {P::kComplaintRead, "complaint.read"},
    {P::kComplaintCreate, "complaint.create"},
    {P::kComplaintUpdate, "complaint.update"},
    {P::kComplaintWork, "complaint.work"},
    {P::kComplaintReject, "complaint.reject"},
    {P::kComplaintReopen, "complaint.reopen"},
    {P::kComplaintClose, "complaint.close"},
    {P::kComplaintAssign, "complaint.assign"},
    {P::kComplaintEscalate, "complaint.escalate"},
    {P::kNoteAddInternal, "note.add_internal"},
    {P::kNoteAddPublic, "note.add_public"},
    {P::kHistoryRead, "history.read"},
    {P::kCustomerRead, "customer.read"},
    {P::kCustomerWrite, "customer.write"},
    {P::kPersonalDataRead, "personal_data.read"},
    {P::kUserRead, "user.read"},
    {P::kUserManage, "user.manage"},
    {P::kTeamManage, "team.manage"},
    {P::kConfigManage, "config.manage"},
    {P::kApiKeyManage, "api_key.manage"},
    {P::kCustomerMerge, "customer.merge"},
    {P::kDataImport, "data.import"},
    {P::kKnowledgeManage, "knowledge.manage"},
    {P::kTaskOverride, "task.override"},
    {P::kCompensationApprove, "compensation.approve"},
    {P::kRoutingManage, "routing.manage"},
    {P::kAuditRead, "audit.read"},
    {P::kOutboundFetch, "outbound.fetch"},
    {P::kComplaintTriage, "complaint.triage"},
    {P::kImprovementManage, "improvement.manage"},
    {P::kImprovementRead, "improvement.read"},
    {P::kSurveyCampaign, "survey.campaign"},
    {P::kAnalyticsRead, "analytics.read"},
}};

bool Contains(const std::vector<Id>& ids, std::optional<Id> id) {
  return id && std::find(ids.begin(), ids.end(), *id) != ids.end();
}

}  // namespace

const char* ToString(Permission p) {
  for (const auto& [v, name] : kPermissionNames) {
    if (v == p) return name;
  }
  return "unknown";
}

std::optional<Permission> ParsePermission(std::string_view s) {
  for (const auto& [v, name] : kPermissionNames) {
    if (s == name) return v;
  }
  return std::nullopt;
}

Principal PrincipalOf(const User& user) {
  return {user.id, user.username, user.role, user.region_scope, user.team_scope};
}

Policy Policy::Default() {
  std::vector<std::vector<P>> by_role(6);
  std::vector<P> all;
  for (const auto& entry : kPermissionNames) all.push_back(entry.first);
  by_role[static_cast<int>(Role::kAdmin)] = all;
  by_role[static_cast<int>(Role::kManager)] = {
      P::kComplaintRead,     P::kComplaintCreate, P::kComplaintUpdate,  P::kComplaintWork,
      P::kComplaintReject,   P::kComplaintReopen, P::kComplaintClose,   P::kComplaintAssign,
      P::kComplaintEscalate, P::kNoteAddInternal, P::kNoteAddPublic,    P::kHistoryRead,
      P::kCustomerRead,      P::kCustomerWrite,   P::kPersonalDataRead, P::kUserRead,
      P::kDataImport,        P::kKnowledgeManage, P::kTaskOverride,     P::kCompensationApprove,
      P::kRoutingManage,     P::kOutboundFetch,   P::kComplaintTriage,  P::kImprovementManage,
      P::kImprovementRead,   P::kSurveyCampaign,  P::kAnalyticsRead};
  by_role[static_cast<int>(Role::kAgent)] = {
      P::kComplaintRead,   P::kComplaintCreate, P::kComplaintUpdate, P::kComplaintWork,
      P::kComplaintReopen, P::kComplaintClose,  P::kComplaintAssign, P::kComplaintEscalate,
      P::kNoteAddInternal, P::kNoteAddPublic,   P::kHistoryRead,     P::kCustomerRead,
      P::kCustomerWrite,   P::kPersonalDataRead};
  by_role[static_cast<int>(Role::kDepartment)] = {P::kComplaintRead, P::kNoteAddInternal,
                                                  P::kHistoryRead};
  by_role[static_cast<int>(Role::kAnalyst)] = {P::kComplaintRead,   P::kHistoryRead,
                                               P::kCustomerRead,    P::kUserRead,
                                               P::kImprovementRead, P::kAnalyticsRead};
  by_role[static_cast<int>(Role::kAuditor)] = {P::kComplaintRead, P::kHistoryRead,
                                               P::kCustomerRead,  P::kUserRead,
                                               P::kAuditRead,     P::kImprovementRead};
  return Policy(std::move(by_role));
}

std::vector<const char*> Policy::GrantedNames(const Principal& who) const {
  Principal role_only = who;
  role_only.masked = false;  // what the role grants, whatever this request asked to see
  std::vector<const char*> names;
  for (const auto& [permission, name] : kPermissionNames) {
    if (Allows(role_only, permission)) names.push_back(name);
  }
  return names;
}

bool Policy::Allows(const Principal& who, Permission what) const {
  if (what == Permission::kPersonalDataRead && who.masked) return false;
  const auto& granted = by_role_[static_cast<size_t>(who.role)];
  return std::find(granted.begin(), granted.end(), what) != granted.end();
}

bool Policy::InScope(const Principal& who, const ScopedPlace& complaint) const {
  if (who.Unscoped()) return true;
  if (complaint.assignee_id && *complaint.assignee_id == who.user_id) return true;
  // The triage queue: what nobody could place is worked by those who may triage (managers;
  // store/sqlite's ScopeCondition says the same for lists).
  if (!complaint.region_id && !complaint.team_id && Allows(who, Permission::kComplaintTriage)) {
    return true;
  }
  return Contains(who.region_scope, complaint.region_id) ||
         Contains(who.team_scope, complaint.team_id);
}

bool Policy::HasTeamAmong(const Principal& who, const std::vector<Id>& team_ids) const {
  return std::any_of(team_ids.begin(), team_ids.end(), [&](Id team) {
    return std::find(who.team_scope.begin(), who.team_scope.end(), team) != who.team_scope.end();
  });
}

bool Policy::MayPlace(const Principal& who, std::optional<Id> region_id,
                      std::optional<Id> team_id) const {
  if (who.Unscoped()) return true;
  return Contains(who.region_scope, region_id) || Contains(who.team_scope, team_id);
}

}  // namespace closeloop::domain
