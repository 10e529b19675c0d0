// Regression tests for the defects a newcomer's working day and a security probe found (issue
// 12). Each test is named after what broke.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "api/api_fixture.h"
#include "app/job_commands.h"
#include "domain/analysis/analysis.h"
#include "domain/complaint/repository.h"
#include "domain/intake/repository.h"
#include "domain/model/ids.h"
#include "domain/notify/notify.h"
#include "domain/org/auth.h"
#include "domain/org/login_throttle.h"
#include "domain/unit_of_work.h"

namespace closeloop::testing {
namespace {

using nlohmann::json;

std::string PercentEncoded(const std::string& text) {
  std::string out;
  char buf[4];
  for (unsigned char c : text) {
    std::snprintf(buf, sizeof buf, "%%%02X", c);
    out += buf;
  }
  return out;
}

class Defects : public ApiFixture {
 protected:
  // Sends bytes as they are and reads the reply until the server closes.
  std::string RawExchange(const std::string& request) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return "";
    ::send(fd, request.data(), request.size(), 0);
    std::string out;
    char buf[4096];
    for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;)
      out.append(buf, static_cast<size_t>(n));
    ::close(fd);
    return out;
  }
  // Assigns the complaint at `path` and starts work on it.
  bool InProgress(const std::string& path, const std::string& token, domain::Id assignee) {
    return Call("POST", path + "/transitions", token,
                json{{"to", "assigned"}, {"assignee_id", assignee}})
                   .status == 200 &&
           Call("POST", path + "/transitions", token, json{{"to", "in_progress"}}).status == 200;
  }

  // A customer known only in north: files a complaint there as the north agent.
  long NorthCustomer() {
    auto filed = Call("POST", "/api/v1/complaints", TokenOf(world->north_agent),
                      json{{"description", "北京门店买的猫砂结块不好，要求换货"},
                           {"channel", "phone"},
                           {"customer",
                            {{"name", "赵北北"},
                             {"phone", "13987650003"},
                             {"email", "zhao@north.example"},
                             {"address", "北京市朝阳区某路 1 号"},
                             {"id_card", "11010519491231002X"}}}});
    EXPECT_EQ(filed.status, 201) << filed.raw;
    return filed.body["customer"]["id"].get<long>();
  }
};

// 1. Scope bypass through complaint creation.
TEST_F(Defects, ScopeBypassThroughComplaintCreationRevealsNothingOfAnOutOfScopeCustomer) {
  const long n = NorthCustomer();
  const std::string east = TokenOf(world->east_agent);
  const std::string customer = "/api/v1/customers/" + std::to_string(n);
  ASSERT_EQ(Call("GET", customer, east).status, 404);

  auto by_id =
      Call("POST", "/api/v1/complaints", east,
           json{{"description", "猫砂有问题"}, {"channel", "phone"}, {"customer", {{"id", n}}}});
  EXPECT_EQ(by_id.status, 422);
  EXPECT_EQ(by_id.body["error"]["field"], "customer.id");
  auto missing = Call(
      "POST", "/api/v1/complaints", east,
      json{{"description", "猫砂有问题"}, {"channel", "phone"}, {"customer", {{"id", 999999}}}});
  EXPECT_EQ(missing.body["error"]["message"].get<std::string>().substr(0, 11),
            by_id.body["error"]["message"].get<std::string>().substr(0, 11))
      << "an invisible customer is refused like one that does not exist";

  auto by_phone = Call("POST", "/api/v1/complaints", east,
                       json{{"description", "猫砂有问题，结块"},
                            {"channel", "phone"},
                            {"customer", {{"phone", "13987650003"}}}});
  ASSERT_EQ(by_phone.status, 201) << by_phone.raw;
  const json& shown = by_phone.body["customer"];
  EXPECT_EQ(shown["phone"], "13987650003") << "what the caller gave";
  EXPECT_TRUE(shown["name"].is_null() || shown["name"] == "");
  EXPECT_TRUE(shown["email"].is_null() || shown["email"] == "");
  EXPECT_TRUE(shown["address"].is_null() || shown["address"] == "");
  EXPECT_TRUE(shown["id_card"].is_null() || shown["id_card"] == "");
  EXPECT_EQ(by_phone.raw.find("赵北北"), std::string::npos);
  const std::string ref = by_phone.body["reference"];
  auto again = Call("GET", "/api/v1/complaints/" + ref, east);
  EXPECT_EQ(again.raw.find("赵北北"), std::string::npos);

  // The complaint still counts for the customer's 360 view, and nothing of theirs opened up.
  const json regional = by_phone.body["customer_id"];
  ASSERT_TRUE(regional.is_number()) << by_phone.raw;
  EXPECT_NE(regional, n);
  auto person = Call("GET", customer, TokenOf(world->admin));
  EXPECT_EQ(person.body["address"], "北京市朝阳区某路 1 号");
  EXPECT_EQ(person.body["same_person"], json::array({regional}));
  EXPECT_EQ(person.body["complaints"].size(), 2u) << "both complaints are the person's";
  EXPECT_EQ(Call("GET", customer, east).status, 404);
  EXPECT_EQ(Call("PATCH", customer, east, json{{"address", "改掉的地址"}}).status, 404);
  EXPECT_EQ(Call("GET", customer, TokenOf(world->admin)).body["address"], "北京市朝阳区某路 1 号");
  auto search = Call("GET", "/api/v1/customers?q=赵北北", east);
  EXPECT_EQ(search.body["items"].size(), 0u);
  // East's own record of the person holds what East gave and East's complaint, nothing else.
  auto own = Call("GET", "/api/v1/customers/" + std::to_string(regional.get<long>()), east);
  ASSERT_EQ(own.status, 200) << own.raw;
  EXPECT_EQ(own.body["same_person"], json::array());
  EXPECT_EQ(own.body["complaints"].size(), 1u);
  EXPECT_EQ(own.raw.find("赵北北"), std::string::npos);
  // Filing again with the phone finds East's record, not a third one.
  auto second = Call("POST", "/api/v1/complaints", east,
                     json{{"description", "又来了"},
                          {"channel", "phone"},
                          {"customer", {{"phone", "13987650003"}}}});
  EXPECT_EQ(second.body["customer_id"], regional);
}

