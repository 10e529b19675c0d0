#include "app/job_commands.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "app/wiring.h"
#include "core/time_format.h"
#include "domain/analysis/entities.h"
#include "domain/jobs/repository.h"
#include "domain/sla/sla_config.h"
#include "domain/tasks/tasks.h"

namespace closeloop::app {

namespace {

namespace d = domain;

std::string WorkerName() {
  char host[256] = {0};
  gethostname(host, sizeof host - 1);
  return std::string(host) + ":" + std::to_string(getpid());
}

int Fail(const core::Status& status) {
  std::fprintf(stderr, "error: %s\n", status.ToString().c_str());
  return 1;
}

WiringOptions OptionsOf(const StoreFlags& flags) {
  WiringOptions options = WiringFor(flags);
  return options;
}

void PrintModels(const std::vector<d::ModelVersion>& models) {
  std::printf("%-5s %-9s %-4s %-8s %-7s %-8s %-8s %-9s %-6s %s\n", "id", "task", "v", "source",
              "rows", "holdout", "rules", "threshold", "active", "path");
  for (const auto& m : models) {
    auto pct = [](const std::optional<double>& v) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "%.1f%%", v.value_or(0) * 100);
      return v ? std::string(buf) : std::string("-");
    };
    std::printf("%-5lld %-9s %-4d %-8s %-7d %-8s %-8s %-9.2f %-6s %s\n",
                static_cast<long long>(m.id), m.task.c_str(), m.version, m.source.c_str(),
                m.training_rows, pct(m.holdout_accuracy).c_str(), pct(m.rules_accuracy).c_str(),
                m.threshold, m.active ? "yes" : "no", m.path.c_str());
  }
}

}  // namespace

JobWorker::JobWorker(const d::Context& ctx)
    : ctx_(ctx),
      retrain_(ctx),
      sla_check_(ctx),
      routing_drain_(ctx),
      survey_dispatch_(ctx),
      recovered_customer_(ctx),
      contact_strategies_(ctx),
      webhook_sender_(ctx.authenticator),
      outbound_webhooks_(ctx, webhook_sender_),
      runner_(ctx, WorkerName()) {
  runner_.Register(d::kSlaCheckJob, sla_check_);
  runner_.Register(d::kRetrainJob, retrain_);
  runner_.Register(d::kRoutingDrainJob, routing_drain_);
  runner_.Register(d::kSurveyDispatchJob, survey_dispatch_);
  runner_.Register(d::kRecoveredCustomerJob, recovered_customer_);
  runner_.Register(d::kContactStrategiesJob, contact_strategies_);
  runner_.Register(d::kOutboundDeliverJob, outbound_webhooks_);
}

core::Result<int> JobWorker::RunDue(int limit) {
  auto ran = runner_.RunDue(limit);
  if (ran.ok() && *ran > 0) {
    core::Status synced = d::ManageModels(ctx_).Sync();
    if (!synced.ok()) std::fprintf(stderr, "models: %s\n", synced.ToString().c_str());
  }
  return ran;
}

