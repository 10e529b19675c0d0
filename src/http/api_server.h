// The JSON API over HTTP/1.1 (and TLS 1.3): an event-driven server (Boost.Beast on Asio, C++20
// coroutines) in http/api_server.cpp; route handlers see only http/message.h and http/router.h.
//
// Every connection is a coroutine that costs memory, not a thread: slow and idle clients wait on
// timers. `threads` event loops (one io_context and thread each) take connections in turn and
// run their handlers inline (handlers block on the store), so at most `threads` requests execute
// at once while any number of connections wait; file uploads run on a small pool of their own.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "domain/context.h"
#include "domain/publicdesk/limits.h"
#include "domain/store_admin.h"

namespace closeloop::domain {
class LiveFeed;
}

namespace closeloop::http {

class AccessLog;

struct ServerOptions {
  int threads = 24;                         // handler threads: the bound on concurrent requests
  std::size_t max_body_bytes = 1 << 20;     // larger JSON bodies get 413 before they are read
  std::size_t max_upload_bytes = 64 << 20;  // file uploads (imports); larger get 413
  std::size_t max_header_bytes = 16 << 10;  // request line and headers; larger get 431
  std::size_t max_header_count = 100;       // more header fields get 431
  int keep_alive_seconds = 5;               // idle time allowed between two requests
  int header_timeout_seconds = 10;          // a request's headers must arrive within this
  int body_timeout_seconds = 60;            // its body within this (uploads are large)
  int write_timeout_seconds = 10;           // a response must be taken within this
  // TLS 1.3 only, when both are set (PEM files: the certificate chain and its private key).
  std::string tls_cert_file;
  std::string tls_key_file;
  // The store's operation, for the gauges of GET /metrics (WAL size, backlogs); may be null.
  domain::StoreAdmin* store_admin = nullptr;
  // What GET /api/v1/events streams; null: the endpoint answers 503.
  domain::LiveFeed* live_feed = nullptr;
  int stream_heartbeat_seconds = 15;  // a quiet event stream gets a comment this often
  // One JSON line per request; null: no access log.
  AccessLog* access_log = nullptr;
  // Browser origins allowed to call the API ("https://cx.example.com"); empty: no CORS headers,
  // so browsers keep other sites' pages from reading the API.
  std::vector<std::string> cors_origins;
  // The built web application (web/dist) to serve at /; empty: the API alone.
  std::string web_root;
  // How often one client address may file on the public form and look up statuses.
  domain::PublicDeskLimits public_desk;
};

class ApiServer {
 public:
  // Throws when the TLS files cannot be loaded.
  ApiServer(const domain::Context& ctx, ServerOptions options);
  ~ApiServer();
  ApiServer(const ApiServer&) = delete;
  ApiServer& operator=(const ApiServer&) = delete;

  // Binds to host:port (port 0 picks a free one) and listens. Returns the bound port, or -1.
  int Bind(const std::string& host, int port);
  // Also listens on host:port for GET /metrics alone, without a token (plain HTTP, for a
  // scraper on a private network); every other request there gets 404. Returns the port or -1.
  int BindMetrics(const std::string& host, int port);
  // Serves until Stop(); returns after in-flight requests have been answered.
  void Run();
  // Stops accepting, closes idle connections, lets in-flight requests finish; safe to call from
  // another thread or a signal-watching one.
  void Stop();

  // The number of open connections (for metrics and tests).
  std::size_t OpenConnections() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace closeloop::http
