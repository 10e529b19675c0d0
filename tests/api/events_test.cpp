// GET /api/v1/events (issue 14): the live feed over real loopback sockets — server-sent events
// within the caller's scope, the caller's own notifications, resuming with Last-Event-ID, the
// JSON page for pollers, streams that end with their session or with the server, and a
// thousand streams at once. The feed's rounds run when the test says (live_feed->Round()).
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "api/api_fixture.h"
#include "api/raw_socket.h"

namespace closeloop::testing {
namespace {

using nlohmann::json;

// An open stream and everything it has received so far.
class Stream {
 public:
  explicit Stream(int port) : socket_(port) {}
  bool connected() const { return socket_.connected(); }
  void Send(const std::string& bytes) { socket_.Send(bytes); }
  // Everything received once `marker` is among it (or after 5 s without it).
  const std::string& Until(const std::string& marker) {
    if (received_.find(marker) == std::string::npos) received_ += socket_.ReceiveUntil(marker);
    return received_;
  }
  // Everything received after `seconds` more.
  const std::string& After(int seconds) {
    received_ += socket_.ReceiveAll(std::chrono::seconds(seconds));
    return received_;
  }
  bool ClosedWithin(std::chrono::seconds timeout) { return socket_.ClosedWithin(timeout); }

 private:
  RawSocket socket_;
  std::string received_;
};

class Events : public ApiFixture {
 protected:
  void Configure(http::ServerOptions& options) override { options.stream_heartbeat_seconds = 1; }

