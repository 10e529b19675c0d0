#include "http/web_app.h"

#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace closeloop::http {
namespace {

namespace fs = std::filesystem;

// The page's policy: scripts, styles, fonts and API calls from this origin only (Element Plus
// sets style attributes, hence 'unsafe-inline' for styles alone); no framing, no plugins.
constexpr const char* kPagePolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

std::string ContentType(const fs::path& path) {
  static const std::map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".ico", "image/x-icon"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json"},
  };
  auto it = kTypes.find(path.extension().string());
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

bool Compressible(const std::string& type) {
  return type.rfind("text/", 0) == 0 || type == "application/json" || type == "image/svg+xml";
}

std::string Gzip(const std::string& in) {
  z_stream z{};
  // 15 window bits + 16: a gzip wrapper; level 9, done once at start.
  if (deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) return {};
  std::string out(deflateBound(&z, in.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int done = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return done == Z_STREAM_END ? out : std::string();
}

std::string Etag(const std::string& body) {
  std::uint64_t hash = 1469598103934665603ULL;  // FNV-1a 64
  for (unsigned char ch : body) {
    hash ^= ch;
    hash *= 1099511628211ULL;
  }
  char buf[24];
  std::snprintf(buf, sizeof buf, "\"%016llx\"", static_cast<unsigned long long>(hash));
  return buf;
}

bool AcceptsGzip(const Request& request) {
  return request.get_header_value("Accept-Encoding").find("gzip") != std::string::npos;
}

}  // namespace

WebApp::WebApp(const std::string& root) {
  const fs::path base(root);
  if (!fs::is_regular_file(base / "index.html")) {
    throw std::runtime_error("--web-root " + root +
                             " holds no index.html (build it: scripts/build)");
  }
  for (const auto& entry : fs::recursive_directory_iterator(base)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream content;
    content << in.rdbuf();
    File file;
    file.body = content.str();
    file.type = ContentType(entry.path());
    file.etag = Etag(file.body);
    const std::string url = "/" + fs::relative(entry.path(), base).generic_string();
    file.immutable = url.rfind("/assets/", 0) == 0;
    if (Compressible(file.type) && file.body.size() > 512) {
      std::string gz = Gzip(file.body);
      if (!gz.empty() && gz.size() < file.body.size() * 9 / 10) file.gzipped = std::move(gz);
    }
    files_.emplace(url, std::move(file));
  }
}

bool WebApp::Serves(const Request& request) {
  if (request.method != "GET") return false;
  const std::string& p = request.path;
  return p.rfind("/api/", 0) != 0 && p != "/api" && p.rfind("/s/", 0) != 0 && p != "/metrics" &&
         p != "/healthz";
}

void WebApp::Respond(const Request& request, Response& response) const {
  auto it = files_.find(request.path);
  if (it == files_.end()) {
    // The application's own routes have no extension; a missing asset is a 404.
    const std::string last = request.path.substr(request.path.rfind('/') + 1);
    if (last.find('.') != std::string::npos) {
      response.status = 404;
      response.set_content("not found\n", "text/plain; charset=utf-8");
      return;
    }
    it = files_.find("/index.html");
  }
  const File& file = it->second;
  response.set_header("Content-Type", file.type);
  response.set_header("Cache-Control",
                      file.immutable ? "public, max-age=31536000, immutable" : "no-cache");
  response.set_header("ETag", file.etag);
  response.set_header("Vary", "Accept-Encoding");
  if (file.type.rfind("text/html", 0) == 0) {
    response.set_header("Content-Security-Policy", kPagePolicy);
    response.set_header("X-Frame-Options", "DENY");
    response.set_header("Referrer-Policy", "same-origin");
  }
  if (request.get_header_value("If-None-Match") == file.etag) {
    response.status = 304;
    return;
  }
  response.status = 200;
  if (!file.gzipped.empty() && AcceptsGzip(request)) {
    response.set_header("Content-Encoding", "gzip");
    response.body = file.gzipped;
  } else {
    response.body = file.body;
  }
}

}  // namespace closeloop::http
