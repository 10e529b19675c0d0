#include "domain/analysis/models.h"

#include <cstdio>

#include "domain/analysis/entities.h"
#include "domain/analysis/repository.h"
#include "domain/jobs/entities.h"
#include "domain/jobs/repository.h"
#include "domain/model/ids.h"
#include "domain/org/config_audit.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

using core::Status;

namespace {

bool KnownTask(const std::string& task) {
  return task == "type" || task == "category" || task == "sentiment";
}

// The labels a model of the task may predict.
std::vector<std::string> LabelsOf(const Context& ctx, const std::string& task) {
  if (task == "category") return ctx.config.categories;
  if (task == "sentiment") return {"positive", "negative", "neutral"};
  const auto names = AllComplaintTypeNames();
  return {names.begin(), names.end()};
}

std::vector<std::string> TasksOf(const std::string& payload) {
  if (payload.empty()) return {"type", "category"};
  return {payload};
}

}  // namespace

core::Result<std::vector<ModelVersion>> ManageModels::List(const Principal& who,
                                                           const std::string& task) const {
  if (!ctx_.policy.Allows(who, Permission::kComplaintRead)) {
    return Status::Denied("your role may not see the models");
  }
  if (!task.empty() && !KnownTask(task)) {
    return Status::Invalid("task", "no task '" + task + "' (type, category, sentiment)");
  }
  std::vector<ModelVersion> out;
  Status status = ctx_.store.Read([&](Repositories& repos) {
    out = repos.models().List(task);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return out;
}

core::Result<std::vector<std::string>> ManageModels::AdaptationTexts(const Principal& who,
                                                                     int limit) const {
  if (!ctx_.policy.Allows(who, Permission::kConfigManage)) {
    return Status::Denied("your role may not train models");
  }
  if (limit < 1) return Status::Invalid("limit", "limit must be at least 1");
  std::vector<std::string> out;
  CL_RETURN_IF_ERROR(ctx_.store.Read([&](Repositories& repos) {
    out = repos.models().RecentTexts(limit);
    return Status::Ok();
  }));
  return out;
}

core::Result<ModelVersion> ManageModels::Install(const Principal& who, const std::string& task,
                                                 const std::string& path, double threshold,
                                                 bool activate) const {
  if (!ctx_.policy.Allows(who, Permission::kConfigManage)) {
    return Status::Denied("your role may not install models");
  }
  CL_RETURN_IF_ERROR(CheckOrganisationWide(who, "the text models", "task"));
  if (!KnownTask(task)) {
    return Status::Invalid("task", "no task '" + task + "' (type, category, sentiment)");
  }
  if (threshold < 0 || threshold > 1) {
    return Status::Invalid("threshold", "threshold must be between 0 and 1");
  }
  if (!ctx_.analyzer) return Status::Conflict("text analysis is not configured");
  ModelVersion m;
  Status status = ctx_.store.Write([&](Repositories& repos) -> Status {
    m.task = task;
    m.version = repos.models().NextVersion(task);
    m.path = path;
    m.source = "install";
    m.threshold = threshold;
    m.created_at = ctx_.clock.Now();
    // Loading proves the file is a model of this task; nothing is recorded otherwise.
    CL_RETURN_IF_ERROR(ctx_.analyzer->CheckModel(path, LabelsOf(ctx_, task)));
    if (activate) {
      CL_RETURN_IF_ERROR(
          ctx_.analyzer->UseModel(task, path, m.version, threshold, LabelsOf(ctx_, task)));
    }
    m.id = repos.models().Insert(m);
    if (activate) repos.models().Activate(task, m.id);
    m.active = activate;
    RecordConfigChange(
        repos, ctx_, who, "models:" + task,
        "installed version " + std::to_string(m.version) + (activate ? " (active)" : ""));
    return Status::Ok();
  });
  if (!status.ok()) {
    if (activate) (void)Sync();  // back to what the database says
    return status;
  }
  return m;
}

core::Result<ModelVersion> ManageModels::Update(const Principal& who, Id id,
                                                std::optional<bool> active,
                                                std::optional<double> threshold) const {
  if (!ctx_.policy.Allows(who, Permission::kConfigManage)) {
    return Status::Denied("your role may not change models");
  }
  CL_RETURN_IF_ERROR(CheckOrganisationWide(who, "the text models", "active"));
  if (threshold && (*threshold < 0 || *threshold > 1)) {
    return Status::Invalid("threshold", "threshold must be between 0 and 1");
  }
  ModelVersion m;
  Status status = ctx_.store.Write([&](Repositories& repos) -> Status {
    auto found = repos.models().Find(id);
    if (!found) return Status::NotFound("model " + std::to_string(id) + " not found");
    if (threshold) repos.models().SetThreshold(id, *threshold);
    if (active)
      repos.models().Activate(found->task, *active ? std::optional<Id>(id) : std::nullopt);
    m = *repos.models().Find(id);
    std::string summary = "version " + std::to_string(m.version);
    if (active) summary += *active ? " activated" : " deactivated";
    if (threshold) summary += " threshold " + std::to_string(*threshold).substr(0, 4);
    RecordConfigChange(repos, ctx_, who, "models:" + m.task, summary);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  CL_RETURN_IF_ERROR(Sync());
  return m;
}

core::Result<Job> ManageModels::RequestRetrain(const Principal& who,
                                               const std::string& task) const {
  if (!task.empty() && task != "type" && task != "category") {
    return Status::Invalid("task", "retraining covers type and category");
  }
  CL_RETURN_IF_ERROR(CheckOrganisationWide(who, "the text models", "task"));
  Job job;
  job.kind = kRetrainJob;
  job.key = "manual:" + task;
  job.payload = task;
  return ManageJobs(ctx_).Schedule(who, job);
}

Status ManageModels::EnsureDailyRetrain() const {
  return ctx_.store.Write([&](Repositories& repos) {
    Job job;
    job.kind = kRetrainJob;
    job.key = "daily";
    job.run_at = ctx_.clock.Now() + core::kDay;
    job.created_at = ctx_.clock.Now();
    // A queued daily job keeps its time: Schedule only ever moves it earlier, and it is due
    // within a day of its last run anyway.
    repos.jobs().Schedule(job);
    return Status::Ok();
  });
}

Status ManageModels::Sync() const {
  if (!ctx_.analyzer) return Status::Ok();
  std::map<std::string, std::optional<ModelVersion>> active;
  CL_RETURN_IF_ERROR(ctx_.store.Read([&](Repositories& repos) {
    for (const std::string task : {"type", "category", "sentiment"}) {
      active[task] = repos.models().Active(task);
    }
    return Status::Ok();
  }));
  Status result = Status::Ok();
  for (const auto& [task, model] : active) {
    if (!model) {
      ctx_.analyzer->DropModel(task);
      continue;
    }
    const auto in_use = ctx_.analyzer->ModelInUse(task);
    if (in_use.version == model->version && in_use.threshold == model->threshold) continue;
    Status loaded = ctx_.analyzer->UseModel(task, model->path, model->version, model->threshold,
                                            LabelsOf(ctx_, task));
    if (!loaded.ok()) {
      ctx_.analyzer->DropModel(task);
      result = Status::Internal(task + " model v" + std::to_string(model->version) +
                                " cannot be used, the rules decide: " + loaded.message());
    }
  }
  return result;
}

Status RetrainHandler::Prepare(const Job& job) {
  if (!ctx_.analyzer) return Status::Conflict("text analysis is not configured");
  std::vector<Trained> trained;
  for (const std::string& task : TasksOf(job.payload)) {
    if (task != "type" && task != "category") {
      return Status::Invalid("payload", "retraining covers type and category, not " + task);
    }
    std::vector<std::pair<std::string, std::string>> examples;
    CL_RETURN_IF_ERROR(ctx_.store.Read([&](Repositories& repos) {
      examples = repos.models().LabelledExamples(task, ManageModels::kMaxExamples);
      return Status::Ok();
    }));
    if (static_cast<int>(examples.size()) < ManageModels::kMinExamples) continue;
    Trained t;
    t.task = task;
    t.path = ctx_.config.model_dir + "/" + task + "-job" + std::to_string(job.id) + ".bin";
    auto report = ctx_.analyzer->TrainModel(task, examples, t.path);
    if (!report.ok()) return report.status();
    t.report = *report;
    trained.push_back(std::move(t));
  }
  trained_[job.id] = std::move(trained);
  return Status::Ok();
}

Status RetrainHandler::Run(const Job& job, Repositories& repos, JobFollowUp& follow_up) {
  auto it = trained_.find(job.id);
  if (it == trained_.end()) return Status::Internal("retrain job ran without being prepared");
  const UnixMillis now = ctx_.clock.Now();
  for (const Trained& t : it->second) {
    ModelVersion m;
    m.task = t.task;
    m.version = repos.models().NextVersion(t.task);
    m.path = t.path;
    m.source = "retrain";
    m.training_rows = t.report.training_rows;
    m.holdout_rows = t.report.holdout_rows;
    m.holdout_accuracy = t.report.holdout_accuracy;
    m.rules_accuracy = t.report.rules_accuracy;
    m.created_at = now;
    const Id id = repos.models().Insert(m);
    const bool better = t.report.holdout_accuracy > t.report.rules_accuracy;
    if (better) repos.models().Activate(t.task, id);
    // The job acts for the organisation: recorded without an actor.
    RecordConfigChange(repos, ctx_, Principal{}, "models:" + t.task,
                       "retrained version " + std::to_string(m.version) +
                           (better ? " (active: beats the rules on the holdout)" : ""));
  }
  trained_.erase(it);
  if (job.key == "daily") follow_up.run_again_at = now + core::kDay;
  return Status::Ok();
}

}  // namespace closeloop::domain