int RunJobsCommand(const JobsCommand& cmd) {
  Wiring wiring(OptionsOf(cmd.store));
  const d::Context& ctx = wiring.context();
  if (cmd.verb == "run") {
    JobWorker worker(ctx);
    int total = 0;
    for (;;) {
      auto ran = worker.RunDue(cmd.limit);
      if (!ran.ok()) return Fail(ran.status());
      total += *ran;
      if (*ran < cmd.limit) break;
    }
    std::printf("ran %d due jobs\n", total);
    return 0;
  }
  if (cmd.verb == "retry") {
    auto job = d::ManageJobs(ctx).Retry(d::SystemPrincipal(), cmd.id);
    if (!job.ok()) return Fail(job.status());
    std::printf("job %lld is due again\n", cmd.id);
    return 0;
  }
  d::JobQuery query;
  if (!cmd.status.empty()) {
    query.status = d::ParseJobStatus(cmd.status);
    if (!query.status) {
      return Fail(core::Status::Invalid("status", "--status is due, running, done or parked"));
    }
  }
  query.kind = cmd.kind;
  query.limit = cmd.limit;
  auto jobs = d::ManageJobs(ctx).List(d::SystemPrincipal(), query);
  if (!jobs.ok()) return Fail(jobs.status());
  std::printf("%-6s %-16s %-14s %-8s %-20s %-8s %s\n", "id", "kind", "key", "status",
              "run at (UTC+8)", "attempts", "last error");
  for (const auto& j : *jobs) {
    std::printf("%-6lld %-16s %-14s %-8s %-20s %d/%-6d %s\n", static_cast<long long>(j.id),
                j.kind.c_str(), j.key.c_str(), d::ToString(j.status),
                core::FormatLocal(j.run_at, ctx.config.org_utc_offset_minutes).c_str(), j.attempts,
                j.max_attempts, j.last_error.c_str());
  }
  return 0;
}

int RunModelStoreCommand(const ModelStoreCommand& cmd) {
  Wiring wiring(OptionsOf(cmd.store));
  const d::Context& ctx = wiring.context();
  d::ManageModels models(ctx);
  const d::Principal system = d::SystemPrincipal();
  if (cmd.verb == "retrain") {
    auto job = models.RequestRetrain(system, cmd.task);
    if (!job.ok()) return Fail(job.status());
    JobWorker worker(ctx);
    auto ran = worker.RunDue(100);
    if (!ran.ok()) return Fail(ran.status());
    auto after = d::ManageJobs(ctx).List(system, {std::nullopt, d::kRetrainJob, 1});
    if (after.ok() && !after->empty() && after->front().status != d::JobStatus::kDone) {
      std::fprintf(stderr, "retrain %s: %s\n", d::ToString(after->front().status),
                   after->front().last_error.c_str());
      return 1;
    }
  } else if (cmd.verb == "install") {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(cmd.model, ec)) {
      return Fail(core::Status::Invalid("model", "cannot read " + cmd.model));
    }
    std::filesystem::create_directories(ctx.config.model_dir, ec);
    auto next = models.List(system, cmd.task);
    if (!next.ok()) return Fail(next.status());
    const std::string target = ctx.config.model_dir + "/" + cmd.task + "-installed-" +
                               std::to_string(ctx.clock.Now()) + ".bin";
    std::filesystem::copy_file(cmd.model, target, ec);
    if (ec) return Fail(core::Status::Internal("cannot copy the model: " + ec.message()));
    auto m = models.Install(system, cmd.task, target, cmd.threshold, cmd.activate);
    if (!m.ok()) {
      std::filesystem::remove(target, ec);
      return Fail(m.status());
    }
  } else if (cmd.verb == "activate") {
    auto m = models.Update(system, cmd.id, true, std::nullopt);
    if (!m.ok()) return Fail(m.status());
  }
  auto list = models.List(system, cmd.verb == "list" ? cmd.task : "");
  if (!list.ok()) return Fail(list.status());
  PrintModels(*list);
  return 0;
}

int RunPredictEval(const StoreFlags& store, int limit) {
  Wiring wiring(OptionsOf(store));
  auto q = d::EvaluateHandlingPrediction(wiring.context(), limit);
  if (!q.ok()) return Fail(q.status());
  std::printf(
      "resolved complaints %d, predicted %d\nmean absolute error %.1f min, median %.1f min, "
      "within ±15 min %.1f %%\nbaseline (median of all earlier ones): mean absolute error %.1f "
      "min\n",
      q->complaints, q->predicted, q->mean_absolute_error_minutes, q->median_absolute_error_minutes,
      q->within_15_minutes * 100, q->baseline_mae_minutes);
  return 0;
}

}  // namespace closeloop::app
