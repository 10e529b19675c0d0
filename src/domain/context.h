// What every use case needs, injected once at start-up (app/ wires it).
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/clock.h"
#include "domain/analysis/text_analyzer.h"
#include "domain/complaint/change_events.h"
#include "domain/complaint/lifecycle.h"
#include "domain/intake/transport.h"
#include "domain/model/privacy.h"
#include "domain/model/time_zones.h"
#include "domain/org/auth_cache.h"
#include "domain/org/credentials.h"
#include "domain/org/policy.h"
#include "domain/routing/routing_rules.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

struct DomainConfig {
  // Reference numbers and "today" use the organisation's calendar date (China: UTC+8).
  int org_utc_offset_minutes = 480;
  // The issue-category taxonomy.
  std::vector<std::string> categories = {"product_quality", "logistics", "after_sales",
                                         "price_advertising", "other"};
  UnixMillis session_ttl = 12 * core::kHour;
  size_t max_title_chars = 200;
  size_t max_text_chars = 20000;
  // Outbound mail: the sender address, the domain of our Message-IDs, and the promise made in
  // acknowledgements (R-1.2: a response within 24 hours).
  std::string mail_from = "service@closeloop.local";
  std::string mail_domain = "closeloop.local";
  int response_promise_hours = 24;
  int mail_max_attempts = 6;
  // What a customer's email reply to a finished complaint does: "reopen" it, or file a
  // "follow_up" complaint that names it (mail-ingest --reply-after-resolved /
  // --reply-after-closed).
  std::string reply_after_resolved = "reopen";
  std::string reply_after_closed = "follow_up";
  // Agitation at or above this marks a complaint for the soothing flow.
  int high_agitation_threshold = 70;
  // Texts at least this similar (0..1) mark the later complaint as a duplicate.
  double duplicate_threshold = 0.80;
  // The department team (by code) a category involves, and how long it has.
  std::vector<std::pair<std::string, std::string>> category_departments = {
      {"product_quality", "qc"},
      {"logistics", "logistics"},
      {"price_advertising", "product"},
      {"after_sales", "store-ops"}};
  UnixMillis task_deadline = 6 * core::kHour;
  // Who owns a product line (by team code): a low survey answer pushes the root-cause item to
  // them, else to the category's department, else to store operations for a store's complaint.
  std::vector<std::pair<std::string, std::string>> product_line_owners;
  UnixMillis root_cause_deadline = 7 * core::kDay;
  // The address customers reach the server at (serve --public-url): survey links start with it.
  std::string public_url = "http://localhost:8080";
  // The remedies policy suggests per category when similar cases suggest too few; a
  // category not listed gets `default_remedies`.
  std::vector<std::pair<std::string, std::vector<Remedy>>> category_remedies = {
      {"product_quality", {Remedy::kReplacement, Remedy::kRefund, Remedy::kRepair}},
      {"logistics", {Remedy::kReplacement, Remedy::kCompensation, Remedy::kExplanation}},
      {"after_sales", {Remedy::kApology, Remedy::kCompensation, Remedy::kRepair}},
      {"price_advertising", {Remedy::kRefund, Remedy::kCompensation, Remedy::kExplanation}}};
  std::vector<Remedy> default_remedies = {Remedy::kExplanation, Remedy::kApology,
                                          Remedy::kCompensation};
  // What a complaint needs before it is resolved (or closed without being resolved): its type
  // and category, and a resolution recorded with the move or before it.
  bool resolve_needs_classification = true;
  bool resolve_needs_resolution = true;
  // Compensation above this (fen) needs a manager (compensation.approve) to record it.
  std::int64_t compensation_approval_cents = 20000;
  // First contact resolution: a resolved complaint counts as resolved at first contact unless
  // reopened or followed by the customer's complaint on the same category within this window.
  int fcr_window_days = 7;
  // Where trained model files live (the wiring sets "<database>.models").
  std::string model_dir = "models";
};

// Configuration in force that admins replace at run time: readers take a snapshot (a shared
// pointer to an immutable value); Set swaps in a new one atomically.
template <typename T>
class Swappable {
 public:
  explicit Swappable(T initial) : current_(std::make_shared<const T>(std::move(initial))) {}
  std::shared_ptr<const T> Get() const {
    std::lock_guard lock(mutex_);
    return current_;
  }
  void Set(T next) {
    auto replacement = std::make_shared<const T>(std::move(next));
    std::lock_guard lock(mutex_);
    current_ = std::move(replacement);
  }

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const T> current_;
};

// The lifecycle in force.
using LifecycleHolder = Swappable<Lifecycle>;
// The routing priority rules in force.
using RoutingRulesHolder = Swappable<RoutingRules>;

class CaseLibrary;      // knowledge/suggestions.h
class SlaConfigHolder;  // sla/sla_config.h
class RecordReaders;    // intake/bulk_import.h

struct Context {
  TransactionRunner& store;
  const core::Clock& clock;
  const Policy& policy;
  LifecycleHolder& lifecycle;
  const DomainConfig& config;
  PasswordHasher& hasher;
  TokenService& tokens;
  AuthCache& auth_cache;
  MessageAuthenticator& authenticator;
  const TextAnalyzer* analyzer = nullptr;         // none: complaints are not analysed
  CaseLibrary* cases = nullptr;                   // none: suggestions without similar cases
  SlaConfigHolder* sla = nullptr;                 // the SLA calendars and policies in force
  RoutingRulesHolder* routing = nullptr;          // none: the default routing rules
  const FreeTextMasker* text_masker = nullptr;    // none: free text is shown as written
  const ChangeEvents* changes = nullptr;          // none: changes have no side effects
  const RecordReaders* record_readers = nullptr;  // none: no file uploads through the API
  const TimeZones* time_zones = nullptr;          // none: the fixed zones of model/time_zones.h
};

// The identity used by trusted local tools (the CLI's `user add`, `demo`): an unscoped admin
// with no user row; events it writes have no actor.
Principal SystemPrincipal();

}  // namespace closeloop::domain