// Issue 12, item 1 (the residue): a scoped caller filing with the phone of a person known only
// elsewhere got customer_id null, and with a new phone an id, so the answer told them that the
// person was a customer in another region.
TEST_F(Defects, FilingWithAnIdentityKnownElsewhereAnswersLikeFilingWithANewOne) {
  NorthCustomer();
  const std::string east = TokenOf(world->east_agent);
  auto file = [&](const std::string& phone, const std::string& account) {
    return Call("POST", "/api/v1/complaints", east,
                json{{"description", "猫砂有问题，结块"},
                     {"channel", "phone"},
                     {"customer",
                      {{"name", "试探"},
                       {"phone", phone},
                       {"platform", "tmall"},
                       {"account_id", account}}}});
  };
  // The north customer's platform account, linked by a north complaint.
  ASSERT_EQ(Call("POST", "/api/v1/complaints", TokenOf(world->north_agent),
                 json{{"description", "天猫买的猫砂结块"},
                      {"channel", "phone"},
                      {"customer",
                       {{"phone", "13987650003"}, {"platform", "tmall"}, {"account_id", "zb-1"}}}})
                .status,
            201);
  auto known = file("13987650003", "zb-1");
  auto fresh = file("13987650009", "new-1");
  ASSERT_EQ(known.status, 201) << known.raw;
  ASSERT_EQ(fresh.status, 201) << fresh.raw;
  // The same shape and the same kind of values, field by field, but for what differs by nature.
  auto comparable = [](json j) {
    for (const char* k : {"id", "reference", "customer_id", "received_at", "updated_at",
                          "created_at", "acknowledged_at", "sla_due_at"})
      j.erase(k);
    json& c = j["customer"];
    for (const char* k : {"id", "phone", "created_at", "updated_at"}) c.erase(k);
    c["accounts"][0].erase("account_id");
    return j;
  };
  EXPECT_EQ(comparable(known.body), comparable(fresh.body)) << known.raw << "\n" << fresh.raw;
  EXPECT_TRUE(known.body["customer_id"].is_number());
  EXPECT_TRUE(fresh.body["customer_id"].is_number());
  // Ids come from one sequence: the record for the known person is as new as the other.
  EXPECT_EQ(fresh.body["customer_id"].get<long>(), known.body["customer_id"].get<long>() + 1);
  for (const auto* r : {&known, &fresh}) {
    const std::string id = std::to_string((*r).body["customer_id"].get<long>());
    auto page = Call("GET", "/api/v1/customers/" + id, east);
    EXPECT_EQ(page.status, 200);
    EXPECT_EQ(page.body["complaints"].size(), 1u);
    EXPECT_EQ(page.body["orders"].size(), 0u);
    EXPECT_EQ(page.body["same_person"], json::array());
  }
}

TEST_F(Defects, CreatingACustomerIsNoExistenceOracleForOtherRegions) {
  const long n = NorthCustomer();
  const std::string admin = TokenOf(world->admin);
  const json north_before = Call("GET", "/api/v1/customers/" + std::to_string(n), admin).body;
  auto created = Call("POST", "/api/v1/customers", TokenOf(world->east_agent),
                      json{{"name", "试探"}, {"phone", "13987650003"}});
  EXPECT_EQ(created.status, 201) << created.raw;
  EXPECT_EQ(created.raw.find("赵北北"), std::string::npos);
  // The answer for a person known elsewhere looks like the answer for a new one.
  auto fresh = Call("POST", "/api/v1/customers", TokenOf(world->east_agent),
                    json{{"name", "试探"}, {"phone", "13987650004"}});
  EXPECT_EQ(fresh.status, 201) << fresh.raw;
  json a = created.body, b = fresh.body;
  for (json* j : {&a, &b})
    for (const char* k : {"id", "phone", "created_at", "updated_at"}) j->erase(k);
  EXPECT_EQ(a, b) << created.raw << " vs " << fresh.raw;
  EXPECT_EQ(fresh.body["id"].get<long>(), created.body["id"].get<long>() + 1);
  // Both are the east agent's to open at once; the north record is not touched.
  EXPECT_EQ(Call("GET", "/api/v1/customers/" + std::to_string(created.body["id"].get<long>()),
                 TokenOf(world->east_agent))
                .status,
            200);
  auto after = Call("GET", "/api/v1/customers/" + std::to_string(n), admin);
  EXPECT_EQ(after.body["name"], "赵北北");
  EXPECT_EQ(after.body["same_person"], json::array({created.body["id"]}));
  EXPECT_GT(Call("POST", "/api/v1/customers", admin, json{{"phone", "13987650005"}})
                .body["id"]
                .get<long>(),
            0)
      << "an unscoped caller gets the id";
  // Someone who can see the record still learns of the conflict.
  auto visible = Call("POST", "/api/v1/customers", TokenOf(world->north_agent),
                      json{{"phone", "13987650003"}});
  EXPECT_EQ(visible.status, 409);
  // Editing one's own record to the phone of a person known elsewhere is no oracle either (a
  // record of theirs with that phone is: the east agent sees it).
  ASSERT_EQ(Call("POST", "/api/v1/complaints", TokenOf(world->north_agent),
                 json{{"description", "猫砂结块"},
                      {"channel", "phone"},
                      {"customer", {{"name", "孙北北"}, {"phone", "13987650007"}}}})
                .status,
            201);
  const std::string fresh_path =
      "/api/v1/customers/" + std::to_string(fresh.body["id"].get<long>());
  auto edited =
      Call("PATCH", fresh_path, TokenOf(world->east_agent), json{{"phone", "13987650007"}});
  EXPECT_EQ(edited.status, 200) << edited.raw;
  EXPECT_EQ(edited.raw.find("孙北北"), std::string::npos);
  auto clash =
      Call("PATCH", fresh_path, TokenOf(world->east_agent), json{{"phone", "13987650003"}});
  EXPECT_EQ(clash.status, 409) << "the east agent's own record of 赵北北 has this phone";
  // The north record itself is as it was.
  json now = Call("GET", "/api/v1/customers/" + std::to_string(n), admin).body;
  json then = north_before;
  for (json* j : {&now, &then}) {
    j->erase("same_person");
    j->erase("complaints");
  }
  EXPECT_EQ(now, then);
}

TEST_F(Defects, ScopedImportsNeitherFillNorLinkOutOfScopeCustomers) {
  const long n = NorthCustomer();
  const std::string mgr = TokenOf(world->east_manager);
  auto customers = Call("POST", "/api/v1/imports/customers?format=csv", mgr,
                        std::string("external_id,name,phone,id_card\n"
                                    "C-1,赵北北,13987650003,110105194912310021\n"
                                    "C-2,钱东东,13987650008,110105194912310021\n"));
  ASSERT_EQ(customers.status, 200) << customers.raw;
  EXPECT_EQ(customers.body["imported"], 2) << "a row of a person known elsewhere is a new row";
  EXPECT_EQ(customers.body["rejected"], 0);
  auto orders = Call("POST", "/api/v1/imports/orders?format=csv", mgr,
                     std::string("order_no,ordered_at,customer_phone,sku,item_amount\n"
                                 "O-EAST-1,2026-11-01 10:00,13987650003,CF-1001,89.00\n"));
  ASSERT_EQ(orders.status, 200) << orders.raw;
  auto detail = Call("GET", "/api/v1/customers/" + std::to_string(n), TokenOf(world->admin));
  EXPECT_EQ(detail.body["id_card"], "11010519491231002X") << "not overwritten";
  ASSERT_EQ(detail.body["same_person"].size(), 1u);
  const std::string regional = std::to_string(detail.body["same_person"][0].get<long>());
  // The order went to the importer's own record of the person, which holds what they gave.
  auto own = Call("GET", "/api/v1/customers/" + regional, mgr);
  ASSERT_EQ(own.status, 200) << own.raw;
  EXPECT_EQ(own.body["id_card"], "110105194912310021");
  EXPECT_EQ(own.body["orders"].size(), 1u);
  // Imported again: both rows are skipped alike.
  auto again = Call("POST", "/api/v1/imports/customers?format=csv", mgr,
                    std::string("external_id,name,phone\nC-1,赵北北,13987650003\n"
                                "C-2,钱东东,13987650008\n"));
  EXPECT_EQ(again.body["skipped"], 2) << again.raw;
}

