#include "http/metrics.h"

#include <cstdio>

namespace closeloop::http {

std::string PrometheusLabel(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

void HttpMetrics::Finished(const std::string& method, const std::string& route, int status,
                           double seconds) {
  in_flight_.fetch_sub(1, std::memory_order_relaxed);
  std::lock_guard lock(mutex_);
  ++requests_[{method, route, status}];
  Latency& l = latency_[{method, route}];
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++l.buckets[i];
  }
  ++l.count;
  l.sum += seconds;
}

std::string HttpMetrics::Render() const {
  std::string out;
  char number[64];
  out += "# HELP closeloop_http_requests_total HTTP requests answered, by route and status.\n";
  out += "# TYPE closeloop_http_requests_total counter\n";
  std::lock_guard lock(mutex_);
  for (const auto& [key, count] : requests_) {
    const auto& [method, route, status] = key;
    out += "closeloop_http_requests_total{method=\"" + method + "\",route=\"" +
           PrometheusLabel(route) + "\",status=\"" + std::to_string(status) + "\"} " +
           std::to_string(count) + "\n";
  }
  out +=
      "# HELP closeloop_http_request_duration_seconds Time from a request's head to its "
      "response, by route.\n";
  out += "# TYPE closeloop_http_request_duration_seconds histogram\n";
  for (const auto& [key, l] : latency_) {
    const std::string labels =
        "method=\"" + key.first + "\",route=\"" + PrometheusLabel(key.second) + "\"";
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      std::snprintf(number, sizeof number, "%g", kBuckets[i]);
      out += "closeloop_http_request_duration_seconds_bucket{" + labels + ",le=\"" + number +
             "\"} " + std::to_string(l.buckets[i]) + "\n";
    }
    out += "closeloop_http_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} " +
           std::to_string(l.count) + "\n";
    std::snprintf(number, sizeof number, "%.6f", l.sum);
    out += "closeloop_http_request_duration_seconds_sum{" + labels + "} " + number + "\n";
    out += "closeloop_http_request_duration_seconds_count{" + labels + "} " +
           std::to_string(l.count) + "\n";
  }
  out += "# HELP closeloop_http_requests_in_flight Requests being handled now.\n";
  out += "# TYPE closeloop_http_requests_in_flight gauge\n";
  out += "closeloop_http_requests_in_flight " +
         std::to_string(in_flight_.load(std::memory_order_relaxed)) + "\n";
  return out;
}

}  // namespace closeloop::http
