#include "app/wiring.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "app/store_factory.h"
#include "core/text.h"
#include "domain/analysis/models.h"
#include "domain/analysis/text_analyzer.h"
#include "domain/analysis/text_rules.h"
#include "domain/analytics/analytics_upkeep.h"
#include "domain/knowledge/knowledge.h"
#include "domain/knowledge/suggestions.h"
#include "domain/notify/customer_delivery.h"
#include "domain/notify/notify.h"
#include "domain/org/admin.h"
#include "domain/org/entities.h"
#include "domain/org/repository.h"
#include "domain/routing/routing.h"
#include "domain/sealing/reseal.h"
#include "domain/sla/sla_config.h"
#include "domain/sla/sla_timers.h"
#include "domain/store_admin.h"
#include "domain/survey/closed_loop.h"
#include "domain/survey/survey_dispatch.h"
#include "domain/tasks/tasks.h"
#include "domain/unit_of_work.h"
#include "ingest/record_readers.h"
#include "security/hmac_authenticator.h"
#include "security/personal_data_cipher.h"
#include "security/sodium_password_hasher.h"
#include "security/sodium_token_service.h"
#include "text_adapters/free_text_masker.h"
#include "text_adapters/icu_time_zones.h"
#include "text_adapters/similar_cases.h"
#include "text_adapters/text_analyzer.h"

