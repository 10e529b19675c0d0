// Durable acknowledgements and the bounded log of the embedded store, observed through SQLite
// itself: a VFS shim over the real one counts the syncs of the log file, and the log's size is
// sampled while a write stream and overlapping readers run.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "domain/org/entities.h"
#include "domain/org/repository.h"
#include "domain/store_admin.h"
#include "domain/unit_of_work.h"
#include "security/personal_data_cipher.h"
#include "store/sqlite/sqlite_store.h"
#include "support/test_world.h"

namespace closeloop::store::sqlite {
namespace {

using testing::TempDir;

domain::PersonalDataCipher& TestCipher() {
  static security::SodiumPersonalDataCipher cipher(
      security::KeyRing{std::string(32, 'i'), {{1, std::string(32, 'k')}}});
  return cipher;
}

// The default VFS with one difference: it counts xSync calls on files whose name ends in -wal.
// Installed as the default for the duration of a test.
class WalSyncCounter {
 public:
  WalSyncCounter() {
    real_ = sqlite3_vfs_find(nullptr);
    vfs_ = *real_;
    vfs_.zName = "wal-sync-counter";
    vfs_.szOsFile = static_cast<int>(sizeof(File)) + real_->szOsFile;
    vfs_.pAppData = this;
    vfs_.xOpen = &Open;
    sqlite3_vfs_register(&vfs_, 1);
  }
  ~WalSyncCounter() {
    sqlite3_vfs_unregister(&vfs_);
    sqlite3_vfs_register(real_, 1);
  }
  WalSyncCounter(const WalSyncCounter&) = delete;
  WalSyncCounter& operator=(const WalSyncCounter&) = delete;

  int syncs() const { return syncs_.load(); }

 private:
  struct File {
    sqlite3_file base;
    WalSyncCounter* owner;
    bool is_wal;
    sqlite3_file* real() { return reinterpret_cast<sqlite3_file*>(this + 1); }
  };
  static File* Of(sqlite3_file* f) { return reinterpret_cast<File*>(f); }
  static const sqlite3_io_methods* RealMethods(sqlite3_file* f) { return Of(f)->real()->pMethods; }

  static int Open(sqlite3_vfs* vfs, const char* name, sqlite3_file* file, int flags,
                  int* out_flags) {
    auto* self = static_cast<WalSyncCounter*>(vfs->pAppData);
    File* f = Of(file);
    f->owner = self;
    const size_t length = name ? std::strlen(name) : 0;
    f->is_wal = length > 4 && std::strcmp(name + length - 4, "-wal") == 0;
    int rc = self->real_->xOpen(self->real_, name, f->real(), flags, out_flags);
    if (rc != SQLITE_OK || f->real()->pMethods == nullptr) {
      f->base.pMethods = nullptr;
      return rc;
    }
    static sqlite3_io_methods methods = ForwardingMethods(*f->real()->pMethods);
    f->base.pMethods = &methods;
    return rc;
  }

  static sqlite3_io_methods ForwardingMethods(const sqlite3_io_methods& real) {
    sqlite3_io_methods m{};
    m.iVersion = std::min(real.iVersion, 3);
    m.xClose = [](sqlite3_file* f) { return RealMethods(f)->xClose(Of(f)->real()); };
    m.xRead = [](sqlite3_file* f, void* buf, int n, sqlite3_int64 at) {
      return RealMethods(f)->xRead(Of(f)->real(), buf, n, at);
    };
    m.xWrite = [](sqlite3_file* f, const void* buf, int n, sqlite3_int64 at) {
      return RealMethods(f)->xWrite(Of(f)->real(), buf, n, at);
    };
    m.xTruncate = [](sqlite3_file* f, sqlite3_int64 size) {
      return RealMethods(f)->xTruncate(Of(f)->real(), size);
    };
    m.xSync = [](sqlite3_file* f, int flags) {
      if (Of(f)->is_wal) ++Of(f)->owner->syncs_;
      return RealMethods(f)->xSync(Of(f)->real(), flags);
    };
    m.xFileSize = [](sqlite3_file* f, sqlite3_int64* size) {
      return RealMethods(f)->xFileSize(Of(f)->real(), size);
    };
    m.xLock = [](sqlite3_file* f, int lock) { return RealMethods(f)->xLock(Of(f)->real(), lock); };
    m.xUnlock = [](sqlite3_file* f, int lock) {
      return RealMethods(f)->xUnlock(Of(f)->real(), lock);
    };
    m.xCheckReservedLock = [](sqlite3_file* f, int* out) {
      return RealMethods(f)->xCheckReservedLock(Of(f)->real(), out);
    };
    m.xFileControl = [](sqlite3_file* f, int op, void* arg) {
      return RealMethods(f)->xFileControl(Of(f)->real(), op, arg);
    };
    m.xSectorSize = [](sqlite3_file* f) { return RealMethods(f)->xSectorSize(Of(f)->real()); };
    m.xDeviceCharacteristics = [](sqlite3_file* f) {
      return RealMethods(f)->xDeviceCharacteristics(Of(f)->real());
    };
    m.xShmMap = [](sqlite3_file* f, int page, int size, int extend, void volatile** out) {
      return RealMethods(f)->xShmMap(Of(f)->real(), page, size, extend, out);
    };
    m.xShmLock = [](sqlite3_file* f, int offset, int n, int flags) {
      return RealMethods(f)->xShmLock(Of(f)->real(), offset, n, flags);
    };
    m.xShmBarrier = [](sqlite3_file* f) { RealMethods(f)->xShmBarrier(Of(f)->real()); };
    m.xShmUnmap = [](sqlite3_file* f, int remove) {
      return RealMethods(f)->xShmUnmap(Of(f)->real(), remove);
    };
    m.xFetch = [](sqlite3_file* f, sqlite3_int64 at, int n, void** out) {
      return RealMethods(f)->xFetch(Of(f)->real(), at, n, out);
    };
    m.xUnfetch = [](sqlite3_file* f, sqlite3_int64 at, void* p) {
      return RealMethods(f)->xUnfetch(Of(f)->real(), at, p);
    };
    return m;
  }

