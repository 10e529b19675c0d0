// Inputs and outputs of the complaint use cases.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/analysis/entities.h"
#include "domain/complaint/entities.h"
#include "domain/customer/entities.h"
#include "domain/model/ids.h"

namespace closeloop::domain {

struct CustomerInput {
  std::optional<Id> id;
  std::string name;
  std::string phone;
  std::string email;
  std::optional<CustomerTier> tier;
  std::string address;
  std::string id_card;
  PlatformAccount account;  // both parts or neither
};

struct NewComplaint {
  Channel channel = Channel::kApi;
  std::string title;
  std::string description;
  std::string external_id;
  std::optional<CustomerInput> customer;
  std::optional<ComplaintType> type;
  std::string category;
  std::optional<Severity> severity;
  bool safety_flag = false;
  std::optional<Remedy> remedy;
  std::string remedy_detail;
  std::optional<std::int64_t> amount_claimed_cents;
  std::optional<std::int64_t> order_amount_cents;
  std::optional<Id> region_id;
  std::optional<Id> city_id;
  std::optional<Id> store_id;
  std::optional<Id> product_id;
  std::optional<Id> team_id;
  std::optional<Id> assignee_id;
  std::string order_ref;
  std::string batch_no;  // when known without an order (e.g. read off the package)
  std::optional<Priority> priority;
  // When the customer actually complained, if earlier than now (imports, delayed channels).
  std::optional<UnixMillis> received_at;
  std::optional<UnixMillis> occurred_at;
};

// Fields an edit may set; absent fields stay as they are.
struct ComplaintPatch {
  std::optional<std::string> title;
  std::optional<std::string> description;
  std::optional<ComplaintType> type;
  std::optional<std::string> category;
  std::optional<Severity> severity;
  std::optional<bool> safety_flag;
  std::optional<Remedy> remedy;
  std::optional<std::string> remedy_detail;
  std::optional<std::int64_t> amount_claimed_cents;
  std::optional<std::int64_t> order_amount_cents;
  std::optional<Id> region_id;
  std::optional<Id> city_id;
  std::optional<Id> store_id;
  std::optional<Id> product_id;
  std::optional<std::string> order_ref;
  std::optional<Priority> priority;
  std::optional<Id> customer_id;
  std::optional<UnixMillis> occurred_at;
  std::optional<std::string> batch_no;  // "" unlinks the batch
};

struct IdempotencyRequest {
  std::string key;
  std::string fingerprint;
};

// A complaint as one caller may see it: personal data masked unless the role may read it, and
// the lifecycle moves this caller may make now.
struct ComplaintView {
  Complaint complaint;
  std::optional<Customer> customer;
  std::vector<ComplaintStatus> allowed_transitions;
  std::vector<std::string> missing_information;  // see MissingEssentials
  std::string batch_no;                          // when linked to a production batch
  std::vector<Attachment> attachments;           // without content
  std::optional<TextAnalysis> analysis;          // once the pipeline has analysed it
  std::optional<Resolution> resolution;          // how it was resolved, when recorded
};

struct CreateOutcome {
  ComplaintView view;
  bool replayed = false;  // an earlier request with the same Idempotency-Key produced it
};

struct ComplaintPage {
  std::vector<ComplaintView> items;
  std::string next_cursor;  // empty on the last page
};

}  // namespace closeloop::domain
