// The closed vocabularies of the domain and their wire names. Every enum has ToString and a
// Parse that returns nothing for an unknown name, so callers can name the bad field.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace closeloop::domain {

// Lifecycle states: 接诉 received → 分类 classified → 分派 assigned → 处理 in_progress ⇄
// waiting_on_customer → 反馈 resolved → 归档 closed; reopened; rejected (invalid or malicious).
enum class ComplaintStatus {
  kReceived,
  kClassified,
  kAssigned,
  kInProgress,
  kWaitingOnCustomer,
  kResolved,
  kClosed,
  kReopened,
  kRejected,
};
enum class Channel { kApi, kWeb, kEmail, kPhone, kStore, kEcommerce, kSocial, kChat, kImport };
// 咨询 inquiry / 质量问题 quality / 服务投诉 service / 建议 suggestion / 恶意投诉 malicious
enum class ComplaintType { kInquiry, kQuality, kService, kSuggestion, kMalicious };
enum class Severity { kLow, kMedium, kHigh, kCritical };
enum class Priority { kLow, kNormal, kHigh, kUrgent };
// The remedy the customer asks for (ISO 10002 receipt step).
enum class Remedy { kRefund, kReplacement, kRepair, kCompensation, kApology, kExplanation, kOther };
enum class CustomerTier { kVip, kRegular, kNew };
enum class Role { kAdmin, kManager, kAgent, kDepartment, kAnalyst, kAuditor };
enum class NoteVisibility { kInternal, kPublic };
enum class EventKind {
  kCreated,
  kTransitioned,
  kUpdated,
  kNoteAdded,
  kAssigned,
  kEscalated,
  kSlaWarning,      // a phase passed its warning share
  kSlaBreach,       // a phase passed its target
  kCustomerUpdate,  // a periodic progress update to the customer was sent or fell due
  kSurveyAnswered,  // the customer's satisfaction answer was recorded (the callback is done)
  kDelivered,       // a message reached the customer's channel (mail queued, message pending)
};
// A scheduled job: due (waiting for its time), running (claimed, under a lease), done, parked
// (failed every attempt; waits for a person).
enum class JobStatus { kDue, kRunning, kDone, kParked };

const char* ToString(ComplaintStatus v);
const char* ToString(Channel v);
const char* ToString(ComplaintType v);
const char* ToString(Severity v);
const char* ToString(Priority v);
const char* ToString(Remedy v);
const char* ToString(CustomerTier v);
const char* ToString(Role v);
const char* ToString(NoteVisibility v);
const char* ToString(EventKind v);
const char* ToString(JobStatus v);

std::optional<ComplaintStatus> ParseComplaintStatus(std::string_view s);

// Still being handled: not resolved, closed or rejected.
inline bool IsOpen(ComplaintStatus s) {
  return s != ComplaintStatus::kResolved && s != ComplaintStatus::kClosed &&
         s != ComplaintStatus::kRejected;
}
std::optional<Channel> ParseChannel(std::string_view s);
std::optional<ComplaintType> ParseComplaintType(std::string_view s);
std::optional<Severity> ParseSeverity(std::string_view s);
std::optional<Priority> ParsePriority(std::string_view s);
std::optional<Remedy> ParseRemedy(std::string_view s);
std::optional<CustomerTier> ParseCustomerTier(std::string_view s);
std::optional<Role> ParseRole(std::string_view s);
std::optional<NoteVisibility> ParseNoteVisibility(std::string_view s);
std::optional<EventKind> ParseEventKind(std::string_view s);
std::optional<JobStatus> ParseJobStatus(std::string_view s);

// All wire names of an enum, in declaration order (for error messages and documentation).
std::vector<const char*> AllComplaintStatusNames();
std::vector<const char*> AllChannelNames();
std::vector<const char*> AllRoleNames();
std::vector<const char*> AllComplaintTypeNames();

}  // namespace closeloop::domain
