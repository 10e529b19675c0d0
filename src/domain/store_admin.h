// Operating a store beside its units of work (app/store_factory.h makes the concrete one).
#pragma once

#include <cstddef>
#include <string>

#include "core/clock.h"
#include "core/status.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

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
};

// A database: its units of work and its operation.
class Database : public TransactionRunner, public StoreAdmin {};

}  // namespace closeloop::domain
