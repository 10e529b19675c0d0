// Surveys: dispatching N due surveys (the "survey.dispatch" jobs: contact rules, a fresh link,
// the mail rendered and queued in the outbox), then the survey page served over HTTP (GET
// /s/{secret}: p50 / p99 measured at the client, which bounds the server time), then answers
// posted to the page by 8 clients at once (POST /s/{secret}, JSON), with the closed loop running
// for the low ones. A fresh database in a temporary directory; durable acknowledgements (disk).
//   build/bench/survey_bench [N]          (default 10,000; bench/run_survey.sh)
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "app/job_commands.h"
#include "app/wiring.h"
#include "domain/complaint/entities.h"
#include "domain/complaint/repository.h"
#include "domain/customer/entities.h"
#include "domain/customer/repository.h"
#include "domain/intake/entities.h"
#include "domain/intake/repository.h"
#include "domain/survey/survey_dispatch.h"
#include "domain/unit_of_work.h"
#include "http/api_server.h"

namespace d = closeloop::domain;
namespace core = closeloop::core;
using Steady = std::chrono::steady_clock;

namespace {

double Seconds(Steady::time_point since) {
  return std::chrono::duration<double>(Steady::now() - since).count();
}

// N resolved complaints, each of its own customer with an email address, each with a survey
// scheduled now; in transactions of 1,000.
void Seed(const d::Context& ctx, int n) {
  const core::UnixMillis now = ctx.clock.Now();
  for (int start = 0; start < n; start += 1000) {
    auto status = ctx.store.Write([&](d::Repositories& repos) {
      for (int i = start; i < std::min(n, start + 1000); ++i) {
        d::Customer customer;
        customer.name = "客户" + std::to_string(i);
        customer.email = "c" + std::to_string(i) + "@example.cn";
        customer.created_at = customer.updated_at = now;
        d::Complaint c;
        c.reference = "CL-20261201-" + std::to_string(100000 + i);
        c.title = "猫粮发霉";
        c.description = "买的猫粮发霉了，要求退款";
        c.channel = d::Channel::kEmail;
        c.status = d::ComplaintStatus::kResolved;
        c.customer_id = repos.customers().Insert(customer);
        c.received_at = c.updated_at = now - core::kDay;
        c.resolved_at = now - core::kMinute;
        c.id = repos.complaints().Insert(c);
        d::ScheduleSurvey(repos, ctx, d::SurveyPolicy{}, c, "resolution", now);
      }
      return core::Status::Ok();
    });
    if (!status.ok()) {
      std::fprintf(stderr, "seed: %s\n", status.ToString().c_str());
      std::exit(1);
    }
  }
}

std::vector<std::string> Secrets(const d::Context& ctx, int n) {
  std::vector<std::string> out;
  const std::regex link("/s/([A-Za-z0-9_-]+)\\?csat=1");
  (void)ctx.store.Read([&](d::Repositories& repos) {
    for (const auto& m : repos.mail().List(n)) {
      std::smatch match;
      if (std::regex_search(m.body, match, link)) out.push_back(match[1]);
    }
    return core::Status::Ok();
  });
  return out;
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
}

}  // namespace

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::stoi(argv[1]) : 10000;
  const auto dir =
      std::filesystem::temp_directory_path() / ("survey_bench_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  core::FakeClock clock(1'764'554'400'000);  // 2025-12-01T02:00:00Z
  closeloop::app::WiringOptions options;
  options.db_path = (dir / "bench.db").string();
  options.clock = &clock;
  {
    closeloop::app::Wiring wiring(options);
    const d::Context& ctx = wiring.context();
    auto start = Steady::now();
    Seed(ctx, n);
    std::printf("seeded %d resolved complaints with a survey due in %.2f s\n", n, Seconds(start));

    closeloop::app::JobWorker worker(ctx);
    start = Steady::now();
    int ran = 0;
    for (;;) {
      auto r = worker.RunDue();
      if (!r.ok()) {
        std::fprintf(stderr, "%s\n", r.status().ToString().c_str());
        return 1;
      }
      ran += *r;
      if (*r < closeloop::app::JobWorker::kClaim) break;
    }
    const double dispatch = Seconds(start);
    std::printf("dispatch: %d due surveys sent in %.2f s (%.0f/s)\n", ran, dispatch,
                ran / dispatch);

    const std::vector<std::string> secrets = Secrets(ctx, n);
    closeloop::http::ServerOptions server_options;
    server_options.threads = 8;
    closeloop::http::ApiServer server(ctx, server_options);
    const int port = server.Bind("127.0.0.1", 0);
    std::thread serving([&] { server.Run(); });

    httplib::Client page_client("127.0.0.1", port);
    std::vector<double> page_ms;
    const size_t pages = std::min<size_t>(secrets.size(), 2000);
    for (size_t i = 0; i < pages; ++i) {
      const auto t = Steady::now();
      auto res = page_client.Get("/s/" + secrets[i] + "?csat=2");
      page_ms.push_back(Seconds(t) * 1000);
      if (!res || res->status != 200) {
        std::fprintf(stderr, "page: %d\n", res ? res->status : -1);
        return 1;
      }
    }
    std::printf("page: %zu GET /s/{secret} one after another: p50 %.2f ms, p99 %.2f ms\n", pages,
                Percentile(page_ms, 0.5), Percentile(page_ms, 0.99));

    std::atomic<size_t> next{0};
    std::atomic<int> accepted{0}, failed{0};
    start = Steady::now();
    std::vector<std::thread> clients;
    for (int t = 0; t < 8; ++t) {
      clients.emplace_back([&] {
        httplib::Client client("127.0.0.1", port);
        for (size_t i = next++; i < secrets.size(); i = next++) {
          // One in five is low: the closed loop opens its callback and root-cause item.
          const std::string body =
              "{\"csat\":" + std::to_string(i % 5 == 0 ? 1 : 5) + ",\"comment\":\"谢谢\"}";
          auto res = client.Post("/s/" + secrets[i], body, "application/json");
          (res && res->status == 200 ? accepted : failed)++;
        }
      });
    }
    for (auto& c : clients) c.join();
    const double answering = Seconds(start);
    std::printf("answers: %d accepted (%d failed) by 8 clients in %.2f s (%.0f/s)\n",
                accepted.load(), failed.load(), answering, accepted / answering);
    server.Stop();
    serving.join();
  }
  std::filesystem::remove_all(dir);
  return 0;
}
