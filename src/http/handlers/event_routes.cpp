// GET /api/v1/events: the live feed as server-sent events (text/event-stream), or with
// stream=false one page of it as JSON (for scripts and integrations that poll). Each event
// carries its position as its id; a client that reconnects with Last-Event-ID (or ?since=) gets
// what it missed, or a `reset` event when that is no longer kept. Only what the caller may see:
// complaint events within their data scope (no free text, no personal data: the complaint's
// reference, state and place), and their own notifications.
#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <utility>

#include "core/time_format.h"
#include "domain/live/live_feed.h"
#include "domain/model/enums.h"
#include "http/handlers/handler_support.h"

namespace closeloop::http {
namespace {

using json = nlohmann::ordered_json;
namespace d = domain;

json OptId(const std::optional<d::Id>& id) { return id ? json(*id) : json(nullptr); }

// The event's data: what the screens need to update a row or a badge, nothing more.
json DataOf(const d::LiveEvent& event) {
  const d::LiveRecord& r = *event.record;
  json complaint = nullptr;
  if (r.complaint_id != 0) {
    complaint = {{"id", r.complaint_id},
                 {"reference", r.reference},
                 {"status", d::ToString(r.status)},
                 {"priority", d::ToString(r.priority)},
                 {"region_id", OptId(r.place.region_id)},
                 {"team_id", OptId(r.place.team_id)},
                 {"assignee_id", OptId(r.place.assignee_id)}};
  }
  json data = {{"type", event.type}, {"at", core::FormatIso8601(r.at)}};
  if (r.is_notification) {
    data["notification"] = {
        {"id", r.id},
        {"kind", r.notification_kind},
        {"message", r.message},
        {"complaint_id", r.complaint_id ? json(r.complaint_id) : json(nullptr)}};
  } else {
    data["event_id"] = r.id;
    if (r.from_status) data["from_status"] = d::ToString(*r.from_status);
    if (r.to_status) data["to_status"] = d::ToString(*r.to_status);
  }
  data["complaint"] = std::move(complaint);
  return data;
}

std::string Dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

// The text of one event as every stream sends it, made once per event rather than once per
// stream (an event's data is the same for every reader: no per-reader masking). Keeps the
// newest kKept; positions only grow, so the map's first entry is the oldest.
class RenderedEvents {
 public:
  std::shared_ptr<const std::string> Get(const d::LiveEvent& event) {
    const Key key{event.position.event_id, event.position.notification_id};
    {
      std::lock_guard lock(mutex_);
      auto it = texts_.find(key);
      if (it != texts_.end()) return it->second;
    }
    auto text = std::make_shared<const std::string>("id: " + d::FormatLivePosition(event.position) +
                                                    "\nevent: " + event.type +
                                                    "\ndata: " + Dump(DataOf(event)) + "\n\n");
    std::lock_guard lock(mutex_);
    texts_.emplace(key, text);
    while (texts_.size() > kKept) texts_.erase(texts_.begin());
    return text;
  }

 private:
  using Key = std::pair<d::Id, d::Id>;
  static constexpr std::size_t kKept = 8192;
  std::mutex mutex_;
  std::map<Key, std::shared_ptr<const std::string>> texts_;
};

struct EventQuery {
  std::set<std::string> types;  // empty: all
  d::LivePosition from;
  bool resumed = false;  // `from` came from the client
  std::int64_t limit = 100;
  bool stream = true;
};

core::Result<EventQuery> ParseEventQuery(const Request& req, const d::LiveFeed& feed) {
  EventQuery q;
  CL_RETURN_IF_ERROR(BoolParam(req, "stream", q.stream));
  CL_RETURN_IF_ERROR(IntParam(req, "limit", q.limit, 1, 1000));
  std::string types = req.get_param_value("types");
  for (size_t start = 0; !types.empty() && start <= types.size();) {
    const size_t comma = std::min(types.find(',', start), types.size());
    const std::string type = types.substr(start, comma - start);
    const auto& known = d::LiveEventTypes();
    if (std::find(known.begin(), known.end(), type) == known.end()) {
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
      return core::Status::Invalid("types",
                                   "unknown event type '" + type + "' (one of " + list + ")");
    }
    q.types.insert(type);
    start = comma + 1;
  }
  std::string since = req.get_param_value("since");
  if (since.empty()) since = req.get_header_value("Last-Event-ID");
  q.from = feed.Newest();
  if (!since.empty()) {
    auto position = d::ParseLivePosition(since);
    if (!position) {
      return core::Status::Invalid("since", "an event id as sent (\"<number>-<number>\")");
    }
    q.from = *position;
    q.resumed = true;
  }
  return q;
}

// One stream: a cursor in the feed and the caller, authenticated again at every heartbeat so
// that a stream ends with its session (logout, expiry, a deactivated user, a changed scope).
class EventStream final : public StreamBody {
 public:
  EventStream(Api& api, d::LiveFeed& feed, std::shared_ptr<RenderedEvents> rendered,
              std::string credential, d::Principal who, EventQuery q)
      : api_(api),
        feed_(feed),
        rendered_(std::move(rendered)),
        credential_(std::move(credential)),
        who_(std::move(who)),
        query_(std::move(q)) {}
  ~EventStream() override {
    if (subscription_) feed_.Unsubscribe(subscription_);
  }
  EventStream(const EventStream&) = delete;
  EventStream& operator=(const EventStream&) = delete;

