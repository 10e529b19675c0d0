// The web application's files (web/dist, built by Vite), served at / by the API server. They are
// read once at start and kept in memory, gzip-compressed where that pays. Hashed assets
// (/assets/…) are immutable for a year; index.html is revalidated by its ETag. A path that names
// no file, has no extension and is not the API's gets index.html, so that the application's own
// routes (/complaints/CL-…, /dashboard) load in a fresh tab. Pages carry a strict
// Content-Security-Policy (scripts and connections only from this origin).
#pragma once

#include <map>
#include <string>

#include "http/message.h"

namespace closeloop::http {

class WebApp {
 public:
  // Reads every file under `root`; throws std::runtime_error when it holds no index.html.
  explicit WebApp(const std::string& root);

  // Whether the request is the web application's: a GET of a path outside the API (/api/), the
  // survey pages (/s/), /metrics and /healthz.
  static bool Serves(const Request& request);
  void Respond(const Request& request, Response& response) const;
  std::size_t FileCount() const { return files_.size(); }

 private:
  struct File {
    std::string body;
    std::string gzipped;  // empty when compression does not pay
    std::string type;
    std::string etag;
    bool immutable = false;
  };
  std::map<std::string, File> files_;  // by URL path ("/index.html", "/assets/x.js")
};

}  // namespace closeloop::http
