#include "store/sqlite/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <filesystem>
#include <stdexcept>
#include <thread>

#include "domain/complaint/complaint_actions.h"
#include "domain/complaint/repository.h"
#include "domain/customer/repository.h"
#include "domain/intake/repository.h"
#include "domain/jobs/repository.h"
#include "domain/org/entities.h"
#include "domain/org/repository.h"
#include "domain/sealing/cipher.h"
#include "domain/survey/repository.h"
#include "domain/tasks/repository.h"
#include "domain/unit_of_work.h"
#include "security/personal_data_cipher.h"
#include "store/sqlite/migrations.h"
#include "support/test_world.h"

namespace closeloop::store::sqlite {
namespace {

using testing::TempDir;

// A cipher with fixed keys; these tests are about the store, not the keys.
domain::PersonalDataCipher& TestCipher() {
  static security::SodiumPersonalDataCipher cipher(
      security::KeyRing{std::string(32, 'i'), {{1, std::string(32, 'k')}}});
  return cipher;
}

// The first column of the first row of `sql` as text ("" when there is none).
std::string Scalar(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr);
  std::string out = sqlite3_step(st) == SQLITE_ROW
                        ? reinterpret_cast<const char*>(sqlite3_column_text(st, 0))
                        : "";
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

std::string Pragma(const std::string& path, const std::string& pragma) {
  return Scalar(path, "PRAGMA " + pragma);
}

TEST(SqliteStore, MigratesOnceInWalModeWithForeignKeys) {
  TempDir dir;
  const std::string path = dir.File("s.db");
  {
    SqliteStore store(path, TestCipher());
    EXPECT_EQ(store.SchemaVersion(), 21);
  }
  SqliteStore again(path, TestCipher());
  EXPECT_EQ(again.SchemaVersion(), 21);
  EXPECT_EQ(Pragma(path, "journal_mode"), "wal");
  // Foreign keys are enforced on the store's connections.
  core::Status status = again.Write([](domain::Repositories& repos) {
    repos.org().InsertCity({0, "幽灵城", "无", 4242});
    return core::Status::Ok();
  });
  EXPECT_EQ(status.code(), core::StatusCode::kInternal);
  EXPECT_NE(status.message().find("FOREIGN KEY"), std::string::npos);
}

// A database file at schema `version`, built from the embedded migrations as releases of that
// version left it; Exec adds rows the way they wrote them.
class DatabaseAt {
 public:
  DatabaseAt(const std::string& path, int version) {
    EXPECT_EQ(sqlite3_open(path.c_str(), &db_), SQLITE_OK);
    Exec("PRAGMA foreign_keys = ON");
    Exec(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        "applied_at TEXT NOT NULL DEFAULT (datetime('now')))");
    for (const Migration& m : Migrations()) {
      if (m.version > version) break;
      Exec(m.sql);
      Exec("INSERT INTO schema_migrations (version, name) VALUES (" + std::to_string(m.version) +
           ", 'v')");
    }
  }
  ~DatabaseAt() { sqlite3_close(db_); }
  DatabaseAt(const DatabaseAt&) = delete;
  DatabaseAt& operator=(const DatabaseAt&) = delete;
  void Exec(const std::string& sql) {
    char* error = nullptr;
    EXPECT_EQ(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK)
        << (error ? error : "") << "\n"
        << sql.substr(0, 200);
    sqlite3_free(error);
  }

