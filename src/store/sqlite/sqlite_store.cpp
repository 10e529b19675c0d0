#include "store/sqlite/sqlite_store.h"

#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <string_view>

#include "domain/customer/repository.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/repositories.h"

namespace closeloop::store::sqlite {
namespace {

constexpr int kWriterCacheKib = 16 * 1024;
// WAL pages written before the writer copies them back (4 KiB pages: 64 MiB). SQLite's 1,000
// made bursts of writes (an SLA sweep) wait on a checkpoint and its fsync every few batches.
constexpr int kWalPagesBeforeCheckpoint = 16384;
constexpr size_t kMaxBatch = 64;

constexpr int kReaderCacheKib = 2 * 1024;

// Runs `work` between `begin` and COMMIT; rolls back on a non-OK status or an exception.
core::Status RunInTransaction(Connection& c, domain::PersonalDataCipher& cipher, const char* begin,
                              const domain::Work& work) {
  c.Exec(begin);
  core::Status status;
  try {
    SqliteRepositories repos(c, cipher);
    status = work(repos);
  } catch (const std::exception& e) {
    status = core::Status::Internal(std::string("store failure: ") + e.what());
  }
  if (status.ok()) {
    try {
      c.Exec("COMMIT");
      return status;
    } catch (const std::exception& e) {
      status = core::Status::Internal(std::string("commit failed: ") + e.what());
    }
  }
  try {
    c.Exec("ROLLBACK");
  } catch (const std::exception&) {
    // Already rolled back by SQLite (e.g. after SQLITE_FULL); nothing is half-written.
  }
  return status;
}

}  // namespace

SqliteStore::SqliteStore(const std::string& path, domain::PersonalDataCipher& cipher,
                         const domain::StoreSettings& settings)
    : path_(path), cipher_(cipher), settings_(settings) {
  if (settings_.max_readers < 1) settings_.max_readers = 1;
  writer_ = std::make_unique<Connection>(path, false, kWriterCacheKib);
  // In WAL mode FULL syncs the log at every commit (one commit per group of writes); NORMAL
  // syncs only at checkpoints.
  writer_->Exec(settings_.durability == domain::Durability::kDisk ? "PRAGMA synchronous = FULL"
                                                                  : "PRAGMA synchronous = NORMAL");
  writer_->Exec("PRAGMA wal_autocheckpoint = " + std::to_string(kWalPagesBeforeCheckpoint));
  Migrate();
}

SqliteStore::~SqliteStore() {
  maintenance_.reset();
  try {
    Checkpoint();
  } catch (const std::exception&) {
    // Best effort: the WAL is replayed on the next open anyway.
  }
}

void SqliteStore::Migrate() {
  std::lock_guard lock(write_mutex_);
  writer_->Exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
      "name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT (datetime('now')))");
  for (const Migration& m : Migrations()) {
    bool applied;
    {
      Query q(*writer_, "SELECT 1 FROM schema_migrations WHERE version = ?");
      q.Bind(m.version);
      applied = q.Next();
    }
    if (applied) continue;
    // A migration that rebuilds tables (to change a column's constraints) runs with foreign
    // keys off, as SQLite's procedure asks, and must leave every reference valid.
    const bool rebuilds = std::string_view(m.sql).rfind("-- closeloop: rebuilds tables", 0) == 0;
    if (rebuilds) writer_->Exec("PRAGMA foreign_keys = OFF");
    writer_->Exec("BEGIN IMMEDIATE");
    try {
      writer_->Exec(m.sql);
      if (rebuilds) {
        Query check(*writer_, "PRAGMA foreign_key_check");
        if (check.Next()) throw StoreError("a reference is broken in table " + check.Text(0));
      }
      Query q(*writer_, "INSERT INTO schema_migrations (version, name) VALUES (?, ?)");
      q.Bind(m.version).Bind(m.name);
      q.Run();
      writer_->Exec("COMMIT");
    } catch (const std::exception& e) {
      writer_->Exec("ROLLBACK");
      if (rebuilds) writer_->Exec("PRAGMA foreign_keys = ON");
      throw StoreError(std::string("migration ") + m.name + " failed: " + e.what());
    }
    if (rebuilds) writer_->Exec("PRAGMA foreign_keys = ON");
  }
}

size_t SqliteStore::IndexPendingText(size_t max_rows) {
  std::lock_guard lock(write_mutex_);
  writer_->Exec("BEGIN IMMEDIATE");
  try {
    std::int64_t from, to = 0;
    {
      Query q(*writer_, "SELECT indexed_upto FROM search_index_state WHERE id = 1");
      if (!q.Next()) throw StoreError("search_index_state is empty");
      from = q.Int(0);
    }
    {
      Query q(*writer_,
              "SELECT coalesce(max(id), 0) FROM (SELECT id FROM complaints WHERE id > ? "
              "ORDER BY id LIMIT ?)");
      q.Bind(from).Bind(static_cast<std::int64_t>(max_rows));
      q.Next();
      to = q.Int(0);
    }
    size_t added = 0;
    if (to > from) {
      Query insert(*writer_,
                   "INSERT INTO complaints_fts(rowid, title, description) SELECT id, title, "
                   "description FROM complaints WHERE id > ? AND id <= ?");
      insert.Bind(from).Bind(to);
      insert.Run();
      added = static_cast<size_t>(writer_->Changes());
      Query mark(*writer_, "UPDATE search_index_state SET indexed_upto = ? WHERE id = 1");
      mark.Bind(to);
      mark.Run();
    }
    writer_->Exec("COMMIT");
    return added;
  } catch (...) {
    writer_->Exec("ROLLBACK");
    throw;
  }
}