  // Opens a stream; the head and the first comment have arrived when it returns.
  std::unique_ptr<Stream> Open(const std::string& token, const std::string& extra = "",
                               const std::string& query = "") {
    auto socket = std::make_unique<Stream>(port);
    EXPECT_TRUE(socket->connected());
    socket->Send("GET /api/v1/events" + query + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                 token + "\r\n" + extra + "\r\n");
    const std::string head = socket->Until("retry: 3000");
    EXPECT_NE(head.find("200 OK"), std::string::npos) << head;
    EXPECT_NE(head.find("text/event-stream"), std::string::npos) << head;
    return socket;
  }
  std::string FileIn(std::optional<domain::Id> region, const domain::Principal& who) {
    return world->File(who, region).complaint.reference;
  }
};

TEST_F(Events, AStreamShowsNewComplaintsWithinTheCallersScopeOnly) {
  auto stream = Open(TokenOf(world->east_agent));
  const std::string north = FileIn(world->north, world->admin);
  const std::string east = FileIn(world->east, world->admin);
  live_feed->Round();
  const std::string got = stream->Until(east);
  EXPECT_NE(got.find("event: complaint.created"), std::string::npos) << got;
  EXPECT_NE(got.find("\"reference\":\"" + east + "\""), std::string::npos) << got;
  EXPECT_EQ(got.find(north), std::string::npos) << "a complaint of another region leaked: " << got;
  // No free text and no personal data travel in events.
  EXPECT_EQ(got.find("猫粮"), std::string::npos) << got;
  EXPECT_EQ(got.find("138"), std::string::npos) << got;

  // The unscoped manager sees both.
  auto manager = Open(TokenOf(world->manager), "Last-Event-ID: 0-0\r\n");
  const std::string all = manager->Until(east);
  EXPECT_NE(all.find(north), std::string::npos) << all;
}

TEST_F(Events, TheCallersOwnNotificationsAreStreamedToThemAlone) {
  const std::string ref = FileIn(world->east, world->admin);
  auto agent = Open(TokenOf(world->east_agent));
  auto other = Open(TokenOf(world->agent));
  auto assigned = Call("POST", "/api/v1/complaints/" + ref + "/assign", TokenOf(world->manager),
                       json{{"assignee_id", world->east_agent.user_id}, {"reason", "区域"}});
  ASSERT_EQ(assigned.status, 200) << assigned.raw;
  live_feed->Round();
  const std::string got = agent->Until("event: notification");
  EXPECT_NE(got.find("event: complaint.assigned"), std::string::npos) << got;
  EXPECT_NE(got.find("event: notification"), std::string::npos) << got;
  EXPECT_NE(got.find("\"kind\":\"assigned\""), std::string::npos) << got;
  // Another agent (unscoped, so it sees the complaint's events) never gets her notification.
  const std::string seen = other->Until("event: complaint.assigned");
  EXPECT_NE(seen.find("complaint.assigned"), std::string::npos) << seen;
  const std::string after = other->After(2);
  EXPECT_EQ(after.find("event: notification"), std::string::npos) << after;
}

TEST_F(Events, APollerGetsAPageSinceItsCursorAndBadParametersAreNamed) {
  const std::string token = TokenOf(world->manager);
  auto start = Call("GET", "/api/v1/events?stream=false", token);
  ASSERT_EQ(start.status, 200) << start.raw;
  EXPECT_TRUE(start.body["events"].empty());
  const std::string cursor = start.body["cursor"];
  const std::string ref = FileIn(world->east, world->admin);
  live_feed->Round();
  auto page = Call("GET", "/api/v1/events?stream=false&since=" + cursor, token);
  ASSERT_EQ(page.status, 200) << page.raw;
  ASSERT_FALSE(page.body["events"].empty()) << page.raw;
  EXPECT_EQ(page.body["events"][0]["type"], "complaint.created");
  EXPECT_EQ(page.body["events"][0]["data"]["complaint"]["reference"], ref);
  EXPECT_EQ(page.body["reset"], false);
  EXPECT_NE(page.body["cursor"], cursor);
  auto filtered =
      Call("GET", "/api/v1/events?stream=false&types=sla.breach&since=" + cursor, token);
  EXPECT_TRUE(filtered.body["events"].empty()) << filtered.raw;
  auto again = Call(
      "GET", "/api/v1/events?stream=false&since=" + page.body["cursor"].get<std::string>(), token);
  EXPECT_TRUE(again.body["events"].empty()) << again.raw;

  auto bad_type = Call("GET", "/api/v1/events?types=complaint.deleted", token);
  EXPECT_EQ(bad_type.status, 422);
  EXPECT_EQ(bad_type.body["error"]["field"], "types") << bad_type.raw;
  auto bad_since = Call("GET", "/api/v1/events?since=yesterday", token);
  EXPECT_EQ(bad_since.status, 422);
  EXPECT_EQ(bad_since.body["error"]["field"], "since") << bad_since.raw;
  auto misspelt = Call("GET", "/api/v1/events?tpyes=x", token);
  EXPECT_EQ(misspelt.status, 422) << misspelt.raw;
  EXPECT_EQ(Call("GET", "/api/v1/events?stream=false", "").status, 401);
}

TEST_F(Events, AReconnectingStreamGetsWhatItMissedFromItsLastEventId) {
  const std::string token = TokenOf(world->manager);
  const std::string cursor = Call("GET", "/api/v1/events?stream=false", token).body["cursor"];
  const std::string missed = FileIn(world->east, world->admin);
  live_feed->Round();
  auto stream = Open(token, "Last-Event-ID: " + cursor + "\r\n");
  const std::string got = stream->Until(missed);
  EXPECT_NE(got.find(missed), std::string::npos) << got;
  EXPECT_EQ(got.find("event: reset"), std::string::npos) << got;
  // An id from another database (beyond anything here) asks the client to reload.
  auto stranger = Open(token, "Last-Event-ID: 999999-999999\r\n");
  const std::string reset = stranger->Until("event: reset");
  EXPECT_NE(reset.find("event: reset"), std::string::npos) << reset;
}

TEST_F(Events, AStreamEndsWhenItsSessionEnds) {
  const std::string token = Login(world->east_agent.username);
  auto stream = Open(token);
  ASSERT_EQ(Call("POST", "/api/v1/auth/logout", token).status, 204);
  // The next heartbeat (1 s here) authenticates again, says why and closes.
  const std::string got = stream->After(5);
  EXPECT_NE(got.find("event: end"), std::string::npos) << got;
  EXPECT_NE(got.find("0\r\n\r\n"), std::string::npos) << "no last chunk: " << got;
}

TEST_F(Events, AQuietStreamGetsHeartbeatsAndTheServerStopsWithStreamsOpen) {
  auto stream = Open(TokenOf(world->agent));
  const std::string beat = stream->Until(": keep-alive");
  EXPECT_NE(beat.find(": keep-alive"), std::string::npos) << beat;
  EXPECT_EQ(live_feed->Readers(), 1u);
  server().Stop();
  EXPECT_TRUE(stream->ClosedWithin(std::chrono::seconds(3)));
}

TEST_F(Events, AThousandOpenStreamsAllGetTheNewComplaint) {
  const std::string token = TokenOf(world->manager);
  std::vector<std::unique_ptr<Stream>> streams;
  for (int i = 0; i < 1000; ++i) streams.push_back(Open(token));
  EXPECT_EQ(live_feed->Readers(), 1000u);
  const std::string ref = FileIn(world->east, world->admin);
  live_feed->Round();
  int got = 0;
  for (auto& s : streams) got += s->Until(ref).find(ref) != std::string::npos ? 1 : 0;
  EXPECT_EQ(got, 1000);
  // The server still answers other requests at once.
  EXPECT_EQ(Call("GET", "/api/v1/auth/me", token).status, 200);
  streams.clear();
}

// A minute between heartbeats: what ends a stream here is the client going away.
class EventsWithRareHeartbeats : public Events {
 protected:
  void Configure(http::ServerOptions& options) override { options.stream_heartbeat_seconds = 60; }
};

// Regression: a stream whose client had closed held its memory until the next heartbeat's write
// failed (15 s by default; 1,000 abandoned streams kept 8.7 MB).
TEST_F(EventsWithRareHeartbeats, AStreamWhoseClientLeftIsLetGoAtOnce) {
  {
    std::vector<std::unique_ptr<Stream>> streams;
    for (int i = 0; i < 20; ++i) streams.push_back(Open(TokenOf(world->agent)));
    EXPECT_EQ(live_feed->Readers(), 20u);
  }  // the clients close their sockets
  for (int i = 0; i < 100 && live_feed->Readers() > 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(live_feed->Readers(), 0u);
  EXPECT_EQ(Call("GET", "/api/v1/auth/me", TokenOf(world->agent)).status, 200);
}

}  // namespace
}  // namespace closeloop::testing
