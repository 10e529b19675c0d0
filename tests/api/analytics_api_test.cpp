// Analytics (R-5.1, R-5.2; docs/kpi.md) through the API on the real store with the fake clock:
// every KPI of a hand-computed fixture, breakdowns and the drill-down agreeing with them and
// with the complaint list, data scope, bad input, and facts rebuilt from history equal to those
// kept up by the change events (after a reopen, a reclassification and a customer merge).
#include "api/api_fixture.h"
#include "core/time_format.h"
#include "domain/analytics/analytics_upkeep.h"
#include "domain/complaint/create_complaint.h"
#include "domain/customer360/customers.h"
#include "domain/survey/survey_responses.h"

namespace closeloop::testing {
namespace {

using nlohmann::json;
namespace d = domain;
using S = d::ComplaintStatus;

constexpr const char* kFixtureDay =
    "2026-11-22";  // the fixture's complaints arrive at 10:00 in China

class Analytics : public ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    t0 = world->clock().Now();
  }

  void At(core::UnixMillis offset) { world->clock().Set(t0 + offset); }

  d::Id FileFor(const std::string& phone, d::Id region) {
    d::NewComplaint in;
    in.channel = d::Channel::kPhone;
    in.description = "快递送货太慢了，等了好几天";
    in.region_id = region;
    in.type = d::ComplaintType::kQuality;
    in.category = "logistics";
    in.customer = d::CustomerInput{std::nullopt, "客户" + phone, phone, "", std::nullopt};
    auto created = d::CreateComplaint(world->ctx()).Execute(world->admin, in, std::nullopt);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created->view.complaint.id;
  }

  void Move(d::Id id, S to, std::optional<d::ResolutionInput> resolution = std::nullopt,
            const std::string& note = "") {
    d::TransitionRequest r{to, note, std::nullopt};
    if (to == S::kAssigned) r.assignee_id = world->east_agent.user_id;
    if (to == S::kResolved) r.resolution = resolution ? *resolution : Explained();
    auto moved = d::TransitionComplaint(world->ctx()).Execute(world->admin, std::to_string(id), r);
    ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  }

  void Resolve(d::Id id, std::optional<d::ResolutionInput> resolution = std::nullopt) {
    Move(id, S::kAssigned);
    Move(id, S::kInProgress);
    Move(id, S::kResolved, resolution);
  }

  void Reply(d::Id id) {
    auto note = d::AddNote(world->ctx())
                    .Execute(world->admin, std::to_string(id), d::NoteVisibility::kPublic,
                             "您好，我们已收到并在处理");
    ASSERT_TRUE(note.ok()) << note.status().ToString();
  }

  void Survey(d::Id id, int csat, int nps, int spm, int ces) {
    d::SurveyAnswer a;
    a.csat = csat;
    a.nps = nps;
    a.spm = spm;
    a.effort = ces;
    a.source = "staff";
    auto r = d::RecordSurveyResponse(world->ctx()).Execute(world->admin, std::to_string(id), a);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }

  void Refresh() {
    auto n = d::RefreshAnalytics(world->ctx()).UntilDone();
    ASSERT_TRUE(n.ok()) << n.status().ToString();
  }

