// A thin RAII layer over the SQLite C API: one connection with a cache of prepared statements,
// and Query, a bound execution of one cached statement. Failures throw StoreError; the
// transaction runner turns them into a rollback.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace closeloop::store::sqlite {

class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Connection {
 public:
  // Opens (creating when missing) the database file and applies the connection pragmas.
  Connection(const std::string& path, bool read_only, int cache_kib);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one or more statements without results.
  void Exec(const std::string& sql);
  // A prepared statement for `sql`, cached for the life of the connection.
  sqlite3_stmt* Prepare(const std::string& sql);
  // Copies what it can of the WAL into the database without waiting for readers or writers.
  void CheckpointPassive();
  // Copies the whole WAL into the database and truncates it to zero bytes, waiting (by the busy
  // timeout) for readers of older snapshots; false when they held it past that timeout.
  bool CheckpointTruncate();
  std::int64_t LastInsertId() const;
  int Changes() const;
  sqlite3* raw() { return db_; }

 private:
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

// One execution of a cached statement. Bind parameters in order, then Next() through the rows
// or Run() a statement without rows. The statement is reset when the Query ends.
class Query {
 public:
  Query(Connection& connection, const std::string& sql);
  ~Query();
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;

  Query& Bind(std::int64_t value);
  Query& Bind(int value) { return Bind(static_cast<std::int64_t>(value)); }
  Query& Bind(bool value) { return Bind(static_cast<std::int64_t>(value ? 1 : 0)); }
  Query& Bind(const std::string& value);
  Query& Bind(const char* value) { return Bind(std::string(value)); }
  Query& Bind(const std::optional<std::int64_t>& value);
  Query& Bind(const std::optional<std::string>& value);
  Query& BindNull();
  // Binds bytes as a BLOB; empty binds NULL.
  Query& BindBlobOrNull(const std::string& bytes);
  Query& BindBlob(const std::string& bytes);  // empty binds a zero-length blob
  Query& BindDouble(double value);

  // Advances to the next row; false when there are no more.
  bool Next();
  // Executes a statement that returns no rows.
  void Run();

  std::int64_t Int(int column) const;
  std::optional<std::int64_t> OptInt(int column) const;
  std::string Text(int column) const;
  double Double(int column) const;
  std::optional<std::string> OptText(int column) const;
  bool IsNull(int column) const;
  // A BLOB (or TEXT) column's bytes; empty for NULL.
  std::string Blob(int column) const;

 private:
  Connection& connection_;
  sqlite3_stmt* stmt_;
  int next_index_ = 1;
};

}  // namespace closeloop::store::sqlite