// 2. Refunds bypass approval.
TEST_F(Defects, RefundsAboveTheOrderAmountNeedApproval) {
  const std::string agent = TokenOf(world->east_agent);
  auto filed = Call("POST", "/api/v1/complaints", agent,
                    json{{"description", "猫粮发霉，要求退款"},
                         {"channel", "phone"},
                         {"order_amount", "89.00"},
                         {"type", "quality"},
                         {"category", "product_quality"},
                         {"region_id", world->east}});
  ASSERT_EQ(filed.status, 201) << filed.raw;
  const std::string path = "/api/v1/complaints/" + filed.body["reference"].get<std::string>();
  ASSERT_EQ(Call("POST", path + "/transitions", agent, json{{"to", "classified"}}).status, 200);
  ASSERT_TRUE(InProgress(path, agent, world->east_agent.user_id));
  auto huge = Call("POST", path + "/transitions", agent,
                   json{{"to", "resolved"},
                        {"override_tasks", false},
                        {"resolution", {{"remedy", "refund"}, {"compensation", 99999.99}}}});
  EXPECT_EQ(huge.status, 403) << huge.raw;
  EXPECT_EQ(huge.body["error"]["field"], "resolution.compensation");
  auto coupon = Call(
      "POST", path + "/transitions", agent,
      json{{"to", "resolved"}, {"resolution", {{"remedy", "replacement"}, {"compensation", 500}}}});
  EXPECT_EQ(coupon.status, 403) << "any remedy's amount goes through the rule";
  auto status = Call("GET", path, agent);
  EXPECT_TRUE(status.body["resolution"].is_null()) << "nothing stored";
  EXPECT_EQ(status.body["status"], "in_progress");
}

// 5. A scoped regional manager replaced the routing rules for every region.
TEST_F(Defects, ScopedManagersCannotReplaceOrganisationWideRulesAndChangesAreRecorded) {
  auto scoped =
      Call("PUT", "/api/v1/config/routing-rules", TokenOf(world->east_manager), json{{"text", ""}});
  EXPECT_EQ(scoped.status, 403) << scoped.raw;
  EXPECT_EQ(scoped.body["error"]["field"], "rules");
  auto unscoped =
      Call("PUT", "/api/v1/config/routing-rules", TokenOf(world->manager), json{{"text", ""}});
  EXPECT_EQ(unscoped.status, 200) << unscoped.raw;
  auto record = Call("GET", "/api/v1/config/changes", TokenOf(world->auditor));
  ASSERT_EQ(record.status, 200) << record.raw;
  ASSERT_EQ(record.body["items"].size(), 1u);
  EXPECT_EQ(record.body["items"][0]["area"], "routing_rules");
  EXPECT_EQ(record.body["items"][0]["actor"]["username"], world->manager.username);
  EXPECT_EQ(record.body["items"][0]["at"], "2026-11-22T02:00:00Z");
  EXPECT_EQ(Call("GET", "/api/v1/config/changes", TokenOf(world->east_agent)).status, 403);
}

// 23. References were case-sensitive.
TEST_F(Defects, ReferencesAreFoundWhateverTheirCase) {
  const std::string ref = world->File(world->admin, world->east).complaint.reference;
  std::string lower = ref;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto found = Call("GET", "/api/v1/complaints/" + lower, TokenOf(world->admin));
  EXPECT_EQ(found.status, 200);
  EXPECT_EQ(found.body["reference"], ref);
}

// An agent typing a reference number into the search box found nothing: the search looked at
// titles and descriptions only.
TEST_F(Defects, SearchingForAReferenceNumberFoundNothing) {
  const std::string ref = world->File(world->admin, world->east).complaint.reference;
  const std::string other = world->File(world->admin, world->east).complaint.reference;
  std::string lower = ref;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const std::string& q : {ref, lower}) {
    auto found = Call("GET", "/api/v1/complaints?q=" + q, TokenOf(world->admin));
    ASSERT_EQ(found.body["items"].size(), 1u) << q << " " << found.raw;
    EXPECT_EQ(found.body["items"][0]["reference"], ref);
  }
  // The beginning of a reference (the day) finds that day's complaints.
  auto day = Call("GET", "/api/v1/complaints?q=" + ref.substr(0, 11), TokenOf(world->admin));
  EXPECT_EQ(day.body["items"].size(), 2u) << day.raw;
  // Within the caller's scope only.
  EXPECT_EQ(
      Call("GET", "/api/v1/complaints?q=" + ref, TokenOf(world->north_agent)).body["items"].size(),
      0u);
  (void)other;
}

// 6. A JSON number out of range answered 500, even without a token.
TEST_F(Defects, JsonNumbersOutOfRangeAnswered500) {
  auto login = Call("POST", "/api/v1/auth/login", "",
                    std::string(R"({"username":"agent","password":1e999})"));
  EXPECT_EQ(login.status, 400) << login.raw;
  EXPECT_EQ(login.body["error"]["field"], "password");
  auto nested = Call("POST", "/api/v1/complaints", TokenOf(world->agent),
                     std::string(R"({"description":"x","customer":{"id":1e400}})"));
  EXPECT_EQ(nested.status, 400);
  EXPECT_EQ(nested.body["error"]["field"], "customer.id");
}

