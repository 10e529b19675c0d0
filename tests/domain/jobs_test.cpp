// The durable job scheduler and model retraining on a real SQLite file, with the fake clock.
#include "domain/jobs/jobs.h"

#include <gtest/gtest.h>

#include <fstream>

#include "app/job_commands.h"
#include "domain/analysis/analysis.h"
#include "domain/analysis/entities.h"
#include "domain/analysis/models.h"
#include "domain/analysis/repository.h"
#include "domain/complaint/complaint_actions.h"
#include "domain/complaint/create_complaint.h"
#include "domain/complaint/entities.h"
#include "domain/complaint/repository.h"
#include "domain/intake/entities.h"
#include "domain/intake/repository.h"
#include "domain/jobs/entities.h"
#include "domain/jobs/repository.h"
#include "domain/knowledge/entities.h"
#include "domain/knowledge/knowledge.h"
#include "domain/knowledge/repository.h"
#include "domain/model/ids.h"
#include "domain/model/privacy.h"
#include "domain/org/admin.h"
#include "domain/org/config_audit.h"
#include "domain/org/entities.h"
#include "domain/sla/sla_config.h"
#include "domain/sla/sla_timers.h"
#include "domain/survey/survey_responses.h"
#include "domain/unit_of_work.h"
#include "support/test_world.h"
#include "text/linear_model.h"

