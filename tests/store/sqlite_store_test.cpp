#include <gtest/gtest.h>
#include <sqlite3.h>

#include <stdexcept>
#include <thread>

#include "store/sqlite/sqlite_store.h"
#include "support/test_world.h"

namespace closeloop::store::sqlite {
namespace {

using testing::TempDir;

std::string Pragma(const std::string& path, const std::string& pragma) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, ("PRAGMA " + pragma).c_str(), -1, &st, nullptr);
  std::string out = sqlite3_step(st) == SQLITE_ROW ? reinterpret_cast<const char*>(sqlite3_column_text(st, 0)) : "";
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

TEST(SqliteStore, MigratesOnceInWalModeWithForeignKeys) {
  TempDir dir;
  const std::string path = dir.File("s.db");
  {
    SqliteStore store(path);
    EXPECT_EQ(store.SchemaVersion(), 1);
  }
  SqliteStore again(path);
  EXPECT_EQ(again.SchemaVersion(), 1);
  EXPECT_EQ(Pragma(path, "journal_mode"), "wal");
  // Foreign keys are enforced on the store's connections.
  core::Status status = again.Write([](domain::Repositories& repos) {
    repos.org().InsertCity({0, "幽灵城", "无", 4242});
    return core::Status::Ok();
  });
  EXPECT_EQ(status.code(), core::StatusCode::kInternal);
  EXPECT_NE(status.message().find("FOREIGN KEY"), std::string::npos);
}

TEST(SqliteStore, WriteRollsBackOnErrorStatusAndOnException) {
  TempDir dir;
  SqliteStore store(dir.File("s.db"));
  auto regions = [&] {
    size_t n = 0;
    store.Read([&](domain::Repositories& repos) {
      n = repos.org().Regions().size();
      return core::Status::Ok();
    });
    return n;
  };
  core::Status refused = store.Write([](domain::Repositories& repos) {
    repos.org().InsertRegion({0, "east", "华东"});
    return core::Status::Invalid("x", "changed my mind");
  });
  EXPECT_EQ(refused.field(), "x");
  EXPECT_EQ(regions(), 0u);
  core::Status thrown = store.Write([](domain::Repositories& repos) -> core::Status {
    repos.org().InsertRegion({0, "east", "华东"});
    throw std::runtime_error("boom");
  });
  EXPECT_EQ(thrown.code(), core::StatusCode::kInternal);
  EXPECT_EQ(regions(), 0u);
  ASSERT_TRUE(store.Write([](domain::Repositories& repos) {
    repos.org().InsertRegion({0, "east", "华东"});
    return core::Status::Ok();
  }).ok());
  EXPECT_EQ(regions(), 1u);
}

TEST(SqliteStore, HistoryIsAppendOnly) {
  testing::TestWorld w;
  w.File(w.agent, w.east);
  sqlite3* db = nullptr;
  sqlite3_open(w.db_path().c_str(), &db);
  char* error = nullptr;
  EXPECT_NE(sqlite3_exec(db, "UPDATE complaint_events SET note = 'forged'", nullptr, nullptr, &error), SQLITE_OK);
  EXPECT_NE(std::string(error ? error : "").find("append-only"), std::string::npos);
  sqlite3_free(error);
  EXPECT_NE(sqlite3_exec(db, "DELETE FROM complaint_events", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
}

TEST(SqliteStore, ReferenceSequencesAreIndependentPerDay) {
  TempDir dir;
  SqliteStore store(dir.File("s.db"));
  std::vector<std::int64_t> got;
  ASSERT_TRUE(store.Write([&](domain::Repositories& repos) {
    got.push_back(repos.complaints().NextReferenceSequence("20261122"));
    got.push_back(repos.complaints().NextReferenceSequence("20261122"));
    got.push_back(repos.complaints().NextReferenceSequence("20261123"));
    return core::Status::Ok();
  }).ok());
  EXPECT_EQ(got, (std::vector<std::int64_t>{1, 2, 1}));
}

TEST(SqliteStore, ReadersSeeCommittedDataWhileAWriterIsBusy) {
  TempDir dir;
  SqliteStore store(dir.File("s.db"));
  ASSERT_TRUE(store.Write([](domain::Repositories& repos) {
    repos.org().InsertRegion({0, "east", "华东"});
    return core::Status::Ok();
  }).ok());
  std::atomic<bool> writer_inside{false}, release{false};
  std::thread writer([&] {
    store.Write([&](domain::Repositories& repos) {
      repos.org().InsertRegion({0, "north", "华北"});
      writer_inside = true;
      while (!release) std::this_thread::yield();
      return core::Status::Ok();
    });
  });
  while (!writer_inside) std::this_thread::yield();
  size_t seen = 0;
  ASSERT_TRUE(store.Read([&](domain::Repositories& repos) {
    seen = repos.org().Regions().size();
    return core::Status::Ok();
  }).ok());
  EXPECT_EQ(seen, 1u) << "the uncommitted region is invisible and the read did not block";
  release = true;
  writer.join();
}

}  // namespace
}  // namespace closeloop::store::sqlite
