#include "domain/live/live_feed.h"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "domain/unit_of_work.h"

namespace closeloop::domain {
namespace {

constexpr int kRoundRows = 1000;  // per sequence and round

const char* TypeOf(const LiveRecord& r) {
  if (r.is_notification) return "notification";
  switch (r.kind) {
    case EventKind::kCreated:
      return "complaint.created";
    case EventKind::kTransitioned:
      return "complaint.status_changed";
    case EventKind::kUpdated:
      return "complaint.updated";
    case EventKind::kNoteAdded:
      return "complaint.note_added";
    case EventKind::kAssigned:
      return "complaint.assigned";
    case EventKind::kEscalated:
      return "complaint.escalated";
    case EventKind::kSlaWarning:
      return "sla.warning";
    case EventKind::kSlaBreach:
      return "sla.breach";
    case EventKind::kCustomerUpdate:
      return "complaint.customer_update";
    case EventKind::kSurveyAnswered:
      return "complaint.survey_answered";
    case EventKind::kDelivered:
      return "complaint.delivered";
  }
  return "complaint.updated";
}

// Whether `p` is at or before `q` in both sequences.
bool NotAfter(const LivePosition& p, const LivePosition& q) {
  return p.event_id <= q.event_id && p.notification_id <= q.notification_id;
}

}  // namespace

const std::vector<std::string>& LiveEventTypes() {
  static const std::vector<std::string> kTypes = {"complaint.created",
                                                  "complaint.status_changed",
                                                  "complaint.updated",
                                                  "complaint.note_added",
                                                  "complaint.assigned",
                                                  "complaint.escalated",
                                                  "sla.warning",
                                                  "sla.breach",
                                                  "complaint.customer_update",
                                                  "complaint.survey_answered",
                                                  "complaint.delivered",
                                                  "notification"};
  return kTypes;
}

std::string FormatLivePosition(const LivePosition& position) {
  return std::to_string(position.event_id) + "-" + std::to_string(position.notification_id);
}

std::optional<LivePosition> ParseLivePosition(const std::string& text) {
  const size_t dash = text.find('-');
  if (dash == 0 || dash == std::string::npos || dash + 1 == text.size() || text.size() > 40) {
    return std::nullopt;
  }
  auto number = [](const std::string& digits) -> std::optional<Id> {
    if (digits.size() > 18 || !std::all_of(digits.begin(), digits.end(), ::isdigit)) {
      return std::nullopt;
    }
    return std::stoll(digits);
  };
  auto events = number(text.substr(0, dash));
  auto notifications = number(text.substr(dash + 1));
  if (!events || !notifications) return std::nullopt;
  return LivePosition{*events, *notifications};
}

LiveFeed::LiveFeed(const Context& ctx, std::size_t capacity)
    : ctx_(ctx), capacity_(capacity < 2 ? 2 : capacity) {}

bool LiveFeed::Round() {
  std::vector<LiveRecord> events, notifications;
  const core::Status read = ctx_.store.Read([&](Repositories& repos) {
    if (!started_) {
      const LivePosition newest = repos.live().Newest();
      const auto back = static_cast<Id>(capacity_ / 2);
      read_ = {std::max<Id>(0, newest.event_id - back),
               std::max<Id>(0, newest.notification_id - back)};
    }
    events = repos.live().EventsAfter(read_.event_id, kRoundRows);
    notifications = repos.live().NotificationsAfter(read_.notification_id, kRoundRows);
    return core::Status::Ok();
  });
  if (!read.ok()) {
    std::fprintf(stderr, "live feed: %s\n", read.ToString().c_str());
    return false;
  }
  const LivePosition start = read_;
  // Both sequences merged by time (complaint events first on a tie); each kept event moves one
  // of the two ids, so positions only grow.
  std::vector<LiveEvent> kept;
  kept.reserve(events.size() + notifications.size());
  size_t e = 0, n = 0;
  while (e < events.size() || n < notifications.size()) {
    const bool take_event =
        n == notifications.size() || (e < events.size() && events[e].at <= notifications[n].at);
    LiveRecord& record = take_event ? events[e++] : notifications[n++];
    (take_event ? read_.event_id : read_.notification_id) = record.id;
    LiveEvent event{read_, TypeOf(record), std::make_shared<const LiveRecord>(std::move(record))};
    kept.push_back(std::move(event));
  }
  {
    std::unique_lock lock(events_mutex_);
    if (!started_) {
      before_first_ = start;
      started_ = true;
    }
    for (LiveEvent& event : kept) events_.push_back(std::move(event));
    while (events_.size() > capacity_) {
      before_first_ = events_.front().position;
      events_.pop_front();
    }
  }
  if (!kept.empty()) {
    std::vector<std::function<void()>> wakes;
    {
      std::lock_guard lock(readers_mutex_);
      wakes.reserve(readers_.size());
      for (const auto& [id, wake] : readers_) wakes.push_back(wake);
    }
    for (const auto& wake : wakes) wake();
  }
  return static_cast<int>(events.size()) == kRoundRows ||
         static_cast<int>(notifications.size()) == kRoundRows;
}

LivePosition LiveFeed::Newest() const {
  std::shared_lock lock(events_mutex_);
  return events_.empty() ? before_first_ : events_.back().position;
}

LiveFeed::Batch LiveFeed::Read(const Principal& who, const LivePosition& from,
                               std::size_t max) const {
  std::shared_lock lock(events_mutex_);
  Batch out;
  const LivePosition newest = events_.empty() ? before_first_ : events_.back().position;
  if (!NotAfter(from, newest)) {  // not a position of this feed: start again from now
    out.gap = true;
    out.next = newest;
    return out;
  }
  LivePosition start = from;
  if (!NotAfter(before_first_, from)) {  // older than what is kept
    out.gap = true;
    start = before_first_;
  }
  out.next = start;
  auto it = std::partition_point(events_.begin(), events_.end(), [&](const LiveEvent& event) {
    return NotAfter(event.position, start);
  });
  for (std::size_t looked = 0; it != events_.end() && looked < max; ++it, ++looked) {
    out.next = it->position;
    if (Visible(who, *it->record)) out.events.push_back(*it);
  }
  return out;
}

std::uint64_t LiveFeed::Subscribe(std::function<void()> wake) {
  std::lock_guard lock(readers_mutex_);
  const std::uint64_t id = next_subscription_++;
  readers_.emplace(id, std::move(wake));
  return id;
}

void LiveFeed::Unsubscribe(std::uint64_t subscription) {
  std::lock_guard lock(readers_mutex_);
  readers_.erase(subscription);
}

std::size_t LiveFeed::Readers() const {
  std::lock_guard lock(readers_mutex_);
  return readers_.size();
}

bool LiveFeed::Visible(const Principal& who, const LiveRecord& record) const {
  if (record.is_notification) return record.user_id == who.user_id;
  if (!ctx_.policy.Allows(who, Permission::kComplaintRead)) return false;
  return ctx_.policy.InScope(who, record.place) || ctx_.policy.HasTeamAmong(who, record.task_teams);
}

}  // namespace closeloop::domain
