// Storage of complaints, their history, notes, idempotency keys, outcomes and traceability.
// Repository methods return values for expected outcomes (an empty optional for "not there") and
// throw only when the store itself fails; TransactionRunner::Write turns such a throw into a
// rollback.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/complaint/entities.h"
#include "domain/customer/entities.h"
#include "domain/model/enums.h"
#include "domain/model/ids.h"
#include "domain/org/entities.h"
#include "domain/org/policy.h"

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
  std::string text;                         // words that must all occur in title or description (a
                                            // word CL-… also matches the reference it begins)
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

// A resolved complaint as the similar-case index learns it.
struct ResolvedCase {
  std::int64_t sequence = 0;  // increases with every recorded resolution
  Id complaint_id = 0;
  std::string title;
  std::string description;
};

// How complaints were resolved (survey answers: survey/repository.h).
class OutcomeRepository {
 public:
  virtual ~OutcomeRepository() = default;
  // Records (or replaces, when resolved again) the resolution of a complaint.
  virtual void SaveResolution(const Resolution& resolution) = 0;
  virtual std::optional<Resolution> FindResolution(Id complaint_id) = 0;
  virtual std::vector<Resolution> ResolutionsOf(const std::vector<Id>& complaint_ids) = 0;
  // Resolutions recorded after `sequence`, in order, with the complaint's text.
  virtual std::vector<ResolvedCase> ResolvedSince(std::int64_t sequence, int limit) = 0;
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

}  // namespace closeloop::domain
