#include "http/access_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cinttypes>
#include <random>

#include "core/time_format.h"

namespace closeloop::http {
namespace {

constexpr std::size_t kFlushBytes = 64 << 10;

void AppendJsonString(std::string& out, const std::string& text) {
  out += '"';
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
      out += escaped;
    } else {
      out += ch;
    }
  }
  out += '"';
}

}  // namespace

std::unique_ptr<AccessLog> AccessLog::Open(const std::string& path) {
  if (path == "-") return std::unique_ptr<AccessLog>(new AccessLog(stdout, false));
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) return nullptr;
  std::FILE* out = ::fdopen(fd, "a");
  if (!out) {
    ::close(fd);
    return nullptr;
  }
  return std::unique_ptr<AccessLog>(new AccessLog(out, true));
}

AccessLog::AccessLog(std::FILE* out, bool owned) : out_(out), owned_(owned) {
  buffer_.reserve(kFlushBytes * 2);
}

AccessLog::~AccessLog() {
  Flush();
  if (owned_) std::fclose(out_);
}

void AccessLog::Write(const AccessEntry& entry) {
  std::string line = "{\"ts\":\"" + core::FormatIso8601(entry.at_ms) + "\",\"request_id\":";
  AppendJsonString(line, entry.request_id);
  line += ",\"method\":";
  AppendJsonString(line, entry.method);
  line += ",\"route\":";
  AppendJsonString(line, entry.route);
  char rest[96];
  std::snprintf(rest, sizeof rest, ",\"status\":%d,\"ms\":%.3f,\"user_id\":", entry.status,
                entry.seconds * 1000.0);
  line += rest;
  line += entry.user_id ? std::to_string(entry.user_id) : "null";
  line += "}\n";
  std::lock_guard lock(mutex_);
  buffer_ += line;
  if (buffer_.size() >= kFlushBytes) {
    std::fwrite(buffer_.data(), 1, buffer_.size(), out_);
    std::fflush(out_);
    buffer_.clear();
  }
}

void AccessLog::Flush() {
  std::lock_guard lock(mutex_);
  if (!buffer_.empty()) std::fwrite(buffer_.data(), 1, buffer_.size(), out_);
  std::fflush(out_);
  buffer_.clear();
}

std::string RequestIdOf(const std::string& sent) {
  const bool usable =
      !sent.empty() && sent.size() <= 64 && std::all_of(sent.begin(), sent.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
      });
  if (usable) return sent;
  // A random prefix per process and a counter: unique, cheap, and says nothing of the request.
  static const std::uint64_t prefix = std::random_device{}() & 0xffffffu;
  static std::atomic<std::uint64_t> counter{0};
  char id[32];
  std::snprintf(id, sizeof id, "%06" PRIx64 "-%010" PRIx64, prefix, ++counter);
  return id;
}

}  // namespace closeloop::http
