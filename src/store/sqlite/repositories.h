// SQLite implementations of the domain's repositories, all bound to one connection (and so to
// its current transaction). Each statement is written inline where it is bound;
// column lists shared by several statements are named constants.
#pragma once

#include "domain/analysis/entities.h"
#include "domain/analysis/repository.h"
#include "domain/analytics/repository.h"
#include "domain/complaint/entities.h"
#include "domain/complaint/repository.h"
#include "domain/config_repository.h"
#include "domain/customer/entities.h"
#include "domain/customer/repository.h"
#include "domain/improvement/entities.h"
#include "domain/improvement/repository.h"
#include "domain/intake/entities.h"
#include "domain/intake/repository.h"
#include "domain/jobs/entities.h"
#include "domain/jobs/repository.h"
#include "domain/knowledge/entities.h"
#include "domain/knowledge/repository.h"
#include "domain/live/repository.h"
#include "domain/model/ids.h"
#include "domain/org/entities.h"
#include "domain/org/repository.h"
#include "domain/routing/entities.h"
#include "domain/routing/repository.h"
#include "domain/sealing/cipher.h"
#include "domain/sealing/repository.h"
#include "domain/survey/entities.h"
#include "domain/survey/repository.h"
#include "domain/tasks/entities.h"
#include "domain/tasks/repository.h"
#include "domain/unit_of_work.h"
#include "store/sqlite/connection.h"

namespace closeloop::store::sqlite {

using domain::ApiKey;
using domain::City;
using domain::Complaint;
using domain::ComplaintEvent;
using domain::ComplaintQuery;
using domain::Customer;
using domain::CustomerQuery;
using domain::Id;
using domain::IdempotencyRecord;
using domain::Note;
using domain::Principal;
using domain::Product;
using domain::Region;
using domain::Session;
using domain::Store;
using domain::Team;
using domain::Transition;
using domain::UnixMillis;
using domain::User;

class SqliteComplaints final : public domain::ComplaintRepository {
 public:
  explicit SqliteComplaints(Connection& c) : c_(c) {}
  Id Insert(const Complaint& complaint) override;
  void Update(const Complaint& complaint) override;
  void SetSlaStanding(Id id, const std::string& state, std::optional<UnixMillis> due) override;
  std::optional<Complaint> FindById(Id id) override;
  std::optional<Complaint> FindByReference(const std::string& reference) override;
  std::vector<Complaint> List(const ComplaintQuery& query, const Principal& scope) override;
  std::int64_t NextReferenceSequence(const std::string& day) override;
  std::vector<Complaint> ListForCustomer(Id customer_id, int limit) override;
  // The complaints with these ids, in the same order (missing ones left out).
  std::vector<Complaint> FindByIds(const std::vector<Id>& ids);

 private:
  Connection& c_;
};

class SqliteEvents final : public domain::EventRepository {
 public:
  explicit SqliteEvents(Connection& c) : c_(c) {}
  Id Append(const ComplaintEvent& event) override;
  std::vector<ComplaintEvent> ListForComplaint(Id complaint_id) override;

 private:
  Connection& c_;
};

class SqliteNotes final : public domain::NoteRepository {
 public:
  explicit SqliteNotes(Connection& c) : c_(c) {}
  Id Insert(const Note& note) override;
  std::vector<Note> ListForComplaint(Id complaint_id) override;

 private:
  Connection& c_;
};

class SqliteCustomers final : public domain::CustomerRepository {
 public:
  SqliteCustomers(Connection& c, domain::PersonalDataCipher& cipher) : c_(c), cipher_(cipher) {}
  Id Insert(const Customer& customer) override;
  void Update(const Customer& customer) override;
  std::optional<Customer> FindById(Id id) override;
  std::optional<domain::CustomerTier> TierOf(Id id) override;
  std::optional<Customer> FindByPhone(const std::string& normalized_phone) override;
  std::optional<Customer> FindByEmail(const std::string& folded_email) override;
  std::vector<Customer> Search(const CustomerQuery& query, const Principal& scope) override;
  bool InScope(Id customer_id, const Principal& scope) override;
  std::vector<Id> RecordsOfPerson(Id person_id) override;
  void MovePersonRecords(Id from, Id into) override;
  std::vector<Id> MoveComplaints(Id from, Id into) override;
  std::optional<Customer> FindByAccount(const domain::PlatformAccount& account) override;
  void LinkAccount(Id customer_id, const domain::PlatformAccount& account, UnixMillis at) override;
  std::vector<domain::PlatformAccount> AccountsOf(Id customer_id) override;
  void RecordAccess(const domain::PersonalDataAccess& access) override;
  std::vector<domain::PersonalDataAccess> Accesses(std::optional<Id> customer_id, Id before_id,
                                                   int limit) override;