namespace closeloop::testing {
namespace {

namespace d = domain;
using core::Status;

// Fails the first `failures` attempts (by Status or by throwing), then succeeds; its Run writes
// a knowledge article, so a rolled-back attempt is visible as a missing article.
class FlakyHandler final : public d::JobHandler {
 public:
  int failures = 0;
  bool throws = false;
  int runs = 0;
  Status Run(const d::Job& job, d::Repositories& repos, d::JobFollowUp&) override {
    ++runs;
    d::KnowledgeArticle a;
    a.title = "written by job " + std::to_string(job.id);
    a.body = job.payload;
    repos.knowledge().Insert(a);
    if (runs <= failures) {
      if (throws) throw std::runtime_error("boom " + std::to_string(runs));
      return Status::Internal("attempt " + std::to_string(runs) + " failed");
    }
    return Status::Ok();
  }
};

d::Job Make(const std::string& kind, const std::string& key = "", const std::string& payload = "") {
  d::Job j;
  j.kind = kind;
  j.key = key;
  j.payload = payload;
  return j;
}

std::optional<d::Job> Find(TestWorld& w, d::Id id) {
  std::optional<d::Job> out;
  EXPECT_TRUE(w.ctx()
                  .store
                  .Read([&](d::Repositories& repos) {
                    out = repos.jobs().Find(id);
                    return Status::Ok();
                  })
                  .ok());
  return out;
}

int Articles(TestWorld& w) {
  int n = 0;
  EXPECT_TRUE(w.ctx()
                  .store
                  .Read([&](d::Repositories& repos) {
                    n = static_cast<int>(repos.knowledge().Search({{}, "", true, 1000}).size());
                    return Status::Ok();
                  })
                  .ok());
  return n;
}

TEST(JobScheduler, RetriesWithBackoffThenParksWithoutBlockingOthers) {
  TestWorld w;
  FlakyHandler flaky, good;
  flaky.failures = 100;  // never succeeds
  d::JobRunner runner(w.ctx(), "test:1");
  runner.Register("flaky", flaky);
  runner.Register("good", good);
  d::Job f = Make("flaky");
  f.max_attempts = 3;
  auto failing = d::ManageJobs(w.ctx()).Schedule(w.admin, f);
  auto fine = d::ManageJobs(w.ctx()).Schedule(w.admin, Make("good"));
  ASSERT_TRUE(failing.ok() && fine.ok());

  EXPECT_EQ(*runner.RunDue(), 2);
  EXPECT_EQ(Find(w, fine->id)->status, d::JobStatus::kDone) << "the failing job did not block it";
  auto after_first = Find(w, failing->id);
  EXPECT_EQ(after_first->status, d::JobStatus::kDue);
  EXPECT_EQ(after_first->attempts, 1);
  EXPECT_EQ(after_first->last_error, "attempt 1 failed");
  EXPECT_EQ(after_first->run_at, w.clock().Now() + 30 * core::kSecond);
  EXPECT_EQ(Articles(w), 1) << "the failed attempt's writes were rolled back";

  EXPECT_EQ(*runner.RunDue(), 0) << "not due before its backoff";
  w.clock().Advance(30 * core::kSecond);
  EXPECT_EQ(*runner.RunDue(), 1);
  EXPECT_EQ(Find(w, failing->id)->run_at, w.clock().Now() + 60 * core::kSecond);
  w.clock().Advance(60 * core::kSecond);
  EXPECT_EQ(*runner.RunDue(), 1);
  auto parked = Find(w, failing->id);
  EXPECT_EQ(parked->status, d::JobStatus::kParked);
  EXPECT_EQ(parked->attempts, 3);
  EXPECT_EQ(parked->last_error, "attempt 3 failed");
  w.clock().Advance(core::kDay);
  EXPECT_EQ(*runner.RunDue(), 0) << "parked jobs wait for a person";

  // A person puts it back; now it succeeds.
  flaky.failures = 0;
  EXPECT_FALSE(d::ManageJobs(w.ctx()).Retry(w.agent, failing->id).ok());
  auto retried = d::ManageJobs(w.ctx()).Retry(w.admin, failing->id);
  ASSERT_TRUE(retried.ok()) << retried.status().ToString();
  EXPECT_EQ(retried->status, d::JobStatus::kDue);
  EXPECT_EQ(*runner.RunDue(), 1);
  EXPECT_EQ(Find(w, failing->id)->status, d::JobStatus::kDone);
  EXPECT_FALSE(d::ManageJobs(w.ctx()).Retry(w.admin, fine->id).ok()) << "only parked jobs";
}

// Writes an article per job; a job whose payload is "bad" fails (or throws) every time.
class BatchHandler final : public d::JobHandler {
 public:
  bool throws = false;
  int runs = 0;
  Status Run(const d::Job& job, d::Repositories& repos, d::JobFollowUp&) override {
    ++runs;
    d::KnowledgeArticle a;
    a.title = "batch job " + std::to_string(job.id);
    a.body = job.payload;
    repos.knowledge().Insert(a);
    if (job.payload == "bad") {
      if (throws) throw std::runtime_error("bad payload");
      return Status::Internal("bad payload");
    }
    return Status::Ok();
  }
  bool Batchable() const override { return true; }
};

TEST(JobScheduler, BatchedJobsShareATransactionButFailAlone) {
  for (bool throws : {false, true}) {
    TestWorld w;
    BatchHandler handler;
    handler.throws = throws;
    d::JobRunner runner(w.ctx(), "test:1");
    runner.Register("batch", handler);
    std::vector<d::Id> ids;
    for (const char* payload : {"a", "bad", "c"}) {
      ids.push_back(d::ManageJobs(w.ctx()).Schedule(w.admin, Make("batch", "", payload))->id);
    }
    EXPECT_EQ(*runner.RunDue(), 3);
    EXPECT_EQ(Find(w, ids[0])->status, d::JobStatus::kDone);
    EXPECT_EQ(Find(w, ids[2])->status, d::JobStatus::kDone);
    auto failed = Find(w, ids[1]);
    EXPECT_EQ(failed->status, d::JobStatus::kDue);
    EXPECT_EQ(failed->attempts, 1);
    EXPECT_NE(failed->last_error.find("bad payload"), std::string::npos);
    // Together (a, bad: rolled back), then one by one (a, bad, c).
    EXPECT_EQ(handler.runs, 5);
    EXPECT_EQ(Articles(w), 2) << "only the two good jobs' writes remain, once each";
  }
}

TEST(JobScheduler, AThrowingHandlerIsAFailureAndAKindWithoutHandlerIsLeftToOthers) {
  TestWorld w;
  FlakyHandler thrower;
  thrower.failures = 1;
  thrower.throws = true;
  d::JobRunner runner(w.ctx(), "test:1");
  runner.Register("throws", thrower);
  auto a = d::ManageJobs(w.ctx()).Schedule(w.admin, Make("throws"));
  auto b = d::ManageJobs(w.ctx()).Schedule(w.admin, Make("nobody.handles.this"));
  EXPECT_EQ(*runner.RunDue(), 1) << "only the kinds this runner has a handler for";
  EXPECT_NE(Find(w, a->id)->last_error.find("boom 1"), std::string::npos);
  w.clock().Advance(core::kMinute);
  EXPECT_EQ(*runner.RunDue(), 1);
  EXPECT_EQ(Find(w, a->id)->status, d::JobStatus::kDone);
  // Left for a worker that runs it (mail delivery runs in its own worker, say): untouched.
  EXPECT_EQ(Find(w, b->id)->status, d::JobStatus::kDue);
  EXPECT_EQ(Find(w, b->id)->attempts, 0);
  FlakyHandler other;
  d::JobRunner elsewhere(w.ctx(), "test:2");
  elsewhere.Register("nobody.handles.this", other);
  EXPECT_EQ(*elsewhere.RunDue(), 1);
  EXPECT_EQ(Find(w, b->id)->status, d::JobStatus::kDone);
}

TEST(JobScheduler, AJobOfADeadWorkerIsClaimedAgainAfterItsLeaseAndRunOnce) {
  TestWorld w;
  FlakyHandler handler;
  auto job = d::ManageJobs(w.ctx()).Schedule(w.admin, Make("work"));
  // A worker claims it and dies before finishing (nothing completes it).
  ASSERT_TRUE(w.ctx()
                  .store
                  .Write([&](d::Repositories& repos) {
                    auto claimed =
                        repos.jobs().Claim(w.clock().Now(), "dead:1",
                                           w.clock().Now() + d::JobRunner::kLease, 10, {"work"});
                    EXPECT_EQ(claimed.size(), 1u);
                    return Status::Ok();
                  })
                  .ok());
  d::JobRunner survivor(w.ctx(), "alive:2");
  survivor.Register("work", handler);
  EXPECT_EQ(*survivor.RunDue(), 0) << "the lease still holds";
  w.clock().Advance(d::JobRunner::kLease);
  EXPECT_EQ(*survivor.RunDue(), 1);
  auto done = Find(w, job->id);
  EXPECT_EQ(done->status, d::JobStatus::kDone);
  EXPECT_EQ(done->claimed_by, "alive:2");
  EXPECT_EQ(handler.runs, 1);
  EXPECT_EQ(*survivor.RunDue(), 0) << "done jobs never run again";
  EXPECT_EQ(Articles(w), 1);
}

TEST(JobScheduler, OneUnfinishedJobPerKindAndKey) {
  TestWorld w;
  d::ManageJobs jobs(w.ctx());
  d::Job later = Make("report", "weekly");
  later.run_at = w.clock().Now() + core::kDay;
  auto first = jobs.Schedule(w.admin, later);
  d::Job sooner = Make("report", "weekly");
  sooner.run_at = w.clock().Now() + core::kHour;
  auto second = jobs.Schedule(w.admin, sooner);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first->id, second->id);
  EXPECT_EQ(second->run_at, w.clock().Now() + core::kHour) << "moved earlier, not duplicated";
  EXPECT_NE(jobs.Schedule(w.admin, Make("report", "daily"))->id, first->id);
  EXPECT_EQ(jobs.List(w.admin, {})->size(), 2u);
  EXPECT_FALSE(jobs.List(w.agent, {}).ok());
  d::Job bad = Make("report");
  bad.max_attempts = 0;
  EXPECT_EQ(jobs.Schedule(w.admin, bad).status().field(), "max_attempts");
  EXPECT_EQ(jobs.Schedule(w.admin, Make("")).status().field(), "kind");
}

// Runs every due job (the retrain and the SLA checks labelling queued); returns how many ran.
int RunAll(app::JobWorker& worker) {
  int total = 0;
  for (int ran = -1; ran != 0;) {
    ran = *worker.RunDue(100);
    total += ran;
  }
  return total;
}

// Labelled complaints whose type follows words the default rules do not know.
void FileLabelled(TestWorld& w, int n) {
  for (int i = 0; i < n; ++i) {
    const bool quality = i % 2 == 0;
    const std::string text = quality ? "喵汪牌冻干第" + std::to_string(i) + "袋，甲乙丙丁情况"
                                     : "喵汪门店第" + std::to_string(i) + "次，戊己庚辛情况";
    auto filed = w.File(w.admin, w.east, text);
    d::ComplaintPatch patch;
    patch.type = quality ? d::ComplaintType::kQuality : d::ComplaintType::kService;
    ASSERT_TRUE(
        d::UpdateComplaint(w.ctx()).Execute(w.admin, filed.complaint.reference, patch).ok());
  }
}

TEST(ModelRetraining, LearnsFromAgentsLabelsAndTheAnalysisUsesTheNewVersion) {
  TestWorld w;
  FileLabelled(w, 240);
  auto job = d::ManageModels(w.ctx()).RequestRetrain(w.admin, "");
  ASSERT_TRUE(job.ok()) << job.status().ToString();
  EXPECT_FALSE(d::ManageModels(w.ctx()).RequestRetrain(w.agent, "").ok());
  app::JobWorker worker(w.ctx());
  EXPECT_GE(RunAll(worker), 1);
  EXPECT_EQ(Find(w, job->id)->status, d::JobStatus::kDone);

  auto models = d::ManageModels(w.ctx()).List(w.agent, "");
  ASSERT_TRUE(models.ok());
  ASSERT_EQ(models->size(), 1u) << "no category labels: no category model";
  const d::ModelVersion& type = models->front();
  EXPECT_EQ(type.task, "type");
  EXPECT_EQ(type.version, 1);
  EXPECT_EQ(type.training_rows, 216);
  EXPECT_EQ(type.holdout_rows, 24);
  EXPECT_GT(*type.holdout_accuracy, *type.rules_accuracy);
  EXPECT_TRUE(type.active);
  EXPECT_EQ(w.ctx().analyzer->ModelInUse("type").version, 1);

  auto fresh = w.File(w.agent, w.east, "喵汪牌冻干又来了，甲乙丙丁情况");
  ASSERT_TRUE(d::AnalyzeNewComplaints(w.ctx()).RunToEnd().ok());
  std::optional<d::TextAnalysis> a;
  ASSERT_TRUE(w.ctx()
                  .store
                  .Read([&](d::Repositories& repos) {
                    a = repos.analysis().Find(fresh.complaint.id);
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->suggested_type, d::ComplaintType::kQuality);
  EXPECT_NE(a->sources.find("type:model-v1"), std::string::npos) << a->sources;

  // A threshold above any probability hands the decision back to the rules.
  auto strict = d::ManageModels(w.ctx()).Update(w.admin, type.id, std::nullopt, 1.0);
  ASSERT_TRUE(strict.ok());
  EXPECT_EQ(w.ctx().analyzer->Analyze("", "喵汪牌冻干，甲乙丙丁情况").sources.find("type:rules"),
            0u);
  auto off = d::ManageModels(w.ctx()).Update(w.admin, type.id, false, std::nullopt);
  ASSERT_TRUE(off.ok());
  EXPECT_EQ(w.ctx().analyzer->ModelInUse("type").version, 0);
  EXPECT_FALSE(d::ManageModels(w.ctx()).Update(w.admin, type.id, std::nullopt, 1.5).ok());
}

TEST(ModelRetraining, TooFewLabelsTrainNothingAndACorruptModelIsRefused) {
  TestWorld w;
  FileLabelled(w, 20);
  auto job = d::ManageModels(w.ctx()).RequestRetrain(w.admin, "type");
  ASSERT_TRUE(job.ok());
  app::JobWorker worker(w.ctx());
  RunAll(worker);
  EXPECT_EQ(Find(w, job->id)->status, d::JobStatus::kDone);
  EXPECT_TRUE(d::ManageModels(w.ctx()).List(w.admin, "")->empty());

  const std::string corrupt = w.ctx().config.model_dir + "/corrupt.bin";
  { std::ofstream(corrupt) << "not a model at all"; }
  auto installed = d::ManageModels(w.ctx()).Install(w.admin, "type", corrupt, 0.6, true);
  EXPECT_FALSE(installed.ok());
  EXPECT_EQ(installed.status().field(), "model");
  EXPECT_TRUE(d::ManageModels(w.ctx()).List(w.admin, "")->empty()) << "nothing recorded";
  EXPECT_EQ(w.ctx().analyzer->ModelInUse("type").version, 0);
  EXPECT_EQ(d::ManageModels(w.ctx()).Install(w.admin, "mood", corrupt, 0.6, true).status().field(),
            "task");
}

// Version 1 of the type model, trained by the retrain job on 240 labelled complaints.
d::ModelVersion TrainedTypeModel(TestWorld& w) {
  FileLabelled(w, 240);
  EXPECT_TRUE(d::ManageModels(w.ctx()).RequestRetrain(w.admin, "type").ok());
  app::JobWorker worker(w.ctx());
  RunAll(worker);
  return d::ManageModels(w.ctx()).List(w.admin, "type")->front();
}

TEST(ModelRetraining, AModelMadeForAnotherTaskIsRefused) {
  TestWorld w;
  const d::ModelVersion type = TrainedTypeModel(w);
  // The type model predicts quality / service: not categories, not sentiment.
  for (const std::string task : {"category", "sentiment"}) {
    auto wrong = d::ManageModels(w.ctx()).Install(w.admin, task, type.path, 0.6, false);
    EXPECT_FALSE(wrong.ok()) << task;
    EXPECT_EQ(wrong.status().field(), "model");
    EXPECT_NE(wrong.status().message().find("quality"), std::string::npos);
  }
  auto again = d::ManageModels(w.ctx()).Install(w.admin, "type", type.path, 0.7, false);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->version, 2);
  EXPECT_FALSE(again->active);
  EXPECT_EQ(w.ctx().analyzer->ModelInUse("type").version, 1);
  ASSERT_TRUE(d::ManageModels(w.ctx()).Update(w.admin, again->id, true, std::nullopt).ok());
  EXPECT_EQ(w.ctx().analyzer->ModelInUse("type").version, 2);
  EXPECT_DOUBLE_EQ(w.ctx().analyzer->ModelInUse("type").threshold, 0.7);
}

// Issue 12 item 5: model installs and activations changed the analysis of every region without a
// record, and an admin scoped to one region could make them.
TEST(ModelRetraining, ModelChangesWereUnrecordedAndOpenToScopedAdmins) {
  TestWorld w;
  const d::ModelVersion type = TrainedTypeModel(w);
  d::Principal scoped = w.admin;
  scoped.region_scope = {w.east};
  auto refused = d::ManageModels(w.ctx()).Install(scoped, "type", type.path, 0.7, true);
  EXPECT_EQ(refused.status().code(), core::StatusCode::kPermissionDenied);
  EXPECT_EQ(refused.status().field(), "task");
  EXPECT_EQ(d::ManageModels(w.ctx()).Update(scoped, type.id, false, std::nullopt).status().code(),
            core::StatusCode::kPermissionDenied);
  EXPECT_EQ(d::ManageModels(w.ctx()).RequestRetrain(scoped, "type").status().code(),
            core::StatusCode::kPermissionDenied);
  EXPECT_EQ(d::ManageModels(w.ctx()).List(w.admin, "type")->size(), 1u) << "nothing installed";

  auto installed = d::ManageModels(w.ctx()).Install(w.admin, "type", type.path, 0.7, false);
  ASSERT_TRUE(installed.ok()) << installed.status().ToString();
  ASSERT_TRUE(d::ManageModels(w.ctx()).Update(w.admin, installed->id, true, 0.65).ok());
  auto record = d::ListConfigChanges(w.ctx()).Execute(w.admin, 0, 10);
  ASSERT_TRUE(record.ok());
  ASSERT_GE(record->size(), 2u);
  EXPECT_EQ((*record)[0].area, "models:type");
  EXPECT_EQ((*record)[0].summary, "version 2 activated threshold 0.65");
  EXPECT_EQ((*record)[1].summary, "installed version 2");
  EXPECT_EQ((*record)[0].actor_id, std::optional<d::Id>(w.admin.user_id));
}

// A linear sentiment model trained elsewhere, adapted to the complaints this database holds
// (`model train --adapt-db`), installed and used by the analysis.
TEST(ModelRetraining, ALinearSentimentModelAdaptedToStoredComplaintsIsUsed) {
  TestWorld w;
  w.File(w.agent, w.east, "猫粮发霉了，太失望了");
  w.File(w.agent, w.east, "冻干很新鲜，猫很喜欢，满意");
  EXPECT_FALSE(d::ManageModels(w.ctx()).AdaptationTexts(w.agent, 10).ok());
  EXPECT_EQ(d::ManageModels(w.ctx()).AdaptationTexts(w.admin, 0).status().field(), "limit");
  auto texts = d::ManageModels(w.ctx()).AdaptationTexts(w.admin, 1);
  ASSERT_TRUE(texts.ok());
  ASSERT_EQ(texts->size(), 1u);
  EXPECT_NE(texts->front().find("冻干很新鲜"), std::string::npos) << "newest first";
  texts = d::ManageModels(w.ctx()).AdaptationTexts(w.admin, 10);
  ASSERT_EQ(texts->size(), 2u);

  std::vector<text::LabelledText> rows;
  for (int i = 0; i < 10; ++i) {
    rows.push_back({"质量很好 满意", "positive"});
    rows.push_back({"质量太差 失望", "negative"});
  }
  auto model = text::LinearModel::Train(rows, text::LinearOptions{}, *texts);
  ASSERT_TRUE(model.ok());
  const std::string path = w.ctx().config.model_dir + "/sentiment-linear.bin";
  ASSERT_TRUE((*model)->Save(path).ok());
  auto installed = d::ManageModels(w.ctx()).Install(w.admin, "sentiment", path, 0.5, true);
  ASSERT_TRUE(installed.ok()) << installed.status().ToString();
  EXPECT_EQ(w.ctx().analyzer->ModelInUse("sentiment").version, 1);
  const auto analysis = w.ctx().analyzer->Analyze("", "质量太差，很失望");
  EXPECT_NE(analysis.sources.find("sentiment:model-v1"), std::string::npos) << analysis.sources;
  EXPECT_LT(analysis.sentiment, 0);
}

TEST(ModelRetraining, TheDailyRetrainReschedulesItself) {
  TestWorld w;
  ASSERT_TRUE(d::ManageModels(w.ctx()).EnsureDailyRetrain().ok());
  ASSERT_TRUE(d::ManageModels(w.ctx()).EnsureDailyRetrain().ok());
  auto queued = d::ManageJobs(w.ctx()).List(w.admin, {d::JobStatus::kDue, d::kRetrainJob, 10});
  ASSERT_EQ(queued->size(), 1u) << "one daily job, however often the server starts";
  app::JobWorker worker(w.ctx());
  EXPECT_EQ(*worker.RunDue(), 0);
  w.clock().Advance(core::kDay);
  EXPECT_EQ(*worker.RunDue(), 1);
  auto all = d::ManageJobs(w.ctx()).List(w.admin, {std::nullopt, d::kRetrainJob, 10});
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ(all->at(0).status, d::JobStatus::kDue);
  EXPECT_EQ(all->at(0).run_at, w.clock().Now() + core::kDay);
  EXPECT_EQ(all->at(1).status, d::JobStatus::kDone);
}

}  // namespace
}  // namespace closeloop::testing