namespace closeloop::app {

namespace {

// The analyzer with the user lexicons of the options.
std::unique_ptr<domain::TextAnalyzer> AnalyzerOrThrow(const std::vector<std::string>& files) {
  auto analyzer = text_adapters::MakeTextAnalyzer(files);
  if (!analyzer.ok()) throw std::runtime_error("user lexicon: " + analyzer.status().message());
  return std::move(*analyzer);
}

domain::StoreSettings StoreSettingsOf(const WiringOptions& o) {
  domain::StoreSettings settings;
  settings.max_readers = o.max_readers;
  settings.durability = o.durability;
  return settings;
}

}  // namespace

struct Wiring::Parts {
  Parts(const WiringOptions& o, std::string key, security::KeyRing keys)
      : cipher(std::move(keys)),
        store(OpenStore(o.db_path, cipher, StoreSettingsOf(o))),
        hasher(o.fast_password_hash),
        tokens(std::move(key)),
        policy(domain::Policy::Default()),
        lifecycle(domain::Lifecycle::Default()),
        analyzer(AnalyzerOrThrow(o.user_lexicons)),
        case_index(text_adapters::MakeSimilarCaseIndex()),
        cases(*case_index),
        ctx{*store,         o.clock ? *o.clock : system_clock,
            policy,         lifecycle,
            config,         hasher,
            tokens,         auth_cache,
            authenticator,  analyzer.get(),
            &cases,         &sla,
            &routing_rules, &text_masker,
            &changes,       &record_readers,
            &time_zones},
        department_tasks(ctx),
        assignment_notifier(ctx),
        escalation_notifier(ctx),
        routing_changes(ctx),
        public_replies(ctx),
        survey_scheduler(ctx),
        closed_loop(ctx),
        analytics(ctx) {
    // The side effects of a change, in this order (docs/architecture.md lists them).
    // The escalation's people hear before the green channel may hand the complaint on.
    changes.Subscribe(department_tasks);
    changes.Subscribe(sla_clock);
    changes.Subscribe(routing_queue);
    changes.Subscribe(assignment_notifier);
    changes.Subscribe(escalation_notifier);
    changes.Subscribe(routing_changes);
    changes.Subscribe(public_replies);
    changes.Subscribe(survey_scheduler);
    changes.Subscribe(closed_loop);
    changes.Subscribe(analytics);  // last: it marks the complaint for its facts' refresh
  }
  security::SodiumPersonalDataCipher cipher;
  std::unique_ptr<domain::Database> store;
  core::SystemClock system_clock;
  security::SodiumPasswordHasher hasher;
  security::SodiumTokenService tokens;
  domain::Policy policy;
  domain::LifecycleHolder lifecycle;
  domain::DomainConfig config;
  domain::AuthCache auth_cache;
  security::HmacSha256Authenticator authenticator;
  std::unique_ptr<domain::TextAnalyzer> analyzer;
  std::unique_ptr<domain::SimilarCaseIndex> case_index;
  domain::CaseLibrary cases;  // filled on first use
  domain::SlaConfigHolder sla;
  domain::RoutingRulesHolder routing_rules{domain::DefaultRoutingRules()};
  text_adapters::FreeTextMaskerOverText text_masker;
  domain::ChangeEvents changes;
  ingest::FileRecordReaders record_readers;
  text_adapters::IcuTimeZones time_zones;
  domain::Context ctx;
  domain::DepartmentTaskSubscriber department_tasks;
  domain::SlaClockSubscriber sla_clock;
  domain::RoutingQueueSubscriber routing_queue;
  domain::AssignmentNotifier assignment_notifier;
  domain::EscalationNotifier escalation_notifier;
  domain::RoutingChangeSubscriber routing_changes;
  domain::PublicReplySender public_replies;
  domain::SurveyScheduler survey_scheduler;
  domain::ClosedLoopSubscriber closed_loop;
  domain::AnalyticsSubscriber analytics;
};

WiringOptions WiringFor(const StoreFlags& flags) {
  WiringOptions options;
  options.db_path = flags.db_path;
  options.secret_file = flags.secret_file;
  options.keys_file = flags.keys_file;
  options.user_lexicons = flags.user_lexicons;
  options.durability =
      flags.durability == "process" ? domain::Durability::kProcess : domain::Durability::kDisk;
  return options;
}

std::string SecretFileOf(const WiringOptions& options) {
  return options.secret_file.empty() ? options.db_path + ".secret" : options.secret_file;
}

std::string KeysFileOf(const WiringOptions& options) {
  return options.keys_file.empty() ? options.db_path + ".keys" : options.keys_file;
}

Wiring::Wiring(const WiringOptions& options) {
  if (options.db_path.empty()) throw std::invalid_argument("--db is required");
  const std::string secret_file = SecretFileOf(options);
  parts_ =
      std::make_unique<Parts>(options, security::SodiumTokenService::LoadOrCreateKey(secret_file),
                              security::KeyRing::LoadOrCreate(KeysFileOf(options)));
  parts_->config.model_dir = options.db_path + ".models";
  const DomainSettings& settings = options.settings;
  if (!settings.mail_from.empty()) parts_->config.mail_from = settings.mail_from;
  if (!settings.reply_after_resolved.empty()) {
    parts_->config.reply_after_resolved = settings.reply_after_resolved;
  }
  if (!settings.reply_after_closed.empty()) {
    parts_->config.reply_after_closed = settings.reply_after_closed;
  }
  if (!settings.public_url.empty()) parts_->config.public_url = settings.public_url;
  std::error_code ignored;  // a read-only place fails later, when a model is written
  std::filesystem::create_directories(parts_->config.model_dir, ignored);
  // Models are trained on complaint text: the owner's only.
  std::filesystem::permissions(parts_->config.model_dir, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::replace, ignored);
  core::Status loaded = domain::ManageLifecycle(parts_->ctx).LoadStored();
  if (!loaded.ok()) throw std::runtime_error("stored lifecycle is invalid: " + loaded.ToString());
  loaded = domain::ManageDictionary(parts_->ctx).Load();
  if (!loaded.ok()) throw std::runtime_error("cannot load the dictionary: " + loaded.ToString());
  loaded = domain::ManageSla(parts_->ctx).Load();
  if (!loaded.ok())
    throw std::runtime_error("stored SLA configuration is invalid: " + loaded.ToString());
  loaded = domain::ManageRoutingRules(parts_->ctx).Load();
  if (!loaded.ok())
    throw std::runtime_error("stored routing rules are invalid: " + loaded.ToString());
  loaded = domain::ManageTextRules(parts_->ctx).Load();
  if (!loaded.ok()) throw std::runtime_error("stored text rules are invalid: " + loaded.ToString());
  // A model that cannot be loaded leaves the rules in charge; the process still starts.
  loaded = domain::ManageModels(parts_->ctx).Sync();
  if (!loaded.ok()) std::fprintf(stderr, "warning: %s\n", loaded.ToString().c_str());
}

Wiring::~Wiring() = default;

const domain::Context& Wiring::context() const { return parts_->ctx; }

domain::ChangeEvents& Wiring::change_events() { return parts_->changes; }

int Wiring::SchemaVersion() { return parts_->store->SchemaVersion(); }

size_t Wiring::ResealPersonalData() {
  core::Result<size_t> changed = domain::ResealPersonalData(*parts_->store, parts_->cipher);
  if (!changed.ok()) throw std::runtime_error("re-sealing failed: " + changed.status().message());
  return *changed;
}

domain::StoreAdmin& Wiring::StoreOperation() { return *parts_->store; }

core::Status Wiring::Backup(const std::string& path) { return parts_->store->Backup(path); }

std::function<bool(core::UnixMillis)> Wiring::StoreMaintenanceRound() {
  domain::Database* store = parts_->store.get();
  store->PrepareMaintenance();
  return [store](core::UnixMillis now) { return store->MaintenanceRound(now); };
}

size_t Wiring::IndexAllText() {
  size_t total = 0;
  while (size_t added = parts_->store->IndexPendingText(5000)) total += added;
  return total;
}

core::Result<domain::Principal> ActiveUserPrincipal(const domain::Context& ctx,
                                                    const std::string& username) {
  std::optional<domain::User> user;
  CL_RETURN_IF_ERROR(ctx.store.Read([&](domain::Repositories& repos) {
    user = repos.users().FindByUsername(username);
    return core::Status::Ok();
  }));
  if (!user || !user->active) {
    return core::Status::Invalid("as", "no active user '" + username + "'");
  }
  return domain::PrincipalOf(*user);
}

void Wiring::TuneForBulkLoad(int cache_mib) { parts_->store->TuneForBulkLoad(cache_mib); }

}  // namespace closeloop::app