 private:
  Customer Read(const Query& q);
  // Binds name, sealed and indexed personal data, tier and the record's links, in the column order
  // of writes.
  void BindFields(Query& q, const Customer& c);
  // The condition (on `cu`) under which a scoped principal sees a customer record; empty when
  // unscoped.
  std::string VisibleCondition(const Principal& scope, std::vector<std::int64_t>& params);
  Connection& c_;
  domain::PersonalDataCipher& cipher_;
};

class SqliteUsers final : public domain::UserRepository {
 public:
  SqliteUsers(Connection& c, domain::PersonalDataCipher& cipher) : c_(c), cipher_(cipher) {}
  Id Insert(const User& user) override;
  void Update(const User& user) override;
  std::optional<User> FindById(Id id) override;
  std::optional<User> FindByUsername(const std::string& username) override;
  std::vector<User> List() override;
  std::vector<User> ActiveWithRole(domain::Role role) override;

 private:
  void WriteScopes(const User& user);
  void ReadScopes(User& user);
  User Read(const Query& q);  // a row of kUserColumns, email opened
  Connection& c_;
  domain::PersonalDataCipher& cipher_;
};

class SqliteOrg final : public domain::OrgRepository {
 public:
  explicit SqliteOrg(Connection& c) : c_(c) {}
  Id InsertRegion(const Region& region) override;
  Id InsertCity(const City& city) override;
  Id InsertStore(const Store& store) override;
  Id InsertProduct(const Product& product) override;
  Id InsertTeam(const Team& team) override;
  void UpdateTeam(const Team& team) override;
  std::vector<Region> Regions() override;
  std::vector<City> Cities() override;
  std::vector<Store> Stores() override;
  std::vector<Product> Products() override;
  std::vector<Team> Teams() override;
  std::optional<Region> FindRegion(Id id) override;
  std::optional<City> FindCity(Id id) override;
  std::optional<Store> FindStore(Id id) override;
  std::optional<Product> FindProduct(Id id) override;
  std::optional<Team> FindTeam(Id id) override;
  std::optional<Region> FindRegionByKey(const std::string& code_or_name) override;
  std::optional<Team> FindTeamByKey(const std::string& code_or_name) override;

 private:
  Connection& c_;
};

class SqliteAuth final : public domain::AuthRepository {
 public:
  explicit SqliteAuth(Connection& c) : c_(c) {}
  void InsertSession(const Session& session) override;
  std::optional<Session> FindSession(const std::string& token_digest) override;
  void DeleteSession(const std::string& token_digest) override;
  void DeleteSessionsOf(Id user_id) override;
  Id InsertApiKey(const ApiKey& key) override;
  std::optional<ApiKey> FindApiKeyByDigest(const std::string& key_digest) override;
  std::optional<ApiKey> FindApiKey(Id id) override;
  std::vector<ApiKey> ListApiKeys() override;
  void RevokeApiKey(Id id, UnixMillis at) override;

 private:
  Connection& c_;
};

class SqliteIdempotency final : public domain::IdempotencyRepository {
 public:
  explicit SqliteIdempotency(Connection& c) : c_(c) {}
  std::optional<IdempotencyRecord> Find(Id user_id, const std::string& key) override;
  void Insert(const IdempotencyRecord& record) override;

