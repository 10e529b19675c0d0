// The embedded store: one SQLite file in WAL mode. Writes are serialised on one connection
// (SQLite has one writer); reads use a pool of read-only connections that never block writes.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "domain/ports.h"

namespace closeloop::store::sqlite {

class Connection;

class SqliteStore final : public domain::TransactionRunner {
 public:
  // Opens or creates the database and applies pending migrations. Throws when the file cannot
  // be opened or a migration fails (the failed migration is rolled back).
  explicit SqliteStore(const std::string& path, int max_readers = 16);
  ~SqliteStore() override;

  core::Status Write(const domain::Work& work) override;
  core::Status Read(const domain::Work& work) override;

  // Highest applied migration version.
  int SchemaVersion();
  // Copies the WAL into the main file (used at shutdown and by tests).
  void Checkpoint();
  const std::string& path() const { return path_; }

 private:
  void Migrate();
  std::unique_ptr<Connection> AcquireReader();
  void ReleaseReader(std::unique_ptr<Connection> reader);

  std::string path_;
  std::mutex write_mutex_;
  std::unique_ptr<Connection> writer_;
  std::mutex readers_mutex_;
  std::condition_variable reader_released_;
  std::vector<std::unique_ptr<Connection>> idle_readers_;
  int readers_open_ = 0;
  int max_readers_;
};

}  // namespace closeloop::store::sqlite