void SqliteStore::PrepareMaintenance() {
  if (maintenance_) return;
  maintenance_ = std::make_unique<Connection>(path_, false, 1024);
  // A truncating checkpoint holds the writer while it waits for readers of older snapshots:
  // give up after a quarter second and try again next round rather than stall requests.
  maintenance_->Exec("PRAGMA busy_timeout = 250");
  std::lock_guard lock(write_mutex_);
  writer_->Exec("PRAGMA wal_autocheckpoint = 0");  // MaintenanceRound checkpoints
}

std::uint64_t SqliteStore::LogBytes() {
  std::error_code error;
  const std::uintmax_t wal = std::filesystem::file_size(path_ + "-wal", error);
  return error ? 0 : static_cast<std::uint64_t>(wal);
}

domain::StoreGauges SqliteStore::Gauges(core::UnixMillis now) {
  domain::StoreGauges gauges;
  std::unique_ptr<Connection> reader = AcquireReader();
  try {
    reader->Exec("BEGIN");
    auto count = [&](const char* sql, bool bind_now) {
      Query q(*reader, sql);
      if (bind_now) q.Bind(now);
      return q.Next() ? q.Int(0) : 0;
    };
    gauges.unanalysed = count(
        "SELECT count(*) FROM complaints WHERE id > "
        "(SELECT analyzed_upto FROM analysis_state WHERE id = 1)",
        false);
    gauges.due_jobs =
        count("SELECT count(*) FROM jobs WHERE status IN ('due', 'running') AND run_at <= ?", true);
    gauges.queued_mail = count("SELECT count(*) FROM mail_outbox WHERE status = 'queued'", false);
    reader->Exec("COMMIT");
  } catch (...) {
    ReleaseReader(std::move(reader));
    throw;
  }
  ReleaseReader(std::move(reader));
  return gauges;
}

void SqliteStore::CheckpointIfLarge() {
  const std::uint64_t wal = LogBytes();
  if (wal > settings_.wal_limit_bytes) {
    // Holding the write mutex keeps the writer out fairly (SQLite's busy handler would poll for
    // its lock and lose to a steady stream); the wait is for readers of older snapshots.
    std::lock_guard lock(write_mutex_);
    if (!maintenance_->CheckpointTruncate()) return;  // a reader held on: next round
  } else if (wal > settings_.checkpoint_bytes) {
    maintenance_->CheckpointPassive();
  } else {
    return;
  }
  checkpoints_.fetch_add(1, std::memory_order_relaxed);
}

bool SqliteStore::MaintenanceRound(core::UnixMillis now) {
  constexpr size_t kBatch = 200;
  constexpr core::UnixMillis kMaxDeferMs = 1000;  // one batch a second under a write stream
  const std::uint64_t writes = writes_.load(std::memory_order_relaxed);
  const bool quiet = writes == writes_seen_;
  writes_seen_ = writes;
  size_t added = 0;
  try {
    if (quiet || now - last_index_batch_ >= kMaxDeferMs) {
      added = IndexPendingText(kBatch);
      last_index_batch_ = now;
    }
    if (maintenance_) CheckpointIfLarge();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "store maintenance: %s\n", e.what());
    return false;
  }
  return quiet && added == kBatch;
}

int SqliteStore::SchemaVersion() {
  std::lock_guard lock(write_mutex_);
  Query q(*writer_, "SELECT coalesce(max(version), 0) FROM schema_migrations");
  q.Next();
  return static_cast<int>(q.Int(0));
}

void SqliteStore::Checkpoint() {
  std::lock_guard lock(write_mutex_);
  writer_->Exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

core::Status SqliteStore::Backup(const std::string& path) {
  std::error_code error;
  if (std::filesystem::exists(path, error)) {
    return core::Status::Conflict("a file exists at " + path + "; choose a new name", "to");
  }
  std::unique_ptr<Connection> reader = AcquireReader();
  int rc = SQLITE_OK;
  std::string message;
  try {
    Connection target(path, false, 1024);  // created 0600, as every database file
    sqlite3_backup* backup = sqlite3_backup_init(target.raw(), "main", reader->raw(), "main");
    if (!backup) {
      message = sqlite3_errmsg(target.raw());
    } else {
      rc = sqlite3_backup_step(backup, -1);  // every page under one read transaction
      sqlite3_backup_finish(backup);
      if (rc != SQLITE_DONE) message = sqlite3_errstr(rc);
    }
    if (message.empty()) target.Exec("PRAGMA wal_checkpoint(TRUNCATE)");
  } catch (const std::exception& e) {
    message = e.what();
  }
  ReleaseReader(std::move(reader));
  if (!message.empty()) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix, error);
    return core::Status::Internal("backup failed: " + message);
  }
  return core::Status::Ok();
}

