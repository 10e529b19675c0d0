// Surveys and the closed loop end to end with real parts: the API server, the fake clock, the
// durable jobs, and a real SMTP server on loopback (Debian's python3-aiosmtpd writing a Maildir)
// that receives the survey mail; the link in the received mail answers the survey page. Resolve
// → survey after delay_minutes → reminder → CSAT 1 through the page → callback due in its SLA →
// root cause at the product's owner → improvement action through PDCA → effect check.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "api/api_fixture.h"
#include "app/job_commands.h"
#include "domain/intake/mail.h"
#include "ingest/smtp_transport.h"

namespace closeloop::testing {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

int FreePort() {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(s, reinterpret_cast<sockaddr*>(&addr), &len);
  close(s);
  return ntohs(addr.sin_port);
}

bool CanConnect(int port) {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = connect(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(s);
  return ok;
}

std::string DecodeBase64(const std::string& in) {
  static const std::string alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  int bits = 0, value = 0;
  for (char c : in) {
    const size_t v = alphabet.find(c);
    if (v == std::string::npos) continue;  // line breaks, padding
    value = (value << 6) | static_cast<int>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((value >> bits) & 0xFF);
    }
  }
  return out;
}

// A real SMTP server on loopback that writes what it receives to a Maildir.
class SmtpServer {
 public:
  explicit SmtpServer(const fs::path& maildir) : maildir_(maildir) {
    for (const char* sub : {"tmp", "new", "cur"}) fs::create_directories(maildir / sub);
    port_ = FreePort();
    pid_ = fork();
    if (pid_ == 0) {
      const std::string listen = "127.0.0.1:" + std::to_string(port_);
      execl("/usr/bin/python3", "python3", "-m", "aiosmtpd", "-n", "-l", listen.c_str(), "-c",
            "aiosmtpd.handlers.Mailbox", maildir.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    for (int i = 0; i < 100 && !CanConnect(port_); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  ~SmtpServer() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
  }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  bool Up() const { return CanConnect(port_); }
  // The decoded bodies of the messages received, oldest first (subject line first).
  std::vector<std::string> Messages() const {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(maildir_ / "new")) files.push_back(e.path());
    std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) {
      return fs::last_write_time(a) < fs::last_write_time(b);
    });
    std::vector<std::string> out;
    for (const auto& f : files) {
      std::ifstream in(f);
      std::stringstream text;
      text << in.rdbuf();
      const std::string raw = text.str();
      const size_t body =
          raw.find("\n\n") != std::string::npos ? raw.find("\n\n") : raw.find("\r\n\r\n");
      out.push_back(raw.substr(0, body) + "\n" + DecodeBase64(raw.substr(body)));
    }
    return out;
  }

