// The access log: one JSON line per answered request — time (UTC), request id, method, route
// pattern, status, latency, the caller's user id. Never the path's values, the query, headers,
// bodies or the client's address: they may hold personal data (PIPL), and the route pattern
// says what was asked. Lines are buffered and written by Flush (the server flushes every
// second) or when the buffer fills; thread-safe.
#pragma once

#include <cstdio>
#include <memory>
#include <mutex>
#include <string>

namespace closeloop::http {

struct AccessEntry {
  long long at_ms = 0;  // UTC, milliseconds since the epoch
  std::string request_id;
  std::string method;
  std::string route;  // the pattern that matched, "unmatched" when none did
  int status = 0;
  double seconds = 0;
  long long user_id = 0;  // 0: no authenticated caller
};

class AccessLog {
 public:
  // "-" is standard output; anything else a file appended to (created owner-only). Null when
  // the file cannot be opened.
  static std::unique_ptr<AccessLog> Open(const std::string& path);
  ~AccessLog();
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  void Write(const AccessEntry& entry);
  void Flush();

 private:
  AccessLog(std::FILE* out, bool owned);
  std::mutex mutex_;
  std::FILE* out_;
  bool owned_;
  std::string buffer_;
};

// A request id as the client sent it (X-Request-Id: 1-64 of [A-Za-z0-9._-]) or a new one.
std::string RequestIdOf(const std::string& sent);

}  // namespace closeloop::http
