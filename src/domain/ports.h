// Interfaces the domain owns and other layers implement: repositories (store/), password and
// token primitives (security/). Repository methods return values for expected outcomes (an empty
// optional for "not there") and throw only when the store itself fails; Store::Write turns such a
// throw into a rollback and an internal Status.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/complaint/lifecycle.h"
#include "domain/model/entities.h"
#include "domain/org/policy.h"
#include "domain/sla/sla.h"

namespace closeloop::domain {

// Position in the complaint list: newest first by received_at, then id.
struct ComplaintCursor {
  UnixMillis received_at = 0;
  Id id = 0;
  bool sla = false;                      // a cursor of the SLA ordering
  std::optional<UnixMillis> sla_due_at;  // its key there (none: the unwatched tail)
};

struct ComplaintQuery {
  std::vector<ComplaintStatus> statuses;
  std::optional<ComplaintType> type;
  std::string category;
  std::optional<Id> team_id;
  std::optional<Id> assignee_id;
  std::optional<Id> region_id;
  std::optional<Id> customer_id;
  std::optional<Channel> channel;
  std::optional<Priority> priority;
  std::optional<bool> escalated;
  std::optional<UnixMillis> received_from;  // inclusive
  std::optional<UnixMillis> received_to;    // exclusive
  std::string text;                         // words that must all occur in title or description
  // Other spellings of a word of `text` that count as it (its simplified / traditional form).
  std::map<std::string, std::vector<std::string>> term_variants;
  std::vector<std::string> sla_states;  // ok, at_risk, breached, paused
  bool sort_by_sla = false;             // nearest SLA deadline first, instead of newest first
  bool triage = false;                  // only complaints with no region and no team
  int limit = 50;
  std::optional<ComplaintCursor> after;
};

class ComplaintRepository {
 public:
  virtual ~ComplaintRepository() = default;
  // Stores a new complaint and returns its id.
  virtual Id Insert(const Complaint& complaint) = 0;
  virtual void Update(const Complaint& complaint) = 0;
  // Only the SLA standing (state and due time): the SLA sweep writes this for most checks, and a
  // whole-row update would rewrite every index of the table.
  virtual void SetSlaStanding(Id id, const std::string& state, std::optional<UnixMillis> due) = 0;
  virtual std::optional<Complaint> FindById(Id id) = 0;
  virtual std::optional<Complaint> FindByReference(const std::string& reference) = 0;
  // Up to query.limit complaints after the cursor, restricted to the principal's scope.
  virtual std::vector<Complaint> List(const ComplaintQuery& query, const Principal& scope) = 0;
  // The next sequence number for reference numbers of the given day key ("20261122").
  // Single-writer assumption: SQLite serialises every write transaction, so read-and-increment
  // inside the unit of work never hands one number out twice; a multi-writer store must make
  // this one atomic statement (UPDATE … RETURNING) or a database sequence.
  virtual std::int64_t NextReferenceSequence(const std::string& day) = 0;
  virtual std::vector<Complaint> ListForCustomer(Id customer_id, int limit) = 0;
};

class EventRepository {
 public:
  virtual ~EventRepository() = default;
  virtual Id Append(const ComplaintEvent& event) = 0;
  virtual std::vector<ComplaintEvent> ListForComplaint(Id complaint_id) = 0;
};

class NoteRepository {
 public:
  virtual ~NoteRepository() = default;
  virtual Id Insert(const Note& note) = 0;
  virtual std::vector<Note> ListForComplaint(Id complaint_id) = 0;
};

struct CustomerQuery {
  std::string text;  // name, phone or email fragment
  int limit = 50;
  std::optional<Id> after_id;
};

class CustomerRepository {
 public:
  virtual ~CustomerRepository() = default;
  virtual Id Insert(const Customer& customer) = 0;
  virtual void Update(const Customer& customer) = 0;
  virtual std::optional<Customer> FindById(Id id) = 0;
  // The tier alone: no personal data is opened (SLA checks and routing need only this).
  virtual std::optional<CustomerTier> TierOf(Id id) = 0;
  virtual std::optional<Customer> FindByPhone(const std::string& normalized_phone) = 0;
  virtual std::optional<Customer> FindByEmail(const std::string& folded_email) = 0;
  // Customers matching the query; a scoped principal sees only customers with a complaint in
  // their scope.
  virtual std::vector<Customer> Search(const CustomerQuery& query, const Principal& scope) = 0;
  virtual bool HasComplaintInScope(Id customer_id, const Principal& scope) = 0;
  // Moves every complaint and platform account of `from` to `into`; returns the ids of the
  // complaints moved.
  virtual std::vector<Id> MoveComplaints(Id from, Id into) = 0;
  virtual std::optional<Customer> FindByAccount(const PlatformAccount& account) = 0;
  // Links the account to the customer unless it is linked already (to anyone).
  virtual void LinkAccount(Id customer_id, const PlatformAccount& account, UnixMillis at) = 0;
  virtual std::vector<PlatformAccount> AccountsOf(Id customer_id) = 0;
};

class UserRepository {
 public:
  virtual ~UserRepository() = default;
  virtual Id Insert(const User& user) = 0;
  virtual void Update(const User& user) = 0;  // includes scopes
  virtual std::optional<User> FindById(Id id) = 0;
  virtual std::optional<User> FindByUsername(const std::string& username) = 0;
  virtual std::vector<User> List() = 0;
  // The active users of one role, by id (the managers an escalation notifies).
  virtual std::vector<User> ActiveWithRole(Role role) = 0;
};

class OrgRepository {
 public:
  virtual ~OrgRepository() = default;
  virtual Id InsertRegion(const Region& region) = 0;
  virtual Id InsertCity(const City& city) = 0;
  virtual Id InsertStore(const Store& store) = 0;
  virtual Id InsertProduct(const Product& product) = 0;
  virtual Id InsertTeam(const Team& team) = 0;
  virtual void UpdateTeam(const Team& team) = 0;
  virtual std::vector<Region> Regions() = 0;
  virtual std::vector<City> Cities() = 0;
  virtual std::vector<Store> Stores() = 0;
  virtual std::vector<Product> Products() = 0;
  virtual std::vector<Team> Teams() = 0;
  virtual std::optional<Region> FindRegion(Id id) = 0;
  virtual std::optional<City> FindCity(Id id) = 0;
  virtual std::optional<Store> FindStore(Id id) = 0;
  virtual std::optional<Product> FindProduct(Id id) = 0;
  virtual std::optional<Team> FindTeam(Id id) = 0;
  // Looks a region or team up by code or name (for --scope on the CLI).
  virtual std::optional<Region> FindRegionByKey(const std::string& code_or_name) = 0;
  virtual std::optional<Team> FindTeamByKey(const std::string& code_or_name) = 0;
};

class AuthRepository {
 public:
  virtual ~AuthRepository() = default;
  virtual void InsertSession(const Session& session) = 0;
  virtual std::optional<Session> FindSession(const std::string& token_digest) = 0;
  virtual void DeleteSession(const std::string& token_digest) = 0;
  virtual void DeleteSessionsOf(Id user_id) = 0;
  virtual Id InsertApiKey(const ApiKey& key) = 0;
  virtual std::optional<ApiKey> FindApiKeyByDigest(const std::string& key_digest) = 0;
  virtual std::optional<ApiKey> FindApiKey(Id id) = 0;
  virtual std::vector<ApiKey> ListApiKeys() = 0;
  virtual void RevokeApiKey(Id id, UnixMillis at) = 0;
};

// What the first request with an Idempotency-Key produced.
struct IdempotencyRecord {
  Id user_id = 0;
  std::string key;
  std::string fingerprint;  // digest of the request body
  Id complaint_id = 0;
  UnixMillis created_at = 0;
};

class IdempotencyRepository {
 public:
  virtual ~IdempotencyRepository() = default;
  virtual std::optional<IdempotencyRecord> Find(Id user_id, const std::string& key) = 0;
  virtual void Insert(const IdempotencyRecord& record) = 0;
};

class IntakeSourceRepository {
 public:
  virtual ~IntakeSourceRepository() = default;
  virtual Id Insert(const IntakeSource& source) = 0;
  virtual std::optional<IntakeSource> FindByName(const std::string& name) = 0;
  virtual std::vector<IntakeSource> List() = 0;
  virtual void Deactivate(Id id) = 0;
  virtual std::optional<IntakeSource> FindById(Id id) = 0;
  // Replaces everything but the name and creation time.
  virtual void Update(const IntakeSource& source) = 0;
};

// Products, batches, stores and orders for traceability, and their lookups by the
// business keys imports and intake use.
class TraceRepository {
 public:
  virtual ~TraceRepository() = default;
  virtual std::optional<Product> FindProductBySku(const std::string& sku) = 0;
  virtual std::optional<Store> FindStoreByCode(const std::string& code) = 0;
  virtual std::optional<City> FindCityByName(const std::string& name) = 0;
  virtual Id InsertBatch(const Batch& batch) = 0;
  virtual std::optional<Batch> FindBatch(Id id) = 0;
  virtual std::optional<Batch> FindBatchByNo(const std::string& batch_no) = 0;
  // Inserts the order and its items (item ids are not returned; read the order back).
  virtual Id InsertOrder(const Order& order) = 0;
  virtual std::optional<Order> FindOrder(Id id) = 0;  // with items
  virtual std::optional<Order> FindOrderByNo(const std::string& order_no) = 0;
  virtual std::vector<Order> OrdersOfCustomer(Id customer_id, int limit) = 0;
  // Complaints linked to the batch, in the principal's scope, newest first.
  virtual std::vector<Complaint> ComplaintsOfBatch(Id batch_id, const Principal& scope,
                                                   int limit) = 0;
  // How many distinct stores the batch's complaints (in scope) came from.
  virtual int StoresAffectedByBatch(Id batch_id, const Principal& scope) = 0;
  virtual std::optional<Customer> FindCustomerByExternalId(const std::string& external_id) = 0;
  virtual bool ComplaintExists(Channel channel, const std::string& external_id) = 0;
};

// Email: attachments of complaints, message-id threading, and the outbox.
class MailRepository {
 public:
  virtual ~MailRepository() = default;
  virtual Id InsertAttachment(const Attachment& attachment) = 0;
  // Attachments without their content.
  virtual std::vector<Attachment> AttachmentsOf(Id complaint_id) = 0;
  virtual std::optional<Attachment> FindAttachment(Id id) = 0;  // with content
  virtual void RecordThread(const std::string& message_id, Id complaint_id, bool outgoing,
                            UnixMillis at) = 0;
  virtual std::optional<Id> ComplaintOfMessage(const std::string& message_id) = 0;
  virtual Id EnqueueOutbound(const OutboundMessage& message) = 0;
  // Pending messages of a channel (any when empty) on complaints in the principal's scope,
  // oldest first, after `after_id`; with reference and complaint's customer id in recipient.
  virtual std::vector<OutboundMessage> PendingOutbound(const std::string& channel, Id after_id,
                                                       int limit, const Principal& scope) = 0;
  virtual std::optional<OutboundMessage> FindOutbound(Id id) = 0;
  virtual void MarkOutboundDelivered(Id id, UnixMillis at) = 0;
  // The complaint of a message and whether it is one we sent (which only its recipients know).
  virtual std::optional<std::pair<Id, bool>> ThreadMessage(const std::string& message_id) = 0;
  virtual Id Enqueue(const OutgoingMail& mail) = 0;
  // Queued mail due at `now`, oldest first.
  virtual std::vector<OutgoingMail> Due(UnixMillis now, int limit) = 0;
  virtual void MarkSent(Id id, UnixMillis at) = 0;
  // Records a failed attempt; the mail is retried at `retry_at`, or marked failed when empty.
  virtual void MarkAttemptFailed(Id id, const std::string& error,
                                 std::optional<UnixMillis> retry_at) = 0;
  virtual std::vector<OutgoingMail> List(int limit) = 0;
  virtual std::optional<OutgoingMail> FindOutgoing(Id id) = 0;
};

// Text analysis results and the pipeline's watermark.
class AnalysisRepository {
 public:
  virtual ~AnalysisRepository() = default;
  // Complaints above the watermark (not analysed yet), oldest first.
  virtual std::vector<Complaint> Pending(int limit) = 0;
  // Every stored fingerprint (to rebuild the duplicate index at start).
  virtual std::vector<std::pair<Id, std::uint64_t>> Fingerprints() = 0;
  // Complaints by id (title and description are what duplicate checks need).
  virtual std::vector<Complaint> Texts(const std::vector<Id>& ids) = 0;
  // Earlier complaints of the same customer about the same product or order and in the same
  // category (set, or suggested by analysis), received within `window` before `complaint`.
  virtual int CountRepeats(const Complaint& complaint, const std::string& category,
                           UnixMillis window) = 0;
  // How many analysed complaints were found to duplicate `original`.
  virtual int CountDuplicatesOf(Id original) = 0;
  // How long (received → resolved, ms) up to `limit` complaints took that were resolved before
  // `before`, newest first, of this category and type (an empty category or absent type: any).
  virtual std::vector<UnixMillis> HandlingTimes(const std::string& category,
                                                std::optional<ComplaintType> type,
                                                UnixMillis before, int limit) = 0;
  // Stores the analysis of each complaint and moves the watermark to the highest id.
  virtual void Save(const std::vector<std::pair<Id, TextAnalysis>>& results) = 0;
  virtual std::optional<TextAnalysis> Find(Id complaint_id) = 0;
};

// A resolved complaint as the similar-case index learns it.
struct ResolvedCase {
  std::int64_t sequence = 0;  // increases with every recorded resolution
  Id complaint_id = 0;
  std::string title;
  std::string description;
};

// What happened after complaints were handled: resolutions and satisfaction answers.
class OutcomeRepository {
 public:
  virtual ~OutcomeRepository() = default;
  // Records (or replaces, when resolved again) the resolution of a complaint.
  virtual void SaveResolution(const Resolution& resolution) = 0;
  virtual std::optional<Resolution> FindResolution(Id complaint_id) = 0;
  virtual std::vector<Resolution> ResolutionsOf(const std::vector<Id>& complaint_ids) = 0;
  // Resolutions recorded after `sequence`, in order, with the complaint's text.
  virtual std::vector<ResolvedCase> ResolvedSince(std::int64_t sequence, int limit) = 0;
  virtual Id InsertSurveyResponse(const SurveyResponse& response) = 0;
  // The latest answer per complaint, for those that have one.
  virtual std::vector<SurveyResponse> SurveyResponsesOf(const std::vector<Id>& complaint_ids) = 0;
  struct RemedyStats {
    std::string category;
    Remedy remedy = Remedy::kExplanation;
    int cases = 0;
    int surveyed = 0;
    double mean_csat = 0;
  };
  // Per category and remedy: resolved cases, how many were surveyed and their mean CSAT.
  virtual std::vector<RemedyStats> RemedyStatistics() = 0;
};

struct ArticleQuery {
  std::vector<std::string> terms;  // any may match; 1-2 character Chinese terms too
  std::string category;            // empty: any
  bool include_inactive = false;
  int limit = 20;
};

class KnowledgeRepository {
 public:
  virtual ~KnowledgeRepository() = default;
  virtual Id Insert(const KnowledgeArticle& article) = 0;
  virtual void Update(const KnowledgeArticle& article) = 0;
  virtual std::optional<KnowledgeArticle> Find(Id id) = 0;
  // Articles containing any of the terms (all articles when there are none), newest first.
  virtual std::vector<KnowledgeArticle> Search(const ArticleQuery& query) = 0;
  // The domain dictionary's added words, sorted.
  virtual std::vector<std::string> DomainWords() = 0;
  // Adds a word; false when it was there already.
  virtual bool AddDomainWord(const std::string& word, std::optional<Id> by, UnixMillis at) = 0;
  // Removes a word; false when it was not there.
  virtual bool RemoveDomainWord(const std::string& word) = 0;
};

struct JobQuery {
  std::optional<JobStatus> status;
  std::string kind;
  int limit = 100;
};

// The durable job table. Claim hands out due jobs with a lease; a job whose lease ran out (its
// worker died) is due again. SQLite serialises claims through its one writer; on PostgreSQL the
// same contract is met with SELECT … FOR UPDATE SKIP LOCKED.
class JobRepository {
 public:
  virtual ~JobRepository() = default;
  // Inserts a due job. When the key is set and an unfinished job of the same kind and key
  // exists, that job is kept (moved earlier if this one is due sooner) and its id returned.
  virtual Id Schedule(const Job& job) = 0;
  // Up to `limit` jobs of these kinds due at `now` (run_at reached, or running with an expired
  // lease), oldest run_at first, marked running for `worker` until `lease_until`; attempts
  // counted. A worker claims only the kinds it can run (mail delivery runs apart, say).
  // Single-writer assumption: the select-then-mark runs in one serialised write transaction, so
  // two workers never claim one job; a multi-writer store needs SELECT … FOR UPDATE SKIP LOCKED.
  virtual std::vector<Job> Claim(UnixMillis now, const std::string& worker, UnixMillis lease_until,
                                 int limit, const std::vector<std::string>& kinds) = 0;
  virtual void Complete(Id id, UnixMillis at) = 0;
  // Records a failed attempt: due again at `retry_at`, or parked when there is none.
  virtual void Fail(Id id, const std::string& error, std::optional<UnixMillis> retry_at,
                    UnixMillis at) = 0;
  // Puts a parked job back in the queue, due at `at`, with fresh attempts.
  virtual bool Retry(Id id, UnixMillis at) = 0;
  virtual std::optional<Job> Find(Id id) = 0;
  // Newest first.
  virtual std::vector<Job> List(const JobQuery& query) = 0;
};

// Model versions, and the labelled examples agents produced (complaints whose type or category
// a person set), for retraining.
class ModelRepository {
 public:
  virtual ~ModelRepository() = default;
  virtual Id Insert(const ModelVersion& model) = 0;
  virtual int NextVersion(const std::string& task) = 0;
  virtual std::optional<ModelVersion> Find(Id id) = 0;
  virtual std::optional<ModelVersion> Active(const std::string& task) = 0;
  virtual std::vector<ModelVersion> List(const std::string& task) = 0;  // newest first; "" all
  // Makes `id` the task's active version (deactivating the others); nothing active when empty.
  virtual void Activate(const std::string& task, std::optional<Id> id) = 0;
  virtual void SetThreshold(Id id, double threshold) = 0;
  // (text, label) of up to `limit` complaints labelled for the task ("type", "category"),
  // oldest first; text is title and description.
  virtual std::vector<std::pair<std::string, std::string>> LabelledExamples(const std::string& task,
                                                                            int limit) = 0;
  // Title and description of the newest `limit` complaints, newest first: the texts a model
  // will read, for adapting it to them (no labels).
  virtual std::vector<std::string> RecentTexts(int limit) = 0;
};

class TaskRepository {
 public:
  virtual ~TaskRepository() = default;
  virtual Id Insert(const DepartmentTask& task) = 0;
  virtual void Update(const DepartmentTask& task) = 0;
  virtual std::optional<DepartmentTask> Find(Id id) = 0;
  virtual std::vector<DepartmentTask> ForComplaint(Id complaint_id) = 0;
  // Tasks of these teams (all teams when empty), with this status ("" any), newest first.
  virtual std::vector<DepartmentTask> ForTeams(const std::vector<Id>& team_ids,
                                               const std::string& status, int limit) = 0;
};

// Agents' routing profiles, their load and the recorded routing decisions.
class RoutingRepository {
 public:
  virtual ~RoutingRepository() = default;
  virtual std::vector<AgentProfile> Profiles() = 0;  // with skills
  virtual std::optional<AgentProfile> FindProfile(Id user_id) = 0;
  // Inserts or replaces the profile and its skills.
  virtual void SaveProfile(const AgentProfile& profile) = 0;
  // (assignee, open complaints assigned) for every assignee with any.
  virtual std::vector<std::pair<Id, int>> OpenLoads() = 0;
  // Open complaints assigned to one person.
  virtual int OpenLoadOf(Id assignee) = 0;
  // Analysed, open complaints without an assignee, oldest first.
  virtual std::vector<Id> Waiting(int limit) = 0;
  // The assignee's complaints in status `assigned` (not started yet), oldest first.
  virtual std::vector<Id> NotStartedOf(Id assignee) = 0;
  virtual Id InsertDecision(const RoutingRecord& record) = 0;
  virtual std::vector<RoutingRecord> DecisionsFor(Id complaint_id) = 0;
};

class NotificationRepository {
 public:
  virtual ~NotificationRepository() = default;
  virtual Id Insert(const Notification& notification) = 0;
  // Newest first, older than `before_id` (0: from the newest); unread only when asked.
  virtual std::vector<Notification> ListFor(Id user_id, bool unread_only, Id before_id,
                                            int limit) = 0;
  // Marks every unread notification of the user read; returns how many.
  virtual int MarkAllRead(Id user_id, UnixMillis at) = 0;
  // Marks the user's notification read; false when it is not theirs or not there.
  virtual bool MarkRead(Id user_id, Id id, UnixMillis at) = 0;
};

class ConfigRepository {
 public:
  virtual ~ConfigRepository() = default;
  // The stored lifecycle table, or nothing when the defaults apply.
  virtual std::optional<std::vector<Transition>> LoadLifecycle() = 0;
  virtual void SaveLifecycle(const std::vector<Transition>& transitions) = 0;
  // Text rules admins stored for a rule set ("type", "category"), or nothing for the defaults.
  virtual std::optional<std::string> LoadTextRules(const std::string& rule_set) = 0;
  virtual void SaveTextRules(const std::string& rule_set, const std::string& body,
                             std::optional<Id> by, UnixMillis at) = 0;
  virtual void DeleteTextRules(const std::string& rule_set) = 0;
  // Message templates admins edited (reply drafts …): the parts of one template in one language,
  // or nothing for the shipped defaults.
  using TemplateParts = std::map<std::string, std::string>;
  virtual std::optional<TemplateParts> LoadTemplate(const std::string& name,
                                                    const std::string& language) = 0;
  virtual void SaveTemplate(const std::string& name, const std::string& language,
                            const TemplateParts& parts, std::optional<Id> by, UnixMillis at) = 0;
  virtual void DeleteTemplate(const std::string& name, const std::string& language) = 0;
  // SLA calendars and policies; nothing stored means the defaults.
  virtual std::optional<std::vector<BusinessCalendar>> LoadCalendars() = 0;
  virtual void SaveCalendars(const std::vector<BusinessCalendar>& calendars) = 0;
  virtual std::optional<std::vector<SlaPolicy>> LoadSlaPolicies() = 0;
  virtual void SaveSlaPolicies(const std::vector<SlaPolicy>& policies) = 0;
  virtual void RecordChange(const ConfigChange& change) = 0;
  // Newest first; `before_id` 0 = from the newest.
  virtual std::vector<ConfigChange> Changes(Id before_id, int limit) = 0;
};

// The repositories of one unit of work (one database transaction).
class Repositories {
 public:
  virtual ~Repositories() = default;
  virtual ComplaintRepository& complaints() = 0;
  virtual EventRepository& events() = 0;
  virtual NoteRepository& notes() = 0;
  virtual CustomerRepository& customers() = 0;
  virtual UserRepository& users() = 0;
  virtual OrgRepository& org() = 0;
  virtual AuthRepository& auth() = 0;
  virtual IdempotencyRepository& idempotency() = 0;
  virtual ConfigRepository& config() = 0;
  virtual IntakeSourceRepository& intake_sources() = 0;
  virtual TraceRepository& trace() = 0;
  virtual MailRepository& mail() = 0;
  virtual AnalysisRepository& analysis() = 0;
  virtual OutcomeRepository& outcomes() = 0;
  virtual KnowledgeRepository& knowledge() = 0;
  virtual JobRepository& jobs() = 0;
  virtual ModelRepository& models() = 0;
  virtual NotificationRepository& notifications() = 0;
  virtual TaskRepository& tasks() = 0;
  virtual RoutingRepository& routing() = 0;
};

using Work = std::function<core::Status(Repositories&)>;

// Runs units of work. Write runs `work` in one serialised transaction and commits only when it
// returns OK; a non-OK Status or an exception rolls everything back. Read runs on a consistent
// snapshot and never blocks writers.
class TransactionRunner {
 public:
  virtual ~TransactionRunner() = default;
  virtual core::Status Write(const Work& work) = 0;
  virtual core::Status Read(const Work& work) = 0;
};

// Time zones by IANA name (Asia/Shanghai, Europe/Berlin …), daylight saving included.
class TimeZones {
 public:
  virtual ~TimeZones() = default;
  // The offset from UTC in minutes at `at`, or nothing for a name that is not a time zone.
  virtual std::optional<int> OffsetMinutesAt(const std::string& zone, UnixMillis at) const = 0;
};

// Operating a store beside its units of work; a second backend (PostgreSQL) implements it too.
// Opening a store applies its pending migrations (or fails).
class StoreAdmin {
 public:
  virtual ~StoreAdmin() = default;
  // Highest applied migration version.
  virtual int SchemaVersion() = 0;
  // Adds up to `max_rows` complaints to the search index; returns how many (0: up to date).
  virtual size_t IndexPendingText(size_t max_rows) = 0;
  // Background upkeep until the store is destroyed: search indexing, log checkpoints.
  virtual void StartMaintenance() = 0;
  // More memory for one long bulk load (bounded by `cache_mib`).
  virtual void TuneForBulkLoad(int cache_mib) = 0;
  // Re-seals personal data not sealed with the current key; returns the customers changed.
  virtual size_t ResealPersonalData() = 0;
  // Makes the durable form complete on its own (a WAL copied into the file, say).
  virtual void Checkpoint() = 0;
  // A consistent copy of the whole database, taken while it is in use, at `path` (which must not
  // exist; it is created readable by the owner only). Keys are not in it: they live apart.
  virtual core::Status Backup(const std::string& path) = 0;
};

// A database: its units of work and its operation.
class Database : public TransactionRunner, public StoreAdmin {};

// Authenticated encryption of personal data at rest (PIPL Art. 51) and keyed "blind indexes"
// that allow exact lookups without storing the value. `field` names the column and is bound to
// the ciphertext, so a value cannot be moved to another field unnoticed.
class PersonalDataCipher {
 public:
  virtual ~PersonalDataCipher() = default;
  // Empty plaintext seals to empty (nothing stored).
  virtual std::string Seal(const std::string& field, const std::string& plaintext) = 0;
  // Throws when the value was tampered with or its key is unknown.
  virtual std::string Open(const std::string& field, const std::string& sealed) = 0;
  // A keyed digest of a normalised value; equal values give equal digests. Empty gives empty.
  virtual std::string BlindIndex(const std::string& field, const std::string& normalized) = 0;
  virtual std::uint32_t CurrentKeyId() const = 0;
  // The id of the key that sealed `sealed` (0 for empty).
  virtual std::uint32_t KeyIdOf(const std::string& sealed) const = 0;
};

// Message authentication for webhooks: HMAC-SHA256.
class MessageAuthenticator {
 public:
  virtual ~MessageAuthenticator() = default;
  // Lower-case hex HMAC-SHA256 of `message` under `key`.
  virtual std::string Sign(const std::string& key, const std::string& message) = 0;
  // Constant-time check of a hex signature.
  virtual bool Verify(const std::string& key, const std::string& message,
                      const std::string& hex_signature) = 0;
};

// Delivers one message (SMTP in production). Returns an error Status when delivery failed; the
// caller decides whether to retry.
class MailTransport {
 public:
  virtual ~MailTransport() = default;
  virtual core::Status Send(const std::string& from, const OutgoingMail& mail) = 0;
};

// Understands complaint text (text/ implements it): emotion and the rules' type and category.
// Thread-safe; pure computation, no store access.
class TextAnalyzer {
 public:
  virtual ~TextAnalyzer() = default;
  virtual TextAnalysis Analyze(const std::string& title, const std::string& description) const = 0;
  // Near-duplicate support: a 64-bit SimHash of the text, and a similarity in [0, 1].
  virtual std::uint64_t Fingerprint(const std::string& title,
                                    const std::string& description) const = 0;
  // The similarity of `complaint` to each of `others`, in order.
  virtual std::vector<double> Similarities(const Complaint& complaint,
                                           const std::vector<Complaint>& others) const = 0;
  // The words of a text that say what it is about (segmented with the domain dictionary;
  // dictionary words first, then longer words), at most `limit`, no repeats.
  virtual std::vector<std::string> KeyTerms(const std::string& text, size_t limit) const = 0;
  // Adds admins' words to the domain dictionary (replacing earlier additions).
  virtual void SetDomainWords(const std::vector<std::string>& words) const = 0;
  // A search term in both scripts: itself, its simplified and its traditional form (distinct).
  virtual std::vector<std::string> ScriptVariants(const std::string& term) const { return {term}; }
  // Whether the text is in traditional Chinese, and the text turned into traditional.
  virtual bool LooksTraditional(const std::string& text) const {
    (void)text;
    return false;
  }
  virtual std::string ToTraditional(const std::string& text) const { return text; }
  // Trains a model for `task` on the examples (text, label): the first nine of every ten train
  // it, the tenth is held out and measured, for the model and for the rules. Writes `path`.
  struct TrainingReport {
    int training_rows = 0;
    int holdout_rows = 0;
    double holdout_accuracy = 0;
    double rules_accuracy = 0;
  };
  virtual core::Result<TrainingReport> TrainModel(
      const std::string& task, const std::vector<std::pair<std::string, std::string>>& examples,
      const std::string& path) const = 0;
  // Uses the model at `path` for `task` from now on (labels at or above `threshold` win over the
  // rules). A file that is missing, corrupt, not a model, or a model with labels outside
  // `labels` (one made for another task) is an invalid_argument on "model" and changes nothing.
  virtual core::Status UseModel(const std::string& task, const std::string& path, int version,
                                double threshold, const std::vector<std::string>& labels) const = 0;
  // The same checks without using the model.
  virtual core::Status CheckModel(const std::string& path,
                                  const std::vector<std::string>& labels) const = 0;
  // Back to the rules (and the lexicon) alone for `task`.
  virtual void DropModel(const std::string& task) const = 0;
  // The version in use for `task` (0 for none) and its threshold.
  struct ModelInUseInfo {
    int version = 0;
    double threshold = 0;
  };
  virtual ModelInUseInfo ModelInUse(const std::string& task) const = 0;
  // The rules of a set ("type" or "category") in force, as text (text/rules_classifier.h).
  virtual std::string RulesText(const std::string& rule_set) const = 0;
  // Replaces a rule set from text whose labels must be among `labels`; empty text restores the
  // defaults. A syntax error is invalid_argument on "text" naming the line and the reason, and
  // the rules in force stay.
  virtual core::Status ReplaceRules(const std::string& rule_set, const std::string& text,
                                    const std::vector<std::string>& labels) const = 0;
};

// Finds resolved complaints whose text is like a given one, in memory (text/ implements it).
// Thread-safe.
class SimilarCaseIndex {
 public:
  virtual ~SimilarCaseIndex() = default;
  virtual void Add(Id complaint_id, const std::string& title, const std::string& description) = 0;
  // Up to `limit` (complaint id, similarity 0..1), most similar first.
  virtual std::vector<std::pair<Id, double>> Similar(const std::string& title,
                                                     const std::string& description,
                                                     size_t limit) const = 0;
  virtual size_t size() const = 0;
};

class PasswordHasher {
 public:
  virtual ~PasswordHasher() = default;
  virtual std::string Hash(const std::string& password) = 0;
  virtual bool Verify(const std::string& hash, const std::string& password) = 0;
};

class TokenService {
 public:
  virtual ~TokenService() = default;
  // A new random secret with `prefix` (256 bits of entropy).
  virtual std::string NewSecret(const std::string& prefix) = 0;
  // A fast keyed digest of a secret, as stored; equal secrets give equal digests.
  virtual std::string Digest(const std::string& secret) = 0;
};

}  // namespace closeloop::domain
