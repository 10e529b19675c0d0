// Plain entities of the complaint domain. No SQL, HTTP or JSON here: repositories and handlers
// translate. Money is integer fen (cents); times are UTC milliseconds.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "domain/model/enums.h"

namespace closeloop::domain {

using Id = std::int64_t;
using core::UnixMillis;

struct Region {
  Id id = 0;
  std::string code;  // e.g. "east"
  std::string name;  // e.g. "华东大区"
};

struct City {
  Id id = 0;
  std::string name;
  std::string province;
  Id region_id = 0;
};

struct Store {
  Id id = 0;
  std::string code;
  std::string name;
  Id city_id = 0;
};

struct Product {
  Id id = 0;
  std::string sku;
  std::string name;
  std::string product_line;
  std::string category;
  std::string lifecycle_stage;  // launch, growth, mature, decline, discontinued
  std::string launch_date;      // YYYY-MM-DD
};

// A production batch of one SKU (R-1.6 traceability).
struct Batch {
  Id id = 0;
  std::string batch_no;  // e.g. "B2026-0311"
  Id product_id = 0;
  std::string production_date;  // YYYY-MM-DD
  std::string plant;
  UnixMillis created_at = 0;
};

struct OrderItem {
  Id id = 0;
  int line_no = 0;
  Id product_id = 0;
  std::optional<Id> batch_id;
  int quantity = 1;
  std::int64_t amount_cents = 0;
};

// An order bought in a store (store_id set) or online (channel names the platform).
struct Order {
  Id id = 0;
  std::string order_no;
  std::optional<Id> customer_id;
  std::optional<Id> store_id;
  std::string channel = "store";
  std::int64_t amount_cents = 0;
  std::string shipping_mode;
  UnixMillis ordered_at = 0;
  std::vector<OrderItem> items;
  UnixMillis created_at = 0;
};

// A team works a queue (complaint teams) or receives tasks (department teams: QC, logistics…).
struct Team {
  Id id = 0;
  std::string code;
  std::string name;
  std::string kind = "complaints";  // "complaints" or "department"
  std::optional<Id> region_id;
  UnixMillis created_at = 0;
};

struct User {
  Id id = 0;
  std::string username;
  std::string display_name;
  Role role = Role::kAgent;
  std::string password_hash;
  bool active = true;
  std::string time_zone = "Asia/Shanghai";
  std::string language = "zh-CN";  // zh-CN or en: notifications and mail to them
  std::string email;               // work address for notifications; personal data (sealed at rest)
  // Data scope: empty lists on both mean the whole organisation.
  std::vector<Id> region_scope;
  std::vector<Id> team_scope;
  UnixMillis created_at = 0;
};

// A customer's identity on a platform (a Tmall buyer id, a Weibo uid…).
struct PlatformAccount {
  std::string platform;  // intake source name or channel, e.g. "tmall"
  std::string account_id;
};

struct Customer {
  Id id = 0;
  std::string name;
  std::string phone;  // normalised digits
  std::string email;  // case-folded
  std::string address;
  std::string id_card;  // 居民身份证号, upper-case X
  CustomerTier tier = CustomerTier::kNew;
  std::optional<Id> merged_into;          // set when an admin merged this record into another
  std::string external_id;                // the id in the system it was imported from
  std::vector<PlatformAccount> accounts;  // filled only for the customer page
  UnixMillis created_at = 0;
  UnixMillis updated_at = 0;
};

struct Complaint {
  Id id = 0;
  std::string reference;  // CL-YYYYMMDD-NNNNNN, unique
  ComplaintStatus status = ComplaintStatus::kReceived;
  Channel channel = Channel::kApi;
  std::string external_id;  // the channel's own id, when it has one
  std::optional<Id> customer_id;
  std::string title;
  std::string description;
  std::optional<ComplaintType> type;
  std::string category;  // from the taxonomy; empty until categorised
  Severity severity = Severity::kMedium;
  bool safety_flag = false;
  std::optional<Remedy> remedy;
  std::string remedy_detail;
  std::optional<std::int64_t> amount_claimed_cents;
  std::optional<std::int64_t> order_amount_cents;
  std::optional<Id> region_id;
  std::optional<Id> city_id;
  std::optional<Id> store_id;
  std::optional<Id> product_id;
  std::string order_ref;
  // Traceability chain, resolved from order_ref / product / batch at intake.
  std::optional<Id> order_id;
  std::optional<Id> order_item_id;
  std::optional<Id> batch_id;
  Priority priority = Priority::kNormal;
  std::optional<Id> team_id;
  std::optional<Id> assignee_id;
  int escalation_level = 0;  // 0 = not escalated
  int reopen_count = 0;
  std::string rejection_reason;
  std::optional<Id> created_by;
  UnixMillis received_at = 0;
  std::optional<UnixMillis> occurred_at;  // when the problem happened, as the customer says
  std::optional<UnixMillis> acknowledged_at;
  std::optional<UnixMillis> first_response_at;
  std::optional<UnixMillis> resolved_at;
  std::optional<UnixMillis> closed_at;
  UnixMillis updated_at = 0;
  // The identity ("phone", "email", "account") by which intake linked a customer that the filer
  // could not see; empty for an ordinary link. Such a link shows the filer nothing of the
  // customer but that identity, and grants no sight of the customer record.
  std::string customer_match;
  // Kept by the SLA check: "" (not watched yet), ok, at_risk (a warning share passed), breached,
  // paused (waiting on the customer); and when the current phase's target runs out.
  std::string sla_state;
  std::optional<UnixMillis> sla_due_at;
};

// One recorded change of configuration: what, by whom (none: a local tool), when.
struct ConfigChange {
  Id id = 0;
  std::string area;
  std::string summary;
  std::optional<Id> actor_id;
  std::string actor_name;  // filled when read
  UnixMillis at = 0;
};

struct FieldChange {
  std::string field;
  std::string old_value;
  std::string new_value;
};

// One entry of a complaint's append-only history.
struct ComplaintEvent {
  Id id = 0;
  Id complaint_id = 0;
  EventKind kind = EventKind::kCreated;
  std::optional<Id> actor_id;
  std::string actor_name;  // filled when read
  std::optional<ComplaintStatus> from_status;
  std::optional<ComplaintStatus> to_status;
  std::string note;
  std::vector<FieldChange> changes;
  UnixMillis at = 0;
};

struct Note {
  Id id = 0;
  Id complaint_id = 0;
  std::optional<Id> author_id;
  std::string author_name;  // filled when read
  NoteVisibility visibility = NoteVisibility::kInternal;
  std::string body;
  UnixMillis created_at = 0;
};

struct Session {
  std::string token_digest;
  Id user_id = 0;
  UnixMillis created_at = 0;
  UnixMillis expires_at = 0;
};

struct ApiKey {
  Id id = 0;
  std::string name;
  Id user_id = 0;  // the key acts with this user's role and scope
  std::string key_digest;
  std::string prefix;  // first characters, shown so people can tell keys apart
  UnixMillis created_at = 0;
  std::optional<UnixMillis> revoked_at;
};

// A platform that posts complaints to /api/v1/intake/{name} (Tmall, JD, Douyin, Weibo…).
struct IntakeSource {
  Id id = 0;
  std::string name;  // URL segment, e.g. "tmall"
  Channel channel = Channel::kEcommerce;
  Id user_id = 0;      // complaints are filed as this user (role and scope apply)
  std::string secret;  // HMAC-SHA256 key; sealed at rest
  // Complaint field ("description", "customer.phone"…) -> JSON pointer into the payload.
  std::vector<std::pair<std::string, std::string>> mapping;
  bool active = true;
  UnixMillis created_at = 0;
};

// A file that came with a complaint; `content` is empty when it was over the size limit.
struct Attachment {
  Id id = 0;
  Id complaint_id = 0;
  std::string filename;
  std::string content_type;
  std::int64_t size_bytes = 0;
  std::string content;
  bool stored = true;
  UnixMillis created_at = 0;
};

// What text analysis found in a complaint: emotion, suggested type and category from the
// rules, and flags for the routing that follows. Suggestions only: agents set the real values.
struct TextAnalysis {
  double sentiment = 0;  // -1 … 1
  int agitation = 0;     // 0 … 100
  std::optional<ComplaintType> suggested_type;
  double type_confidence = 0;
  std::string suggested_category;
  double category_confidence = 0;
  // high_agitation, duplicate, template_mass, repeat_7d, repeat_30d, gibberish, abusive
  std::vector<std::string> flags;
  std::vector<std::string> rules_fired;  // "quality:发霉"
  std::uint64_t fingerprint = 0;         // SimHash of the text, for duplicate lookup
  std::optional<Id> duplicate_of;        // an earlier complaint with (nearly) the same text
  std::string sources;                   // "type:model-v3 category:rules"
  UnixMillis analyzed_at = 0;
};

// A trained text model of one task: type, category or sentiment.
struct ModelVersion {
  Id id = 0;
  std::string task;
  int version = 0;
  std::string path;
  std::string source;  // "retrain" (agents' labels in the database) or "install" (a file)
  int training_rows = 0;
  int holdout_rows = 0;
  std::optional<double> holdout_accuracy;
  std::optional<double> rules_accuracy;  // the rules on the same held-out examples
  double threshold = 0.6;                // below this probability the rules decide
  bool active = false;
  UnixMillis created_at = 0;
};

// How a complaint was resolved (R-2.6 learns solution options from these; compensation).
struct Resolution {
  Id complaint_id = 0;
  Remedy remedy = Remedy::kExplanation;
  std::int64_t compensation_cents = 0;  // money or coupon value given, 0 for none
  std::string summary;
  std::optional<Id> resolved_by;
  UnixMillis resolved_at = 0;
};

// A customer's answer to the satisfaction survey. Scores are absent when not answered;
// the comment's emotion is scored when the answer is stored.
struct SurveyResponse {
  Id id = 0;
  Id complaint_id = 0;
  std::optional<int> csat;    // 1..5
  std::optional<int> nps;     // 0..10
  std::optional<int> spm;     // solution match, 1..5
  std::optional<int> effort;  // customer effort, 1..5 (1 = effortless)
  std::string comment;
  double comment_sentiment = 0;
  int comment_agitation = 0;
  std::string source = "survey";  // survey, import, demo
  UnixMillis answered_at = 0;
};

// A knowledge-base article agents and suggestions draw on.
struct KnowledgeArticle {
  Id id = 0;
  std::string title;
  std::string body;
  std::string category;  // a taxonomy category, or empty for all
  std::string tags;      // space-separated words
  bool active = true;
  std::optional<Id> author_id;
  UnixMillis created_at = 0;
  UnixMillis updated_at = 0;
};

// One unit of due work in the durable scheduler.
struct Job {
  Id id = 0;
  std::string kind;     // the handler that runs it, e.g. "model.retrain"
  std::string key;      // at most one unfinished job per kind and key; empty: no limit
  std::string payload;  // the handler's input (JSON or plain text)
  JobStatus status = JobStatus::kDue;
  UnixMillis run_at = 0;
  int attempts = 0;
  int max_attempts = 5;
  std::string last_error;
  std::string claimed_by;  // the worker running it
  std::optional<UnixMillis> lease_until;
  UnixMillis created_at = 0;
  std::optional<UnixMillis> finished_at;
};

// Work a department must do on a complaint. Status: open, in_progress, done, cancelled.
struct DepartmentTask {
  Id id = 0;
  Id complaint_id = 0;
  Id team_id = 0;
  std::string title;
  std::string status = "open";
  bool blocking = true;  // the complaint cannot be resolved while it is open
  std::optional<Id> owner_id;
  UnixMillis due_at = 0;
  UnixMillis created_at = 0;
  UnixMillis updated_at = 0;
  std::optional<UnixMillis> closed_at;
  bool Open() const { return status == "open" || status == "in_progress"; }
};

// How an agent (or a manager who takes complaints) is routed work. Seniority: 1 junior,
// 2 senior, 3 expert. The shift is a business calendar's working hours (empty: always on shift).
struct AgentSkill {
  std::string dimension;  // type, category, product_line, language, channel
  std::string value;      // e.g. "quality", "logistics", "cat_food", "en", "social"
  int level = 1;          // 1..5
};

struct AgentProfile {
  Id user_id = 0;
  std::optional<Id> team_id;    // the complaint team whose queue they work
  std::optional<Id> region_id;  // where they sit (region fit of the routing score)
  int seniority = 1;
  int capacity = 10;  // open complaints at most
  bool available = true;
  std::string shift_calendar;
  std::vector<AgentSkill> skills;
  UnixMillis updated_at = 0;
};

// One routing decision as recorded on the complaint: automatic, manual or an override.
struct RoutingRecord {
  Id id = 0;
  Id complaint_id = 0;
  std::string mode;  // "auto", "queued", "manual", "override"
  std::optional<Id> agent_id;
  std::optional<Id> team_id;
  double score = 0;
  std::string rules_fired;  // space-separated rule names
  std::string explanation;
  std::optional<Id> actor_id;
  std::string reason;
  UnixMillis decided_at = 0;
};

// A message for one user in the application (SLA warnings, breaches, escalations).
struct Notification {
  Id id = 0;
  Id user_id = 0;
  std::optional<Id> complaint_id;
  std::string kind;
  std::string message;
  UnixMillis created_at = 0;
  std::optional<UnixMillis> read_at;
};

enum class MailStatus { kQueued, kSent, kFailed };

// One message in the outbox. `to` is personal data (sealed at rest).
// A message to a customer on a channel other than email, for the channel's integration to send.
struct OutboundMessage {
  Id id = 0;
  Id complaint_id = 0;
  std::string reference;  // filled when read
  Channel channel = Channel::kPhone;
  std::string purpose;  // reply, update, survey
  std::string body;
  std::string recipient;  // filled when read: the phone, or the platform account
  bool delivered = false;
  UnixMillis created_at = 0;
  std::optional<UnixMillis> delivered_at;
};

struct OutgoingMail {
  Id id = 0;
  std::optional<Id> complaint_id;
  std::string purpose;  // "acknowledgement", "notification"
  std::string to;
  std::string subject;
  std::string body;
  std::string message_id;  // without angle brackets
  std::string in_reply_to;
  MailStatus status = MailStatus::kQueued;
  int attempts = 0;
  UnixMillis next_attempt_at = 0;
  std::string last_error;
  UnixMillis created_at = 0;
  std::optional<UnixMillis> sent_at;
};

}  // namespace closeloop::domain