 private:
  Connection& c_;
};

class SqliteConfig final : public domain::ConfigRepository {
 public:
  explicit SqliteConfig(Connection& c) : c_(c) {}
  std::optional<std::vector<Transition>> LoadLifecycle() override;
  void SaveLifecycle(const std::vector<Transition>& transitions) override;
  std::optional<std::string> LoadTextRules(const std::string& rule_set) override;
  void SaveTextRules(const std::string& rule_set, const std::string& body, std::optional<Id> by,
                     UnixMillis at) override;
  void DeleteTextRules(const std::string& rule_set) override;
  std::optional<TemplateParts> LoadTemplate(const std::string& name,
                                            const std::string& language) override;
  void SaveTemplate(const std::string& name, const std::string& language,
                    const TemplateParts& parts, std::optional<Id> by, UnixMillis at) override;
  void DeleteTemplate(const std::string& name, const std::string& language) override;
  std::optional<std::vector<domain::BusinessCalendar>> LoadCalendars() override;
  void SaveCalendars(const std::vector<domain::BusinessCalendar>& calendars) override;
  std::optional<std::vector<domain::SlaPolicy>> LoadSlaPolicies() override;
  void SaveSlaPolicies(const std::vector<domain::SlaPolicy>& policies) override;
  void RecordChange(const domain::ConfigChange& change) override;
  std::vector<domain::ConfigChange> Changes(Id before_id, int limit) override;
  std::optional<domain::DashboardMap> LoadDashboardMap(bool with_geometry) override;
  void SaveDashboardMap(const domain::DashboardMap& map) override;
  void DeleteDashboardMap() override;

 private:
  Connection& c_;
};

class SqliteIntakeSources final : public domain::IntakeSourceRepository {
 public:
  SqliteIntakeSources(Connection& c, domain::PersonalDataCipher& cipher) : c_(c), cipher_(cipher) {}
  Id Insert(const domain::IntakeSource& source) override;
  std::optional<domain::IntakeSource> FindByName(const std::string& name) override;
  std::vector<domain::IntakeSource> List() override;
  void Deactivate(Id id) override;
  std::optional<domain::IntakeSource> FindById(Id id) override;
  void Update(const domain::IntakeSource& source) override;

 private:
  domain::IntakeSource Read(const Query& q);
  Connection& c_;
  domain::PersonalDataCipher& cipher_;
};

class SqliteTrace final : public domain::TraceRepository {
 public:
  SqliteTrace(Connection& c, SqliteCustomers& customers) : c_(c), customers_(customers) {}
  std::optional<Product> FindProductBySku(const std::string& sku) override;
  std::optional<Store> FindStoreByCode(const std::string& code) override;
  std::optional<City> FindCityByName(const std::string& name) override;
  Id InsertBatch(const domain::Batch& batch) override;
  std::optional<domain::Batch> FindBatch(Id id) override;
  std::optional<domain::Batch> FindBatchByNo(const std::string& batch_no) override;
  Id InsertOrder(const domain::Order& order) override;
  std::optional<domain::Order> FindOrder(Id id) override;
  std::optional<domain::Order> FindOrderByNo(const std::string& order_no) override;
  std::vector<domain::Order> OrdersOfCustomer(Id customer_id, int limit) override;
  std::vector<Complaint> ComplaintsOfBatch(Id batch_id, const Principal& scope, int limit) override;
  int StoresAffectedByBatch(Id batch_id, const Principal& scope) override;
  std::optional<Customer> FindCustomerByExternalId(const std::string& external_id) override;
  bool ComplaintExists(domain::Channel channel, const std::string& external_id) override;