 private:
  sqlite3* db_ = nullptr;
};

// A database at version 6 (built here from the embedded migrations) upgrades to 7 with its data:
// users without a staff address still load, and queued mail gets its delivery job.
TEST(SqliteStore, UpgradesFromVersionSixKeepingUsersAndQueuedMail) {
  TempDir dir;
  const std::string path = dir.File("v6.db");
  {
    DatabaseAt old(path, 6);
    old.Exec(
        "INSERT INTO users (id, username, display_name, role, password_hash, created_at) "
        "VALUES (7, 'old_agent', '老坐席', 'agent', 'x', 1)");
    old.Exec(
        "INSERT INTO mail_outbox (id, purpose, to_sealed, subject, body, message_id, "
        "next_attempt_at, created_at) VALUES (3, 'acknowledgement', x'00', 's', 'b', 'm@x', 5, 4)");
    old.Exec(
        "INSERT INTO mail_outbox (id, purpose, to_sealed, subject, body, message_id, status, "
        "next_attempt_at, created_at) VALUES (4, 'acknowledgement', x'00', 's', 'b', 'n@x', "
        "'sent', 5, 4)");
  }
  SqliteStore store(path, TestCipher());
  EXPECT_EQ(store.SchemaVersion(), 21);
  ASSERT_TRUE(store
                  .Read([](domain::Repositories& repos) {
                    auto user = repos.users().FindById(7);
                    EXPECT_TRUE(user.has_value());
                    if (user) {
                      EXPECT_EQ(user->email, "");
                    }
                    auto jobs = repos.jobs().List({std::nullopt, "mail.send", 10});
                    EXPECT_EQ(jobs.size(), 1u) << "only the queued message";
                    if (!jobs.empty()) {
                      EXPECT_EQ(jobs[0].key, "mail:3");
                      EXPECT_EQ(jobs[0].run_at, 5);
                    }
                    return core::Status::Ok();
                  })
                  .ok());
}

// Version 14 rebuilds survey_invitations, survey_responses and outbound_messages (a complaint
// becomes optional): a database at version 13 keeps every row, the tables that point at them
// (link digests, answers per question, callback tasks) still resolve, and answers learn their
// customer from the complaint.
TEST(SqliteStore, UpgradesFromVersionThirteenKeepingSurveysAndWhatPointsAtThem) {
  TempDir dir;
  const std::string path = dir.File("v13.db");
  {
    DatabaseAt old(path, 13);
    old.Exec(
        "INSERT INTO customers (id, name, tier, created_at, updated_at) VALUES (5, '', 'vip', 1, "
        "1)");
    old.Exec(
        "INSERT INTO complaints (id, reference, status, channel, title, description, severity, "
        "priority, received_at, updated_at, customer_id) VALUES (9, 'CL-1', 'resolved', 'email', "
        "'t', 'd', 'low', 'normal', 1, 1, 5)");
    old.Exec(
        "INSERT INTO survey_invitations (id, complaint_id, customer_id, template, "
        "template_version, channel, language, status, send_at, created_at) VALUES (3, 9, 5, "
        "'short', 1, 'email', 'zh-CN', 'answered', 2, 2)");
    old.Exec("INSERT INTO survey_tokens (digest, invitation_id, created_at) VALUES ('dg', 3, 2)");
    old.Exec(
        "INSERT INTO survey_responses (id, complaint_id, csat, source, answered_at, "
        "invitation_id) VALUES (4, 9, 1, 'survey', 3, 3)");
    old.Exec("INSERT INTO survey_answers (response_id, question, score) VALUES (4, 'csat', 1)");
    old.Exec(
        "INSERT INTO teams (id, code, name, kind, created_at) VALUES (2, 'qc', 'QC', 'department', "
        "1)");
    old.Exec(
        "INSERT INTO department_tasks (id, complaint_id, team_id, title, status, due_at, "
        "created_at, updated_at, kind, survey_response_id) VALUES (6, 9, 2, 'cb', 'open', 9, 3, 3, "
        "'callback', 4)");
    old.Exec(
        "INSERT INTO outbound_messages (id, complaint_id, channel, purpose, body, created_at) "
        "VALUES (8, 9, 'phone', 'survey', 'b', 4)");
  }
  SqliteStore store(path, TestCipher());
  EXPECT_EQ(store.SchemaVersion(), 21);
  EXPECT_EQ(Pragma(path, "foreign_key_check"), "");
  ASSERT_TRUE(
      store
          .Read([](domain::Repositories& repos) {
            EXPECT_EQ(repos.surveys().InvitationOfToken("dg"), std::optional<domain::Id>(3));
            auto inv = repos.surveys().FindInvitation(3);
            EXPECT_TRUE(inv && inv->complaint_id == 9 && inv->status == "answered");
            auto answer = repos.surveys().FindResponse(4);
            EXPECT_TRUE(answer && answer->csat == 1 && answer->invitation_id == 3);
            EXPECT_TRUE(answer && answer->customer_id == std::optional<domain::Id>(5));
            auto task = repos.tasks().Find(6);
            EXPECT_TRUE(task && task->survey_response_id == std::optional<domain::Id>(4));
            auto message = repos.mail().FindOutbound(8);
            EXPECT_TRUE(message && message->complaint_id == 9 && message->reference == "CL-1");
            return core::Status::Ok();
          })
          .ok());
  // Foreign keys are on again after the rebuild.
  core::Status status = store.Write([](domain::Repositories& repos) {
    repos.surveys().AddToken("dangling", 4242, 1);
    return core::Status::Ok();
  });
  EXPECT_EQ(status.code(), core::StatusCode::kInternal);
}

// Version 17 turns the customer effort score round (1 very difficult … 5 very easy): an answer
// stored as 2 ("easy" then) reads 4 ("easy" now), in the response and in the per-question rows.
TEST(SqliteStore, UpgradesFromVersionSixteenTurningTheEffortScoreRound) {
  TempDir dir;
  const std::string path = dir.File("v16.db");
  {
    DatabaseAt old(path, 16);
    old.Exec("INSERT INTO customers (id, name, created_at, updated_at) VALUES (5, '', 1, 1)");
    old.Exec(
        "INSERT INTO complaints (id, reference, status, channel, title, description, severity, "
        "priority, received_at, updated_at, customer_id) VALUES (9, 'CL-1', 'resolved', 'email', "
        "'t', 'd', 'low', 'normal', 1, 1, 5)");
    old.Exec(
        "INSERT INTO survey_responses (id, complaint_id, customer_id, csat, effort, source, "
        "answered_at) VALUES (4, 9, 5, 5, 2, 'staff', 3), (5, 9, 5, 3, NULL, 'staff', 4)");
    old.Exec(
        "INSERT INTO survey_answers (response_id, question, score) VALUES (4, 'csat', 5), "
        "(4, 'ces', 2)");
  }
  SqliteStore store(path, TestCipher());
  EXPECT_EQ(store.SchemaVersion(), 21);
  EXPECT_EQ(Scalar(path, "SELECT effort FROM survey_responses WHERE id = 4"), "4");
  EXPECT_EQ(Scalar(path, "SELECT coalesce(effort, 'none') FROM survey_responses WHERE id = 5"),
            "none");
  EXPECT_EQ(Scalar(path, "SELECT score FROM survey_answers WHERE question = 'ces'"), "4");
  EXPECT_EQ(Scalar(path, "SELECT score FROM survey_answers WHERE question = 'csat'"), "5");
}

// Version 18 adds the analytics facts: every complaint stored before waits for its first facts,
// so the first refresh after the upgrade counts them all.
TEST(SqliteStore, UpgradesFromVersionSeventeenWithEveryComplaintPendingForItsFacts) {
  TempDir dir;
  const std::string path = dir.File("v17.db");
  {
    DatabaseAt old(path, 17);
    old.Exec(
        "INSERT INTO complaints (id, reference, status, channel, title, description, severity, "
        "priority, received_at, updated_at) VALUES (9, 'CL-1', 'received', 'email', 't', 'd', "
        "'low', 'normal', 1, 1), (11, 'CL-2', 'resolved', 'web', 't', 'd', 'low', 'normal', 1, "
        "1)");
  }
  SqliteStore store(path, TestCipher());
  EXPECT_EQ(store.SchemaVersion(), 21);
  EXPECT_EQ(Scalar(path, "SELECT group_concat(complaint_id) FROM analytics_pending"), "9,11");
  EXPECT_EQ(Scalar(path, "SELECT count(*) FROM complaint_facts"), "0");
}

// Version 19 adds regional customer records: accounts keep their owners, and an account may now
// belong to a main record and a regional record of the same person, never to another person.
TEST(SqliteStore, UpgradesFromVersionEighteenKeepingAccountsAndTheirOwners) {
  TempDir dir;
  const std::string path = dir.File("v18.db");
  {
    DatabaseAt old(path, 18);
    old.Exec(
        "INSERT INTO customers (id, name, created_at, updated_at) VALUES (5, 'a', 1, 1), "
        "(6, 'b', 1, 1)");
    old.Exec(
        "INSERT INTO customer_accounts (id, customer_id, platform, account_index, "
        "account_sealed, created_at) VALUES (1, 5, 'tmall', 'ix', x'00', 1)");
  }
  SqliteStore store(path, TestCipher());
  EXPECT_EQ(store.SchemaVersion(), 21);
  EXPECT_EQ(Pragma(path, "foreign_key_check"), "");
  EXPECT_EQ(Scalar(path, "SELECT customer_id FROM customer_accounts WHERE platform = 'tmall'"),
            "5");
  ASSERT_TRUE(
      store
          .Write([](domain::Repositories& repos) {
            domain::Customer regional;
            regional.person_id = 5;
            regional.created_at = regional.updated_at = 2;
            const domain::Id r = repos.customers().Insert(regional);
            const domain::PlatformAccount account{"jd", "buyer-1"};
            repos.customers().LinkAccount(5, account, 2);
            repos.customers().LinkAccount(r, account, 2);  // the same person: linked
            repos.customers().LinkAccount(6, account, 2);  // another person: not
            EXPECT_EQ(repos.customers().AccountsOf(r).size(), 1u);
            EXPECT_EQ(repos.customers().AccountsOf(6).size(), 0u);
            EXPECT_EQ(repos.customers().FindByAccount(account)->id, 5) << "the main record first";
            EXPECT_EQ(repos.customers().RecordsOfPerson(5), (std::vector<domain::Id>{5, r}));
            return core::Status::Ok();
          })
          .ok());
}

// Issue 13: StoreAdmin::Backup copies a database in use: writes go on during the copy, the copy
// is one consistent snapshot, owner-only, and an existing file is never overwritten.
TEST(SqliteStore, BackupIsAConsistentOwnerOnlyCopyTakenWhileWritesGoOn) {
  TempDir dir;
  SqliteStore store(dir.File("s.db"), TestCipher());
  auto add_region = [&](int i) {
    return store.Write([i](domain::Repositories& repos) {
      repos.org().InsertRegion({0, "r" + std::to_string(i), "区域"});
      return core::Status::Ok();
    });
  };
  for (int i = 0; i < 200; ++i) ASSERT_TRUE(add_region(i).ok());
  std::atomic<bool> stop{false};
  std::atomic<int> written{0};
  std::thread writer([&] {
    for (int i = 200; !stop; ++i) {
      if (add_region(i).ok()) ++written;
    }
  });
  const std::string copy = dir.File("copy.db");
  core::Status backed_up = store.Backup(copy);
  stop = true;
  writer.join();
  ASSERT_TRUE(backed_up.ok()) << backed_up.ToString();
  EXPECT_EQ(Pragma(copy, "integrity_check"), "ok");
  SqliteStore reopened(copy, TestCipher());
  EXPECT_EQ(reopened.SchemaVersion(), store.SchemaVersion());
  size_t regions = 0;
  ASSERT_TRUE(reopened
                  .Read([&](domain::Repositories& repos) {
                    regions = repos.org().Regions().size();
                    return core::Status::Ok();
                  })
                  .ok());
  EXPECT_GE(regions, 200u);
  EXPECT_LE(regions, 200u + written.load());
  EXPECT_EQ(std::filesystem::status(copy).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  core::Status again = store.Backup(copy);
  EXPECT_EQ(again.code(), core::StatusCode::kConflict);
  EXPECT_EQ(again.field(), "to");
}

TEST(SqliteStore, WriteRollsBackOnErrorStatusAndOnException) {
  TempDir dir;
  SqliteStore store(dir.File("s.db"), TestCipher());
  auto regions = [&] {
    size_t n = 0;
    EXPECT_TRUE(store
                    .Read([&](domain::Repositories& repos) {
                      n = repos.org().Regions().size();
                      return core::Status::Ok();
                    })
                    .ok());
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
  ASSERT_TRUE(store
                  .Write([](domain::Repositories& repos) {
                    repos.org().InsertRegion({0, "east", "华东"});
                    return core::Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(regions(), 1u);
}

TEST(SqliteStore, HistoryIsAppendOnly) {
  testing::TestWorld w;
  w.File(w.agent, w.east);
  sqlite3* db = nullptr;
  sqlite3_open(w.db_path().c_str(), &db);
  char* error = nullptr;
  EXPECT_NE(
      sqlite3_exec(db, "UPDATE complaint_events SET note = 'forged'", nullptr, nullptr, &error),
      SQLITE_OK);
  EXPECT_NE(std::string(error ? error : "").find("append-only"), std::string::npos);
  sqlite3_free(error);
  EXPECT_NE(sqlite3_exec(db, "DELETE FROM complaint_events", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
}

TEST(SqliteStore, ReferenceSequencesAreIndependentPerDay) {
  TempDir dir;
  SqliteStore store(dir.File("s.db"), TestCipher());
  std::vector<std::int64_t> got;
  ASSERT_TRUE(store
                  .Write([&](domain::Repositories& repos) {
                    got.push_back(repos.complaints().NextReferenceSequence("20261122"));
                    got.push_back(repos.complaints().NextReferenceSequence("20261122"));
                    got.push_back(repos.complaints().NextReferenceSequence("20261123"));
                    return core::Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(got, (std::vector<std::int64_t>{1, 2, 1}));
}

TEST(SqliteStore, ReadersSeeCommittedDataWhileAWriterIsBusy) {
  TempDir dir;
  SqliteStore store(dir.File("s.db"), TestCipher());
  ASSERT_TRUE(store
                  .Write([](domain::Repositories& repos) {
                    repos.org().InsertRegion({0, "east", "华东"});
                    return core::Status::Ok();
                  })
                  .ok());
  std::atomic<bool> writer_inside{false}, release{false};
  std::thread writer([&] {
    EXPECT_TRUE(store
                    .Write([&](domain::Repositories& repos) {
                      repos.org().InsertRegion({0, "north", "华北"});
                      writer_inside = true;
                      while (!release) std::this_thread::yield();
                      return core::Status::Ok();
                    })
                    .ok());
  });
  while (!writer_inside) std::this_thread::yield();
  size_t seen = 0;
  ASSERT_TRUE(store
                  .Read([&](domain::Repositories& repos) {
                    seen = repos.org().Regions().size();
                    return core::Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(seen, 1u) << "the uncommitted region is invisible and the read did not block";
  release = true;
  writer.join();
}

TEST(SqliteStore, GroupCommitKeepsEachWorkAtomic) {
  TempDir dir;
  SqliteStore store(dir.File("s.db"), TestCipher());
  // Many concurrent writers; every third one fails after writing. The failures must leave no
  // trace and must not take the others down with them.
  constexpr int kWriters = 48;
  std::vector<std::thread> threads;
  std::atomic<int> ok{0}, refused{0};
  for (int i = 0; i < kWriters; ++i) {
    threads.emplace_back([&, i] {
      core::Status status = store.Write([&](domain::Repositories& repos) -> core::Status {
        repos.org().InsertRegion({0, "r" + std::to_string(i), "region"});
        if (i % 3 == 0) return core::Status::Conflict("refused on purpose");
        if (i % 3 == 1 && i % 2 == 0) throw std::runtime_error("thrown on purpose");
        return core::Status::Ok();
      });
      (status.ok() ? ok : refused)++;
    });
  }
  for (auto& t : threads) t.join();
  std::vector<domain::Region> regions;
  ASSERT_TRUE(store
                  .Read([&](domain::Repositories& repos) {
                    regions = repos.org().Regions();
                    return core::Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(static_cast<int>(regions.size()), ok.load());
  EXPECT_EQ(ok + refused, kWriters);
  for (const auto& r : regions) {
    int i = std::stoi(r.code.substr(1));
    EXPECT_NE(i % 3, 0) << r.code << " was refused but stored";
    EXPECT_FALSE(i % 3 == 1 && i % 2 == 0) << r.code << " threw but stored";
  }
}

TEST(SqliteStore, SearchIndexCatchesUpAndFollowsEdits) {
  testing::TestWorld w;
  auto first = w.File(w.agent, w.east, "自动喂食器出粮口卡住了");
  w.File(w.agent, w.east, "猫砂盆漏水");
  EXPECT_EQ(w.wiring().IndexAllText(), 2u);
  w.File(w.agent, w.east, "喂食器定时失灵");  // above the watermark: found by the tail scan
  auto count = [&](const std::string& text) {
    domain::ComplaintQuery q;
    q.text = text;
    size_t n = 0;
    EXPECT_TRUE(w.ctx()
                    .store
                    .Read([&](domain::Repositories& repos) {
                      n = repos.complaints().List(q, domain::SystemPrincipal()).size();
                      return core::Status::Ok();
                    })
                    .ok());
    return n;
  };
  EXPECT_EQ(count("喂食器"), 2u);
  EXPECT_EQ(count("出粮口"), 1u);
  // Editing an indexed complaint re-indexes it through the trigger.
  domain::ComplaintPatch patch;
  patch.title = "饮水机故障";  // the title was derived from the old description
  patch.description = "饮水机不出水";
  ASSERT_TRUE(domain::UpdateComplaint(w.ctx())
                  .Execute(w.admin, std::to_string(first.complaint.id), patch)
                  .ok());
  EXPECT_EQ(count("出粮口"), 0u);
  EXPECT_EQ(count("饮水机"), 1u);
  EXPECT_EQ(count("喂食器"), 1u);
  EXPECT_EQ(w.wiring().IndexAllText(), 1u);
  EXPECT_EQ(count("喂食器"), 1u);
  EXPECT_EQ(count("定时失灵"), 1u);
}

TEST(SqliteStore, MaintenanceRoundIndexesWhenWritesPauseAndOnceASecondUnderLoad) {
  testing::TestWorld w;
  auto round = w.wiring().StoreMaintenanceRound();
  EXPECT_FALSE(round(10'000));  // the set-up's writes: a second since no batch, so indexed now
  EXPECT_EQ(w.wiring().IndexAllText(), 0u);
  w.File(w.agent, w.east, "自动喂食器出粮口卡住了");
  EXPECT_FALSE(round(10'100));  // a write since the last round, a batch 100 ms ago: deferred
  EXPECT_EQ(w.wiring().IndexAllText(), 1u) << "the round must yield to a write stream";
  w.File(w.agent, w.east, "猫砂盆漏水");
  EXPECT_FALSE(round(10'200));  // still deferred (the last batch was at 10'000)
  EXPECT_FALSE(round(10'250));  // no write between the two rounds: writes paused, so indexed
  EXPECT_EQ(w.wiring().IndexAllText(), 0u);
  w.File(w.agent, w.east, "喂食器定时失灵");
  EXPECT_FALSE(round(11'300));  // writing on, but a second since the last batch
  EXPECT_EQ(w.wiring().IndexAllText(), 0u) << "a steady write stream must not starve the index";
}

}  // namespace
}  // namespace closeloop::store::sqlite