  // The fixture (times after 10:00 on 2026-11-22 in China; all in east but G):
  //   A  first reply 30 min, resolved at 2 h with 50.00 yuan, survey 5 / 10 / 4 / 5
  //   B  first reply 90 min, resolved at 30 h, reopened at 31 h (open)
  //   C  rejected at 10 min
  //   D  escalated at 5 h (open)
  //   F  first reply 3 h (first response target 2 h: breached), resolved at 4 h, 2 / 3 / 2 / 2
  //   G  north, open
  //   H  A's customer again, same category, at 3 h: a re-contact within 7 days of A's resolution
  void Fixture() {
    a = FileFor("13900000001", world->east);
    b = FileFor("13900000002", world->east);
    c = FileFor("13900000003", world->east);
    dd = FileFor("13900000004", world->east);
    f = FileFor("13900000005", world->east);
    g = FileFor("13900000006", world->north);
    for (d::Id id : {a, b, dd, f, g}) Move(id, S::kClassified);
    At(10 * core::kMinute);
    Move(c, S::kRejected, std::nullopt, "恶意投诉");
    At(30 * core::kMinute);
    Reply(a);
    At(60 * core::kMinute);
    Move(b, S::kAssigned);
    Move(b, S::kInProgress);
    At(90 * core::kMinute);
    Reply(b);
    At(2 * core::kHour);
    Resolve(a, d::ResolutionInput{d::Remedy::kCompensation, 5000, "补偿50元"});
    At(3 * core::kHour);
    Reply(f);
    h = FileFor("13900000001", world->east);
    At(4 * core::kHour);
    Resolve(f);
    At(5 * core::kHour);
    auto raised = d::EscalateComplaint(world->ctx())
                      .Execute(world->admin, std::to_string(dd), "客户要求经理处理");
    ASSERT_TRUE(raised.ok()) << raised.status().ToString();
    At(30 * core::kHour);
    Move(b, S::kResolved);
    At(31 * core::kHour);
    Move(b, S::kReopened, std::nullopt, "客户说问题没解决");
    At(32 * core::kHour);
    Survey(a, 5, 10, 4, 5);
    Survey(f, 2, 3, 2, 2);
    Refresh();
  }

  json Kpis(const std::string& token, const std::string& query = "") {
    auto r = Call(
        "GET",
        std::string("/api/v1/analytics/kpis?from=") + kFixtureDay + "&to=" + kFixtureDay + query,
        token);
    EXPECT_EQ(r.status, 200) << r.raw;
    return r.body["kpis"];
  }

  core::UnixMillis t0 = 0;
  d::Id a = 0, b = 0, c = 0, dd = 0, f = 0, g = 0, h = 0;
};