 private:
  void LoadItems(domain::Order& order);
  Connection& c_;
  SqliteCustomers& customers_;
};

class SqliteMail final : public domain::MailRepository {
 public:
  SqliteMail(Connection& c, domain::PersonalDataCipher& cipher) : c_(c), cipher_(cipher) {}
  Id InsertAttachment(const domain::Attachment& attachment) override;
  std::vector<domain::Attachment> AttachmentsOf(Id complaint_id) override;
  std::optional<domain::Attachment> FindAttachment(Id id) override;
  void RecordThread(const std::string& message_id, Id complaint_id, bool outgoing,
                    UnixMillis at) override;
  std::optional<Id> ComplaintOfMessage(const std::string& message_id) override;
  std::optional<std::pair<Id, bool>> ThreadMessage(const std::string& message_id) override;
  Id EnqueueOutbound(const domain::OutboundMessage& message) override;
  std::vector<domain::OutboundMessage> PendingOutbound(const std::string& channel, Id after_id,
                                                       int limit, const Principal& scope) override;
  std::optional<domain::OutboundMessage> FindOutbound(Id id) override;
  void MarkOutboundDelivered(Id id, UnixMillis at) override;
  Id Enqueue(const domain::OutgoingMail& mail) override;
  std::vector<domain::OutgoingMail> Due(UnixMillis now, int limit) override;
  void MarkSent(Id id, UnixMillis at) override;
  void MarkAttemptFailed(Id id, const std::string& error,
                         std::optional<UnixMillis> retry_at) override;
  std::vector<domain::OutgoingMail> List(int limit) override;
  std::optional<domain::OutgoingMail> FindOutgoing(Id id) override;

 private:
  domain::OutgoingMail Read(const Query& q);
  Connection& c_;
  domain::PersonalDataCipher& cipher_;
};

class SqliteAnalysis final : public domain::AnalysisRepository {
 public:
  explicit SqliteAnalysis(Connection& c) : c_(c) {}
  std::vector<Complaint> Pending(int limit) override;
  std::vector<std::pair<Id, std::uint64_t>> Fingerprints() override;
  std::vector<Complaint> Texts(const std::vector<Id>& ids) override;
  int CountRepeats(const Complaint& complaint, const std::string& category,
                   UnixMillis window) override;
  int CountDuplicatesOf(Id original) override;
  std::vector<UnixMillis> HandlingTimes(const std::string& category,
                                        std::optional<domain::ComplaintType> type,
                                        UnixMillis before, int limit) override;
  void Save(const std::vector<std::pair<Id, domain::TextAnalysis>>& results) override;
  std::optional<domain::TextAnalysis> Find(Id complaint_id) override;

 private:
  Connection& c_;
};

class SqliteOutcomes final : public domain::OutcomeRepository {
 public:
  explicit SqliteOutcomes(Connection& c) : c_(c) {}
  void SaveResolution(const domain::Resolution& resolution) override;
  std::optional<domain::Resolution> FindResolution(Id complaint_id) override;
  std::vector<domain::Resolution> ResolutionsOf(const std::vector<Id>& complaint_ids) override;
  std::vector<domain::ResolvedCase> ResolvedSince(std::int64_t sequence, int limit) override;
  std::vector<RemedyStats> RemedyStatistics() override;

