// Outbound messages pushed to the channel's integration as signed webhooks, with real parts: the
// API server, the durable jobs, libcurl, and a real HTTP receiver on loopback (cpp-httplib) that
// checks the signature with the source's secret the way an integration would.
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "api/api_fixture.h"
#include "app/job_commands.h"
#include "security/hmac_authenticator.h"

namespace closeloop::testing {
namespace {

using nlohmann::json;

// An integration's endpoint: answers `status` and keeps what it received.
class Receiver {
 public:
  Receiver() {
    server_.Post("/hook", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard lock(mutex_);
      bodies_.push_back(req.body);
      signatures_.push_back(req.get_header_value("X-Closeloop-Signature"));
      deliveries_.push_back(req.get_header_value("X-Closeloop-Delivery"));
      res.status = status_;
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    for (int i = 0; i < 200 && !server_.is_running(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  ~Receiver() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }
  void Answer(int status) { status_ = status; }
  size_t Count() {
    std::lock_guard lock(mutex_);
    return bodies_.size();
  }
  std::string Body(size_t i) {
    std::lock_guard lock(mutex_);
    return bodies_.at(i);
  }
  std::string Signature(size_t i) {
    std::lock_guard lock(mutex_);
    return signatures_.at(i);
  }
  std::string Delivery(size_t i) {
    std::lock_guard lock(mutex_);
    return deliveries_.at(i);
  }

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::atomic<int> status_{200};
  std::mutex mutex_;
  std::vector<std::string> bodies_, signatures_, deliveries_;
};

class OutboundWebhooks : public ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    admin = TokenOf(world->admin);
  }

  // A Tmall source whose outbound messages go to `url` ("": none, they are fetched); returns
  // its secret.
  std::string Source(const std::string& url) {
    json body{{"name", "tmall"},
              {"channel", "ecommerce"},
              {"user_id", world->agent.user_id},
              {"mapping", {{"description", "/content"}, {"external_id", "/id"}}}};
    if (!url.empty()) body["delivery_url"] = url;
    auto made = Call("POST", "/api/v1/intake-sources", admin, body);
    EXPECT_EQ(made.status, 201) << made.raw;
    EXPECT_EQ(made.body["delivery_url"], url.empty() ? json(nullptr) : json(url));
    source_id = made.body["id"].get<long>();
    return made.body.value("secret", "");
  }

  // An e-commerce complaint of a Tmall buyer, in region East.
  std::string Complaint() {
    auto created = Call(
        "POST", "/api/v1/complaints", admin,
        json{{"description", "买的猫砂漏了一地"},
             {"channel", "ecommerce"},
             {"region_id", world->east},
             {"customer", {{"name", "买家"}, {"platform", "tmall"}, {"account_id", "buyer42"}}}});
    EXPECT_EQ(created.status, 201) << created.raw;
    return "/api/v1/complaints/" + created.body["reference"].get<std::string>();
  }

  void Reply(const std::string& path, const std::string& text) {
    auto note =
        Call("POST", path + "/notes", admin, json{{"body", text}, {"visibility", "public"}});
    ASSERT_EQ(note.status, 201) << note.raw;
  }

  int RunJobs() {
    app::JobWorker worker(world->ctx());
    int ran = 0;
    for (int n = *worker.RunDue(100); n > 0; n = *worker.RunDue(100)) ran += n;
    return ran;
  }

  size_t Pending() {
    auto pending = Call("GET", "/api/v1/outbound-messages?channel=ecommerce", admin);
    EXPECT_EQ(pending.status, 200) << pending.raw;
    return pending.body["items"].size();
  }

  std::string admin;
  long source_id = 0;
};

TEST_F(OutboundWebhooks, AReplyIsPushedSignedAndRecordedDeliveredAndAFailureIsRetried) {
  Receiver receiver;
  const std::string secret = Source(receiver.url());
  ASSERT_FALSE(secret.empty());
  const std::string path = Complaint();
  Reply(path, "您好，已为您补发一袋猫砂。");
  EXPECT_EQ(Pending(), 1u);
  RunJobs();
  ASSERT_EQ(receiver.Count(), 1u);
  const json pushed = json::parse(receiver.Body(0));
  EXPECT_EQ(pushed["channel"], "ecommerce");
  EXPECT_EQ(pushed["purpose"], "reply");
  EXPECT_EQ(pushed["recipient"], "tmall:buyer42");
  EXPECT_EQ(pushed["body"], "您好，已为您补发一袋猫砂。");
  EXPECT_EQ(pushed["complaint"], path.substr(path.rfind('/') + 1));
  EXPECT_EQ(receiver.Delivery(0), std::to_string(pushed["id"].get<long>()));
  // The integration checks the signature of the raw body with the source's secret.
  security::HmacSha256Authenticator hmac;
  const std::string signature = receiver.Signature(0);
  ASSERT_EQ(signature.rfind("sha256=", 0), 0u) << signature;
  EXPECT_TRUE(hmac.Verify(secret, receiver.Body(0), signature.substr(7)));
  EXPECT_FALSE(hmac.Verify("whsec_other", receiver.Body(0), signature.substr(7)));
  EXPECT_EQ(Pending(), 0u);  // delivered: nothing left to fetch
  EXPECT_NE(Call("GET", path + "/history", admin).raw.find("delivered to the channel's webhook"),
            std::string::npos);

  // The receiver is down: the message stays fetchable and the push is tried again later.
  receiver.Answer(503);
  Reply(path, "物流单号已发送。");
  RunJobs();
  EXPECT_EQ(receiver.Count(), 2u);
  EXPECT_EQ(Pending(), 1u);
  receiver.Answer(200);
  world->clock().Advance(2 * core::kMinute);  // past the first retry's backoff
  admin = Login(world->admin.username);
  RunJobs();
  EXPECT_EQ(receiver.Count(), 3u);
  EXPECT_EQ(Pending(), 0u);
  EXPECT_EQ(receiver.Body(1), receiver.Body(2));  // the same delivery, the same id
}

TEST_F(OutboundWebhooks, WithoutADeliveryUrlMessagesWaitToBeFetched) {
  Receiver receiver;
  Source("");
  const std::string path = Complaint();
  Reply(path, "您好，我们正在处理。");
  RunJobs();
  EXPECT_EQ(receiver.Count(), 0u);
  EXPECT_EQ(Pending(), 1u);
}

TEST_F(OutboundWebhooks, BadDeliveryUrlsAreRefusedNamingTheFieldAndNothingChanges) {
  for (const char* bad : {"ftp://x.example/hook", "http://", "http://a b", "hook"}) {
    auto refused = Call("POST", "/api/v1/intake-sources", admin,
                        json{{"name", "jd"},
                             {"channel", "ecommerce"},
                             {"user_id", world->agent.user_id},
                             {"mapping", {{"description", "/c"}, {"external_id", "/id"}}},
                             {"delivery_url", bad}});
    EXPECT_EQ(refused.status, 422) << bad;
    EXPECT_EQ(refused.body["error"]["field"], "delivery_url") << refused.raw;
  }
  Source("https://integration.example/closeloop");
  const std::string path = "/api/v1/intake-sources/" + std::to_string(source_id);
  EXPECT_EQ(Call("PATCH", path, admin, json{{"delivery_url", "gopher://x"}}).body["error"]["field"],
            "delivery_url");
  EXPECT_EQ(Call("PATCH", path, admin, json{{"delivery_url", "https://new.example"}, {"active", 1}})
                .body["error"]["field"],
            "active");
  auto listed = Call("GET", "/api/v1/intake-sources", admin);
  EXPECT_EQ(listed.body["items"][0]["delivery_url"], "https://integration.example/closeloop");
  auto cleared = Call("PATCH", path, admin, json{{"delivery_url", nullptr}});
  ASSERT_EQ(cleared.status, 200) << cleared.raw;
  EXPECT_TRUE(cleared.body["delivery_url"].is_null());
  EXPECT_EQ(
      Call("PATCH", path, TokenOf(world->manager), json{{"delivery_url", "https://x.example"}})
          .status,
      403);
}

}  // namespace
}  // namespace closeloop::testing
