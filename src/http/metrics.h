// Request counts and latency histograms by route, and requests in flight, rendered in the
// Prometheus text format (version 0.0.4). Thread-safe; one instance per server.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace closeloop::http {

class HttpMetrics {
 public:
  // Upper bounds of the latency buckets, in seconds (then +Inf).
  static constexpr std::array<double, 11> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,   0.25,   0.5,   1.0,  2.5};

  void Started() { in_flight_.fetch_add(1, std::memory_order_relaxed); }
  // `route` is the pattern that matched ("unmatched" when none did), never the path itself, so
  // that the series stay few and carry no ids or personal data.
  void Finished(const std::string& method, const std::string& route, int status, double seconds);
  std::string Render() const;

 private:
  struct Latency {
    std::array<std::uint64_t, kBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
  std::map<std::pair<std::string, std::string>, Latency> latency_;
  std::atomic<std::int64_t> in_flight_{0};
};

// A label value as the text format wants it (backslash, quote and newline escaped).
std::string PrometheusLabel(const std::string& value);

}  // namespace closeloop::http
