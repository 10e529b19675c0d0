#pragma once

#include <string>
#include <vector>

#include "app/mail_commands.h"
#include "app/store_flags.h"

namespace closeloop::app {

struct ServeOptions {
  StoreFlags store;  // --db, --secret-file, --keys-file, --user-lexicon
  std::string listen = "127.0.0.1:8080";
  int threads = 24;
  std::string tls_cert;          // --tls-cert: PEM certificate chain; TLS 1.3 with --tls-key
  std::string tls_key;           // --tls-key: its PEM private key
  bool insecure_http = false;    // --insecure-http: plain HTTP on a non-loopback address
  SmtpSettings smtp;             // outbox delivery runs in the background when smtp.url is set
  std::string access_log = "-";  // --access-log: "-" standard output, a file, or "off"
  std::string metrics_listen;    // --metrics-listen HOST:PORT: GET /metrics without a token
  std::vector<std::string> cors_origins;  // --cors-origin: browser origins allowed (none: off)
  std::string web_root;  // --web-root: the built web application (web/dist) served at /
  // --public-url: the address customers reach the server at (survey links); default
  // http://<listen>.
  std::string public_url;
};

// Whether `host` is a loopback address (127.0.0.0/8, ::1, localhost).
bool IsLoopback(const std::string& host);

// Serves the API until SIGTERM or SIGINT; in-flight requests finish before it returns, and the
// store is checkpointed. Returns a process exit code.
int Serve(const ServeOptions& options);

}  // namespace closeloop::app
