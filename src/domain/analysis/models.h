// Trained text models in the analysis: retraining from the labels agents confirmed
// (complaints whose type or category a person set, imports included), versions with their
// held-out accuracy next to the rules', activation, a confidence threshold below which the rules
// decide, and installing a model trained elsewhere (`closeloop model train`). Retraining runs on
// demand and every day as a "model.retrain" job.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/analysis/entities.h"
#include "domain/analysis/text_analyzer.h"
#include "domain/context.h"
#include "domain/jobs/entities.h"
#include "domain/jobs/jobs.h"
#include "domain/model/ids.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

inline constexpr const char* kRetrainJob = "model.retrain";

class ManageModels {
 public:
  static constexpr int kMinExamples = 200;
  static constexpr int kMaxExamples = 200000;
  explicit ManageModels(const Context& ctx) : ctx_(ctx) {}
  core::Result<std::vector<ModelVersion>> List(const Principal& who, const std::string& task) const;
  // Registers a model file (copied by the caller into model_dir) as the task's next version.
  core::Result<ModelVersion> Install(const Principal& who, const std::string& task,
                                     const std::string& path, double threshold,
                                     bool activate) const;
  // Makes a version the active one (or, for an active version, changes its threshold).
  core::Result<ModelVersion> Update(const Principal& who, Id id, std::optional<bool> active,
                                    std::optional<double> threshold) const;
  // Schedules a retrain of `task` ("type", "category" or "" for both), due now.
  core::Result<Job> RequestRetrain(const Principal& who, const std::string& task) const;
  // The newest `limit` complaint texts (title and description), for adapting a model trained
  // elsewhere to this organisation's complaints (`model train --adapt-db`). Needs the right to
  // install models.
  core::Result<std::vector<std::string>> AdaptationTexts(const Principal& who, int limit) const;
  // Schedules the daily retrain unless one is queued already.
  core::Status EnsureDailyRetrain() const;
  // Loads the active version of every task into the analyzer when it differs from the one in
  // use (at start, and periodically so a retrain elsewhere takes effect). A model that cannot
  // be loaded is reported and the rules stay in charge.
  core::Status Sync() const;

 private:
  const Context& ctx_;
};

// The "model.retrain" job: trains in Prepare (outside transactions), records the versions in
// Run; a version becomes active when it beats the rules on its held-out examples. Payload:
// "type", "category" or "" (both); key "daily" reschedules itself a day later.
class RetrainHandler final : public JobHandler {
 public:
  explicit RetrainHandler(const Context& ctx) : ctx_(ctx) {}
  core::Status Prepare(const Job& job) override;
  core::Status Run(const Job& job, Repositories& repos, JobFollowUp& follow_up) override;

 private:
  struct Trained {
    std::string task;
    std::string path;
    TextAnalyzer::TrainingReport report;
  };
  const Context& ctx_;
  std::map<Id, std::vector<Trained>> trained_;  // by job id, from Prepare to Run
};

}  // namespace closeloop::domain