 private:
  Connection& c_;
};

class SqliteSurveys final : public domain::SurveyRepository {
 public:
  explicit SqliteSurveys(Connection& c) : c_(c) {}
  Id InsertSurveyResponse(const domain::SurveyResponse& response) override;
  std::vector<domain::SurveyResponse> SurveyResponsesOf(
      const std::vector<Id>& complaint_ids) override;
  std::vector<domain::SurveyResponse> ResponsesOfComplaint(Id complaint_id) override;
  std::optional<domain::SurveyResponse> FindResponse(Id id) override;
  std::optional<domain::SurveyPolicy> LoadPolicy() override;
  void SavePolicy(const domain::SurveyPolicy& policy) override;
  Id InsertInvitation(const domain::SurveyInvitation& invitation) override;
  void UpdateInvitation(const domain::SurveyInvitation& invitation) override;
  std::optional<domain::SurveyInvitation> FindInvitation(Id id) override;
  std::vector<domain::SurveyInvitation> InvitationsOf(Id complaint_id) override;
  int SentToCustomerSince(Id customer_id, UnixMillis since) override;
  std::optional<UnixMillis> LastSentToCustomer(Id customer_id) override;
  void AddToken(const std::string& digest, Id invitation_id, UnixMillis at) override;
  std::optional<Id> InvitationOfToken(const std::string& digest) override;
  std::optional<domain::SurveyTemplate> StoredTemplate(const std::string& name,
                                                       std::optional<int> version) override;
  std::vector<std::string> StoredTemplateNames() override;
  void SaveTemplate(const domain::SurveyTemplate& survey_template, std::optional<Id> by,
                    UnixMillis at) override;
  Id InsertCampaign(const domain::SurveyCampaign& campaign) override;
  void UpdateCampaign(const domain::SurveyCampaign& campaign) override;
  std::optional<domain::SurveyCampaign> FindCampaign(Id id) override;
  std::vector<domain::SurveyCampaign> Campaigns() override;
  std::vector<Id> CampaignAudience(const domain::CampaignSegment& segment, UnixMillis now) override;
  std::vector<domain::SurveyInvitation> InvitationsOfCampaign(Id campaign_id) override;
  std::vector<domain::SurveyResponse> ResponsesOfCampaign(Id campaign_id) override;
  std::vector<domain::NpsAroundComplaint> NpsAroundComplaints(UnixMillis from,
                                                              UnixMillis to) override;
  std::vector<Id> RecontactCandidates(UnixMillis filed_since, UnixMillis open_before, int low_csat,
                                      int low_nps, double negative_below) override;
  std::vector<Id> VipsDueForInterview(UnixMillis complained_since,
                                      UnixMillis interviewed_since) override;
  void OptOut(Id customer_id, const std::string& via, UnixMillis at) override;
  bool OptedOut(Id customer_id) override;

 private:
  Connection& c_;
};

class SqliteKnowledge final : public domain::KnowledgeRepository {
 public:
  explicit SqliteKnowledge(Connection& c) : c_(c) {}
  Id Insert(const domain::KnowledgeArticle& article) override;
  void Update(const domain::KnowledgeArticle& article) override;
  std::optional<domain::KnowledgeArticle> Find(Id id) override;
  std::vector<domain::KnowledgeArticle> Search(const domain::ArticleQuery& query) override;
  void InsertVersion(const domain::KnowledgeArticle& article, std::optional<Id> by,
                     UnixMillis at) override;
  std::vector<domain::ArticleVersion> Versions(Id article_id) override;
  void RecordUsage(Id article_id, Id complaint_id, const std::string& kind, std::optional<Id> by,
                   UnixMillis at) override;
  domain::ArticleUsage UsageOf(Id article_id) override;
  std::vector<Id> ArticlesUsedFor(Id complaint_id, const std::string& kind) override;
  std::vector<std::string> DomainWords() override;
  bool AddDomainWord(const std::string& word, std::optional<Id> by, UnixMillis at) override;
  bool RemoveDomainWord(const std::string& word) override;

 private:
  Connection& c_;
};

class SqliteJobs final : public domain::JobRepository {
 public:
  explicit SqliteJobs(Connection& c) : c_(c) {}
  Id Schedule(const domain::Job& job) override;
  std::vector<domain::Job> Claim(UnixMillis now, const std::string& worker, UnixMillis lease_until,
                                 int limit, const std::vector<std::string>& kinds) override;
  void Complete(Id id, UnixMillis at) override;
  void Fail(Id id, const std::string& error, std::optional<UnixMillis> retry_at,
            UnixMillis at) override;
  bool Retry(Id id, UnixMillis at) override;
  std::optional<domain::Job> Find(Id id) override;
  std::vector<domain::Job> List(const domain::JobQuery& query) override;

 private:
  Connection& c_;
};

class SqliteModels final : public domain::ModelRepository {
 public:
  explicit SqliteModels(Connection& c) : c_(c) {}
  Id Insert(const domain::ModelVersion& model) override;
  int NextVersion(const std::string& task) override;
  std::optional<domain::ModelVersion> Find(Id id) override;
  std::optional<domain::ModelVersion> Active(const std::string& task) override;
  std::vector<domain::ModelVersion> List(const std::string& task) override;
  void Activate(const std::string& task, std::optional<Id> id) override;
  void SetThreshold(Id id, double threshold) override;
  std::vector<std::pair<std::string, std::string>> LabelledExamples(const std::string& task,
                                                                    int limit) override;
  std::vector<std::string> RecentTexts(int limit) override;

