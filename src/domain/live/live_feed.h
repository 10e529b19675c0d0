// The live feed behind GET /api/v1/events: what was committed a moment ago, for the screens that
// show it without reloading (new complaints, assignments, status changes, SLA warnings and
// breaches, the reader's own notifications).
//
// One reader of the store for every stream: a round (a jobs::Scheduler loop, 100 ms) reads the
// complaint events and notifications committed since the last round, keeps the newest
// `capacity` of them in memory and wakes the streams; each stream then takes, from that memory,
// what its reader may see. So a thousand open streams cost their sockets and one small cursor
// each, never a query each. Committed rows only: a change that rolls back is never shown.
//
// Relies on the single writer: ids are given in commit order (a PostgreSQL store must order the
// feed by commit, e.g. with a sequence taken at commit).
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "domain/context.h"
#include "domain/live/repository.h"

namespace closeloop::domain {

// A position as it travels (the SSE event id, the `cursor` of a poll): "<event id>-<notification
// id>"; null when malformed.
std::string FormatLivePosition(const LivePosition& position);
std::optional<LivePosition> ParseLivePosition(const std::string& text);

struct LiveEvent {
  LivePosition position;                     // the feed's position after this event
  const char* type = "";                     // "complaint.created" … (LiveEventTypes lists them)
  std::shared_ptr<const LiveRecord> record;  // shared by every reader's copy of the event
};

// Every type a stream may carry, for filters and documentation.
const std::vector<std::string>& LiveEventTypes();

class LiveFeed {
 public:
  explicit LiveFeed(const Context& ctx, std::size_t capacity = 10000);
  LiveFeed(const LiveFeed&) = delete;
  LiveFeed& operator=(const LiveFeed&) = delete;

  // One round: keeps what was committed since the last one and wakes the readers when there
  // was any. The first round starts half the capacity back, so that readers reconnecting after
  // a restart find what they missed. Returns whether more is waiting (a busy feed goes on at
  // once).
  bool Round();

  // The position after the newest event kept: a new reader starts here.
  LivePosition Newest() const;

  struct Batch {
    std::vector<LiveEvent> events;  // what the reader may see, oldest first
    LivePosition next;              // where the reader goes on from
    // Events after the reader's position are no longer kept (it was away too long, or the
    // position is not this database's): what it shows must be reloaded.
    bool gap = false;
  };
  // The events after `from` that `who` may see, at most `max` looked at.
  Batch Read(const Principal& who, const LivePosition& from, std::size_t max) const;

  // `wake` is called on the feed's thread after every round that kept something, until
  // Unsubscribe; it must only signal (post to the reader's thread), never block.
  std::uint64_t Subscribe(std::function<void()> wake);
  void Unsubscribe(std::uint64_t subscription);
  std::size_t Readers() const;

  // Whether `who` may see this record: their own notifications; complaint events of the
  // complaints they may read (data scope, or a task of one of their department teams).
  bool Visible(const Principal& who, const LiveRecord& record) const;

 private:
  const Context& ctx_;
  std::size_t capacity_;
  bool started_ = false;
  LivePosition read_;  // the round's position in the store (the round's thread only)

  mutable std::shared_mutex events_mutex_;
  std::deque<LiveEvent> events_;
  LivePosition before_first_;  // the position just before the oldest event kept

  mutable std::mutex readers_mutex_;
  std::uint64_t next_subscription_ = 1;
  std::map<std::uint64_t, std::function<void()>> readers_;
};

}  // namespace closeloop::domain
