// The job worker (every handler of the durable scheduler, run by the server and by
// `closeloop jobs run`), `closeloop jobs list|run|retry` and the model store verbs
// `closeloop model list|retrain|install|activate`.
#pragma once

#include <memory>
#include <string>

#include "app/store_flags.h"
#include "domain/analysis/models.h"
#include "domain/jobs/jobs.h"
#include "domain/notify/customer_delivery.h"
#include "domain/routing/routing.h"
#include "domain/sla/sla_timers.h"
#include "domain/survey/contact_strategies.h"
#include "domain/survey/survey_dispatch.h"
#include "ingest/webhook_sender.h"

namespace closeloop::app {

// A JobRunner with every handler registered, named after this host and process.
class JobWorker {
 public:
  explicit JobWorker(const domain::Context& ctx);
  // Claimed at once by the server's worker: a burst of due SLA checks runs kBatch to a
  // transaction (domain/jobs/jobs.h).
  static constexpr int kClaim = 500;
  // Runs due jobs; afterwards loads any model version a job activated.
  core::Result<int> RunDue(int limit = kClaim);

 private:
  const domain::Context& ctx_;
  domain::RetrainHandler retrain_;
  domain::SlaCheckHandler sla_check_;
  domain::RoutingDrainHandler routing_drain_;
  domain::SurveyDispatchHandler survey_dispatch_;
  domain::RecoveredCustomerHandler recovered_customer_;
  domain::ContactStrategyHandler contact_strategies_;
  ingest::CurlWebhookSender webhook_sender_;
  domain::OutboundWebhookHandler outbound_webhooks_;
  domain::JobRunner runner_;
};

struct JobsCommand {
  std::string verb;    // list, run, retry
  StoreFlags store;    // --db, --secret-file, --keys-file, --user-lexicon
  std::string status;  // list: due, running, done, parked
  std::string kind;
  int limit = 50;
  long long id = 0;  // retry
};
int RunJobsCommand(const JobsCommand& command);

struct ModelStoreCommand {
  std::string verb;  // list, retrain, install, activate
  StoreFlags store;  // --db, --secret-file, --keys-file, --user-lexicon
  std::string task;
  std::string model;  // install: the file
  double threshold = 0.6;
  bool activate = false;
  long long id = 0;  // activate
};
int RunModelStoreCommand(const ModelStoreCommand& command);

// `closeloop sla predict-eval`: the error of the predicted handling time on a database's
// resolved complaints.
int RunPredictEval(const StoreFlags& store, int limit);

}  // namespace closeloop::app