 private:
  Connection& c_;
};

class SqliteNotifications final : public domain::NotificationRepository {
 public:
  explicit SqliteNotifications(Connection& c) : c_(c) {}
  Id Insert(const domain::Notification& notification) override;
  std::vector<domain::Notification> ListFor(Id user_id, bool unread_only, Id before_id,
                                            int limit) override;
  int MarkAllRead(Id user_id, UnixMillis at) override;
  bool MarkRead(Id user_id, Id id, UnixMillis at) override;

 private:
  Connection& c_;
};

class SqliteLiveFeed final : public domain::LiveFeedRepository {
 public:
  explicit SqliteLiveFeed(Connection& c) : c_(c) {}
  std::vector<domain::LiveRecord> EventsAfter(Id after, int limit) override;
  std::vector<domain::LiveRecord> NotificationsAfter(Id after, int limit) override;
  domain::LivePosition Newest() override;

 private:
  Connection& c_;
};

class SqliteTasks final : public domain::TaskRepository {
 public:
  explicit SqliteTasks(Connection& c) : c_(c) {}
  Id Insert(const domain::DepartmentTask& task) override;
  void Update(const domain::DepartmentTask& task) override;
  std::optional<domain::DepartmentTask> Find(Id id) override;
  std::vector<domain::DepartmentTask> ForComplaint(Id complaint_id) override;
  std::vector<domain::DepartmentTask> ForTeams(const std::vector<Id>& team_ids,
                                               const std::string& status, int limit) override;

 private:
  Connection& c_;
};

class SqliteImprovements final : public domain::ImprovementRepository {
 public:
  explicit SqliteImprovements(Connection& c) : c_(c) {}
  Id Insert(const domain::ImprovementAction& action) override;
  void Update(const domain::ImprovementAction& action) override;
  std::optional<domain::ImprovementAction> Find(Id id) override;
  std::vector<domain::ImprovementAction> List(const domain::ImprovementQuery& query) override;
  int CountComplaints(const std::string& category, const std::string& product_line,
                      std::optional<Id> store_id, UnixMillis from, UnixMillis to) override;

 private:
  Connection& c_;
};

class SqliteAnalytics final : public domain::AnalyticsRepository {
 public:
  explicit SqliteAnalytics(Connection& c) : c_(c) {}
  void SaveFact(const domain::ComplaintFact& fact) override;
  std::optional<domain::ComplaintFact> FindFact(Id complaint_id) override;
  void DeleteAllFacts() override;
  void MarkPending(Id complaint_id) override;
  std::vector<Id> Pending(int limit) override;
  void ClearPending(const std::vector<Id>& complaint_ids) override;
  int PendingCount() override;
  std::vector<Id> ComplaintIds(Id after_id, int limit) override;
  std::vector<domain::KpiTarget> Targets() override;
  void SaveTargets(const std::vector<domain::KpiTarget>& targets) override;
  std::vector<domain::Promotion> Promotions() override;
  void SavePromotions(const std::vector<domain::Promotion>& promotions) override;
  std::vector<domain::GroupSums> Sums(const domain::FactQuery& query,
                                      const Principal& scope) override;
  std::vector<domain::FactComplaint> Complaints(const domain::FactQuery& query,
                                                const Principal& scope, Id before_id,
                                                int limit) override;

 private:
  Connection& c_;
};

class SqliteRouting final : public domain::RoutingRepository {
 public:
  explicit SqliteRouting(Connection& c) : c_(c) {}
  std::vector<domain::AgentProfile> Profiles() override;
  std::optional<domain::AgentProfile> FindProfile(Id user_id) override;
  void SaveProfile(const domain::AgentProfile& profile) override;
  std::vector<std::pair<Id, int>> OpenLoads() override;
  int OpenLoadOf(Id assignee) override;
  std::vector<Id> Waiting(int limit) override;
  std::vector<Id> NotStartedOf(Id assignee) override;
  Id InsertDecision(const domain::RoutingRecord& record) override;
  std::vector<domain::RoutingRecord> DecisionsFor(Id complaint_id) override;

