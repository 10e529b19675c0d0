// Routes requests to handlers by method and path pattern (an ECMAScript regular expression that
// must match the whole path; its groups become Request::matches). Registration order decides
// between patterns that both match. Independent of the server library.
#pragma once

#include <functional>
#include <regex>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "http/message.h"

namespace closeloop::http {

using Handler = std::function<void(const Request&, Response&)>;

// A handler with what the server must know before it reads a body: whether the route takes a
// credential (so that a large body from a caller without one is refused unread) and whether it
// takes file uploads (bodies up to the upload limit rather than the JSON limit).
struct Endpoint {
  Handler handler;
  bool needs_credential = false;
  bool takes_upload = false;

  Endpoint() = default;
  template <typename F,
            typename = std::enable_if_t<std::is_invocable_v<F&, const Request&, Response&>>>
  Endpoint(F f) : handler(std::move(f)) {}  // NOLINT(google-explicit-constructor): plain handlers
  Endpoint(Handler h, bool credential, bool upload)
      : handler(std::move(h)), needs_credential(credential), takes_upload(upload) {}
};

class Router {
 public:
  void Get(const std::string& pattern, Endpoint e) { Add("GET", pattern, std::move(e)); }
  void Post(const std::string& pattern, Endpoint e) { Add("POST", pattern, std::move(e)); }
  void Put(const std::string& pattern, Endpoint e) { Add("PUT", pattern, std::move(e)); }
  void Patch(const std::string& pattern, Endpoint e) { Add("PATCH", pattern, std::move(e)); }
  void Delete(const std::string& pattern, Endpoint e) { Add("DELETE", pattern, std::move(e)); }
  void Add(const std::string& method, const std::string& pattern, Endpoint endpoint);

  // The endpoint for `request` (setting its matches), or null when no route has this method and
  // path. `path_known` tells whether another method serves the path (405 rather than 404).
  const Endpoint* Find(Request& request, bool& path_known) const;

  struct Route {
    std::string method;
    std::string pattern;
    std::regex regex;
    Endpoint endpoint;
  };
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace closeloop::http
