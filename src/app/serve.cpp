#include "app/serve.h"

#include <pthread.h>
#include <sys/resource.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <thread>

#include "app/job_commands.h"
#include "app/wiring.h"
#include "domain/analysis/analysis.h"
#include "domain/analysis/models.h"
#include "domain/analytics/analytics_upkeep.h"
#include "domain/knowledge/suggestions.h"
#include "domain/live/live_feed.h"
#include "domain/routing/routing.h"
#include "domain/survey/contact_strategies.h"
#include "http/access_log.h"
#include "http/api_server.h"
#include "jobs/scheduler.h"

namespace closeloop::app {
namespace {

// Each open connection is a file descriptor: let the server use all the system allows.
void RaiseOpenFileLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

}  // namespace

bool IsLoopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host == "[::1]" || host.rfind("127.", 0) == 0;
}

int Serve(const ServeOptions& options) {
  size_t colon = options.listen.rfind(':');
  if (colon == std::string::npos) {
    std::fprintf(stderr, "--listen must be HOST:PORT\n");
    return 2;
  }
  std::string host = options.listen.substr(0, colon);
  int port = std::atoi(options.listen.c_str() + colon + 1);
  if (port < 0 || port > 65535) {
    std::fprintf(stderr, "--listen port must be 0-65535\n");
    return 2;
  }

  if (options.tls_cert.empty() != options.tls_key.empty()) {
    std::fprintf(stderr, "--tls-cert and --tls-key go together\n");
    return 2;
  }
  const bool tls = !options.tls_cert.empty();
  if (!tls && !IsLoopback(host)) {
    if (!options.insecure_http) {
      std::fprintf(stderr,
                   "listening on %s without TLS would send passwords and personal data in clear: "
                   "give --tls-cert and --tls-key, or --insecure-http behind a proxy that "
                   "terminates TLS\n",
                   host.c_str());
      return 2;
    }
    std::fprintf(stderr,
                 "warning: plain HTTP on %s (--insecure-http): only behind a proxy that "
                 "terminates TLS\n",
                 host.c_str());
  }
  if (!options.web_root.empty() &&
      !std::filesystem::is_regular_file(std::filesystem::path(options.web_root) / "index.html")) {
    std::fprintf(stderr, "--web-root %s holds no index.html (build it: scripts/build)\n",
                 options.web_root.c_str());
    return 2;
  }
  RaiseOpenFileLimit();

  // Block the stop signals in every thread; one thread waits for them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  WiringOptions wiring_options = WiringFor(options.store);
  wiring_options.max_readers = options.threads + 2;
  wiring_options.settings.mail_from = options.smtp.from;
  wiring_options.settings.public_url =
      !options.public_url.empty()
          ? options.public_url
          : (options.tls_cert.empty() ? "http://" : "https://") + options.listen;
  while (!wiring_options.settings.public_url.empty() &&
         wiring_options.settings.public_url.back() == '/') {
    wiring_options.settings.public_url.pop_back();
  }
  Wiring wiring(wiring_options);
  http::ServerOptions server_options;
  server_options.threads = options.threads;
  server_options.tls_cert_file = options.tls_cert;
  server_options.tls_key_file = options.tls_key;
  server_options.store_admin = &wiring.StoreOperation();
  server_options.cors_origins = options.cors_origins;
  server_options.web_root = options.web_root;
  // The live feed (GET /api/v1/events): one reader of the store for every open stream.
  domain::LiveFeed live_feed(wiring.context());
  server_options.live_feed = &live_feed;
  std::unique_ptr<http::AccessLog> access_log;
  if (options.access_log != "off") {
    access_log = http::AccessLog::Open(options.access_log);
    if (!access_log) {
      std::fprintf(stderr, "cannot open the access log %s\n", options.access_log.c_str());
      return 1;
    }
    server_options.access_log = access_log.get();
  }
  std::unique_ptr<http::ApiServer> made;
  try {
    made = std::make_unique<http::ApiServer>(wiring.context(), server_options);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "cannot load the TLS certificate or key: %s\n", e.what());
    return 1;
  }
  http::ApiServer& server = *made;
  int bound = server.Bind(host, port);
  if (bound < 0) {
    std::fprintf(stderr, "cannot listen on %s\n", options.listen.c_str());
    return 1;
  }
  if (!options.metrics_listen.empty()) {
    const size_t at = options.metrics_listen.rfind(':');
    const int metrics_port =
        at == std::string::npos ? -1 : std::atoi(options.metrics_listen.c_str() + at + 1);
    if (metrics_port < 0 ||
        server.BindMetrics(options.metrics_listen.substr(0, at), metrics_port) < 0) {
      std::fprintf(stderr, "cannot listen for metrics on %s\n", options.metrics_listen.c_str());
      return 1;
    }
    // The metrics address answers without a token: fine on loopback or a private network.
    if (!IsLoopback(options.metrics_listen.substr(0, at))) {
      std::fprintf(stderr,
                   "warning: metrics on %s need no token: keep that address off public "
                   "networks\n",
                   options.metrics_listen.c_str());
    }
  }
  std::fprintf(stderr, "closeloop listening on %s://%s:%d (schema v%d, db %s)\n",
               tls ? "https" : "http", host.c_str(), bound, wiring.SchemaVersion(),
               options.store.db_path.c_str());

  std::atomic<bool> signalled{false};
  std::thread waiter([&] {
    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    signalled = true;
    std::fprintf(stderr, "signal %d: finishing in-flight requests\n", signal_number);
    server.Stop();
  });
  // The background loops, stopped together after the last request.
  const domain::Context& ctx = wiring.context();
  jobs::Scheduler loops(ctx.clock);
  // The analysis pipeline: every new complaint is analysed within a fraction of a second.
  auto analyze = std::make_shared<domain::AnalyzeNewComplaints>(ctx);
  loops.Add("analysis", std::chrono::milliseconds(200), [&ctx, analyze](core::UnixMillis now) {
    // Resolutions reach the similar-case index here, so requests rarely wait for it.
    core::Status refreshed = ctx.cases->Refresh(ctx.store, now);
    if (!refreshed.ok()) std::fprintf(stderr, "suggestions: %s\n", refreshed.ToString().c_str());
    auto n = analyze->RunOnce(500);
    if (!n.ok()) std::fprintf(stderr, "analysis: %s\n", n.status().ToString().c_str());
    return n.ok() && *n == 500;
  });
  // The job worker: due jobs (SLA checks, routing, retraining …); a daily retrain is always
  // queued, and the routing queue is looked at now and then every minute.
  auto worker = std::make_shared<JobWorker>(ctx);
  auto ticks = std::make_shared<int>(0);
  loops.Add(
      "jobs", std::chrono::milliseconds(500),
      [&ctx, worker, ticks](core::UnixMillis) {
        auto ran = worker->RunDue(JobWorker::kClaim);
        if (!ran.ok()) std::fprintf(stderr, "jobs: %s\n", ran.status().ToString().c_str());
        // A version activated by another process (`model activate`) is picked up in seconds.
        if (++*ticks % 10 == 0) {
          core::Status synced = domain::ManageModels(ctx).Sync();
          if (!synced.ok()) std::fprintf(stderr, "models: %s\n", synced.ToString().c_str());
        }
        return ran.ok() && *ran > 0;
      },
      [&ctx] {
        core::Status daily = domain::ManageModels(ctx).EnsureDailyRetrain();
        if (!daily.ok()) std::fprintf(stderr, "jobs: %s\n", daily.ToString().c_str());
        core::Status strategies = domain::EnsureDailyContactStrategies(ctx);
        if (!strategies.ok()) std::fprintf(stderr, "jobs: %s\n", strategies.ToString().c_str());
        core::Status drain = ctx.store.Write([&](domain::Repositories& repos) {
          const core::UnixMillis now = ctx.clock.Now();
          domain::ScheduleRoutingDrain(repos, now, now);
          return core::Status::Ok();
        });
        if (!drain.ok()) std::fprintf(stderr, "jobs: %s\n", drain.ToString().c_str());
      });
  if (!options.smtp.url.empty()) {
    loops.Add("outbox", std::chrono::milliseconds(1000), OutboxRound(ctx, options.smtp));
    std::fprintf(stderr, "outbox delivery by %s\n", options.smtp.url.c_str());
  }
  // Analytics: the facts of changed complaints, recomputed in batches (docs/kpi.md).
  loops.Add("analytics", std::chrono::milliseconds(200), [&ctx](core::UnixMillis) {
    auto n = domain::RefreshAnalytics(ctx).Round(500);
    if (!n.ok()) std::fprintf(stderr, "analytics: %s\n", n.status().ToString().c_str());
    return n.ok() && *n == 500;
  });
  loops.Add("live feed", std::chrono::milliseconds(100),
            [&live_feed](core::UnixMillis) { return live_feed.Round(); });
  if (access_log) {
    loops.Add("access log", std::chrono::milliseconds(1000), [&access_log](core::UnixMillis) {
      access_log->Flush();
      return false;
    });
  }
  // The store's upkeep: search indexing between writes, checkpoints off the request path.
  loops.Add("store", std::chrono::milliseconds(100), wiring.StoreMaintenanceRound());
  loops.Start();
  server.Run();
  // Run() can also end without a signal (listen failure); wake the waiter so it can be joined.
  if (!signalled) pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  loops.Stop();
  std::fprintf(stderr, "closeloop stopped\n");
  return 0;
}

}  // namespace closeloop::app