  void Start(std::function<void()> wake) override {
    wake_ = wake;
    subscription_ = feed_.Subscribe(std::move(wake));
  }

  bool Pull(std::string& out, bool heartbeat) override {
    if (first_) {
      out += "retry: 3000\n\n";  // reconnect after 3 s
      first_ = false;
    }
    if (heartbeat) {
      auto again = api_.authenticate.Execute(credential_);
      if (!again.ok()) {
        out += "event: end\ndata: {\"reason\":\"session ended\"}\n\n";
        return false;
      }
      who_ = std::move(again.value());
    }
    constexpr std::size_t kLookPerPull = 2000;  // then the stream wakes itself to go on
    d::LiveFeed::Batch batch = feed_.Read(who_, query_.from, kLookPerPull);
    if (batch.gap && query_.resumed) {
      out += "event: reset\nid: " + d::FormatLivePosition(batch.next) +
             "\ndata: {\"reason\":\"events since the given id are no longer kept: reload\"}\n\n";
    }
    query_.resumed = true;  // from now on the position is the stream's own
    for (const d::LiveEvent& event : batch.events) {
      if (!query_.types.empty() && query_.types.count(event.type) == 0) continue;
      out += *rendered_->Get(event);
    }
    const d::LivePosition newest = feed_.Newest();
    const bool more = batch.next.event_id != newest.event_id ||
                      batch.next.notification_id != newest.notification_id;
    query_.from = batch.next;
    if (more && wake_) wake_();
    if (heartbeat && out.empty()) out += ": keep-alive\n\n";
    return true;
  }

 private:
  Api& api_;
  d::LiveFeed& feed_;
  std::shared_ptr<RenderedEvents> rendered_;
  std::string credential_;
  d::Principal who_;
  EventQuery query_;
  std::function<void()> wake_;
  std::uint64_t subscription_ = 0;
  bool first_ = true;
};

void HandleEvents(Api& api, const std::shared_ptr<RenderedEvents>& rendered, const Request& req,
                  Response& res) {
  auto who = AuthenticateRequest(api, req);
  if (!who.ok()) return SendError(res, who.status());
  res.caller_id = who->user_id;
  if (!api.live_feed) {
    return SendJson(
        res, 503,
        {{"error", {{"code", "unavailable"}, {"message", "this server has no live feed"}}}});
  }
  auto query = ParseEventQuery(req, *api.live_feed);
  if (!query.ok()) return SendError(res, query.status());
  if (!query->stream) {
    d::LiveFeed::Batch batch =
        api.live_feed->Read(*who, query->from, static_cast<std::size_t>(query->limit));
    json events = json::array();
    for (const d::LiveEvent& event : batch.events) {
      if (!query->types.empty() && query->types.count(event.type) == 0) continue;
      events.push_back({{"id", d::FormatLivePosition(event.position)},
                        {"type", event.type},
                        {"data", DataOf(event)}});
    }
    return SendJson(res, 200,
                    {{"events", std::move(events)},
                     {"cursor", d::FormatLivePosition(batch.next)},
                     {"reset", batch.gap && query->resumed}});
  }
  res.status = 200;
  res.set_header("Content-Type", "text/event-stream; charset=utf-8");
  res.set_header("X-Accel-Buffering", "no");  // nginx: pass events on at once
  res.stream = std::make_shared<EventStream>(api, *api.live_feed, rendered, CredentialOf(req), *who,
                                             std::move(*query));
}

}  // namespace

void RegisterEventRoutes(Router& router, Api& api) {
  auto rendered = std::make_shared<RenderedEvents>();
  router.Get("/api/v1/events",
             Endpoint([&api, rendered](const Request& req,
                                       Response& res) { HandleEvents(api, rendered, req, res); },
                      true, false));
}

}  // namespace closeloop::http
