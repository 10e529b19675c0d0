#include "http/router.h"

#include <cctype>

namespace closeloop::http {

void Router::Add(const std::string& method, const std::string& pattern, Endpoint endpoint) {
  routes_.push_back({method, pattern, std::regex(pattern), std::move(endpoint)});
}

const Endpoint* Router::Find(Request& request, bool& path_known) const {
  path_known = false;
  std::smatch match;
  for (const Route& route : routes_) {
    if (!std::regex_match(request.path, match, route.regex)) continue;
    if (route.method != request.method) {
      path_known = true;
      continue;
    }
    request.route = route.pattern;
    request.matches.clear();
    for (const auto& group : match) request.matches.push_back(group.str());
    return &route.endpoint;
  }
  return nullptr;
}

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string DecodeUrl(const std::string& text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%' && i + 2 < text.size()) {
      const int high = HexValue(text[i + 1]), low = HexValue(text[i + 2]);
      if (high >= 0 && low >= 0) {
        out.push_back(static_cast<char>(high * 16 + low));
        i += 2;
        continue;
      }
    }
    out.push_back(plus_is_space && c == '+' ? ' ' : c);
  }
  return out;
}

std::string EncodeUrl(const std::string& text) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

Params ParseQuery(const std::string& query) {
  Params params;
  size_t at = 0;
  while (at <= query.size()) {
    size_t end = query.find('&', at);
    if (end == std::string::npos) end = query.size();
    const std::string pair = query.substr(at, end - at);
    if (!pair.empty()) {
      const size_t equals = pair.find('=');
      const std::string name = pair.substr(0, equals);
      const std::string value = equals == std::string::npos ? "" : pair.substr(equals + 1);
      params.emplace(DecodeUrl(name, true), DecodeUrl(value, true));
    }
    at = end + 1;
  }
  return params;
}

}  // namespace closeloop::http
