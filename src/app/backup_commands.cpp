#include "app/backup_commands.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/wiring.h"
#include "security/key_bundle.h"
#include "security/private_file.h"

namespace closeloop::app {
namespace {

constexpr const char* kPassphraseEnv = "CLOSELOOP_BACKUP_PASSPHRASE";

core::Result<std::string> ReadWhole(const std::string& path, const std::string& field) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::Status::Invalid(field, "cannot read " + path);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// The passphrase from --passphrase-file (its first line) or the environment.
core::Result<std::string> Passphrase(const std::string& file) {
  if (!file.empty()) {
    auto text = ReadWhole(file, "passphrase-file");
    if (!text.ok()) return text.status();
    std::string line = text->substr(0, text->find('\n'));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
  }
  const char* env = std::getenv(kPassphraseEnv);
  if (env == nullptr || *env == '\0') {
    return core::Status::Invalid("passphrase-file",
                                 std::string("the key files are sealed under a passphrase: give "
                                             "--passphrase-file or set ") +
                                     kPassphraseEnv + " (or --without-keys)");
  }
  return std::string(env);
}

// Copies `from` to the new file `to`, created readable by the owner only.
core::Status CopyPrivately(const std::string& from, const std::string& to) {
  std::ifstream in(from, std::ios::binary);
  if (!in) return core::Status::Invalid("from", "cannot read " + from);
  const int fd = ::open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return core::Status::Conflict("cannot create " + to + " (does it exist?)", "db");
  char buffer[1 << 16];
  bool ok = true;
  while (ok && in) {
    in.read(buffer, sizeof buffer);
    const std::streamsize got = in.gcount();
    for (std::streamsize done = 0; ok && done < got;) {
      const ssize_t n = ::write(fd, buffer + done, static_cast<size_t>(got - done));
      ok = n > 0;
      done += n > 0 ? n : 0;
    }
  }
  ok = ok && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) return core::Status::Internal("writing " + to + " failed");
  return core::Status::Ok();
}

int Fail(const core::Status& status) {
  std::fprintf(stderr, "error: %s\n", status.ToString().c_str());
  return 1;
}

}  // namespace

int Backup(const StoreFlags& flags, const BackupOptions& options) {
  WiringOptions wiring_options = WiringFor(flags);
  wiring_options.max_readers = 2;
  const std::string bundle_path = options.out + ".keys";
  std::string bundle;
  if (!options.without_keys) {
    std::error_code error;
    if (std::filesystem::exists(bundle_path, error)) {
      return Fail(core::Status::Conflict("a file exists at " + bundle_path, "out"));
    }
    auto passphrase = Passphrase(options.passphrase_file);
    if (!passphrase.ok()) return Fail(passphrase.status());
    security::KeyFiles files;
    for (const auto& [role, path] : {std::pair{"secret", SecretFileOf(wiring_options)},
                                     std::pair{"keys", KeysFileOf(wiring_options)}}) {
      auto bytes = ReadWhole(path, std::string(role) + "-file");
      if (!bytes.ok()) return Fail(bytes.status());
      files[role] = std::move(*bytes);
    }
    auto sealed = security::SealKeyBundle(files, *passphrase);
    if (!sealed.ok()) return Fail(sealed.status());
    bundle = std::move(*sealed);
  }
  Wiring wiring(wiring_options);
  core::Status copied = wiring.Backup(options.out);
  if (!copied.ok()) return Fail(copied);
  if (!options.without_keys && !security::CreatePrivateFileOnce(bundle_path, bundle)) {
    std::filesystem::remove(options.out);
    return Fail(core::Status::Conflict("a file appeared at " + bundle_path, "out"));
  }
  std::printf("backup of %s (schema version %d) written to %s\n", flags.db_path.c_str(),
              wiring.SchemaVersion(), options.out.c_str());
  if (options.without_keys) {
    std::printf("its key files are not in it: keep %s and %s apart\n",
                SecretFileOf(wiring_options).c_str(), KeysFileOf(wiring_options).c_str());
  } else {
    std::printf("its key files, sealed under the passphrase, written to %s\n", bundle_path.c_str());
  }
  return 0;
}

int Restore(const StoreFlags& flags, const RestoreOptions& options) {
  WiringOptions wiring_options = WiringFor(flags);
  wiring_options.max_readers = 2;
  const std::string db = flags.db_path;
  const std::string secret = SecretFileOf(wiring_options);
  const std::string keys = KeysFileOf(wiring_options);
  std::error_code error;
  for (const std::string& path : {db, db + "-wal", secret, keys}) {
    if (std::filesystem::exists(path, error)) {
      return Fail(core::Status::Conflict(
          path + " exists; restore writes a new database (choose another --db)", "db"));
    }
  }
  auto bundle = ReadWhole(options.from + ".keys", "from");
  if (!bundle.ok()) return Fail(bundle.status());
  auto passphrase = Passphrase(options.passphrase_file);
  if (!passphrase.ok()) return Fail(passphrase.status());
  auto files = security::OpenKeyBundle(*bundle, *passphrase);
  if (!files.ok()) return Fail(files.status());
  if (!files->count("secret") || !files->count("keys")) {
    return Fail(core::Status::Invalid("from", "the key bundle lacks the secret or the keys"));
  }
  core::Status copied = CopyPrivately(options.from, db);
  if (!copied.ok()) return Fail(copied);
  auto undo = [&](const core::Status& why) {
    for (const std::string& path : {db, db + "-wal", db + "-shm", secret, keys}) {
      std::filesystem::remove(path, error);
    }
    return Fail(why);
  };
  if (!security::CreatePrivateFileOnce(secret, files->at("secret")) ||
      !security::CreatePrivateFileOnce(keys, files->at("keys"))) {
    return undo(core::Status::Conflict("a key file appeared while restoring", "db"));
  }
  try {
    Wiring wiring(wiring_options);  // applies migrations a newer binary has
    std::printf("restored %s to %s (schema version %d) with its key files\n", options.from.c_str(),
                db.c_str(), wiring.SchemaVersion());
  } catch (const std::exception& e) {
    return undo(
        core::Status::Internal(std::string("the restored database does not open: ") + e.what()));
  }
  return 0;
}

}  // namespace closeloop::app
