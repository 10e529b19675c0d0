#include "store/sqlite/connection.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

namespace closeloop::store::sqlite {
namespace {

[[noreturn]] void Fail(sqlite3* db, const std::string& what) {
  throw StoreError(what + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

constexpr size_t kMaxCachedStatements = 400;

}  // namespace

// The database holds names, free text, attachments and token digests: only its owner reads it.
// SQLite gives the -wal and -shm files the mode of the database file, so creating that one 0600
// (and tightening an older, wider one) covers all three.
namespace {

void KeepPrivate(const std::string& path) {
  if (path.empty() || path == ":memory:") return;
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) ::close(fd);
    return;
  }
  if ((st.st_mode & 077) != 0) {
    ::chmod(path.c_str(), 0600);
    for (const char* suffix : {"-wal", "-shm"}) ::chmod((path + suffix).c_str(), 0600);
  }
}

}  // namespace

Connection::Connection(const std::string& path, bool read_only, int cache_kib) {
  if (!read_only) KeepPrivate(path);
  int flags = SQLITE_OPEN_NOMUTEX |
              (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw StoreError("cannot open " + path + ": " + message);
  }
  sqlite3_busy_timeout(db_, 10000);
  Exec("PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -" +
       std::to_string(cache_kib));
  if (!read_only) {
    Exec(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
        "PRAGMA journal_size_limit = 67108864");
  }
}

Connection::~Connection() {
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

void Connection::Exec(const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    throw StoreError(message);
  }
}

sqlite3_stmt* Connection::Prepare(const std::string& sql) {
  auto it = statements_.find(sql);
  if (it != statements_.end()) return it->second;
  if (statements_.size() >= kMaxCachedStatements) {
    for (auto& [text, stmt] : statements_) sqlite3_finalize(stmt);
    statements_.clear();
  }
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                         &stmt, nullptr) != SQLITE_OK) {
    Fail(db_, "prepare failed for [" + sql.substr(0, 120) + "]");
  }
  statements_.emplace(sql, stmt);
  return stmt;
}

void Connection::CheckpointPassive() {
  if (sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr) !=
      SQLITE_OK) {
    Fail(db_, "checkpoint");
  }
}

bool Connection::CheckpointTruncate() {
  const int rc =
      sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
  if (rc == SQLITE_BUSY) return false;
  if (rc != SQLITE_OK) Fail(db_, "checkpoint");
  return true;
}

std::int64_t Connection::LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
int Connection::Changes() const { return sqlite3_changes(db_); }

Query::Query(Connection& connection, const std::string& sql)
    : connection_(connection), stmt_(connection.Prepare(sql)) {}

Query::~Query() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

Query& Query::Bind(std::int64_t value) {
  if (sqlite3_bind_int64(stmt_, next_index_++, value) != SQLITE_OK) Fail(connection_.raw(), "bind");
  return *this;
}

Query& Query::Bind(const std::string& value) {
  if (sqlite3_bind_text(stmt_, next_index_++, value.data(), static_cast<int>(value.size()),
                        SQLITE_TRANSIENT) != SQLITE_OK) {
    Fail(connection_.raw(), "bind");
  }
  return *this;
}

Query& Query::Bind(const std::optional<std::int64_t>& value) {
  return value ? Bind(*value) : BindNull();
}

Query& Query::Bind(const std::optional<std::string>& value) {
  return value ? Bind(*value) : BindNull();
}

Query& Query::BindNull() {
  if (sqlite3_bind_null(stmt_, next_index_++) != SQLITE_OK) Fail(connection_.raw(), "bind");
  return *this;
}

Query& Query::BindBlobOrNull(const std::string& bytes) {
  if (bytes.empty()) return BindNull();
  return BindBlob(bytes);
}

Query& Query::BindDouble(double value) {
  if (sqlite3_bind_double(stmt_, next_index_++, value) != SQLITE_OK)
    Fail(connection_.raw(), "bind");
  return *this;
}

double Query::Double(int column) const { return sqlite3_column_double(stmt_, column); }

Query& Query::BindBlob(const std::string& bytes) {
  // A zero-length blob, not NULL, for empty input: bind a non-null pointer.
  static const char kEmpty = 0;
  if (sqlite3_bind_blob(stmt_, next_index_++, bytes.empty() ? &kEmpty : bytes.data(),
                        static_cast<int>(bytes.size()), SQLITE_TRANSIENT) != SQLITE_OK) {
    Fail(connection_.raw(), "bind");
  }
  return *this;
}

bool Query::Next() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Fail(connection_.raw(), "step");
}

void Query::Run() {
  while (Next()) {
  }
}

std::int64_t Query::Int(int column) const { return sqlite3_column_int64(stmt_, column); }

std::optional<std::int64_t> Query::OptInt(int column) const {
  if (IsNull(column)) return std::nullopt;
  return Int(column);
}

std::string Query::Text(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  if (!text) return {};
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::optional<std::string> Query::OptText(int column) const {
  if (IsNull(column)) return std::nullopt;
  return Text(column);
}

std::string Query::Blob(int column) const {
  const void* data = sqlite3_column_blob(stmt_, column);
  if (!data) return {};
  return std::string(static_cast<const char*>(data),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

bool Query::IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

}  // namespace closeloop::store::sqlite