 private:
  fs::path maildir_;
  int port_ = 0;
  pid_t pid_ = -1;
};

// The link secret in a received survey mail (the one-click CSAT link of `score`).
std::string SecretIn(const std::string& mail, int score) {
  std::smatch m;
  const std::regex link("/s/([A-Za-z0-9_-]+)\\?csat=" + std::to_string(score));
  if (!std::regex_search(mail, m, link)) return "";
  return m[1];
}

class SurveyLoop : public ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    admin = TokenOf(world->admin);
    qc_team = AddQcDepartment();
    qc = Login(world->department.username);
    agent = TokenOf(world->east_agent);
    filer = TokenOf(world->agent);
  }

  // Files a product-quality complaint by email for a customer and resolves it; returns its path.
  // Files a complaint of the customer with this email in `region` (east by default) as `by`
  // (the filer by default), and takes it to resolved, assigned to the region's agent.
  std::string Resolved(const std::string& email, const std::string& text = "猫粮发霉，要求退款",
                       std::optional<domain::Id> region = std::nullopt, std::string by = "") {
    auto created = Call("POST", "/api/v1/complaints", by.empty() ? filer : by,
                        json{{"description", text},
                             {"channel", "email"},
                             {"region_id", region.value_or(world->east)},
                             {"customer", {{"name", "李娜"}, {"email", email}}}});
    EXPECT_EQ(created.status, 201) << created.raw;
    const std::string path = "/api/v1/complaints/" + created.body["reference"].get<std::string>();
    EXPECT_EQ(Call("PATCH", path, admin, json{{"type", "quality"}, {"category", "other"}}).status,
              200);
    for (const json& move :
         {json{{"to", "classified"}},
          json{{"to", "assigned"},
               {"assignee_id",
                region == world->north ? world->north_agent.user_id : world->east_agent.user_id}},
          json{{"to", "in_progress"}}}) {
      EXPECT_EQ(Call("POST", path + "/transitions", admin, move).status, 200);
    }
    // The cause lies with quality: the root-cause item goes to QC.
    EXPECT_EQ(Call("PATCH", path, admin, json{{"category", "product_quality"}}).status, 200);
    auto listed = Call("GET", path + "/tasks", admin);
    for (const json& task : listed.body["items"]) {
      auto done = Call("PATCH", "/api/v1/tasks/" + std::to_string(task["id"].get<long>()), qc,
                       json{{"status", "done"}});
      EXPECT_EQ(done.status, 200) << done.raw;
    }
    auto resolved = Call("POST", path + "/transitions",
                         region == world->north ? TokenOf(world->north_agent) : agent,
                         json{{"to", "resolved"}, {"resolution", {{"remedy", "replacement"}}}});
    EXPECT_EQ(resolved.status, 200) << resolved.raw;
    return path;
  }

  // Moves the fake clock on; sessions last 12 hours, so everyone logs in again.
  void Advance(core::UnixMillis by) {
    world->clock().Advance(by);
    admin = Login(world->admin.username);
    agent = Login(world->east_agent.username);
    qc = Login(world->department.username);
    filer = Login(world->agent.username);
  }

  void RunJobs() {
    app::JobWorker worker(world->ctx());
    while (*worker.RunDue(100) > 0) {
    }
  }

  int SendMail(const std::string& smtp_url) {
    ingest::SmtpTransport transport({smtp_url, "", "", false, 5});
    domain::DeliverOutbox outbox(world->ctx(), transport);
    auto report = outbox.RunOnce(100);
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    return report.ok() ? report->sent : -1;
  }

  json Surveys(const std::string& path) {
    auto s = Call("GET", path + "/surveys", admin);
    EXPECT_EQ(s.status, 200) << s.raw;
    return s.body;
  }

  std::string admin, agent, qc, filer;
  long qc_team = 0;
};