struct SqliteStore::PendingWrite {
  const domain::Work* work;
  core::Status status;
  bool done = false;
  bool lead = false;  // told to lead the next batch
  std::condition_variable wake;
};

void SqliteStore::TuneForBulkLoad(int cache_mib) {
  std::lock_guard lock(write_mutex_);
  // (Memory-mapped reads were 35 % faster but count the mapped file in the process's RSS.)
  writer_->Exec("PRAGMA cache_size = -" + std::to_string(cache_mib * 1024));
}

core::Status SqliteStore::Write(const domain::Work& work) {
  writes_.fetch_add(1, std::memory_order_relaxed);
  PendingWrite me{&work, {}, false, false, {}};
  std::unique_lock lock(queue_mutex_);
  queue_.push_back(&me);
  if (leader_active_) {
    // Each waiting write is woken exactly once: when its batch is committed, or when it is
    // handed the leadership for the next batch.
    me.wake.wait(lock, [&] { return me.done || me.lead; });
    if (me.done) return me.status;
  }
  leader_active_ = true;
  std::vector<PendingWrite*> batch;
  while (!queue_.empty() && batch.size() < kMaxBatch) {
    batch.push_back(queue_.front());
    queue_.pop_front();
  }
  lock.unlock();
  RunBatch(batch);
  lock.lock();
  for (PendingWrite* p : batch) {
    p->done = true;
    if (p != &me) p->wake.notify_one();
  }
  if (queue_.empty()) {
    leader_active_ = false;
  } else {
    queue_.front()->lead = true;  // leadership passes on; leader_active_ stays true
    queue_.front()->wake.notify_one();
  }
  return me.status;
}

void SqliteStore::RunBatch(const std::vector<PendingWrite*>& batch) {
  std::lock_guard lock(write_mutex_);
  auto fail_all = [&](const std::string& why) {
    for (PendingWrite* p : batch) {
      if (p->status.ok()) p->status = core::Status::Internal(why);
    }
  };
  try {
    if (batch.size() == 1) {
      batch[0]->status = RunInTransaction(*writer_, cipher_, "BEGIN IMMEDIATE", *batch[0]->work);
      return;
    }
    writer_->Exec("BEGIN IMMEDIATE");
  } catch (const std::exception& e) {
    fail_all(std::string("store failure: ") + e.what());
    return;
  }
  SqliteRepositories repos(*writer_, cipher_);
  for (PendingWrite* p : batch) {
    try {
      writer_->Exec("SAVEPOINT work");
      try {
        p->status = (*p->work)(repos);
      } catch (const std::exception& e) {
        p->status = core::Status::Internal(std::string("store failure: ") + e.what());
      }
      if (!p->status.ok()) writer_->Exec("ROLLBACK TO work");
      writer_->Exec("RELEASE work");
    } catch (const std::exception& e) {
      // The connection could not undo one work alone: give up on the whole batch.
      fail_all(std::string("store failure: ") + e.what());
      try {
        writer_->Exec("ROLLBACK");
      } catch (const std::exception&) {
      }
      return;
    }
  }
  try {
    writer_->Exec("COMMIT");
  } catch (const std::exception& e) {
    fail_all(std::string("commit failed: ") + e.what());
    try {
      writer_->Exec("ROLLBACK");
    } catch (const std::exception&) {
    }
  }
}

core::Status SqliteStore::Read(const domain::Work& work) {
  std::unique_ptr<Connection> reader;
  try {
    reader = AcquireReader();
    core::Status status = RunInTransaction(*reader, cipher_, "BEGIN", work);
    ReleaseReader(std::move(reader));
    return status;
  } catch (const std::exception& e) {
    if (reader) ReleaseReader(std::move(reader));
    return core::Status::Internal(std::string("store failure: ") + e.what());
  }
}

std::unique_ptr<Connection> SqliteStore::AcquireReader() {
  std::unique_lock lock(readers_mutex_);
  reader_released_.wait(
      lock, [&] { return !idle_readers_.empty() || readers_open_ < settings_.max_readers; });
  if (!idle_readers_.empty()) {
    auto reader = std::move(idle_readers_.back());
    idle_readers_.pop_back();
    return reader;
  }
  ++readers_open_;
  lock.unlock();
  try {
    auto reader = std::make_unique<Connection>(path_, true, kReaderCacheKib);
    reader->Exec("PRAGMA query_only = ON");
    return reader;
  } catch (...) {
    std::lock_guard relock(readers_mutex_);
    --readers_open_;
    reader_released_.notify_one();
    throw;
  }
}

void SqliteStore::ReleaseReader(std::unique_ptr<Connection> reader) {
  std::lock_guard lock(readers_mutex_);
  idle_readers_.push_back(std::move(reader));
  reader_released_.notify_one();
}

}  // namespace closeloop::store::sqlite
