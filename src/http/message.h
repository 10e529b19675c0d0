// The HTTP request and response as the route handlers see them: plain values, independent of
// the server library that parsed them (http/server.cpp). Header names compare without case.
#pragma once

#include <strings.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace closeloop::http {

struct CaseInsensitiveLess {
  bool operator()(const std::string& a, const std::string& b) const {
    return ::strcasecmp(a.c_str(), b.c_str()) < 0;
  }
};
using Headers = std::multimap<std::string, std::string, CaseInsensitiveLess>;
using Params = std::multimap<std::string, std::string>;

struct Request {
  std::string method;  // "GET"
  std::string path;    // percent-decoded path, without the query
  Headers headers;
  Params params;  // query parameters, decoded ('+' is a space)
  std::string body;
  std::string remote_addr;  // the peer's IP address
  // The route pattern's whole match ([0]) and its groups ([1]…), set by the router.
  std::vector<std::string> matches;
  std::string route;  // the pattern that matched, set by the router ("" when none did)

  bool has_header(const std::string& name) const { return headers.count(name) > 0; }
  // The first value of a header, or "".
  std::string get_header_value(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
  bool has_param(const std::string& name) const { return params.count(name) > 0; }
  // The first value of a query parameter, or "".
  std::string get_param_value(const std::string& name) const {
    auto it = params.find(name);
    return it == params.end() ? std::string() : it->second;
  }
};

// A response body written while it grows (server-sent events): the server sends the head, then
// whatever Pull gives, until Pull says the stream has ended, the client goes or the server
// stops. Pull runs on the connection's thread, one call at a time.
class StreamBody {
 public:
  virtual ~StreamBody() = default;
  // Called once before the first Pull: `wake` (callable from any thread, never blocking) asks
  // the server to Pull again soon.
  virtual void Start(std::function<void()> wake) = 0;
  // Appends what is ready to `out`; false once the stream has ended (what is in `out` is still
  // sent). `heartbeat` is true when nothing woke the stream for the heartbeat interval: it
  // should write something (a comment) so that a dead client is found and proxies keep the
  // connection.
  virtual bool Pull(std::string& out, bool heartbeat) = 0;
};

struct Response {
  int status = 200;
  Headers headers;
  std::string body;
  std::shared_ptr<StreamBody> stream;  // set: `body` is ignored and the body is streamed
  long long caller_id = 0;             // the authenticated caller's user id, for the access log

  void set_header(const std::string& name, const std::string& value) {
    headers.erase(name);
    headers.emplace(name, value);
  }
  void set_content(std::string content, const std::string& content_type) {
    body = std::move(content);
    set_header("Content-Type", content_type);
  }
};

// "%E9%80%80+x" → "退 x" when `plus_is_space`; malformed escapes stay as written.
std::string DecodeUrl(const std::string& text, bool plus_is_space);
// Percent-encodes everything but unreserved characters (RFC 3986), for header parameters.
std::string EncodeUrl(const std::string& text);
// "a=1&b=%E9%80%80" → {{"a","1"},{"b","退"}}.
Params ParseQuery(const std::string& query);

}  // namespace closeloop::http
