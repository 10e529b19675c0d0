#include "store/sqlite/sqlite_store.h"

#include <exception>

#include "store/sqlite/connection.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/repositories.h"

namespace closeloop::store::sqlite {
namespace {

constexpr int kWriterCacheKib = 16 * 1024;
constexpr int kReaderCacheKib = 2 * 1024;

// Runs `work` between `begin` and COMMIT; rolls back on a non-OK status or an exception.
core::Status RunInTransaction(Connection& c, const char* begin, const domain::Work& work) {
  c.Exec(begin);
  core::Status status;
  try {
    SqliteRepositories repos(c);
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

SqliteStore::SqliteStore(const std::string& path, int max_readers)
    : path_(path), max_readers_(max_readers < 1 ? 1 : max_readers) {
  writer_ = std::make_unique<Connection>(path, false, kWriterCacheKib);
  Migrate();
}

SqliteStore::~SqliteStore() {
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
    writer_->Exec("BEGIN IMMEDIATE");
    try {
      writer_->Exec(m.sql);
      Query q(*writer_, "INSERT INTO schema_migrations (version, name) VALUES (?, ?)");
      q.Bind(m.version).Bind(m.name);
      q.Run();
      writer_->Exec("COMMIT");
    } catch (const std::exception& e) {
      writer_->Exec("ROLLBACK");
      throw StoreError(std::string("migration ") + m.name + " failed: " + e.what());
    }
  }
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

core::Status SqliteStore::Write(const domain::Work& work) {
  std::lock_guard lock(write_mutex_);
  try {
    return RunInTransaction(*writer_, "BEGIN IMMEDIATE", work);
  } catch (const std::exception& e) {
    return core::Status::Internal(std::string("store failure: ") + e.what());
  }
}

core::Status SqliteStore::Read(const domain::Work& work) {
  std::unique_ptr<Connection> reader;
  try {
    reader = AcquireReader();
    core::Status status = RunInTransaction(*reader, "BEGIN", work);
    ReleaseReader(std::move(reader));
    return status;
  } catch (const std::exception& e) {
    if (reader) ReleaseReader(std::move(reader));
    return core::Status::Internal(std::string("store failure: ") + e.what());
  }
}

std::unique_ptr<Connection> SqliteStore::AcquireReader() {
  std::unique_lock lock(readers_mutex_);
  reader_released_.wait(lock, [&] { return !idle_readers_.empty() || readers_open_ < max_readers_; });
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
