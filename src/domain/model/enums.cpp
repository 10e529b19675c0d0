#include "domain/model/enums.h"

#include <array>
#include <utility>

namespace closeloop::domain {
namespace {

template <typename E, size_t N>
using NameTable = std::array<std::pair<E, const char*>, N>;

constexpr NameTable<ComplaintStatus, 9> kStatusNames{{
    {ComplaintStatus::kReceived, "received"},
    {ComplaintStatus::kClassified, "classified"},
    {ComplaintStatus::kAssigned, "assigned"},
    {ComplaintStatus::kInProgress, "in_progress"},
    {ComplaintStatus::kWaitingOnCustomer, "waiting_on_customer"},
    {ComplaintStatus::kResolved, "resolved"},
    {ComplaintStatus::kClosed, "closed"},
    {ComplaintStatus::kReopened, "reopened"},
    {ComplaintStatus::kRejected, "rejected"},
}};
constexpr NameTable<Channel, 9> kChannelNames{{
    {Channel::kApi, "api"},
    {Channel::kWeb, "web"},
    {Channel::kEmail, "email"},
    {Channel::kPhone, "phone"},
    {Channel::kStore, "store"},
    {Channel::kEcommerce, "ecommerce"},
    {Channel::kSocial, "social"},
    {Channel::kChat, "chat"},
    {Channel::kImport, "import"},
}};
constexpr NameTable<ComplaintType, 5> kTypeNames{{
    {ComplaintType::kInquiry, "inquiry"},
    {ComplaintType::kQuality, "quality"},
    {ComplaintType::kService, "service"},
    {ComplaintType::kSuggestion, "suggestion"},
    {ComplaintType::kMalicious, "malicious"},
}};
constexpr NameTable<Severity, 4> kSeverityNames{{
    {Severity::kLow, "low"},
    {Severity::kMedium, "medium"},
    {Severity::kHigh, "high"},
    {Severity::kCritical, "critical"},
}};
constexpr NameTable<Priority, 4> kPriorityNames{{
    {Priority::kLow, "low"},
    {Priority::kNormal, "normal"},
    {Priority::kHigh, "high"},
    {Priority::kUrgent, "urgent"},
}};
constexpr NameTable<Remedy, 7> kRemedyNames{{
    {Remedy::kRefund, "refund"},
    {Remedy::kReplacement, "replacement"},
    {Remedy::kRepair, "repair"},
    {Remedy::kCompensation, "compensation"},
    {Remedy::kApology, "apology"},
    {Remedy::kExplanation, "explanation"},
    {Remedy::kOther, "other"},
}};
constexpr NameTable<CustomerTier, 3> kTierNames{{
    {CustomerTier::kVip, "vip"},
    {CustomerTier::kRegular, "regular"},
    {CustomerTier::kNew, "new"},
}};
constexpr NameTable<Role, 6> kRoleNames{{
    {Role::kAdmin, "admin"},
    {Role::kManager, "manager"},
    {Role::kAgent, "agent"},
    {Role::kDepartment, "department"},
    {Role::kAnalyst, "analyst"},
    {Role::kAuditor, "auditor"},
}};
constexpr NameTable<NoteVisibility, 2> kVisibilityNames{{
    {NoteVisibility::kInternal, "internal"},
    {NoteVisibility::kPublic, "public"},
}};
constexpr NameTable<JobStatus, 4> kJobStatusNames{{
    {JobStatus::kDue, "due"},
    {JobStatus::kRunning, "running"},
    {JobStatus::kDone, "done"},
    {JobStatus::kParked, "parked"},
}};
constexpr NameTable<EventKind, 11> kEventNames{{
    {EventKind::kCreated, "created"},
    {EventKind::kTransitioned, "transitioned"},
    {EventKind::kUpdated, "updated"},
    {EventKind::kNoteAdded, "note_added"},
    {EventKind::kAssigned, "assigned"},
    {EventKind::kEscalated, "escalated"},
    {EventKind::kSlaWarning, "sla_warning"},
    {EventKind::kSlaBreach, "sla_breach"},
    {EventKind::kCustomerUpdate, "customer_update"},
    {EventKind::kSurveyAnswered, "survey_answered"},
    {EventKind::kDelivered, "delivered"},
}};

template <typename E, size_t N>
const char* NameOf(const NameTable<E, N>& table, E value) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return "unknown";
}

template <typename E, size_t N>
std::optional<E> ValueOf(const NameTable<E, N>& table, std::string_view name) {
  for (const auto& [v, n] : table) {
    if (name == n) return v;
  }
  return std::nullopt;
}

template <typename E, size_t N>
std::vector<const char*> NamesOf(const NameTable<E, N>& table) {
  std::vector<const char*> out;
  for (const auto& entry : table) out.push_back(entry.second);
  return out;
}

}  // namespace

const char* ToString(ComplaintStatus v) { return NameOf(kStatusNames, v); }
const char* ToString(Channel v) { return NameOf(kChannelNames, v); }
const char* ToString(ComplaintType v) { return NameOf(kTypeNames, v); }
const char* ToString(Severity v) { return NameOf(kSeverityNames, v); }
const char* ToString(Priority v) { return NameOf(kPriorityNames, v); }
const char* ToString(Remedy v) { return NameOf(kRemedyNames, v); }
const char* ToString(CustomerTier v) { return NameOf(kTierNames, v); }
const char* ToString(Role v) { return NameOf(kRoleNames, v); }
const char* ToString(NoteVisibility v) { return NameOf(kVisibilityNames, v); }
const char* ToString(EventKind v) { return NameOf(kEventNames, v); }
const char* ToString(JobStatus v) { return NameOf(kJobStatusNames, v); }

std::optional<ComplaintStatus> ParseComplaintStatus(std::string_view s) {
  return ValueOf(kStatusNames, s);
}
std::optional<Channel> ParseChannel(std::string_view s) { return ValueOf(kChannelNames, s); }
std::optional<ComplaintType> ParseComplaintType(std::string_view s) {
  return ValueOf(kTypeNames, s);
}
std::optional<Severity> ParseSeverity(std::string_view s) { return ValueOf(kSeverityNames, s); }
std::optional<Priority> ParsePriority(std::string_view s) { return ValueOf(kPriorityNames, s); }
std::optional<Remedy> ParseRemedy(std::string_view s) { return ValueOf(kRemedyNames, s); }
std::optional<CustomerTier> ParseCustomerTier(std::string_view s) { return ValueOf(kTierNames, s); }
std::optional<Role> ParseRole(std::string_view s) { return ValueOf(kRoleNames, s); }
std::optional<NoteVisibility> ParseNoteVisibility(std::string_view s) {
  return ValueOf(kVisibilityNames, s);
}
std::optional<EventKind> ParseEventKind(std::string_view s) { return ValueOf(kEventNames, s); }
std::optional<JobStatus> ParseJobStatus(std::string_view s) { return ValueOf(kJobStatusNames, s); }

std::vector<const char*> AllComplaintStatusNames() { return NamesOf(kStatusNames); }
std::vector<const char*> AllChannelNames() { return NamesOf(kChannelNames); }
std::vector<const char*> AllRoleNames() { return NamesOf(kRoleNames); }
std::vector<const char*> AllComplaintTypeNames() { return NamesOf(kTypeNames); }

}  // namespace closeloop::domain