namespace closeloop::testing {
namespace {

namespace d = domain;

std::vector<d::ComplaintEvent> Events(TestWorld& w, d::Id id, d::EventKind kind) {
  std::vector<d::ComplaintEvent> out;
  EXPECT_TRUE(w.ctx()
                  .store
                  .Read([&](d::Repositories& repos) {
                    for (auto& e : repos.events().ListForComplaint(id)) {
                      if (e.kind == kind) out.push_back(e);
                    }
                    return core::Status::Ok();
                  })
                  .ok());
  return out;
}

std::vector<d::Job> DueSlaChecks(TestWorld& w) {
  return *d::ManageJobs(w.ctx()).List(w.admin, {d::JobStatus::kDue, d::kSlaCheckJob, 100});
}

TEST(SlaTimers, WarnThenBreachAndEscalateOnceEachAndPauseWhileWaiting) {
  TestWorld w;
  auto filed = w.File(w.agent, w.east, "猫粮发霉了，要求退款");
  const d::Id id = filed.complaint.id;
  const core::UnixMillis received = filed.complaint.received_at;
  ASSERT_TRUE(d::AnalyzeNewComplaints(w.ctx()).RunToEnd().ok());
  app::JobWorker worker(w.ctx());
  RunAll(worker);
  auto due = DueSlaChecks(w);
  ASSERT_EQ(due.size(), 1u) << "one check per complaint";
  EXPECT_EQ(due[0].run_at, received + 90 * core::kMinute) << "75 % of the 2 h first response";

  w.clock().Advance(91 * core::kMinute);
  RunAll(worker);
  auto warnings = Events(w, id, d::EventKind::kSlaWarning);
  ASSERT_EQ(warnings.size(), 2u);  // first_response and identify
  EXPECT_EQ(warnings[0].note.rfind("first_response: 75% used", 0), 0u) << warnings[0].note;
  EXPECT_TRUE(Events(w, id, d::EventKind::kSlaBreach).empty());
  EXPECT_EQ(DueSlaChecks(w).at(0).run_at, received + 2 * core::kHour);

  w.clock().Advance(30 * core::kMinute);
  RunAll(worker);
  EXPECT_EQ(Events(w, id, d::EventKind::kSlaBreach).size(), 2u);
  EXPECT_EQ(Events(w, id, d::EventKind::kSlaWarning).size(), 2u) << "recorded once";
  d::Complaint now;
  ASSERT_TRUE(w.ctx()
                  .store
                  .Read([&](d::Repositories& repos) {
                    now = *repos.complaints().FindById(id);
                    return core::Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(now.escalation_level, 2) << "each breach climbs one step of the chain";
  EXPECT_EQ(now.priority, d::Priority::kHigh);
  // The regional manager of east hears of it (no team lead is scoped to the complaint's team).
  auto inbox = d::ManageNotifications(w.ctx()).Mine(w.east_manager, true, 0, 50);
  ASSERT_TRUE(inbox.ok());
  ASSERT_EQ(inbox->size(), 2u);
  EXPECT_NE(inbox->front().message.find(filed.complaint.reference), std::string::npos);
  EXPECT_TRUE(d::ManageNotifications(w.ctx()).Mine(w.manager, true, 0, 50)->empty());
  ASSERT_TRUE(d::ManageNotifications(w.ctx()).MarkRead(w.east_manager, inbox->front().id).ok());
  EXPECT_EQ(d::ManageNotifications(w.ctx()).Mine(w.east_manager, true, 0, 50)->size(), 1u);
  EXPECT_FALSE(d::ManageNotifications(w.ctx()).MarkRead(w.manager, inbox->back().id).ok());
  RunAll(worker);
  EXPECT_EQ(Events(w, id, d::EventKind::kSlaBreach).size(), 2u) << "idempotent";

  // Waiting on the customer pauses: the check queues nothing until the complaint moves again.
  d::TransitionComplaint move(w.ctx());
  for (auto to : {d::ComplaintStatus::kAssigned, d::ComplaintStatus::kInProgress,
                  d::ComplaintStatus::kWaitingOnCustomer}) {
    d::TransitionRequest r;
    r.to = to;
    if (to == d::ComplaintStatus::kAssigned) r.assignee_id = w.agent.user_id;
    auto moved = move.Execute(w.admin, filed.complaint.reference, r);
    ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  }
  RunAll(worker);
  EXPECT_TRUE(DueSlaChecks(w).empty()) << "paused";
  d::TransitionRequest resume;
  resume.to = d::ComplaintStatus::kInProgress;
  ASSERT_TRUE(move.Execute(w.admin, filed.complaint.reference, resume).ok());
  RunAll(worker);
  EXPECT_EQ(DueSlaChecks(w).size(), 1u) << "running again";
  d::TransitionRequest done;
  done.to = d::ComplaintStatus::kResolved;
  done.resolution = testing::Explained();
  w.Classify(w.admin, filed.complaint.reference);
  ASSERT_TRUE(move.Execute(w.admin, filed.complaint.reference, done).ok());
  const core::UnixMillis resolved_at = w.clock().Now();
  RunAll(worker);
  // Resolved: only the survey callback is watched (72 h of calendar time, warning at 75 %).
  ASSERT_EQ(DueSlaChecks(w).size(), 1u);
  EXPECT_EQ(DueSlaChecks(w).at(0).run_at, resolved_at + 54 * core::kHour);
  d::SurveyAnswer answer;
  answer.csat = 4;
  answer.comment = "处理得挺快";
  ASSERT_TRUE(
      d::RecordSurveyResponse(w.ctx()).Execute(w.agent, filed.complaint.reference, answer).ok());
  RunAll(worker);
  EXPECT_TRUE(DueSlaChecks(w).empty()) << "answered: nothing left to watch";
  auto sla = d::GetComplaintSla(w.ctx()).Execute(w.admin, filed.complaint.reference);
  ASSERT_TRUE(sla.ok());
  EXPECT_EQ(sla->clocks.phases.back().phase, "survey_callback");
  EXPECT_EQ(sla->clocks.phases.back().state, d::PhaseState::kMet);
}

TEST(SlaTimers, AnUnansweredSurveyBreachesTheCallbackAndRemindsTheAssignee) {
  TestWorld w;
  auto filed = w.File(w.agent, w.east, "猫粮发霉了，要求退款");
  ASSERT_TRUE(d::AnalyzeNewComplaints(w.ctx()).RunToEnd().ok());
  d::TransitionComplaint move(w.ctx());
  w.Classify(w.admin, filed.complaint.reference);
  for (auto to : {d::ComplaintStatus::kAssigned, d::ComplaintStatus::kInProgress,
                  d::ComplaintStatus::kResolved}) {
    d::TransitionRequest r;
    r.to = to;
    if (to == d::ComplaintStatus::kResolved) r.resolution = testing::Explained();
    if (to == d::ComplaintStatus::kAssigned) r.assignee_id = w.east_agent.user_id;
    ASSERT_TRUE(move.Execute(w.admin, filed.complaint.reference, r).ok());
  }
  app::JobWorker worker(w.ctx());
  RunAll(worker);
  const std::size_t escalations_before =
      Events(w, filed.complaint.id, d::EventKind::kEscalated).size();
  w.clock().Advance(72 * core::kHour + core::kMinute);
  RunAll(worker);
  auto breaches = Events(w, filed.complaint.id, d::EventKind::kSlaBreach);
  ASSERT_FALSE(breaches.empty());
  EXPECT_EQ(breaches.back().note.rfind("survey_callback: no survey answer", 0), 0u)
      << breaches.back().note;
  EXPECT_EQ(Events(w, filed.complaint.id, d::EventKind::kEscalated).size(), escalations_before)
      << "an overdue callback is not escalated";
  auto inbox = *d::ManageNotifications(w.ctx()).Mine(w.east_agent, true, 0, 50);
  EXPECT_TRUE(std::any_of(inbox.begin(), inbox.end(),
                          [](const d::Notification& n) { return n.kind == "callback_overdue"; }));
  EXPECT_TRUE(DueSlaChecks(w).empty()) << "breached once: nothing left to watch";
  RunAll(worker);
  EXPECT_EQ(Events(w, filed.complaint.id, d::EventKind::kSlaBreach).size(), breaches.size());
}

}  // namespace
}  // namespace closeloop::testing

namespace closeloop::testing {
namespace {

namespace d = domain;

TEST(HandlingPrediction, MedianOfEarlierSimilarResolvedComplaintsAndItsError) {
  TestWorld w;
  d::TransitionComplaint move(w.ctx());
  // Resolved quality complaints that took 1, 2, 3, 4, 5 and 6 hours.
  for (int hours = 1; hours <= 6; ++hours) {
    auto c = w.File(w.admin, w.east, "猫粮发霉");
    d::ComplaintPatch patch;
    patch.type = d::ComplaintType::kQuality;
    patch.category = "logistics";
    ASSERT_TRUE(d::UpdateComplaint(w.ctx()).Execute(w.admin, c.complaint.reference, patch).ok());
    w.clock().Advance(hours * core::kHour);
    for (auto to : {d::ComplaintStatus::kClassified, d::ComplaintStatus::kAssigned,
                    d::ComplaintStatus::kInProgress, d::ComplaintStatus::kResolved}) {
      d::TransitionRequest r;
      r.to = to;
      if (to == d::ComplaintStatus::kAssigned) r.assignee_id = w.agent.user_id;
      if (to == d::ComplaintStatus::kResolved) r.resolution = testing::Explained();
      ASSERT_TRUE(move.Execute(w.admin, c.complaint.reference, r).ok());
    }
    w.clock().Advance(core::kMinute);
  }
  auto fresh = w.File(w.admin, w.east, "快递丢件");
  d::ComplaintPatch patch;
  patch.type = d::ComplaintType::kQuality;
  patch.category = "logistics";
  ASSERT_TRUE(d::UpdateComplaint(w.ctx()).Execute(w.admin, fresh.complaint.reference, patch).ok());
  auto sla = d::GetComplaintSla(w.ctx()).Execute(w.agent, fresh.complaint.reference);
  ASSERT_TRUE(sla.ok()) << sla.status().ToString();
  EXPECT_EQ(sla->prediction.basis, "category+type");
  EXPECT_EQ(sla->prediction.sample, 6);
  EXPECT_EQ(*sla->prediction.minutes_ms, 4 * core::kHour);  // the upper median of 1..6 h
  auto quality = d::EvaluateHandlingPrediction(w.ctx(), 1000);
  ASSERT_TRUE(quality.ok());
  EXPECT_EQ(quality->complaints, 6);
  EXPECT_EQ(quality->predicted, 1) << "only the sixth had five earlier ones";
  EXPECT_DOUBLE_EQ(quality->mean_absolute_error_minutes, 180);  // 6 h actual, 3 h predicted
}

TEST(SlaTimers, EscalationsAlsoGoByEmailToStaffWithAnAddress) {
  TestWorld w;
  d::UserInput with_email;
  with_email.email = "mgr.east@petshop.example";
  ASSERT_TRUE(d::ManageUsers(w.ctx()).Update(w.admin, w.east_manager.user_id, with_email).ok());
  d::UserInput bad;
  bad.email = "not an address";
  EXPECT_EQ(d::ManageUsers(w.ctx()).Update(w.admin, w.agent.user_id, bad).status().field(),
            "email");
  auto filed = w.File(w.agent, w.east, "猫粮发霉了，要求退款");
  ASSERT_TRUE(d::AnalyzeNewComplaints(w.ctx()).RunToEnd().ok());
  app::JobWorker worker(w.ctx());
  RunAll(worker);
  w.clock().Advance(2 * core::kHour + core::kMinute);
  RunAll(worker);
  std::vector<d::OutgoingMail> outbox;
  ASSERT_TRUE(w.ctx()
                  .store
                  .Read([&](d::Repositories& repos) {
                    outbox = repos.mail().Due(w.clock().Now(), 100);
                    return core::Status::Ok();
                  })
                  .ok());
  std::vector<d::OutgoingMail> to_manager;
  for (const auto& m : outbox) {
    if (m.purpose == "notification") to_manager.push_back(m);
  }
  ASSERT_EQ(to_manager.size(), 2u) << "two breaches, each escalated to the regional manager";
  for (const auto& m : to_manager) {
    EXPECT_EQ(m.to, "mgr.east@petshop.example");
    // In the manager's language (zh-CN by default), with the due time and its zone.
    EXPECT_EQ(m.subject, "[" + filed.complaint.reference + "] 投诉 " + filed.complaint.reference +
                             " 已升级到您");
    EXPECT_NE(m.body.find("已升级到您：L"), std::string::npos) << m.body;
    EXPECT_NE(m.body.find("UTC+8"), std::string::npos) << m.body;
  }
  // The other managers have no address: in-app only, nothing queued for them.
  EXPECT_EQ(d::ManageNotifications(w.ctx()).Mine(w.east_manager, true, 0, 50)->size(), 2u);
  // Others see the address masked; admins and the manager see it whole.
  EXPECT_EQ(d::ManageUsers(w.ctx()).Get(w.analyst, w.east_manager.user_id)->email,
            d::MaskEmail("mgr.east@petshop.example"));
  EXPECT_EQ(d::ManageUsers(w.ctx()).Get(w.east_manager, w.east_manager.user_id)->email,
            "mgr.east@petshop.example");
}

std::vector<d::OutgoingMail> Outbox(TestWorld& w, const std::string& purpose) {
  std::vector<d::OutgoingMail> out;
  EXPECT_TRUE(w.ctx()
                  .store
                  .Read([&](d::Repositories& repos) {
                    for (auto& m : repos.mail().Due(w.clock().Now(), 1000)) {
                      if (m.purpose == purpose) out.push_back(std::move(m));
                    }
                    return core::Status::Ok();
                  })
                  .ok());
  return out;
}

TEST(SlaTimers, TheCustomerHearsFromUsEveryFourHoursWhileOpen) {
  TestWorld w;
  d::NewComplaint in;
  in.channel = d::Channel::kWeb;
  in.description = "快递三天没到，物流信息不更新";
  in.customer = d::CustomerInput{std::nullopt, "李雷", "", "li.lei@example.com", std::nullopt};
  auto made = d::CreateComplaint(w.ctx()).Execute(w.agent, in, std::nullopt);
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  const std::string ref = made->view.complaint.reference;
  const d::Id id = made->view.complaint.id;
  ASSERT_TRUE(d::AnalyzeNewComplaints(w.ctx()).RunToEnd().ok());
  app::JobWorker worker(w.ctx());
  RunAll(worker);
  w.clock().Advance(4 * core::kHour - core::kMinute);
  RunAll(worker);
  EXPECT_TRUE(Outbox(w, "update").empty()) << "not before four hours";
  w.clock().Advance(2 * core::kMinute);
  RunAll(worker);
  auto updates = Outbox(w, "update");
  ASSERT_EQ(updates.size(), 1u);
  EXPECT_EQ(updates[0].to, "li.lei@example.com");
  EXPECT_EQ(updates[0].subject, "[" + ref + "] 处理进度 / Progress update");
  EXPECT_EQ(Events(w, id, d::EventKind::kCustomerUpdate).size(), 1u);

  // A customer-visible note an hour later is contact too: the next update waits 4 h from it.
  w.clock().Advance(core::kHour);
  ASSERT_TRUE(
      d::AddNote(w.ctx()).Execute(w.agent, ref, d::NoteVisibility::kPublic, "正在联系快递").ok());
  w.clock().Advance(3 * core::kHour + 30 * core::kMinute);
  RunAll(worker);
  EXPECT_EQ(Outbox(w, "update").size(), 1u) << "4 h after the update, but 3.5 h after the note";
  w.clock().Advance(31 * core::kMinute);
  RunAll(worker);
  EXPECT_EQ(Outbox(w, "update").size(), 2u);

  // Waiting on the customer: no updates.
  d::TransitionComplaint move(w.ctx());
  for (auto to : {d::ComplaintStatus::kAssigned, d::ComplaintStatus::kInProgress,
                  d::ComplaintStatus::kWaitingOnCustomer}) {
    d::TransitionRequest r;
    r.to = to;
    if (to == d::ComplaintStatus::kAssigned) r.assignee_id = w.agent.user_id;
    ASSERT_TRUE(move.Execute(w.admin, ref, r).ok());
  }
  w.clock().Advance(10 * core::kHour);
  RunAll(worker);
  EXPECT_EQ(Outbox(w, "update").size(), 2u);
}

TEST(SlaTimers, WithoutACustomerEmailTheAssigneeIsRemindedToCall) {
  TestWorld w;
  auto filed = w.File(w.agent, w.east, "猫粮发霉了，要求退款");  // a customer with a phone only
  d::TransitionRequest assign;
  assign.to = d::ComplaintStatus::kAssigned;
  assign.assignee_id = w.east_agent.user_id;
  ASSERT_TRUE(
      d::TransitionComplaint(w.ctx()).Execute(w.admin, filed.complaint.reference, assign).ok());
  ASSERT_TRUE(d::AnalyzeNewComplaints(w.ctx()).RunToEnd().ok());
  app::JobWorker worker(w.ctx());
  w.clock().Advance(4 * core::kHour + core::kMinute);
  RunAll(worker);
  EXPECT_TRUE(Outbox(w, "update").empty());
  auto inbox = *d::ManageNotifications(w.ctx()).Mine(w.east_agent, true, 0, 50);
  EXPECT_TRUE(std::any_of(inbox.begin(), inbox.end(),
                          [](const d::Notification& n) { return n.kind == "update_due"; }));
  EXPECT_EQ(Events(w, filed.complaint.id, d::EventKind::kCustomerUpdate).size(), 1u);
}

}  // namespace
}  // namespace closeloop::testing
