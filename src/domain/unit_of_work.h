// A unit of work: the repositories of one database transaction, and the runner that gives them
// out. Each repository interface lives in its module (complaint/repository.h …).
#pragma once

#include <functional>

#include "core/status.h"
#include "domain/analysis/repository.h"
#include "domain/analytics/repository.h"
#include "domain/complaint/repository.h"
#include "domain/customer/repository.h"
#include "domain/improvement/repository.h"
#include "domain/intake/repository.h"
#include "domain/jobs/repository.h"
#include "domain/knowledge/repository.h"
#include "domain/live/repository.h"
#include "domain/org/repository.h"
#include "domain/routing/repository.h"
#include "domain/survey/repository.h"
#include "domain/tasks/repository.h"

namespace closeloop::domain {

class AnalysisRepository;
class AnalyticsRepository;
class AuthRepository;
class ComplaintRepository;
class ConfigRepository;
class CustomerRepository;
class EventRepository;
class IdempotencyRepository;
class ImprovementRepository;
class IntakeSourceRepository;
class JobRepository;
class KnowledgeRepository;
class LiveFeedRepository;
class MailRepository;
class ModelRepository;
class NoteRepository;
class NotificationRepository;
class OrgRepository;
class OutcomeRepository;
class RoutingRepository;
class SealedDataRepository;
class SurveyRepository;
class TaskRepository;
class TraceRepository;
class UserRepository;

// The repositories of one unit of work (one database transaction).
class Repositories {
 public:
  virtual ~Repositories() = default;
  virtual ComplaintRepository& complaints() = 0;
  virtual EventRepository& events() = 0;
  virtual NoteRepository& notes() = 0;
  virtual CustomerRepository& customers() = 0;
  virtual UserRepository& users() = 0;
  virtual OrgRepository& org() = 0;
  virtual AuthRepository& auth() = 0;
  virtual IdempotencyRepository& idempotency() = 0;
  virtual ConfigRepository& config() = 0;
  virtual IntakeSourceRepository& intake_sources() = 0;
  virtual TraceRepository& trace() = 0;
  virtual MailRepository& mail() = 0;
  virtual AnalysisRepository& analysis() = 0;
  virtual OutcomeRepository& outcomes() = 0;
  virtual SurveyRepository& surveys() = 0;
  virtual KnowledgeRepository& knowledge() = 0;
  virtual JobRepository& jobs() = 0;
  virtual ModelRepository& models() = 0;
  virtual NotificationRepository& notifications() = 0;
  virtual TaskRepository& tasks() = 0;
  virtual ImprovementRepository& improvements() = 0;
  virtual RoutingRepository& routing() = 0;
  virtual SealedDataRepository& sealed() = 0;
  virtual LiveFeedRepository& live() = 0;
  virtual AnalyticsRepository& analytics() = 0;
};

using Work = std::function<core::Status(Repositories&)>;

// Runs units of work. Write runs `work` in one serialised transaction and commits only when it
// returns OK; a non-OK Status or an exception rolls everything back. Read runs on a consistent
// snapshot and never blocks writers.
class TransactionRunner {
 public:
  virtual ~TransactionRunner() = default;
  virtual core::Status Write(const Work& work) = 0;
  virtual core::Status Read(const Work& work) = 0;
};

}  // namespace closeloop::domain
