// Operating a store beside its units of work (app/store_factory.h makes the concrete one).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/clock.h"
#include "core/status.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

// When a committed unit of work is safe. kDisk: on disk when Write returns (survives a power cut;
// one fsync per group commit). kProcess: handed to the operating system (survives the process
// being killed, not the machine losing power; no fsync on the write path).
enum class Durability { kDisk, kProcess };

// How a store is opened.
struct StoreSettings {
  int max_readers = 16;
  Durability durability = Durability::kDisk;
  // The log (SQLite's WAL) is checkpointed passively, off the request path, above
  // `checkpoint_bytes`; above `wal_limit_bytes` the checkpoint waits for readers to move on and
  // truncates the log, so that neither readers nor a steady write stream can grow it without end.
  std::uint64_t checkpoint_bytes = std::uint64_t{8} << 20;
  std::uint64_t wal_limit_bytes = std::uint64_t{64} << 20;
};

// What is waiting, for metrics: complaints not yet analysed, jobs due by a time, mail queued.
struct StoreGauges {
  std::int64_t unanalysed = 0;
  std::int64_t due_jobs = 0;
  std::int64_t queued_mail = 0;
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
  // Hands the store's upkeep to MaintenanceRound (a jobs::Scheduler loop): from now on the store
  // no longer checkpoints its log on the writer's path.
  virtual void PrepareMaintenance() = 0;
  // One round of upkeep at `now` (one caller at a time, after PrepareMaintenance): indexes new
  // complaints for search once writes pause between two rounds, and at least once a second under
  // a steady write stream; checkpoints a large log on its own connection so that no request
  // waits for it. True when more text is waiting and writes are quiet (run again at once).
  virtual bool MaintenanceRound(core::UnixMillis now) = 0;
  // More memory for one long bulk load (bounded by `cache_mib`).
  virtual void TuneForBulkLoad(int cache_mib) = 0;
  // Makes the durable form complete on its own (a WAL copied into the file, say).
  virtual void Checkpoint() = 0;
  // A consistent copy of the whole database, taken while it is in use, at `path` (which must not
  // exist; it is created readable by the owner only). Keys are not in it: they live apart.
  virtual core::Status Backup(const std::string& path) = 0;
  // The size of the store's log now (0 for a backend without one), and how many checkpoints
  // MaintenanceRound has run: for metrics and the bounded-log test.
  virtual std::uint64_t LogBytes() = 0;
  virtual std::uint64_t Checkpoints() = 0;
  // The backlogs at `now` (each read from an index: cheap enough to scrape every few seconds).
  virtual StoreGauges Gauges(core::UnixMillis now) = 0;
};

// A database: its units of work and its operation.
class Database : public TransactionRunner, public StoreAdmin {};

}  // namespace closeloop::domain