TEST_F(Analytics, EveryKpiOfTheHandComputedFixture) {
  Fixture();
  const json k = Kpis(Login("admin"));
  EXPECT_EQ(k["complaints"], 7);
  // Replies at 30, 90 and 180 minutes.
  EXPECT_DOUBLE_EQ(k["first_response_minutes_avg"].get<double>(), 100.0);
  EXPECT_DOUBLE_EQ(k["first_response_business_minutes_avg"].get<double>(), 100.0);  // 24×7
  // Resolved now: A at 2 h, F at 4 h (B was reopened).
  EXPECT_DOUBLE_EQ(k["resolution_hours_avg"].get<double>(), 3.0);
  EXPECT_DOUBLE_EQ(k["resolution_business_hours_avg"].get<double>(), 3.0);
  // Six valid complaints (C was rejected).
  EXPECT_DOUBLE_EQ(k["handled_24h_rate"].get<double>(), 2.0 / 6);
  EXPECT_DOUBLE_EQ(k["resolution_rate"].get<double>(), 2.0 / 6);
  // A's customer came back on the same issue (H): only F was resolved at first contact.
  EXPECT_DOUBLE_EQ(k["fcr_rate"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(k["escalation_rate"].get<double>(), 1.0 / 6);
  EXPECT_DOUBLE_EQ(k["repeat_rate_7d"].get<double>(), 0.0);  // not analysed: no flags
  EXPECT_DOUBLE_EQ(k["repeat_rate_30d"].get<double>(), 0.0);
  EXPECT_DOUBLE_EQ(k["overdue_rate"].get<double>(), 1.0 / 6);  // F's first response
  // Ever resolved: A, F and B; B was reopened.
  EXPECT_DOUBLE_EQ(k["reopen_rate"].get<double>(), 1.0 / 3);
  EXPECT_DOUBLE_EQ(k["sla_first_response_attainment"].get<double>(), 2.0 / 3);
  EXPECT_DOUBLE_EQ(k["sla_resolve_attainment"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(k["csat_top2_rate"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(k["csat_mean"].get<double>(), 3.5);
  EXPECT_DOUBLE_EQ(k["nps"].get<double>(), 0.0);  // one promoter, one detractor
  EXPECT_DOUBLE_EQ(k["spm_mean"].get<double>(), 3.0);
  EXPECT_DOUBLE_EQ(k["ces_mean"].get<double>(), 3.5);
  // (24 − 2) / 24 and (24 − 4) / 24 against the regular policy's 24 h.
  EXPECT_NEAR(k["tpi_mean"].get<double>(), (22.0 / 24 + 20.0 / 24) / 2, 1e-9);
  EXPECT_TRUE(k["survey_response_rate"].is_null());  // no survey was sent
  EXPECT_DOUBLE_EQ(k["compensation_paid"].get<double>(), 50.0);
  // Open now (at 32 h): B, D, G since 10:00 and H since 13:00.
  EXPECT_EQ(k["backlog_open"], 4);
  EXPECT_DOUBLE_EQ(k["backlog_age_hours_avg"].get<double>(), (32.0 * 3 + 29) / 4);
  EXPECT_DOUBLE_EQ(k["backlog_age_hours_max"].get<double>(), 32.0);
  // Identify: the first move out of received, within its 2 h for all that moved.
  EXPECT_DOUBLE_EQ(k["sla_identify_attainment"].get<double>(), 1.0);
}

TEST_F(Analytics, OnlyTheKpisAskedForAndNothingOutsideThePeriod) {
  Fixture();
  const std::string admin = Login("admin");
  auto r = Call("GET", "/api/v1/analytics/kpis?from=2026-11-23&to=2026-11-23", admin);
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.body["kpis"]["complaints"], 0);
  EXPECT_TRUE(r.body["kpis"]["csat_mean"].is_null());
  const json some = Kpis(admin, "&kpis=complaints,nps");
  EXPECT_EQ(some.size(), 2u);
  EXPECT_EQ(some["complaints"], 7);
}

TEST_F(Analytics, ScopedManagerCountsOnlyTheirRegion) {
  Fixture();
  EXPECT_EQ(Kpis(Login("mgr_east"))["complaints"], 6);
  // A filter cannot widen the scope.
  EXPECT_EQ(Kpis(Login("mgr_east"), "&region_id=" + std::to_string(world->north))["complaints"], 0);
}

TEST_F(Analytics, BreakdownDrillDownAndComplaintListAgree) {
  Fixture();
  const std::string admin = Login("admin");
  auto r = Call("GET",
                std::string("/api/v1/analytics/breakdown?kpis=complaints,backlog_open&by=region,"
                            "status&from=") +
                    kFixtureDay + "&to=" + kFixtureDay,
                admin);
  ASSERT_EQ(r.status, 200) << r.raw;
  int east = 0;
  for (const auto& row : r.body["rows"]) {
    if (row["region"] == world->east) {
      east += row["complaints"].get<int>();
      EXPECT_FALSE(row["region_name"].get<std::string>().empty());
    }
  }
  EXPECT_EQ(east, 6);
  // The complaints behind east's number: the drill-down and the complaint list say 6 too.
  const std::string east_filter = "&region_id=" + std::to_string(world->east);
  auto drill = Call("GET",
                    std::string("/api/v1/analytics/complaints?from=") + kFixtureDay +
                        "&to=" + kFixtureDay + east_filter + "&limit=2",
                    admin);
  ASSERT_EQ(drill.status, 200) << drill.raw;
  EXPECT_EQ(drill.body["total"], 6);
  EXPECT_EQ(drill.body["items"].size(), 2u);
  auto next =
      Call("GET",
           std::string("/api/v1/analytics/complaints?from=") + kFixtureDay + "&to=" + kFixtureDay +
               east_filter + "&limit=10&cursor=" + drill.body["next_cursor"].get<std::string>(),
           admin);
  EXPECT_EQ(next.body["items"].size(), 4u);
  auto list =
      Call("GET",
           "/api/v1/complaints?from=2026-11-22T00:00:00%2B08:00&to=2026-11-23T00:00:00%2B08:"
           "00&limit=100" +
               east_filter,
           admin);
  ASSERT_EQ(list.status, 200) << list.raw;
  EXPECT_EQ(list.body["items"].size(), 6u);
  // A rate's numerator: east's open complaints are B, D and H.
  auto open = Call("GET",
                   std::string("/api/v1/analytics/complaints?from=") + kFixtureDay +
                       "&to=" + kFixtureDay + east_filter + "&flag=open",
                   admin);
  EXPECT_EQ(open.body["total"], 3);
  // CSV of the breakdown, with a header row and one line per group.
  auto csv = Call("GET",
                  std::string("/api/v1/analytics/breakdown?kpis=complaints&by=region&format=csv"
                              "&from=") +
                      kFixtureDay + "&to=" + kFixtureDay,
                  admin);
  ASSERT_EQ(csv.status, 200) << csv.raw;
  EXPECT_NE(csv.headers.find("Content-Type")->second.find("text/csv"), std::string::npos);
  EXPECT_NE(csv.raw.find("region,region_name,complaints\r\n"), std::string::npos) << csv.raw;
  EXPECT_NE(csv.raw.find(",6\r\n"), std::string::npos) << csv.raw;
}

TEST_F(Analytics, BadQuestionsAreRefusedNamingTheField) {
  const std::string admin = Login("admin");
  auto field_of = [&](const std::string& query) {
    auto r = Call("GET", "/api/v1/analytics/" + query, admin);
    EXPECT_EQ(r.status, 422) << query << " " << r.raw;
    return r.body["error"]["field"].get<std::string>();
  };
  EXPECT_EQ(field_of("kpis?to=2026-11-22"), "from");
  EXPECT_EQ(field_of("kpis?from=2026-11-22&to=2026-11-01"), "to");    // reversed
  EXPECT_EQ(field_of("kpis?from=2027-01-01&to=2027-01-31"), "from");  // in the future
  EXPECT_EQ(field_of("kpis?from=2026-11-31&to=2026-12-01"), "from");  // no such day
  EXPECT_EQ(field_of("kpis?from=2026-11-01&to=2026-11-22&kpis=csat,nps"), "kpis");
  EXPECT_EQ(field_of("breakdown?from=2026-11-01&to=2026-11-22&by=colour"), "by");
  EXPECT_EQ(field_of("breakdown?from=2026-11-01&to=2026-11-22&by=day,region,category"), "by");
  EXPECT_EQ(field_of("breakdown?from=2026-11-01&to=2026-11-22&by=day,day"), "by");
  EXPECT_EQ(field_of("kpis?from=2026-11-01&to=2026-11-22&region_id=east"), "region_id");
  EXPECT_EQ(field_of("complaints?from=2026-11-01&to=2026-11-22&flag=happy"), "flag");
  auto unknown =
      Call("GET", "/api/v1/analytics/kpis?from=2026-11-01&to=2026-11-22&colour=red", admin);
  EXPECT_EQ(unknown.status, 422) << unknown.raw;
  // The unknown KPI is named in the message.
  auto named = Call("GET", "/api/v1/analytics/kpis?from=2026-11-01&to=2026-11-22&kpis=csat", admin);
  EXPECT_NE(named.body["error"]["message"].get<std::string>().find("csat"), std::string::npos);
}

TEST_F(Analytics, AgentBreakdownIsForManagersAndAnalyticsForItsRoles) {
  const std::string q = "from=2026-11-01&to=2026-11-22";
  EXPECT_EQ(Call("GET", "/api/v1/analytics/breakdown?by=agent&" + q, Login("analyst")).status, 403);
  EXPECT_EQ(Call("GET", "/api/v1/analytics/breakdown?by=agent&" + q, Login("admin")).status, 200);
  EXPECT_EQ(Call("GET", "/api/v1/analytics/breakdown?by=region&" + q, Login("analyst")).status,
            200);
  EXPECT_EQ(Call("GET", "/api/v1/analytics/kpis?" + q, Login("agent_east")).status, 403);
}

TEST_F(Analytics, RebuiltFactsEqualTheIncrementalOnes) {
  Fixture();
  const d::RefreshAnalytics upkeep(world->ctx());
  // Reclassification and a customer merge after the fixture, kept up by their change events.
  At(33 * core::kHour);
  d::ComplaintPatch patch;
  patch.category = "after_sales";
  ASSERT_TRUE(
      d::UpdateComplaint(world->ctx()).Execute(world->admin, std::to_string(h), patch).ok());
  d::Id customer_of_f = 0, customer_of_g = 0;
  ASSERT_TRUE(world->ctx()
                  .store
                  .Read([&](d::Repositories& repos) {
                    customer_of_f = *repos.complaints().FindById(f)->customer_id;
                    customer_of_g = *repos.complaints().FindById(g)->customer_id;
                    return core::Status::Ok();
                  })
                  .ok());
  d::CustomerInput vip;
  vip.tier = d::CustomerTier::kVip;
  ASSERT_TRUE(d::ManageCustomers(world->ctx()).Update(world->admin, customer_of_f, vip).ok());
  ASSERT_TRUE(d::ManageCustomers(world->ctx())
                  .Merge(world->admin, customer_of_f, customer_of_g, "同一人")
                  .ok());
  Refresh();
  const std::string admin = Login("admin");
  auto tiers = Call("GET",
                    std::string("/api/v1/analytics/breakdown?kpis=complaints&by=tier&from=") +
                        kFixtureDay + "&to=" + kFixtureDay,
                    admin);
  ASSERT_EQ(tiers.status, 200) << tiers.raw;
  int vips = 0;
  for (const auto& row : tiers.body["rows"]) {
    if (row["tier"] == "vip") vips = row["complaints"].get<int>();
  }
  EXPECT_EQ(vips, 2);  // F's and, merged into the same customer, G's
  auto differing = upkeep.Verify();
  ASSERT_TRUE(differing.ok());
  EXPECT_EQ(*differing, 0);
  const json before = Kpis(admin);
  auto rebuilt = upkeep.Rebuild(3);  // small batches: the walk crosses batch borders
  ASSERT_TRUE(rebuilt.ok());
  EXPECT_EQ(*rebuilt, 7);
  EXPECT_EQ(Kpis(admin), before);
}

}  // namespace
}  // namespace closeloop::testing

namespace closeloop::testing {
namespace {

TEST_F(Analytics, CompositeScoreAgainstTheDefaultAndConfiguredTargets) {
  Fixture();
  const std::string admin = Login("admin");
  auto targets = Call("GET", "/api/v1/analytics/targets", admin);
  ASSERT_EQ(targets.status, 200) << targets.raw;
  EXPECT_EQ(targets.body["targets"].size(), 9u);
  const std::string period = std::string("from=") + kFixtureDay + "&to=" + kFixtureDay;
  auto overall = Call("GET", "/api/v1/analytics/scorecard?" + period, admin);
  ASSERT_EQ(overall.status, 200) << overall.raw;
  // By hand: ART 3 h ≤ 24 (1), resolution 0.333 / 0.95, FCR 0.5 / 0.8, escalation 0.05 / 0.167,
  // overdue 0.03 / 0.167, repeat 0 ≤ 0.12 (1), CSAT 3.5 / 4.2, SPM 3 / 4.2, TPI 0.875 ≥ 0.75 (1).
  const double expected = 0.10 + 0.15 * (1.0 / 3 / 0.95) + 0.15 * (0.5 / 0.8) + 0.10 * 0.3 +
                          0.10 * 0.18 + 0.10 + 0.15 * (3.5 / 4.2) + 0.05 * (3.0 / 4.2) + 0.10;
  EXPECT_NEAR(overall.body["rows"][0]["score"].get<double>(), expected * 100, 1e-6);
  EXPECT_EQ(overall.body["rows"][0]["complaints"], 7);
  // One target of weight 1: the score is its attainment.
  auto put = Call("PUT", "/api/v1/analytics/targets", admin,
                  json{{"targets", {{{"kpi", "csat_mean"}, {"target", 4.0}, {"weight", 1}}}}});
  ASSERT_EQ(put.status, 200) << put.raw;
  auto by_region = Call("GET", "/api/v1/analytics/scorecard?by=region&" + period, admin);
  ASSERT_EQ(by_region.status, 200) << by_region.raw;
  ASSERT_EQ(by_region.body["rows"].size(), 2u);
  EXPECT_EQ(by_region.body["rows"][0]["region"], world->east);  // best first; north has no CSAT
  EXPECT_DOUBLE_EQ(by_region.body["rows"][0]["score"].get<double>(), 87.5);
  EXPECT_FALSE(by_region.body["rows"][0]["kpis"][0]["met"].get<bool>());
  EXPECT_TRUE(by_region.body["rows"][1]["score"].is_null());
  auto changes = Call("GET", "/api/v1/config/changes", admin);
  EXPECT_NE(changes.raw.find("kpi_targets"), std::string::npos) << changes.raw;
}

TEST_F(Analytics, BadTargetsAreRefusedAndTheOldOnesStay) {
  const std::string admin = Login("admin");
  auto field_of = [&](const json& targets) {
    auto r = Call("PUT", "/api/v1/analytics/targets", admin, json{{"targets", targets}});
    EXPECT_EQ(r.status, 422) << r.raw;
    return r.body["error"]["field"].get<std::string>();
  };
  EXPECT_EQ(field_of({{{"kpi", "happiness"}, {"target", 1}, {"weight", 1}}}), "targets[0].kpi");
  EXPECT_EQ(field_of({{{"kpi", "complaints"}, {"target", 1}, {"weight", 1}}}), "targets[0].kpi");
  EXPECT_EQ(field_of({{{"kpi", "nps"}, {"target", 10}, {"weight", 200}}}), "targets[0].weight");
  EXPECT_EQ(field_of({{{"kpi", "nps"}, {"target", "high"}, {"weight", 1}}}), "targets[0].target");
  EXPECT_EQ(field_of({{{"kpi", "nps"}, {"target", 10}, {"weight", 0}}}), "targets");
  EXPECT_EQ(field_of({{{"kpi", "nps"}, {"target", 10}, {"weight", 1}},
                      {{"kpi", "nps"}, {"target", 20}, {"weight", 1}}}),
            "targets[1].kpi");
  EXPECT_EQ(Call("PUT", "/api/v1/analytics/targets", Login("mgr_east"),
                 json{{"targets", {{{"kpi", "nps"}, {"target", 10}, {"weight", 1}}}}})
                .status,
            403);
  auto still = Call("GET", "/api/v1/analytics/targets", admin);
  EXPECT_EQ(still.body["targets"].size(), 9u);
}

TEST_F(Analytics, AgentPerformanceForManagersAndForTheAgentThemselves) {
  Fixture();
  const std::string path = "/api/v1/analytics/agents/" + std::to_string(world->east_agent.user_id) +
                           "?from=" + kFixtureDay + "&to=" + kFixtureDay;
  auto by_admin = Call("GET", path, Login("admin"));
  ASSERT_EQ(by_admin.status, 200) << by_admin.raw;
  EXPECT_EQ(by_admin.body["complaints"], 3);  // A, B and F were assigned to them
  EXPECT_EQ(by_admin.body["kpis"].size(), 9u);
  EXPECT_TRUE(by_admin.body["skills"].is_array());
  auto own = Call("GET", path, Login("agent_east"));
  ASSERT_EQ(own.status, 200) << own.raw;
  EXPECT_EQ(own.body["complaints"], 3);
  EXPECT_EQ(own.body["score"], by_admin.body["score"]);
  EXPECT_EQ(Call("GET", path, Login("agent_north")).status, 403);
  EXPECT_EQ(Call("GET", path, Login("analyst")).status, 403);
  auto nobody =
      Call("GET", "/api/v1/analytics/agents/999?from=2026-11-01&to=2026-11-22", Login("admin"));
  EXPECT_EQ(nobody.status, 404);
}

}  // namespace
}  // namespace closeloop::testing

namespace closeloop::testing {
namespace {

TEST_F(Analytics, MonthlyReportAsHtmlAndCsvWithinTheCallersScope) {
  Fixture();
  auto html = Call("GET", "/api/v1/analytics/report?period=2026-11", Login("admin"));
  ASSERT_EQ(html.status, 200) << html.raw;
  EXPECT_NE(html.headers.find("Content-Type")->second.find("text/html"), std::string::npos);
  EXPECT_NE(html.headers.find("Content-Security-Policy")->second.find("default-src 'none'"),
            std::string::npos);
  EXPECT_NE(html.raw.find("投诉月报"), std::string::npos);
  EXPECT_NE(html.raw.find("<svg"), std::string::npos);
  EXPECT_EQ(html.raw.find("<script"), std::string::npos);
  EXPECT_NE(html.raw.find("物流配送"), std::string::npos);  // the top category, in Chinese
  EXPECT_NE(html.raw.find("华北大区"), std::string::npos);
  auto en = Call("GET", "/api/v1/analytics/report?period=2026-11&lang=en", Login("admin"));
  EXPECT_NE(en.raw.find("Monthly complaint report"), std::string::npos);
  // The scoped manager's report counts their region only and names no other.
  auto scoped =
      Call("GET", "/api/v1/analytics/report?period=2026-11&format=csv", Login("mgr_east"));
  ASSERT_EQ(scoped.status, 200) << scoped.raw;
  EXPECT_NE(scoped.raw.find("kpis,2026-11,complaints,6\r\n"), std::string::npos) << scoped.raw;
  EXPECT_EQ(scoped.raw.find("华北大区"), std::string::npos) << scoped.raw;
  // Periods: a week, a year and a day work; anything else names the field.
  const std::string admin = Login("admin");
  EXPECT_EQ(Call("GET", "/api/v1/analytics/report?period=2026-W47", admin).status, 200);
  EXPECT_EQ(Call("GET", "/api/v1/analytics/report?period=2026", admin).status, 200);
  EXPECT_EQ(Call("GET", "/api/v1/analytics/report?period=2026-11-22", admin).status, 200);
  for (const char* bad : {"2026-13", "2026-W54", "26-11", "2027", "2026-11-31"}) {
    auto r = Call("GET", std::string("/api/v1/analytics/report?period=") + bad, admin);
    EXPECT_EQ(r.status, 422) << bad << " " << r.raw;
  }
}

}  // namespace
}  // namespace closeloop::testing

namespace closeloop::testing {
namespace {

TEST_F(Analytics, PromotionCalendarIsCheckedAndTheReportSetsVolumeAgainstIt) {
  Fixture();
  const std::string admin = Login("admin");
  auto defaults = Call("GET", "/api/v1/analytics/promotions", admin);
  ASSERT_EQ(defaults.status, 200) << defaults.raw;
  EXPECT_NE(defaults.raw.find("双11 2026"), std::string::npos);
  auto field_of = [&](const json& promotions) {
    auto r = Call("PUT", "/api/v1/analytics/promotions", admin, json{{"promotions", promotions}});
    EXPECT_EQ(r.status, 422) << r.raw;
    return r.body["error"]["field"].get<std::string>();
  };
  const json a = {{"name", "黑五"}, {"starts_on", "2026-11-20"}, {"ends_on", "2026-11-23"}};
  const json overlapping = {
      {"name", "周末"}, {"starts_on", "2026-11-22"}, {"ends_on", "2026-11-24"}};
  EXPECT_EQ(field_of({a, overlapping}), "promotions[1].starts_on");
  EXPECT_EQ(field_of({{{"name", "x"}, {"starts_on", "2026-11-20"}, {"ends_on", "2026-11-19"}}}),
            "promotions[0].ends_on");
  EXPECT_EQ(field_of({{{"name", ""}, {"starts_on", "2026-11-20"}, {"ends_on", "2026-11-21"}}}),
            "promotions[0].name");
  EXPECT_EQ(field_of({{{"name", "x"}, {"starts_on", "2026-02-30"}, {"ends_on", "2026-03-01"}}}),
            "promotions[0].starts_on");
  EXPECT_EQ(field_of({{{"name", "x"}, {"starts_on", "2026-01-01"}, {"ends_on", "2026-06-01"}}}),
            "promotions[0].ends_on");
  // Nothing of the refused calendars was stored.
  EXPECT_EQ(Call("GET", "/api/v1/analytics/promotions", admin).body, defaults.body);
  auto put = Call("PUT", "/api/v1/analytics/promotions", admin, json{{"promotions", {a}}});
  ASSERT_EQ(put.status, 200) << put.raw;
  auto read = Call("GET", "/api/v1/analytics/promotions", admin);
  ASSERT_EQ(read.body["promotions"].size(), 1u);
  // All seven complaints arrived on the 22nd, inside 黑五: the report says so.
  auto csv = Call("GET", "/api/v1/analytics/report?period=2026-11&format=csv", admin);
  EXPECT_NE(csv.raw.find("promotion,黑五,complaints,7\r\n"), std::string::npos) << csv.raw;
  EXPECT_NE(csv.raw.find("promotion,黑五,days,4\r\n"), std::string::npos) << csv.raw;
  auto html = Call("GET", "/api/v1/analytics/report?period=2026-11", admin);
  EXPECT_NE(html.raw.find("促销期间投诉量"), std::string::npos);
  EXPECT_EQ(
      Call("PUT", "/api/v1/analytics/promotions", Login("mgr_east"), json{{"promotions", {a}}})
          .status,
      403);
}

}  // namespace
}  // namespace closeloop::testing
