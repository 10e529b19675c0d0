// closeloop backup and closeloop restore: an online copy of the database with its key files
// sealed beside it (FILE and FILE.keys), and putting such a copy back as a new database.
#pragma once

#include <string>

#include "app/store_flags.h"

namespace closeloop::app {

struct BackupOptions {
  std::string out;              // --out (or --to): the copy; the sealed keys go to OUT.keys
  std::string passphrase_file;  // --passphrase-file; else CLOSELOOP_BACKUP_PASSPHRASE
  bool without_keys = false;    // --without-keys: the copy only (keys kept apart by the operator)
};

struct RestoreOptions {
  std::string from;             // --from: a backup made by closeloop backup
  std::string passphrase_file;  // --passphrase-file; else CLOSELOOP_BACKUP_PASSPHRASE
};

// Exit codes: 0 done, 1 failed (the message on stderr names what), 2 bad usage.
int Backup(const StoreFlags& flags, const BackupOptions& options);
// Writes flags.db_path and its key files, none of which may exist; on failure leaves none of them.
int Restore(const StoreFlags& flags, const RestoreOptions& options);

}  // namespace closeloop::app
