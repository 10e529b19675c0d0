// The JSON API over HTTP. Hides cpp-httplib from the rest of the program.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "domain/context.h"

namespace closeloop::http {

struct ServerOptions {
  int threads = 24;                      // worker threads (also bounds concurrent requests)
  std::size_t max_body_bytes = 1 << 20;  // larger JSON bodies get 413
  int keep_alive_seconds = 5;
  std::size_t max_upload_bytes = 64 << 20;  // file uploads (imports); larger get 413
};

class ApiServer {
 public:
  ApiServer(const domain::Context& ctx, ServerOptions options);
  ~ApiServer();
  ApiServer(const ApiServer&) = delete;
  ApiServer& operator=(const ApiServer&) = delete;

  // Binds to host:port (port 0 picks a free one). Returns the bound port, or -1.
  int Bind(const std::string& host, int port);
  // Serves until Stop(); returns after in-flight requests have finished.
  void Run();
  // Stops accepting; safe to call from another thread.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace closeloop::http