TEST_F(SurveyLoop, ResolvedSurveyedRemindedAnsweredLowThenCallbackAndRootCause) {
  TempDir mail;
  SmtpServer smtp(mail.path());
  ASSERT_TRUE(smtp.Up()) << "python3 -m aiosmtpd did not start";
  const std::string path = Resolved("li.na@example.cn");

  json s = Surveys(path);
  ASSERT_EQ(s["invitations"].size(), 1u) << s;
  EXPECT_EQ(s["invitations"][0]["status"], "scheduled");
  EXPECT_EQ(s["invitations"][0]["send_at"], "2026-11-23T02:00:00Z");  // delay_minutes 1440
  RunJobs();
  EXPECT_EQ(Surveys(path)["invitations"][0]["status"], "scheduled");

  Advance(24 * core::kHour);
  RunJobs();
  s = Surveys(path);
  EXPECT_EQ(s["invitations"][0]["status"], "sent");
  EXPECT_EQ(s["invitations"][0]["template"], "short");  // the customer's first complaint
  EXPECT_EQ(s["invitations"][0]["expires_at"], "2026-12-21T02:00:00Z");  // 28 days
  ASSERT_EQ(SendMail(smtp.url()), 1);
  std::vector<std::string> received;
  for (int i = 0; i < 50 && received.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    received = smtp.Messages();
  }
  ASSERT_EQ(received.size(), 1u);
  const std::string first = SecretIn(received[0], 1);
  ASSERT_GE(first.size(), 22u) << received[0];  // ≥ 128 bits
  EXPECT_NE(received[0].find("/opt-out"), std::string::npos);
  // Staff never see the link: not in the surveys, the history or the timeline.
  for (const char* sub : {"/surveys", "/history", "/notes", ""}) {
    EXPECT_EQ(Call("GET", path + sub, admin).raw.find(first), std::string::npos) << sub;
  }

  // Unanswered: one reminder, with a link of its own.
  Advance(72 * core::kHour);
  RunJobs();
  EXPECT_EQ(Surveys(path)["invitations"][0]["status"], "reminded");
  ASSERT_EQ(SendMail(smtp.url()), 1);
  for (int i = 0; i < 50 && received.size() < 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    received = smtp.Messages();
  }
  ASSERT_EQ(received.size(), 2u);
  const std::string second = SecretIn(received[1], 1);
  ASSERT_FALSE(second.empty());
  EXPECT_NE(first, second);

  // One click on a score opens the page with it filled in.
  auto page = Call("GET", "/s/" + first + "?csat=1", "");
  ASSERT_EQ(page.status, 200) << page.raw;
  EXPECT_NE(page.raw.find("value=\"1\" checked"), std::string::npos);
  EXPECT_EQ(page.headers.find("Cache-Control")->second, "no-store");
  EXPECT_EQ(page.headers.find("Referrer-Policy")->second, "no-referrer");

  auto answered =
      Call("POST", "/s/" + first, "",
           "csat=1&reasons=slow&reasons=unresolved&comment=%3Cscript%3Ealert(1)"
           "%3C%2Fscript%3E+%E5%A4%AA%E6%85%A2%E4%BA%86%EF%BC%8C%E5%BE%88%E5%A4%B1%E6%9C%9B",
           {{"Content-Type", "application/x-www-form-urlencoded"}});
  ASSERT_EQ(answered.status, 200) << answered.raw;
  EXPECT_NE(answered.raw.find("&lt;script&gt;"), std::string::npos);
  EXPECT_EQ(answered.raw.find("<script>"), std::string::npos);
  // The other tab (the reminder's link) and a replay see the answer, and nothing is stored twice.
  auto again = Call("POST", "/s/" + second, "", "csat=5",
                    {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(again.status, 200);
  EXPECT_NE(again.raw.find("&lt;script&gt;"), std::string::npos);
  s = Surveys(path);
  ASSERT_EQ(s["responses"].size(), 1u) << s;
  EXPECT_EQ(s["responses"][0]["csat"], 1);
  EXPECT_EQ(s["responses"][0]["reasons"], json({"slow", "unresolved"}));
  EXPECT_EQ(s["responses"][0]["source"], "survey");
  EXPECT_LT(s["responses"][0]["comment_sentiment"].get<double>(), 0);
  EXPECT_EQ(s["invitations"][0]["status"], "answered");

  // The inner loop: a callback for the specialist, due in its 72 h; the outer loop: the cause
  // at the owner (quality → QC).
  auto tasks = Call("GET", path + "/tasks", agent);
  json callback, cause;
  for (const json& t : tasks.body["items"]) {
    if (t["kind"] == "callback") callback = t;
    if (t["kind"] == "root_cause") cause = t;
  }
  ASSERT_FALSE(callback.is_null()) << tasks.raw;
  EXPECT_EQ(callback["owner_id"], world->east_agent.user_id);
  EXPECT_EQ(callback["due_at"], "2026-11-29T02:00:00Z");
  EXPECT_NE(callback["details"].get<std::string>().find("CSAT 1/5"), std::string::npos);
  EXPECT_NE(callback["details"].get<std::string>().find("slow, unresolved"), std::string::npos);
  ASSERT_FALSE(cause.is_null()) << tasks.raw;
  EXPECT_EQ(cause["team_id"], qc_team);
  EXPECT_EQ(cause["survey_response_id"], s["responses"][0]["id"]);
  bool qc_sees = false;
  auto qc_tasks = Call("GET", "/api/v1/tasks", qc);
  for (const json& t : qc_tasks.body["items"]) {
    if (t["id"] == cause["id"]) qc_sees = true;
  }
  EXPECT_TRUE(qc_sees);

  // The callback wins the customer back: recorded, and they get the short survey again.
  const std::string callback_path = "/api/v1/tasks/" + std::to_string(callback["id"].get<long>());
  EXPECT_EQ(Call("PATCH", callback_path, agent, json{{"outcome", "won"}}).body["error"]["field"],
            "outcome");
  auto recovered = Call("PATCH", callback_path, agent,
                        json{{"outcome", "recovered"}, {"note", "已补发新品，客户满意"}});
  ASSERT_EQ(recovered.status, 200) << recovered.raw;
  EXPECT_EQ(recovered.body["status"], "done");
  EXPECT_EQ(recovered.body["outcome"], "recovered");
  EXPECT_EQ(Call("PATCH", callback_path, agent, json{{"outcome", "unreachable"}}).status, 409);
  RunJobs();
  s = Surveys(path);
  ASSERT_EQ(s["invitations"].size(), 2u) << s;
  EXPECT_EQ(s["invitations"][1]["purpose"], "recovery");
  EXPECT_EQ(s["invitations"][1]["template"], "short");

  // The outer loop goes on: QC's root cause becomes an improvement action, run through PDCA, and
  // its effect is checked before it is closed.
  const long complaint_id = Call("GET", path, admin).body["id"].get<long>();
  auto action = Call("POST", "/api/v1/improvements", admin,
                     json{{"problem", "猫粮受潮霉变，处理慢"},
                          {"team_id", qc_team},
                          {"measure", "仓库除湿，入库抽检"},
                          {"owner_id", world->department.user_id},
                          {"deadline", "2027-01-31T00:00:00Z"},
                          {"category", "product_quality"},
                          {"links",
                           {{{"kind", "complaint"}, {"id", complaint_id}},
                            {{"kind", "survey_response"}, {"id", s["responses"][0]["id"]}},
                            {{"kind", "task"}, {"id", cause["id"]}}}}});
  ASSERT_EQ(action.status, 201) << action.raw;
  EXPECT_EQ(action.body["links"].size(), 3u);
  const std::string action_path =
      "/api/v1/improvements/" + std::to_string(action.body["id"].get<long>());
  ASSERT_EQ(Call("PATCH", action_path, qc, json{{"stage", "do"}}).status, 200);
  Advance(7 * core::kDay);
  ASSERT_EQ(Call("PATCH", action_path, qc, json{{"stage", "check"}}).status, 200);
  auto effect = Call("POST", action_path + "/effect-check", qc, json{{"weeks", 1}});
  ASSERT_EQ(effect.status, 200) << effect.raw;
  EXPECT_EQ(effect.body["effect"]["after"], 0);
  ASSERT_EQ(Call("PATCH", action_path, qc, json{{"stage", "act"}}).status, 200);
  EXPECT_EQ(Call("PATCH", action_path, qc, json{{"stage", "closed"}}).status, 200);
}

// A phone answer typed in by staff answers the waiting survey and closes the loop the same way;
// the comment's personal data is masked for the department.
TEST_F(SurveyLoop, AStaffEnteredLowAnswerOpensTheLoopAndDepartmentsSeeItMasked) {
  auto p = Call("GET", "/api/v1/config/surveys", agent).body;
  p["delay_minutes"] = 0;
  ASSERT_EQ(Call("PUT", "/api/v1/config/surveys", admin, p).status, 200);
  const std::string path = Resolved("phone@example.cn");
  RunJobs();
  ASSERT_EQ(Surveys(path)["invitations"][0]["status"], "sent");
  EXPECT_EQ(Call("POST", path + "/survey-responses", agent, json{{"csat", 2}, {"reasons", {"x"}}})
                .body["error"]["field"],
            "reasons");
  auto taken =
      Call("POST", path + "/survey-responses", agent,
           json{{"csat", 1}, {"reasons", {"slow"}}, {"comment", "太慢了，回电 13812345678"}});
  ASSERT_EQ(taken.status, 201) << taken.raw;
  EXPECT_EQ(taken.body["source"], "staff");
  EXPECT_EQ(taken.body["taken_by"], world->east_agent.user_id);
  json s = Surveys(path);
  EXPECT_EQ(s["invitations"][0]["status"], "answered");
  EXPECT_EQ(s["responses"][0]["reasons"], json({"slow"}));

  auto qc_tasks = Call("GET", "/api/v1/tasks", qc);
  ASSERT_EQ(qc_tasks.status, 200);
  bool cause = false;
  for (const json& t : qc_tasks.body["items"]) {
    if (t["kind"] != "root_cause") continue;
    cause = true;
    EXPECT_EQ(t["details"].get<std::string>().find("13812345678"), std::string::npos) << t;
  }
  EXPECT_TRUE(cause) << qc_tasks.raw;
  auto qc_surveys = Call("GET", path + "/surveys", qc);
  ASSERT_EQ(qc_surveys.status, 200) << qc_surveys.raw;
  EXPECT_EQ(qc_surveys.raw.find("13812345678"), std::string::npos);
  // The agent may read personal data and sees the number.
  auto agent_tasks = Call("GET", path + "/tasks", agent);
  EXPECT_NE(agent_tasks.raw.find("13812345678"), std::string::npos);
}

TEST_F(SurveyLoop, AReopenedComplaintsSurveyIsCancelled) {
  const std::string path = Resolved("reopen@example.cn");
  ASSERT_EQ(Call("POST", path + "/transitions", agent,
                 json{{"to", "reopened"}, {"note", "客户来电说又坏了"}})
                .status,
            200);
  json s = Surveys(path);
  EXPECT_EQ(s["invitations"][0]["status"], "cancelled");
  EXPECT_EQ(s["invitations"][0]["reason"], "reopened");
  Advance(25 * core::kHour);
  RunJobs();
  EXPECT_EQ(Surveys(path)["invitations"][0]["status"], "cancelled");  // never sent
}

TEST_F(SurveyLoop, FrequencyRulesSkipWithAReasonAndOptOutIsHonoured) {
  auto policy = Call("GET", "/api/v1/config/surveys", agent);
  ASSERT_EQ(policy.status, 200);
  json p = policy.body;
  p["delay_minutes"] = 0;
  p["frequency"]["max_per_period"] = 1;
  ASSERT_EQ(Call("PUT", "/api/v1/config/surveys", admin, p).status, 200);

  const std::string a = Resolved("often@example.cn", "猫粮发霉");
  RunJobs();
  EXPECT_EQ(Surveys(a)["invitations"][0]["status"], "sent");
  Advance(8 * core::kDay);  // past the minimum gap, inside the 30-day period
  const std::string b = Resolved("often@example.cn", "猫砂结块不好");
  RunJobs();
  json s = Surveys(b);
  EXPECT_EQ(s["invitations"][0]["status"], "skipped");
  EXPECT_EQ(s["invitations"][0]["reason"], "frequency_limit");

  // Opting out through a link: no survey ever again.
  p["frequency"]["max_per_period"] = 0;
  p["frequency"]["min_gap_days"] = 0;
  ASSERT_EQ(Call("PUT", "/api/v1/config/surveys", admin, p).status, 200);
  const std::string c = Resolved("optout@example.cn", "饮水机漏水");
  RunJobs();
  ASSERT_EQ(Surveys(c)["invitations"][0]["status"], "sent");
  // The secret of c's survey: from the outbox message the job queued.
  std::string secret;
  ASSERT_TRUE(world->ctx()
                  .store
                  .Read([&](domain::Repositories& repos) {
                    for (const auto& m : repos.mail().List(100)) {
                      if (m.to == "optout@example.cn") secret = SecretIn(m.body, 5);
                    }
                    return core::Status::Ok();
                  })
                  .ok());
  ASSERT_FALSE(secret.empty());
  EXPECT_EQ(Call("GET", "/s/" + secret + "/opt-out", "").status, 200);
  EXPECT_EQ(Call("POST", "/s/" + secret + "/opt-out", "").status, 200);
  const std::string d = Resolved("optout@example.cn", "饮水机又漏水了");
  RunJobs();
  s = Surveys(d);
  EXPECT_EQ(s["invitations"][0]["status"], "skipped");
  EXPECT_EQ(s["invitations"][0]["reason"], "opted_out");
}

// A person known only in north opts out; an east agent's complaint about them gets a regional
// record (issue 12), and the opt-out still holds: consent belongs to the person, not the record.
TEST_F(SurveyLoop, AnOptOutHoldsForEveryRecordOfThePerson) {
  auto p = Call("GET", "/api/v1/config/surveys", agent).body;
  p["delay_minutes"] = 0;
  p["frequency"]["max_per_period"] = 0;
  p["frequency"]["min_gap_days"] = 0;
  ASSERT_EQ(Call("PUT", "/api/v1/config/surveys", admin, p).status, 200);
  const std::string north =
      Resolved("person@example.cn", "饮水机漏水", world->north, TokenOf(world->north_agent));
  RunJobs();
  ASSERT_EQ(Surveys(north)["invitations"][0]["status"], "sent");
  std::string secret;
  ASSERT_TRUE(world->ctx()
                  .store
                  .Read([&](domain::Repositories& repos) {
                    for (const auto& m : repos.mail().List(100)) {
                      if (m.to == "person@example.cn") secret = SecretIn(m.body, 5);
                    }
                    return core::Status::Ok();
                  })
                  .ok());
  ASSERT_FALSE(secret.empty());
  EXPECT_EQ(Call("POST", "/s/" + secret + "/opt-out", "").status, 200);
  const std::string east =
      Resolved("person@example.cn", "饮水机又漏水了", world->east, TokenOf(world->east_agent));
  const auto north_customer = Call("GET", north, admin).body["customer_id"];
  const auto east_customer = Call("GET", east, admin).body["customer_id"];
  ASSERT_NE(north_customer, east_customer) << "the east agent could not see the north record";
  RunJobs();
  json s = Surveys(east);
  EXPECT_EQ(s["invitations"][0]["status"], "skipped");
  EXPECT_EQ(s["invitations"][0]["reason"], "opted_out");
}

TEST_F(SurveyLoop, BadLinksAndBadAnswersAreRefusedAndNothingIsStored) {
  auto p = Call("GET", "/api/v1/config/surveys", agent).body;
  p["delay_minutes"] = 0;
  ASSERT_EQ(Call("PUT", "/api/v1/config/surveys", admin, p).status, 200);
  const std::string path = Resolved("bad@example.cn");
  RunJobs();
  std::string secret;
  ASSERT_TRUE(world->ctx()
                  .store
                  .Read([&](domain::Repositories& repos) {
                    for (const auto& m : repos.mail().List(100)) secret = SecretIn(m.body, 3);
                    return core::Status::Ok();
                  })
                  .ok());
  ASSERT_FALSE(secret.empty());
  // Guessed and tampered links say nothing.
  std::string tampered = secret;
  tampered[5] = tampered[5] == 'A' ? 'B' : 'A';
  for (const std::string& link : {std::string("AAAAAAAAAAAAAAAAAAAAAAAA"), tampered}) {
    auto bad = Call("GET", "/s/" + link, "");
    EXPECT_EQ(bad.status, 404);
    EXPECT_EQ(bad.raw.find("CL-"), std::string::npos);
    EXPECT_EQ(Call("POST", "/s/" + link, "", "csat=1",
                   {{"Content-Type", "application/x-www-form-urlencoded"}})
                  .status,
              404);
  }
  const auto form = httplib::Headers{{"Content-Type", "application/x-www-form-urlencoded"}};
  const auto as_json = httplib::Headers{{"Content-Type", "application/json"}};
  EXPECT_EQ(Call("POST", "/s/" + secret, "", "csat=7", form).status, 422);
  EXPECT_EQ(Call("POST", "/s/" + secret, "", "csat=abc", form).status, 422);
  EXPECT_EQ(Call("POST", "/s/" + secret, "", "comment=only+a+comment", form).status, 422);
  EXPECT_EQ(Call("POST", "/s/" + secret, "", "csat=2&reasons=bogus", form).status, 422);
  EXPECT_EQ(Call("POST", "/s/" + secret, "", "csat=2&nps=9", form).status,
            422);  // short asks no NPS
  auto json_bad = Call("POST", "/s/" + secret, "", json{{"csat", 0}}.dump(), as_json);
  EXPECT_EQ(json_bad.status, 422);
  EXPECT_EQ(json_bad.body["error"]["field"], "csat");
  EXPECT_TRUE(Surveys(path)["responses"].empty());
  auto ok = Call("POST", "/s/" + secret, "", json{{"csat", 4}}.dump(), as_json);
  EXPECT_EQ(ok.status, 200) << ok.raw;
  EXPECT_EQ(ok.body["state"], "answered");
  EXPECT_EQ(Surveys(path)["responses"].size(), 1u);
  // A good answer opens no callback.
  auto after_good = Call("GET", path + "/tasks", agent);
  for (const json& t : after_good.body["items"]) {
    EXPECT_NE(t["kind"], "callback");
  }

  // An expired link.
  const std::string later = Resolved("late@example.cn", "猫粮又发霉了");
  RunJobs();
  std::string late;
  ASSERT_TRUE(world->ctx()
                  .store
                  .Read([&](domain::Repositories& repos) {
                    for (const auto& m : repos.mail().List(100)) {
                      if (m.to == "late@example.cn") late = SecretIn(m.body, 3);
                    }
                    return core::Status::Ok();
                  })
                  .ok());
  ASSERT_FALSE(late.empty());
  Advance(29 * core::kDay);
  EXPECT_EQ(Call("GET", "/s/" + late, "").status, 410);
  RunJobs();
  EXPECT_EQ(Surveys(later)["invitations"][0]["status"], "expired");
  EXPECT_EQ(Call("POST", "/s/" + late, "", "csat=1", form).status, 410);
  EXPECT_TRUE(Surveys(later)["responses"].empty());
}

TEST_F(SurveyLoop, TemplatesAreVersionedAndASentSurveyKeepsItsVersion) {
  auto listed = Call("GET", "/api/v1/config/survey-templates", agent);
  ASSERT_EQ(listed.status, 200);
  ASSERT_EQ(listed.body["items"].size(), 3u);  // by name: relationship, short, standard
  EXPECT_EQ(listed.body["items"][0]["name"], "relationship");
  EXPECT_EQ(listed.body["items"][1]["name"], "short");
  EXPECT_EQ(listed.body["items"][1]["version"], 1);

  auto p = Call("GET", "/api/v1/config/surveys", agent).body;
  p["delay_minutes"] = 0;
  ASSERT_EQ(Call("PUT", "/api/v1/config/surveys", admin, p).status, 200);
  const std::string before = Resolved("v1@example.cn");
  RunJobs();
  auto secret_of = [&](const std::string& to) {
    std::string secret;
    EXPECT_TRUE(world->ctx()
                    .store
                    .Read([&](domain::Repositories& repos) {
                      for (const auto& m : repos.mail().List(100)) {
                        if (m.to == to) secret = SecretIn(m.body, 4);
                      }
                      return core::Status::Ok();
                    })
                    .ok());
    return secret;
  };
  const std::string v1 = secret_of("v1@example.cn");

  const std::string path = "/api/v1/config/survey-templates/short";
  const json csat = {{"code", "csat"},
                     {"required", true},
                     {"text", {{"zh-CN", "您满意吗？"}, {"en", "Are you satisfied?"}}}};
  EXPECT_EQ(Call("PUT", path, admin, json{{"questions", json::array()}}).body["error"]["field"],
            "questions");
  json bad = csat;
  bad["code"] = "mood";
  EXPECT_EQ(Call("PUT", path, admin, json{{"questions", {bad}}}).body["error"]["field"],
            "questions[0].code");
  bad = csat;
  bad["text"].erase("en");
  EXPECT_EQ(Call("PUT", path, admin, json{{"questions", {bad}}}).body["error"]["field"],
            "questions[0].text.en");
  EXPECT_EQ(Call("PUT", path, admin, json{{"questions", {csat, csat}}}).body["error"]["field"],
            "questions[1].code");
  EXPECT_EQ(Call("PUT", path, TokenOf(world->east_manager), json{{"questions", {csat}}}).status,
            403);
  auto saved = Call("PUT", path, admin, json{{"questions", {csat}}});
  ASSERT_EQ(saved.status, 200) << saved.raw;
  EXPECT_EQ(saved.body["version"], 2);

  // The survey sent before still asks version 1's questions; a new one asks version 2's.
  auto old_page = Call("GET", "/s/" + v1, "");
  EXPECT_NE(old_page.raw.find("name=\"reasons\""), std::string::npos);
  const std::string after = Resolved("v2@example.cn");
  RunJobs();
  EXPECT_EQ(Surveys(after)["invitations"][0]["template_version"], 2);
  auto new_page = Call("GET", "/s/" + secret_of("v2@example.cn"), "");
  EXPECT_NE(new_page.raw.find("您满意吗？"), std::string::npos);
  EXPECT_EQ(new_page.raw.find("name=\"reasons\""), std::string::npos);
  EXPECT_EQ(Surveys(before)["invitations"][0]["template_version"], 1);

  // A saved template of a new name can be the policy's default.
  ASSERT_EQ(Call("PUT", "/api/v1/config/survey-templates/quick", admin, json{{"questions", {csat}}})
                .status,
            200);
  p["default_template"] = "quick";
  EXPECT_EQ(Call("PUT", "/api/v1/config/surveys", admin, p).status, 200);
}

// The effort score runs the standards' way: 1 very difficult … 5 very easy (higher is better, as
// for CSAT); an answer of 5 is stored as 5, effortless.
TEST_F(SurveyLoop, TheEffortScaleRunsFromVeryDifficultToVeryEasy) {
  auto p = Call("GET", "/api/v1/config/surveys", agent).body;
  p["delay_minutes"] = 0;
  p["first_time_template"] = "standard";
  ASSERT_EQ(Call("PUT", "/api/v1/config/surveys", admin, p).status, 200);
  const std::string path = Resolved("effort@example.cn");
  RunJobs();
  std::string secret;
  ASSERT_TRUE(world->ctx()
                  .store
                  .Read([&](domain::Repositories& repos) {
                    for (const auto& m : repos.mail().List(100)) secret = SecretIn(m.body, 4);
                    return core::Status::Ok();
                  })
                  .ok());
  ASSERT_FALSE(secret.empty());
  auto page = Call("GET", "/s/" + secret, "");
  ASSERT_EQ(page.status, 200) << page.raw;
  EXPECT_NE(page.raw.find("value=\"1\">1 非常费力"), std::string::npos) << page.raw;
  EXPECT_NE(page.raw.find("value=\"5\">5 非常容易"), std::string::npos);
  auto answered = Call("POST", "/s/" + secret, "", "csat=5&ces=5",
                       {{"Content-Type", "application/x-www-form-urlencoded"}});
  ASSERT_EQ(answered.status, 200) << answered.raw;
  EXPECT_EQ(Surveys(path)["responses"][0]["effort"], 5);
}

TEST_F(SurveyLoop, ThePolicyIsValidatedAndOrganisationWide) {
  auto p = Call("GET", "/api/v1/config/surveys", agent).body;
  EXPECT_EQ(p["delay_minutes"], 1440);
  EXPECT_EQ(p["expiry_days"], 28);
  EXPECT_EQ(p["callback_hours"], 72);
  json bad = p;
  bad["expiry_days"] = 0;
  EXPECT_EQ(Call("PUT", "/api/v1/config/surveys", admin, bad).body["error"]["field"],
            "expiry_days");
  bad = p;
  bad["default_template"] = "nonexistent";
  EXPECT_EQ(Call("PUT", "/api/v1/config/surveys", admin, bad).body["error"]["field"],
            "default_template");
  bad = p;
  bad["template_rules"] = json::array({{{"channel", "fax"}, {"template", "short"}}});
  EXPECT_EQ(Call("PUT", "/api/v1/config/surveys", admin, bad).body["error"]["field"],
            "template_rules[0].channel");
  bad = p;
  bad["sampling"] = {{"phone", 150}};
  EXPECT_EQ(Call("PUT", "/api/v1/config/surveys", admin, bad).body["error"]["field"],
            "sampling.phone");
  EXPECT_EQ(Call("PUT", "/api/v1/config/surveys", TokenOf(world->east_manager), p).status, 403);
  EXPECT_EQ(Call("PUT", "/api/v1/config/surveys", agent, p).status, 403);
  EXPECT_EQ(Call("GET", "/api/v1/config/surveys", agent).body, p);  // nothing changed
}

}  // namespace
}  // namespace closeloop::testing
