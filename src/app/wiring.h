// Builds the object graph of one process: store, clock, policy, security and the use-case
// context. The only place that knows every layer.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "app/store_flags.h"
#include "core/clock.h"
#include "domain/context.h"
#include "domain/store_admin.h"

namespace closeloop::app {

// Settings from the command line that change the domain configuration; empty keeps the default.
struct DomainSettings {
  std::string mail_from;             // the sender of outbound mail (--mail-from)
  std::string reply_after_resolved;  // reopen | follow_up (mail-ingest --reply-after-resolved)
  std::string reply_after_closed;    // reopen | follow_up (mail-ingest --reply-after-closed)
  std::string public_url;            // where customers reach the server (serve --public-url)
};

struct WiringOptions {
  std::string db_path;
  // Holds the 32-byte key for token digests; defaults to "<db>.secret", created when missing.
  std::string secret_file;
  // Holds the keys that seal personal data; defaults to "<db>.keys", created when missing.
  std::string keys_file;
  // Extra sentiment lexicon files for the analysis (word<TAB>weight).
  std::vector<std::string> user_lexicons;
  int max_readers = 24;
  domain::Durability durability = domain::Durability::kDisk;
  // A clock to use instead of the system clock (demo data, simulations).
  const core::Clock* clock = nullptr;
  // argon2id with minimum limits instead of the interactive ones: for tests only.
  bool fast_password_hash = false;
  DomainSettings settings;
};

// The principal of an active user, for CLI verbs that act as someone (--as); fails naming "as".
core::Result<domain::Principal> ActiveUserPrincipal(const domain::Context& ctx,
                                                    const std::string& username);

// The wiring options of a command: its flags, the rest at their defaults.
WiringOptions WiringFor(const StoreFlags& flags);

// The key file `options` resolve to.
std::string KeysFileOf(const WiringOptions& options);
// The token-digest secret file `options` resolve to.
std::string SecretFileOf(const WiringOptions& options);

class Wiring {
 public:
  // Opens the store (applying migrations) and loads stored configuration. Throws on failure.
  explicit Wiring(const WiringOptions& options);
  ~Wiring();
  const domain::Context& context() const;
  // The change events' registry: the standard subscribers are on it; tests add their own.
  domain::ChangeEvents& change_events();
  int SchemaVersion();
  // An online copy of the database at `path` (a new file, owner-only); the key files are not in
  // it and must be kept apart.
  core::Status Backup(const std::string& path);
  // Re-seals personal data under the newest key (after `keys rotate`): the domain use case
  // domain::ResealPersonalData; returns the records changed. Throws when the store fails.
  size_t ResealPersonalData();
  // Brings the full-text index up to date now; returns how many complaints it added.
  size_t IndexAllText();
  // The store's upkeep as a jobs::Scheduler round (the server runs it): see
  // domain::StoreAdmin::MaintenanceRound.
  std::function<bool(core::UnixMillis)> StoreMaintenanceRound();
  // The store's operation (its log, backlogs), for the server's metrics.
  domain::StoreAdmin& StoreOperation();
  // A larger writer page cache (64 MiB) for imports.
  void TuneForBulkLoad(int cache_mib);

 private:
  struct Parts;
  std::unique_ptr<Parts> parts_;
};

}  // namespace closeloop::app