  sqlite3_vfs* real_;
  sqlite3_vfs vfs_{};
  std::atomic<int> syncs_{0};
};

core::Status AddRegion(domain::TransactionRunner& store, int i, const std::string& name) {
  return store.Write([&](domain::Repositories& repos) {
    repos.org().InsertRegion({0, "r" + std::to_string(i), name});
    return core::Status::Ok();
  });
}

TEST(Durability, DiskDurabilitySyncsTheLogBeforeEveryAcknowledgedWrite) {
  TempDir dir;
  WalSyncCounter counter;
  SqliteStore store(dir.File("s.db"), TestCipher());  // the default is kDisk
  const int before = counter.syncs();
  constexpr int kWrites = 30;
  for (int i = 0; i < kWrites; ++i) {
    ASSERT_TRUE(AddRegion(store, i, "华东").ok());
    EXPECT_GE(counter.syncs() - before, i + 1) << "write " << i << " was acknowledged unsynced";
  }
}

TEST(Durability, ProcessDurabilityLeavesSyncsToCheckpoints) {
  TempDir dir;
  WalSyncCounter counter;
  domain::StoreSettings settings;
  settings.durability = domain::Durability::kProcess;
  SqliteStore store(dir.File("s.db"), TestCipher(), settings);
  const int before = counter.syncs();
  for (int i = 0; i < 30; ++i) ASSERT_TRUE(AddRegion(store, i, "华东").ok());
  EXPECT_EQ(counter.syncs() - before, 0);
}

TEST(Durability, TheLogStaysBoundedUnderAWriteStreamWithOverlappingReaders) {
  TempDir dir;
  domain::StoreSettings settings;
  settings.durability = domain::Durability::kProcess;  // the fastest stream grows the log most
  settings.checkpoint_bytes = 2 << 20;
  settings.wal_limit_bytes = 8 << 20;
  SqliteStore store(dir.File("s.db"), TestCipher(), settings);
  store.PrepareMaintenance();

  std::atomic<bool> stop{false};
  std::atomic<std::uint64_t> largest{0};
  std::atomic<int> written{0};
  std::thread writer([&] {
    const std::string name(2000, 'x');
    for (int i = 0; !stop; ++i) {
      if (AddRegion(store, i, name).ok()) ++written;
    }
  });
  // Readers that always overlap: each holds a snapshot for 20 ms, so without a truncating
  // checkpoint the log is never free to start again from its beginning.
  std::vector<std::thread> readers;
  for (int r = 0; r < 3; ++r) {
    readers.emplace_back([&, r] {
      std::this_thread::sleep_for(std::chrono::milliseconds(7 * r));
      while (!stop) {
        (void)store.Read([&](domain::Repositories& repos) {
          (void)repos.org().FindRegion(1);
          std::this_thread::sleep_for(std::chrono::milliseconds(20));
          return core::Status::Ok();
        });
      }
    });
  }
  const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  core::UnixMillis now = 0;
  while (std::chrono::steady_clock::now() < end) {
    store.MaintenanceRound(now += 100);
    largest = std::max<std::uint64_t>(largest, store.LogBytes());
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  stop = true;
  writer.join();
  for (auto& t : readers) t.join();

  EXPECT_GT(written.load(), 1000) << "the write stream must have been steady";
  EXPECT_GT(store.Checkpoints(), 0u);
  // Unbounded, this stream grows the log to about 300 MB in the 3 s. Bounded, it stays at the limit
  // plus what the stream adds while a checkpoint waits for readers (about 15 MB a round here,
  // since every commit of this stream appends several pages).
  EXPECT_LE(largest.load(), 6u * settings.wal_limit_bytes)
      << "the log grew to " << largest.load() << " bytes with " << written.load() << " writes";
}

}  // namespace
}  // namespace closeloop::store::sqlite
