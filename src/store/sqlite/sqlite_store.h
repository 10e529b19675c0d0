// The embedded store: one SQLite file in WAL mode. Writes are serialised on one connection
// (SQLite has one writer); reads use a pool of read-only connections that never block writes.
//
// Group commit: writes that arrive while another commit is under way are run together in one
// SQLite transaction, each inside its own SAVEPOINT. Each unit of work stays atomic (a failing
// one is rolled back to its savepoint alone); they share only the commit, so the WAL pages
// touched by all of them are written once. If that commit fails, every work in it fails.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "domain/sealing/cipher.h"
#include "domain/store_admin.h"
#include "domain/unit_of_work.h"

namespace closeloop::store::sqlite {

class Connection;

class SqliteStore final : public domain::Database {
 public:
  // Opens or creates the database and applies pending migrations. Throws when the file cannot
  // be opened or a migration fails (the failed migration is rolled back).
  // `cipher` seals personal data and must outlive the store.
  SqliteStore(const std::string& path, domain::PersonalDataCipher& cipher,
              const domain::StoreSettings& settings = {});
  ~SqliteStore() override;

  core::Status Write(const domain::Work& work) override;
  // Gives the writer a larger page cache for a long bulk load (bounded: `cache_mib`).
  void TuneForBulkLoad(int cache_mib) override;
  core::Status Read(const domain::Work& work) override;

  // Adds up to `max_rows` complaints above the search watermark to the full-text index in one
  // transaction; returns how many it added (0 when the index is up to date).
  size_t IndexPendingText(size_t max_rows) override;
  // Opens the maintenance connection and turns the writer's own checkpoints off.
  void PrepareMaintenance() override;
  // Indexes up to 200 complaints (~15 ms, short enough not to hold requests up) when no write
  // came since the previous round or a second has passed since the last batch; checkpoints the
  // WAL on the maintenance connection: passively above settings.checkpoint_bytes, and above
  // settings.wal_limit_bytes with TRUNCATE (waits for the readers of older snapshots, which take
  // milliseconds, and holds the writer meanwhile), so that the WAL stays bounded.
  bool MaintenanceRound(core::UnixMillis now) override;

  // Re-seals every personal-data value not sealed with the cipher's current key, in batches of
  // one transaction each; returns how many customers it changed. Used after a key rotation.

  // Highest applied migration version.
  int SchemaVersion() override;
  // Copies the WAL into the main file (used at shutdown and by tests).
  void Checkpoint() override;
  // SQLite's online backup, in one step on a reader's snapshot (so writes go on meanwhile and
  // never restart it).
  core::Status Backup(const std::string& path) override;
  std::uint64_t LogBytes() override;
  domain::StoreGauges Gauges(core::UnixMillis now) override;
  std::uint64_t Checkpoints() override { return checkpoints_.load(std::memory_order_relaxed); }
  const std::string& path() const { return path_; }

 private:
  struct PendingWrite;
  void Migrate();
  // Runs a batch of writes in one transaction (see the class comment).
  void RunBatch(const std::vector<PendingWrite*>& batch);
  std::unique_ptr<Connection> AcquireReader();
  void ReleaseReader(std::unique_ptr<Connection> reader);

  void CheckpointIfLarge();

  std::string path_;
  domain::PersonalDataCipher& cipher_;
  domain::StoreSettings settings_;
  std::atomic<std::uint64_t> checkpoints_{0};
  std::unique_ptr<Connection> maintenance_;  // checkpoints, used by MaintenanceRound only
  std::atomic<std::uint64_t> writes_{0};     // Write() calls so far
  std::uint64_t writes_seen_ = 0;            // writes_ at the previous MaintenanceRound
  core::UnixMillis last_index_batch_ = 0;    // when MaintenanceRound last indexed
  std::mutex write_mutex_;                   // guards writer_
  std::mutex queue_mutex_;                   // guards queue_, leader_active_ and every PendingWrite
  std::deque<PendingWrite*> queue_;
  bool leader_active_ = false;
  std::unique_ptr<Connection> writer_;
  std::mutex readers_mutex_;
  std::condition_variable reader_released_;
  std::vector<std::unique_ptr<Connection>> idle_readers_;
  int readers_open_ = 0;
};

}  // namespace closeloop::store::sqlite