// 12. A JSON body sent as a form (curl -d) above 8 KB answered 413; a bodiless POST answered
// 400 and the logout did not happen.
TEST_F(Defects, FormTypedJsonAbove8KbAndBodilessPostsWereRefused) {
  json big = {{"description", std::string(3000, 'x') + "猫粮发霉了要求退款"}, {"channel", "web"}};
  auto created = Call("POST", "/api/v1/complaints", TokenOf(world->agent), big.dump(),
                      {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(created.status, 201) << created.raw.substr(0, 200);
  const std::string token = Login("agent");
  // As curl -X POST sends it: no body, no Content-Length.
  const std::string reply = RawExchange(
      "POST /api/v1/auth/logout HTTP/1.1\r\nHost: x\r\n"
      "Authorization: Bearer " +
      token + "\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(reply.substr(0, 12), "HTTP/1.1 204") << reply;
  EXPECT_EQ(Call("GET", "/api/v1/auth/me", token).status, 401) << "the logout happened";
}

// 22. Small ones: an empty note body was "malformed_json", scope 403s named no field, answers
// and events from the future, NUL in text, duplicate keys.
TEST_F(Defects, SmallValidationGaps) {
  const std::string agent = TokenOf(world->east_agent);
  const std::string ref = world->File(world->east_agent, world->east).complaint.reference;
  const std::string before = world->Snapshot();
  auto empty_note = Call("POST", "/api/v1/complaints/" + ref + "/notes", agent, json{{"body", ""}});
  EXPECT_EQ(empty_note.status, 422);
  EXPECT_EQ(empty_note.body["error"]["field"], "body");
  EXPECT_EQ(empty_note.body["error"]["code"], "invalid_argument");
  auto outside =
      Call("POST", "/api/v1/complaints", agent,
           json{{"description", "别的大区"}, {"channel", "web"}, {"region_id", world->north}});
  EXPECT_EQ(outside.status, 403);
  EXPECT_EQ(outside.body["error"]["field"], "region_id");
  auto backwards = Call("POST", "/api/v1/complaints", agent,
                        json{{"description", "时间颠倒"},
                             {"channel", "web"},
                             {"received_at", "2026-11-20T00:00:00Z"},
                             {"occurred_at", "2026-11-21T00:00:00Z"}});
  EXPECT_EQ(backwards.body["error"]["field"], "occurred_at");
  auto nul = Call("POST", "/api/v1/complaints", agent,
                  std::string(R"({"description":"猫粮\u0000发霉","channel":"web"})"));
  EXPECT_EQ(nul.status, 422);
  EXPECT_EQ(nul.body["error"]["field"], "description");
  auto twice = Call("POST", "/api/v1/complaints", agent,
                    std::string(R"({"description":"a","description":"b","channel":"web"})"));
  EXPECT_EQ(twice.status, 400);
  EXPECT_EQ(twice.body["error"]["field"], "description");
  auto future = Call("POST", "/api/v1/complaints/" + ref + "/survey-responses", agent,
                     json{{"csat", 5}, {"answered_at", "2027-01-01T00:00:00Z"}});
  EXPECT_EQ(future.body["error"]["field"], "answered_at") << future.raw;
  EXPECT_EQ(world->Snapshot(), before);
}

// 9. The database, its -wal and -shm files were created 0644 and DB.models/ 0755.
TEST_F(Defects, DatabaseFilesWereReadableByEveryone) {
  world->File(world->admin, world->east);
  auto mode = [](const std::string& path) {
    struct stat st {};
    EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
    return st.st_mode & 0777;
  };
  EXPECT_EQ(mode(world->db_path()), 0600u);
  EXPECT_EQ(mode(world->db_path() + "-wal"), 0600u);
  EXPECT_EQ(mode(world->db_path() + "-shm"), 0600u);
  EXPECT_EQ(mode(world->db_path() + ".models"), 0700u);
}

// 7. No login throttling: 200 wrong passwords for one user in 16 s were all plain 401s.
TEST_F(Defects, PasswordGuessingWasNotThrottled) {
  auto attempt = [&](const std::string& user, const std::string& password) {
    return Call("POST", "/api/v1/auth/login", "", json{{"username", user}, {"password", password}});
  };
  for (int i = 0; i < 5; ++i) EXPECT_EQ(attempt("agent", "guess-" + std::to_string(i)).status, 401);
  auto throttled = attempt("agent", "guess-6");
  EXPECT_EQ(throttled.status, 429) << throttled.raw;
  EXPECT_EQ(throttled.headers.find("Retry-After")->second, "1");
  EXPECT_EQ(attempt("agent", kPassword).status, 429) << "even the right password waits here";
  // Another address is not locked out (a stranger cannot lock the user out).
  domain::Login login(world->ctx());
  EXPECT_TRUE(login.Execute("agent", kPassword, "10.0.0.7").ok());
  world->clock().Advance(2 * core::kSecond);
  EXPECT_EQ(attempt("agent", kPassword).status, 200) << "the wait is over";
  // The backoff doubles while the guessing goes on.
  for (int i = 0; i < 5; ++i) attempt("analyst", "x");
  world->clock().Advance(1 * core::kSecond);
  EXPECT_EQ(attempt("analyst", "x").status, 401);
  auto second = attempt("analyst", "x");
  EXPECT_EQ(second.status, 429);
  EXPECT_EQ(second.headers.find("Retry-After")->second, "2");
}

TEST(LoginThrottleLimits, OneAddressAcrossManyAccountsIsStopped) {
  domain::LoginThrottle throttle({15 * core::kMinute, 5, 15 * core::kMinute, 50});
  for (int i = 0; i < 50; ++i) throttle.Failed("user" + std::to_string(i), "1.2.3.4", 1000);
  EXPECT_GT(throttle.WaitSeconds("someone-new", "1.2.3.4", 2000), 0);
  EXPECT_EQ(throttle.WaitSeconds("someone-new", "5.6.7.8", 2000), 0);
  EXPECT_EQ(throttle.WaitSeconds("someone-new", "1.2.3.4", 1000 + 16 * core::kMinute), 0);
}

// 8. Free text showed personal data to roles that may not see it.
TEST_F(Defects, FreeTextShowedPersonalDataToRolesThatMayNotSeeIt) {
  const std::string agent = TokenOf(world->east_agent);
  auto filed = Call("POST", "/api/v1/complaints", agent,
                    json{{"description",
                          "猫粮发霉。请打我电话13987650003，或发邮件到 zhao@north.example，"
                          "身份证 11010519491231002X"},
                         {"channel", "phone"},
                         {"customer", {{"name", "赵北北"}, {"phone", "13900000002"}}}});
  ASSERT_EQ(filed.status, 201) << filed.raw;
  const std::string path = "/api/v1/complaints/" + filed.body["reference"].get<std::string>();
  ASSERT_EQ(Call("POST", path + "/notes", agent,
                 json{{"body", "客户改用 13811112222 联系"}, {"visibility", "internal"}})
                .status,
            201);
  const std::string analyst = TokenOf(world->analyst);
  for (const std::string& sub : {std::string(""), std::string("/notes"), std::string("/history")}) {
    auto seen = Call("GET", path + sub, analyst);
    ASSERT_EQ(seen.status, 200) << sub;
    for (const char* secret : {"13987650003", "zhao@north.example", "11010519491231002X",
                               "13811112222", "13900000002"}) {
      EXPECT_EQ(seen.raw.find(secret), std::string::npos) << sub << " shows " << secret;
    }
  }
  auto list = Call("GET", "/api/v1/complaints", analyst);
  EXPECT_EQ(list.raw.find("13987650003"), std::string::npos);
  auto clear = Call("GET", path, agent);
  EXPECT_NE(clear.raw.find("13987650003"), std::string::npos) << "the agent may read it";
}

// 11. A public note never reached the customer.
TEST_F(Defects, PublicNotesNeverReachedTheCustomer) {
  const std::string agent = TokenOf(world->east_agent);
  // By email: through the outbox, and its Message-ID threads the customer's answer.
  auto mailed = Call("POST", "/api/v1/complaints", agent,
                     json{{"description", "猫粮发霉"},
                          {"channel", "email"},
                          {"customer", {{"email", "kehu@example.com"}}}});
  ASSERT_EQ(mailed.status, 201) << mailed.raw;
  const std::string path = "/api/v1/complaints/" + mailed.body["reference"].get<std::string>();
  ASSERT_EQ(Call("POST", path + "/notes", agent,
                 json{{"body", "您好，已为您安排退款"}, {"visibility", "public"}})
                .status,
            201);
  EXPECT_TRUE(world->ctx()
                  .store
                  .Read([&](domain::Repositories& repos) {
                    auto due = repos.mail().Due(world->clock().Now() + core::kMinute, 10);
                    bool found = false;
                    for (const auto& m : due)
                      found |= m.to == "kehu@example.com" && m.body == "您好，已为您安排退款";
                    EXPECT_TRUE(found) << "the note is in the outbox to the customer";
                    return core::Status::Ok();
                  })
                  .ok());
  auto history = Call("GET", path + "/history", agent);
  EXPECT_NE(history.raw.find("\"delivered\""), std::string::npos) << history.raw;
  EXPECT_NE(history.raw.find("emailed to k***@example.com"), std::string::npos);
  // An internal note goes nowhere.
  auto internal_before = world->Snapshot();
  // By phone: an outbound message the integration fetches and confirms.
  const std::string by_phone = world->File(world->east_agent, world->east).complaint.reference;
  ASSERT_EQ(Call("POST", "/api/v1/complaints/" + by_phone + "/notes", agent,
                 json{{"body", "已安排补发"}, {"visibility", "public"}})
                .status,
            201);
  const std::string integration = TokenOf(world->manager);
  auto pending = Call("GET", "/api/v1/outbound-messages?channel=phone", integration);
  ASSERT_EQ(pending.status, 200) << pending.raw;
  ASSERT_EQ(pending.body["items"].size(), 1u);
  EXPECT_EQ(pending.body["items"][0]["recipient"], "13800138000");
  EXPECT_EQ(pending.body["items"][0]["body"], "已安排补发");
  EXPECT_EQ(Call("GET", "/api/v1/outbound-messages?chanel=phone", integration).status, 422);
  EXPECT_EQ(Call("GET", "/api/v1/outbound-messages", agent).status, 403);
  const std::string id = std::to_string(pending.body["items"][0]["id"].get<long>());
  EXPECT_EQ(Call("POST", "/api/v1/outbound-messages/" + id + "/delivered", integration).status,
            204);
  EXPECT_EQ(Call("GET", "/api/v1/outbound-messages", integration).body["items"].size(), 0u);
  auto timeline = Call("GET", "/api/v1/complaints/" + by_phone + "/history", agent);
  EXPECT_NE(timeline.raw.find("sent by the channel"), std::string::npos);
  (void)internal_before;
}

// 25. Idempotency: the same body with its keys reordered answered 409, and a replay said
// nothing of being one.
TEST_F(Defects, IdempotencyReorderedKeysConflictedAndReplaysWereSilent) {
  const std::string agent = TokenOf(world->agent);
  httplib::Headers key = {{"Idempotency-Key", "retry-1"}};
  auto first = Call("POST", "/api/v1/complaints", agent,
                    std::string(R"({"description":"猫粮发霉","channel":"web"})"), key);
  ASSERT_EQ(first.status, 201);
  EXPECT_EQ(first.headers.count("Idempotent-Replayed"), 0u);
  auto again = Call("POST", "/api/v1/complaints", agent,
                    std::string(R"({ "channel" : "web", "description" : "猫粮发霉" })"), key);
  EXPECT_EQ(again.status, 201) << again.raw;
  EXPECT_EQ(again.body["id"], first.body["id"]);
  ASSERT_EQ(again.headers.count("Idempotent-Replayed"), 1u);
  EXPECT_EQ(again.headers.find("Idempotent-Replayed")->second, "true");
  auto other = Call("POST", "/api/v1/complaints", agent,
                    std::string(R"({"description":"别的内容","channel":"web"})"), key);
  EXPECT_EQ(other.status, 409);
}

// 26. The history's changes omitted the resolution; a complaint's embedded customer lacked
// their platform accounts.
TEST_F(Defects, HistoryOmittedTheResolutionAndTheCustomerTheirAccounts) {
  const std::string agent = TokenOf(world->agent);
  auto filed =
      Call("POST", "/api/v1/complaints", agent,
           json{{"description", "猫粮发霉了"},
                {"channel", "web"},
                {"type", "quality"},
                {"category", "other"},
                {"customer", {{"name", "王"}, {"platform", "tmall"}, {"account_id", "wang-01"}}}});
  ASSERT_EQ(filed.status, 201) << filed.raw;
  ASSERT_EQ(filed.body["customer"]["accounts"].size(), 1u) << filed.raw;
  EXPECT_EQ(filed.body["customer"]["accounts"][0]["account_id"], "wang-01");
  const std::string path = "/api/v1/complaints/" + filed.body["reference"].get<std::string>();
  ASSERT_TRUE(InProgress(path, agent, world->agent.user_id));
  auto resolved = Call("POST", path + "/transitions", agent,
                       json{{"to", "resolved"},
                            {"note", "已补偿"},
                            {"resolution", {{"remedy", "compensation"}, {"compensation", 50}}}});
  ASSERT_EQ(resolved.status, 200) << resolved.raw;
  auto history = Call("GET", path + "/history", agent);
  bool remedy = false, amount = false;
  for (const auto& e : history.body["items"]) {
    for (const auto& ch : e["changes"]) {
      remedy |= ch["field"] == "resolution.remedy" && ch["new"] == "compensation";
      amount |= ch["field"] == "resolution.compensation" && ch["new"] == "50.00";
    }
  }
  EXPECT_TRUE(remedy && amount) << history.raw;
}

// 15. Unknown or misspelt query parameters were ignored and category=foo listed nothing.
TEST_F(Defects, UnknownQueryParametersWereIgnored) {
  const std::string agent = TokenOf(world->agent);
  auto misspelt = Call("GET", "/api/v1/complaints?stauts=resolved", agent);
  EXPECT_EQ(misspelt.status, 422);
  EXPECT_EQ(misspelt.body["error"]["field"], "stauts");
  auto sort = Call("GET", "/api/v1/complaints?sort=sla", agent);
  EXPECT_EQ(sort.status, 422);
  EXPECT_EQ(sort.body["error"]["field"], "sort");
  auto category = Call("GET", "/api/v1/complaints?category=foo", agent);
  EXPECT_EQ(category.status, 422);
  EXPECT_EQ(category.body["error"]["field"], "category");
  EXPECT_EQ(Call("GET", "/api/v1/customers?limt=5", agent).body["error"]["field"], "limt");
  EXPECT_EQ(Call("GET", "/api/v1/tasks?status=finished", agent).body["error"]["field"], "status");
  EXPECT_EQ(Call("GET", "/api/v1/knowledge?include_archived=yes", agent).status, 422);
  EXPECT_EQ(Call("GET", "/api/v1/teams?x=1", agent).body["error"]["field"], "x");
  EXPECT_EQ(Call("GET", "/api/v1/complaints?status=resolved&limit=5", agent).status, 200);
}

// 16. An agent could not see "my open complaints, most urgent SLA first".
TEST_F(Defects, NoSlaStateDueTimeOrSortInTheList) {
  std::string agent = TokenOf(world->east_agent);
  std::vector<std::string> refs;
  for (int i = 0; i < 3; ++i) {
    refs.push_back(
        world->File(world->east_agent, world->east, "快递太慢了，要求退款").complaint.reference);
    world->clock().Advance(10 * core::kMinute);
  }
  ASSERT_TRUE(domain::AnalyzeNewComplaints(world->ctx()).RunToEnd().ok());  // the clocks start
  app::JobWorker worker(world->ctx());
  while (*worker.RunDue(100) > 0) {
  }
  auto sorted = Call("GET", "/api/v1/complaints?sort=sla_due&limit=2", agent);
  ASSERT_EQ(sorted.status, 200) << sorted.raw;
  ASSERT_EQ(sorted.body["items"].size(), 2u);
  EXPECT_EQ(sorted.body["items"][0]["reference"], refs[0]) << "the oldest is the most urgent";
  EXPECT_EQ(sorted.body["items"][0]["sla_state"], "ok");
  EXPECT_FALSE(sorted.body["items"][0]["sla_due_at"].is_null());
  auto rest = Call("GET",
                   "/api/v1/complaints?sort=sla_due&limit=2&cursor=" +
                       sorted.body["next_cursor"].get<std::string>(),
                   agent);
  ASSERT_EQ(rest.body["items"].size(), 1u) << rest.raw;
  EXPECT_EQ(rest.body["items"][0]["reference"], refs[2]);
  // Hours later every first response is overdue: breached, and the filter finds them.
  world->clock().Advance(30 * core::kHour);
  while (*worker.RunDue(100) > 0) {
  }
  agent = Login(world->east_agent.username);  // the session of the morning has expired
  auto breached = Call("GET", "/api/v1/complaints?sla=breached&sort=sla_due", agent);
  ASSERT_EQ(breached.status, 200);
  EXPECT_EQ(breached.body["items"].size(), 3u) << breached.raw;
  EXPECT_EQ(Call("GET", "/api/v1/complaints?sla=at_risk", agent).body["items"].size(), 0u);
  EXPECT_EQ(Call("GET", "/api/v1/complaints?sla=late", agent).status, 422);
}

// 14. Notifications: always the newest 50, no mark-all-read, no word on manual hand-overs,
// English only, times without a zone.
TEST_F(Defects, NotificationsIgnoredPagingHandOversLanguageAndTimeZone) {
  const std::string admin = TokenOf(world->admin);
  ASSERT_EQ(Call("PATCH", "/api/v1/users/" + std::to_string(world->north_agent.user_id), admin,
                 json{{"language", "en"}, {"time_zone", "Asia/Tokyo"}})
                .status,
            200);
  EXPECT_EQ(Call("PATCH", "/api/v1/users/" + std::to_string(world->agent.user_id), admin,
                 json{{"language", "fr"}})
                .body["error"]["field"],
            "language");
  const std::string ref = world->File(world->admin, world->east).complaint.reference;
  const std::string path = "/api/v1/complaints/" + ref;
  ASSERT_EQ(Call("POST", path + "/assign", admin, json{{"assignee_id", world->east_agent.user_id}})
                .status,
            200);
  ASSERT_EQ(Call("POST", path + "/assign", admin,
                 json{{"assignee_id", world->agent.user_id}, {"reason", "东区专员休假"}})
                .status,
            200);
  auto east = Call("GET", "/api/v1/notifications", TokenOf(world->east_agent));
  ASSERT_EQ(east.status, 200) << east.raw;
  std::vector<std::string> kinds;
  for (const auto& n : east.body["items"]) kinds.push_back(n["kind"]);
  EXPECT_EQ(kinds, (std::vector<std::string>{"taken_over", "assigned"}));
  EXPECT_NE(east.body["items"][1]["message"].get<std::string>().find("已分配给您"),
            std::string::npos);
  ASSERT_EQ(Call("POST", path + "/escalate", admin, json{{"note", "客户投诉升级"}}).status, 200);
  auto got = Call("GET", "/api/v1/notifications", TokenOf(world->agent));
  ASSERT_GE(got.body["items"].size(), 2u);
  EXPECT_EQ(got.body["items"][0]["kind"], "escalated");
  // An English reader in Tokyo, with a due time in their zone.
  EXPECT_TRUE(world->ctx()
                  .store
                  .Write([&](domain::Repositories& repos) {
                    auto c = repos.complaints().FindByReference(ref);
                    domain::NotifyUser(repos, world->ctx(), world->north_agent.user_id, *c,
                                       "sla_warning", "first_response 80%", world->clock().Now());
                    return core::Status::Ok();
                  })
                  .ok());
  auto english = Call("GET", "/api/v1/notifications", TokenOf(world->north_agent));
  const std::string text = english.body["items"][0]["message"];
  EXPECT_NE(text.find("The SLA of complaint " + ref + " is running out"), std::string::npos)
      << text;
  EXPECT_NE(text.find("(due 2026-11-22 11:00 UTC+9)"), std::string::npos) << text;
  // Any IANA zone, with its daylight saving time: Berlin is UTC+1 in November, UTC+2 in July.
  EXPECT_EQ(Call("PATCH", "/api/v1/users/" + std::to_string(world->north_agent.user_id), admin,
                 json{{"time_zone", "Mars/Olympus_Mons"}})
                .body["error"]["field"],
            "time_zone");
  ASSERT_EQ(Call("PATCH", "/api/v1/users/" + std::to_string(world->north_agent.user_id), admin,
                 json{{"time_zone", "Europe/Berlin"}})
                .status,
            200);
  for (const core::UnixMillis due :
       {world->clock().Now(), world->clock().Now() + 230 * core::kDay}) {  // 2027-07-10
    EXPECT_TRUE(world->ctx()
                    .store
                    .Write([&](domain::Repositories& repos) {
                      auto c = repos.complaints().FindByReference(ref);
                      domain::NotifyUser(repos, world->ctx(), world->north_agent.user_id, *c,
                                         "sla_warning", "", due);
                      return core::Status::Ok();
                    })
                    .ok());
  }
  auto berlin = Call("GET", "/api/v1/notifications?limit=2", TokenOf(world->north_agent));
  ASSERT_EQ(berlin.body["items"].size(), 2u) << berlin.raw;
  EXPECT_NE(
      berlin.body["items"][0]["message"].get<std::string>().find("(due 2027-07-10 04:00 UTC+2)"),
      std::string::npos)
      << berlin.raw;
  EXPECT_NE(
      berlin.body["items"][1]["message"].get<std::string>().find("(due 2026-11-22 03:00 UTC+1)"),
      std::string::npos)
      << berlin.raw;
  // Paging and marking all read.
  for (int i = 0; i < 4; ++i) {
    EXPECT_TRUE(world->ctx()
                    .store
                    .Write([&](domain::Repositories& repos) {
                      auto c = repos.complaints().FindByReference(ref);
                      domain::NotifyUser(repos, world->ctx(), world->agent.user_id, *c,
                                         "update_due", "");
                      return core::Status::Ok();
                    })
                    .ok());
  }
  const std::string agent = TokenOf(world->agent);
  auto page = Call("GET", "/api/v1/notifications?limit=3", agent);
  ASSERT_EQ(page.body["items"].size(), 3u);
  auto next = Call(
      "GET", "/api/v1/notifications?limit=3&cursor=" + page.body["next_cursor"].get<std::string>(),
      agent);
  ASSERT_GE(next.body["items"].size(), 1u);
  EXPECT_LT(next.body["items"][0]["id"].get<long>(), page.body["items"][2]["id"].get<long>());
  auto all = Call("POST", "/api/v1/notifications/read-all", agent);
  ASSERT_EQ(all.status, 200) << all.raw;
  EXPECT_GE(all.body["marked"].get<int>(), 6);
  EXPECT_EQ(Call("GET", "/api/v1/notifications?unread=true", agent).body["items"].size(), 0u);
}

// 18. Safety: PATCH safety_flag left priority normal, the analysis never set the flag, and
// batch_no could not be set by PATCH.
TEST_F(Defects, SafetyDidNotRaisePriorityAndWasNotDetected) {
  const std::string agent = TokenOf(world->east_agent);
  const std::string admin = TokenOf(world->admin);
  const std::string plain =
      world->File(world->east_agent, world->east, "快递太慢了").complaint.reference;
  auto flagged = Call("PATCH", "/api/v1/complaints/" + plain, agent, json{{"safety_flag", true}});
  ASSERT_EQ(flagged.status, 200) << flagged.raw;
  EXPECT_EQ(flagged.body["priority"], "urgent");
  ASSERT_EQ(Call("POST", "/api/v1/imports/batches?format=csv", admin,
                 std::string("batch_no,sku\nB2026-0009,CF-1001\n"))
                .status,
            200);
  auto batch =
      Call("PATCH", "/api/v1/complaints/" + plain, agent, json{{"batch_no", "B2026-0009"}});
  ASSERT_EQ(batch.status, 200) << batch.raw;
  EXPECT_EQ(batch.body["batch_no"], "B2026-0009");
  EXPECT_EQ(Call("PATCH", "/api/v1/complaints/" + plain, agent, json{{"batch_no", "NOPE"}})
                .body["error"]["field"],
            "batch_no");
  // Detected from the text, Chinese and English.
  const std::string fire =
      world->File(world->east_agent, world->east, "饮水机插电后冒烟起火了").complaint.reference;
  const std::string choke =
      world->File(world->east_agent, world->east, "My dog was choking on the toy")
          .complaint.reference;
  const std::string calm =
      world->File(world->east_agent, world->east, "请问这款猫砂可以冲马桶吗").complaint.reference;
  ASSERT_TRUE(domain::AnalyzeNewComplaints(world->ctx()).RunToEnd().ok());
  for (const std::string& ref : {fire, choke}) {
    auto c = Call("GET", "/api/v1/complaints/" + ref, agent);
    EXPECT_TRUE(c.body["safety_flag"].get<bool>()) << ref;
    EXPECT_EQ(c.body["priority"], "urgent") << ref;
  }
  EXPECT_FALSE(Call("GET", "/api/v1/complaints/" + calm, agent).body["safety_flag"].get<bool>());
  // The words are editable rules.
  auto rules = Call("GET", "/api/v1/config/rules/safety", admin);
  EXPECT_EQ(rules.status, 200) << rules.raw;
  EXPECT_NE(rules.raw.find("漏电"), std::string::npos);
}

// 13. Search, similar cases and drafts ignored the script: 貓砂盆 was not found by 猫砂盆 and
// the reply to a traditional-Chinese customer was in simplified characters.
TEST_F(Defects, SearchAndDraftsIgnoredTheScript) {
  const std::string agent = TokenOf(world->agent);
  const std::string ref =
      world->File(world->agent, world->east, "我買的貓砂盆破裂了，請儘快處理").complaint.reference;
  world->File(world->agent, world->east, "快递太慢了");
  for (const char* q : {"猫砂盆", "貓砂盆", "破裂", "猫砂"}) {
    auto found = Call("GET", std::string("/api/v1/complaints?q=") + PercentEncoded(q), agent);
    ASSERT_EQ(found.status, 200) << found.raw;
    ASSERT_EQ(found.body["items"].size(), 1u) << q;
    EXPECT_EQ(found.body["items"][0]["reference"], ref) << q;
  }
  world->wiring().IndexAllText();  // the same through the trigram index
  auto indexed = Call("GET", "/api/v1/complaints?q=" + PercentEncoded("猫砂盆"), agent);
  EXPECT_EQ(indexed.body["items"].size(), 1u);
  auto suggestions = Call("GET", "/api/v1/complaints/" + ref + "/suggestions", agent);
  ASSERT_EQ(suggestions.status, 200) << suggestions.raw;
  const std::string body = suggestions.body["reply_draft"]["body"];
  EXPECT_EQ(suggestions.body["reply_draft"]["language"], "zh-Hant");
  EXPECT_NE(body.find("您"), std::string::npos);
  EXPECT_EQ(body.find("处理"), std::string::npos) << "simplified 处理 in: " << body;
}

// 21. Drafts promised a date already past, offered a repair visit for rude staff and quoted an
// English title cut mid-word.
TEST_F(Defects, DraftsPromisedThePastOfferedVisitsAndCutWords) {
  std::string agent = TokenOf(world->agent);
  auto rude = Call("POST", "/api/v1/complaints", agent,
                   json{{"description", "门店店员态度恶劣，还骂人"},
                        {"channel", "store"},
                        {"type", "service"},
                        {"category", "after_sales"},
                        {"region_id", world->east}});
  ASSERT_EQ(rude.status, 201) << rude.raw;
  world->clock().Advance(10 * core::kDay);  // the first promise has long passed
  agent = Login(world->agent.username);
  const std::string ref = rude.body["reference"];
  auto draft = Call("GET", "/api/v1/complaints/" + ref + "/suggestions", agent);
  ASSERT_EQ(draft.status, 200) << draft.raw;
  const std::string body = draft.body["reply_draft"]["body"];
  EXPECT_EQ(body.find("2026-11-23"), std::string::npos) << body;
  EXPECT_NE(body.find("2026-12-03"), std::string::npos) << "24 h from now: " << body;
  EXPECT_EQ(body.find("上门"), std::string::npos) << body;
  EXPECT_EQ(body.find("维修"), std::string::npos) << body;
  auto english = Call("POST", "/api/v1/complaints", agent,
                      json{{"description", "The automatic feeder jammed after two days of use"},
                           {"channel", "web"}});
  ASSERT_EQ(english.status, 201);
  EXPECT_EQ(english.body["title"], "The automatic feeder jammed") << "whole words";
}

// 21. Drafts were phrases in code: admins could not change a word of them.
TEST_F(Defects, ReplyDraftsWereNotEditableTemplates) {
  const std::string admin = TokenOf(world->admin);
  const std::string agent = TokenOf(world->agent);
  const std::string ref =
      world->File(world->agent, world->east, "猫粮发霉了，狗吃了拉肚子，电话13912345678")
          .complaint.reference;
  ASSERT_EQ(Call("PATCH", "/api/v1/complaints/" + ref, agent,
                 json{{"type", "quality"}, {"category", "product_quality"}})
                .status,
            200);
  auto shipped = Call("GET", "/api/v1/config/templates/reply_draft", agent);
  ASSERT_EQ(shipped.status, 200) << shipped.raw;
  ASSERT_EQ(shipped.body["templates"].size(), 2u);
  EXPECT_EQ(shipped.body["templates"][0]["language"], "zh-CN");
  EXPECT_FALSE(shipped.body["templates"][0]["custom"].get<bool>());
  const std::string shipped_body = shipped.body["templates"][0]["parts"]["body"];
  EXPECT_NE(shipped_body.find("{{promise_time}}"), std::string::npos);

  // Bad templates are refused naming the part, and the template in force stays.
  const json base = {{"subject", "【{{reference}}】关于{{title}}"},
                     {"body",
                      "亲，{{type_sentence}}{{category_sentence}}编号{{reference}}，"
                      "{{promise_time}}前回复。{{#agitated}}抱歉！{{/agitated}}"},
                     {"type:quality", "质检部门已介入（{{reference}}）。"},
                     {"category:product_quality", ""}};
  json unclosed = base;
  unclosed["body"] = "亲，{{#agitated}}抱歉";
  auto bad =
      Call("PUT", "/api/v1/config/templates/reply_draft/zh-CN", admin, json{{"parts", unclosed}});
  EXPECT_EQ(bad.status, 422) << bad.raw;
  EXPECT_EQ(bad.body["error"]["field"], "parts.body");
  json unknown = base;
  unknown["type:bogus"] = "x";
  bad = Call("PUT", "/api/v1/config/templates/reply_draft/zh-CN", admin, json{{"parts", unknown}});
  EXPECT_EQ(bad.status, 422) << bad.raw;
  EXPECT_EQ(bad.body["error"]["field"], "parts.type:bogus");
  json no_subject = base;
  no_subject.erase("subject");
  bad =
      Call("PUT", "/api/v1/config/templates/reply_draft/zh-CN", admin, json{{"parts", no_subject}});
  EXPECT_EQ(bad.body["error"]["field"], "parts.subject");
  EXPECT_EQ(
      Call("PUT", "/api/v1/config/templates/reply_draft/fr", admin, json{{"parts", base}}).status,
      404);
  EXPECT_EQ(Call("PUT", "/api/v1/config/templates/reply_draft/zh-CN", agent, json{{"parts", base}})
                .status,
            403);
  auto draft = Call("GET", "/api/v1/complaints/" + ref + "/suggestions", agent);
  EXPECT_EQ(draft.body["reply_draft"]["body"].get<std::string>().rfind("您好", 0), 0u);

  // A good one is stored, recorded and used at once.
  auto put =
      Call("PUT", "/api/v1/config/templates/reply_draft/zh-CN", admin, json{{"parts", base}});
  ASSERT_EQ(put.status, 200) << put.raw;
  EXPECT_TRUE(put.body["custom"].get<bool>());
  draft = Call("GET", "/api/v1/complaints/" + ref + "/suggestions", agent);
  const std::string body = draft.body["reply_draft"]["body"];
  EXPECT_EQ(body.rfind("亲，质检部门已介入（" + ref + "）。编号" + ref, 0), 0u) << body;
  EXPECT_EQ(draft.body["reply_draft"]["subject"].get<std::string>().rfind("【" + ref + "】", 0),
            0u);
  EXPECT_EQ(body.find("{{"), std::string::npos) << body;
  auto record = Call("GET", "/api/v1/config/changes", admin);
  EXPECT_EQ(record.body["items"][0]["area"], "templates:reply_draft:zh-CN");
  // The title quoted by the subject is masked like any free text for a role that may not see it.
  auto masked = Call("GET", "/api/v1/complaints/" + ref + "/suggestions", TokenOf(world->analyst));
  ASSERT_EQ(masked.status, 200) << masked.raw;
  EXPECT_EQ(masked.body["reply_draft"]["subject"].get<std::string>().find("13912345678"),
            std::string::npos);

  // Reset: the shipped template again.
  auto reset = Call("DELETE", "/api/v1/config/templates/reply_draft/zh-CN", admin);
  ASSERT_EQ(reset.status, 200) << reset.raw;
  EXPECT_FALSE(reset.body["custom"].get<bool>());
  draft = Call("GET", "/api/v1/complaints/" + ref + "/suggestions", agent);
  EXPECT_EQ(draft.body["reply_draft"]["body"].get<std::string>().rfind("您好", 0), 0u);
}

}  // namespace
}  // namespace closeloop::testing
