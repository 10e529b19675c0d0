// A complaint, its history, notes, attachments and resolution. Times are UTC milliseconds; money
// is integer fen (cents).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/model/enums.h"
#include "domain/model/ids.h"

namespace closeloop::domain {

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
  // "order" when the complaint was linked to the customer of its order, whom the filer could not
  // see; empty for an ordinary link. Such a link shows the filer nothing of the customer and
  // grants no sight of the record. ("phone", "email", "account": links made so before schema 19;
  // since then an identity the filer could not see gets them a regional record instead.)
  std::string customer_match;
  // Kept by the SLA check: "" (not watched yet), ok, at_risk (a warning share passed), breached,
  // paused (waiting on the customer); and when the current phase's target runs out.
  std::string sla_state;
  std::optional<UnixMillis> sla_due_at;
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

// How a complaint was resolved (R-2.6 learns solution options from these; compensation).
struct Resolution {
  Id complaint_id = 0;
  Remedy remedy = Remedy::kExplanation;
  std::int64_t compensation_cents = 0;  // money or coupon value given, 0 for none
  std::string summary;
  std::optional<Id> resolved_by;
  UnixMillis resolved_at = 0;
};

}  // namespace closeloop::domain