 private:
  Connection& c_;
};

class SqliteSealedData final : public domain::SealedDataRepository {
 public:
  explicit SqliteSealedData(Connection& c) : c_(c) {}
  std::vector<domain::SealedRecord> SealedRecords(domain::SealedKind kind, Id after,
                                                  int limit) override;
  void ReplaceSealed(domain::SealedKind kind, const domain::SealedRecord& record) override;

 private:
  Connection& c_;
};

class SqliteRepositories final : public domain::Repositories {
 public:
  SqliteRepositories(Connection& c, domain::PersonalDataCipher& cipher)
      : complaints_(c),
        events_(c),
        notes_(c),
        customers_(c, cipher),
        intake_sources_(c, cipher),
        users_(c, cipher),
        org_(c),
        auth_(c),
        idempotency_(c),
        config_(c),
        trace_(c, customers_),
        mail_(c, cipher),
        analysis_(c),
        outcomes_(c),
        surveys_(c),
        knowledge_(c),
        jobs_(c),
        models_(c),
        notifications_(c),
        tasks_(c),
        improvements_(c),
        routing_(c),
        sealed_(c),
        live_(c),
        analytics_(c) {}
  domain::ComplaintRepository& complaints() override { return complaints_; }
  domain::EventRepository& events() override { return events_; }
  domain::NoteRepository& notes() override { return notes_; }
  domain::CustomerRepository& customers() override { return customers_; }
  domain::UserRepository& users() override { return users_; }
  domain::OrgRepository& org() override { return org_; }
  domain::AuthRepository& auth() override { return auth_; }
  domain::IdempotencyRepository& idempotency() override { return idempotency_; }
  domain::ConfigRepository& config() override { return config_; }
  domain::IntakeSourceRepository& intake_sources() override { return intake_sources_; }
  domain::TraceRepository& trace() override { return trace_; }
  domain::MailRepository& mail() override { return mail_; }
  domain::AnalysisRepository& analysis() override { return analysis_; }
  domain::OutcomeRepository& outcomes() override { return outcomes_; }
  domain::SurveyRepository& surveys() override { return surveys_; }
  domain::KnowledgeRepository& knowledge() override { return knowledge_; }
  domain::JobRepository& jobs() override { return jobs_; }
  domain::ModelRepository& models() override { return models_; }
  domain::NotificationRepository& notifications() override { return notifications_; }
  domain::TaskRepository& tasks() override { return tasks_; }
  domain::ImprovementRepository& improvements() override { return improvements_; }
  domain::RoutingRepository& routing() override { return routing_; }
  domain::SealedDataRepository& sealed() override { return sealed_; }
  domain::LiveFeedRepository& live() override { return live_; }
  domain::AnalyticsRepository& analytics() override { return analytics_; }

 private:
  SqliteComplaints complaints_;
  SqliteEvents events_;
  SqliteNotes notes_;
  SqliteCustomers customers_;
  SqliteIntakeSources intake_sources_;
  SqliteUsers users_;
  SqliteOrg org_;
  SqliteAuth auth_;
  SqliteIdempotency idempotency_;
  SqliteConfig config_;
  SqliteTrace trace_;
  SqliteMail mail_;
  SqliteAnalysis analysis_;
  SqliteOutcomes outcomes_;
  SqliteSurveys surveys_;
  SqliteKnowledge knowledge_;
  SqliteJobs jobs_;
  SqliteModels models_;
  SqliteNotifications notifications_;
  SqliteTasks tasks_;
  SqliteImprovements improvements_;
  SqliteRouting routing_;
  SqliteSealedData sealed_;
  SqliteLiveFeed live_;
  SqliteAnalytics analytics_;
};

// Appends the SQL condition restricting complaints (alias `c`) to a principal's scope, with
// its parameters; appends nothing for an unscoped principal.
std::string ScopeCondition(const Principal& scope, std::vector<std::int64_t>& params);

}  // namespace closeloop::store::sqlite
