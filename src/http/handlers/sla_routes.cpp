// SLA configuration (/api/v1/config/sla/calendars, /api/v1/config/sla/policies) and a
// complaint's SLA clocks (/api/v1/complaints/{key}/sla). Durations travel in minutes, working
// periods as "HH:MM".
#include <cstdint>

#include "domain/org/entities.h"
#include "domain/sla/sla_config.h"
#include "domain/sla/sla_timers.h"
#include "http/handlers/handler_support.h"
#include "http/handlers/sla_json.h"

namespace closeloop::http {

using core::Status;
using json = nlohmann::ordered_json;
namespace d = domain;

void RegisterSlaRoutes(Router& router, Api& api) {
  router.Get(
      "/api/v1/notifications",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        bool unread = false;
        std::int64_t limit = 50, before = 0;
        CL_RETURN_IF_ERROR(BoolParam(req, "unread", unread));
        CL_RETURN_IF_ERROR(IntParam(req, "limit", limit, 1, 200));
        CL_RETURN_IF_ERROR(IntParam(req, "cursor", before, 1, INT64_MAX));
        return ReplyOf(
            d::ManageNotifications(api.ctx).Mine(who, unread, before, static_cast<int>(limit)), 200,
            [limit](const std::vector<d::Notification>& list) {
              json items = json::array();
              for (const auto& n : list) items.push_back(ToJson(n));
              json out = {{"items", std::move(items)}};
              // The next page starts below the last one shown.
              if (static_cast<std::int64_t>(list.size()) == limit) {
                out["next_cursor"] = std::to_string(list.back().id);
              }
              return out;
            });
      }));
  router.Post("/api/v1/notifications/read-all",
              Authed(api, [&api](const Request&, const d::Principal& who) {
                return ReplyOf(d::ManageNotifications(api.ctx).MarkAllRead(who), 200,
                               [](int marked) {
                                 return json{{"marked", marked}};
                               });
              }));
  router.Post(
      R"(/api/v1/notifications/(\d{1,18})/read)",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        Status read = d::ManageNotifications(api.ctx).MarkRead(who, std::stoll(req.matches[1]));
        if (!read.ok()) return read;
        return Reply{204, nullptr};
      }));
  router.Get(std::string(kComplaintPath) + "/sla",
             Authed(api, [&api](const Request& req, const d::Principal& who) {
               return ReplyOf(d::GetComplaintSla(api.ctx).Execute(who, req.matches[1]), 200,
                              [](const d::ComplaintSla& sla) { return ToJson(sla); });
             }));
  for (const char* path : {"/api/v1/config/sla/calendars", "/api/v1/config/sla/policies"}) {
    router.Get(path, Authed(api, [&api](const Request&, const d::Principal& who) {
                 return ReplyOf(d::ManageSla(api.ctx).Get(who), 200,
                                [](const d::SlaConfig& c) { return ToJson(c); });
               }));
  }
  router.Put(
      "/api/v1/config/sla/calendars",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        auto list = ParseBody(req, [](const json& body) { return ParseCalendars(body); });
        if (!list.ok()) return list.status();
        return ReplyOf(d::ManageSla(api.ctx).ReplaceCalendars(who, std::move(*list)), 200,
                       [](const d::SlaConfig& c) { return ToJson(c); });
      }));
  router.Put(
      "/api/v1/config/sla/policies",
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        auto list = ParseBody(req, [](const json& body) { return ParsePolicies(body); });
        if (!list.ok()) return list.status();
        return ReplyOf(d::ManageSla(api.ctx).ReplacePolicies(who, std::move(*list)), 200,
                       [](const d::SlaConfig& c) { return ToJson(c); });
      }));
}

}  // namespace closeloop::http
