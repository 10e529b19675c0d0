// Trained models (/api/v1/models) and the job queue (/api/v1/jobs).
#include <cmath>

#include "core/time_format.h"
#include "domain/analysis/entities.h"
#include "domain/analysis/models.h"
#include "domain/jobs/entities.h"
#include "domain/jobs/jobs.h"
#include "domain/jobs/repository.h"
#include "http/handlers/handler_support.h"
#include "http/handlers/model_json.h"
#include "http/json_reader.h"

namespace closeloop::http {

using core::Status;
using json = nlohmann::ordered_json;
namespace d = domain;

void RegisterModelRoutes(Router& router, Api& api) {
  router.Get("/api/v1/models", Authed(api, [&api](const Request& req, const d::Principal& who) {
               return ReplyOf(d::ManageModels(api.ctx).List(who, req.get_param_value("task")), 200,
                              [](const std::vector<d::ModelVersion>& list) {
                                json items = json::array();
                                for (const auto& m : list) items.push_back(ModelJson(m));
                                return json{{"items", std::move(items)}};
                              });
             }));
  router.Patch(
      R"(/api/v1/models/(\d{1,18}))",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        auto body = BodyObject(req);
        if (!body.ok()) return body.status();
        JsonReader r(*body);
        CL_RETURN_IF_ERROR(r.OnlyKnown({"active", "threshold"}));
        std::optional<bool> active;
        CL_RETURN_IF_ERROR(r.Bool("active", active));
        std::optional<double> threshold;
        if (r.Has("threshold")) {
          if (!body->at("threshold").is_number()) {
            return Status::Invalid("threshold", "threshold must be a number");
          }
          threshold = body->at("threshold").get<double>();
        }
        return ReplyOf(
            d::ManageModels(api.ctx).Update(who, std::stoll(req.matches[1]), active, threshold),
            200, ModelJson);
      }));
  router.Post(
      "/api/v1/models/retrain",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        std::string task;
        if (!req.body.empty()) {
          auto body = BodyObject(req);
          if (!body.ok()) return body.status();
          JsonReader r(*body);
          CL_RETURN_IF_ERROR(r.OnlyKnown({"task"}));
          CL_RETURN_IF_ERROR(r.String("task", task));
        }
        return ReplyOf(d::ManageModels(api.ctx).RequestRetrain(who, task), 202, JobJson);
      }));
  router.Get(
      "/api/v1/jobs",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        d::JobQuery query;
        const std::string status = req.get_param_value("status");
        if (!status.empty()) {
          query.status = d::ParseJobStatus(status);
          if (!query.status) {
            return Status::Invalid("status", "status is due, running, done or parked");
          }
        }
        query.kind = req.get_param_value("kind");
        return ReplyOf(d::ManageJobs(api.ctx).List(who, query), 200,
                       [](const std::vector<d::Job>& list) {
                         json items = json::array();
                         for (const auto& j : list) items.push_back(JobJson(j));
                         return json{{"items", std::move(items)}};
                       });
      }));
  router.Post(R"(/api/v1/jobs/(\d{1,18})/retry)",
              Authed(api, [&api](const Request& req, const d::Principal& who) {
                return ReplyOf(d::ManageJobs(api.ctx).Retry(who, std::stoll(req.matches[1])), 200,
                               JobJson);
              }));
}

}  // namespace closeloop::http
