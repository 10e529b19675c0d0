// Every endpoint × every role, from one table; plus data-scope leaks for scoped users and 401
// for every protected endpoint without credentials.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>

#include "api/api_fixture.h"
#include "domain/analysis/entities.h"
#include "domain/analysis/repository.h"
#include "domain/complaint/repository.h"
#include "domain/customer/entities.h"
#include "domain/customer/repository.h"
#include "domain/customer360/customers.h"
#include "domain/improvement/improvements.h"
#include "domain/intake/repository.h"
#include "domain/intake/webhook_intake.h"
#include "domain/jobs/entities.h"
#include "domain/jobs/repository.h"
#include "domain/knowledge/knowledge.h"
#include "domain/model/ids.h"
#include "domain/org/auth.h"
#include "domain/org/repository.h"
#include "domain/survey/relationship_surveys.h"
#include "domain/tasks/tasks.h"
#include "domain/unit_of_work.h"
#include "http/api_routes.h"

namespace closeloop::testing {
namespace {

using nlohmann::json;

// Expected HTTP status per role, in the order of kRoles.
struct Row {
  const char* method;
  const char*
      path;  // {c} complaint ref, {cust} customer id, {u} user id, {team} team id, {n} unique
  const char* body;             // JSON with the same placeholders; "" for none
  std::array<int, 6> expected;  // admin, manager, agent, department, analyst, auditor
};

const Row kTable[] = {
    {"GET", "/api/v1/complaints", "", {200, 200, 200, 200, 200, 200}},
    {"POST",
     "/api/v1/complaints",
     R"({"description":"猫粮发霉{n}","channel":"api"})",
     {201, 201, 201, 403, 403, 403}},
    {"GET", "/api/v1/complaints/{c}", "", {200, 200, 200, 200, 200, 200}},
    {"PATCH", "/api/v1/complaints/{c}", R"({"type":"quality"})", {200, 200, 200, 403, 403, 403}},
    {"POST",
     "/api/v1/complaints/{c}/transitions",
     R"({"to":"rejected","note":"spam"})",
     {200, 200, 403, 403, 403, 403}},
    {"POST",
     "/api/v1/complaints/{c}/transitions",
     R"({"to":"assigned","assignee_id":{agent}})",
     {200, 200, 200, 403, 403, 403}},
    {"POST",
     "/api/v1/complaints/{c}/assign",
     R"({"assignee_id":{agent}})",
     {200, 200, 200, 403, 403, 403}},
    {"POST",
     "/api/v1/complaints/{c}/escalate",
     R"({"note":"客户要求升级"})",
     {200, 200, 200, 403, 403, 403}},
    {"GET", "/api/v1/complaints/{c}/notes", "", {200, 200, 200, 200, 200, 200}},
    {"POST",
     "/api/v1/complaints/{c}/notes",
     R"({"body":"内部备注"})",
     {201, 201, 201, 201, 403, 403}},
    {"POST",
     "/api/v1/complaints/{c}/notes",
     R"({"body":"回复客户","visibility":"public"})",
     {201, 201, 201, 403, 403, 403}},
    {"GET", "/api/v1/complaints/{c}/history", "", {200, 200, 200, 200, 200, 200}},
    {"GET", "/api/v1/customers", "", {200, 200, 200, 403, 200, 200}},
    {"GET", "/api/v1/customers/{cust}", "", {200, 200, 200, 403, 200, 200}},
    {"POST",
     "/api/v1/customers",
     R"({"name":"客户{n}","phone":"1390000{n}"})",
     {201, 201, 201, 403, 403, 403}},
    {"PATCH", "/api/v1/customers/{cust}", R"({"tier":"vip"})", {200, 200, 200, 403, 403, 403}},
    {"GET", "/api/v1/users", "", {200, 200, 403, 403, 200, 200}},
    {"GET", "/api/v1/users/{u}", "", {200, 200, 403, 403, 200, 200}},
    {"POST",
     "/api/v1/users",
     R"({"username":"user{n}","password":"password-{n}","role":"agent"})",
     {201, 403, 403, 403, 403, 403}},
    {"PATCH", "/api/v1/users/{u}", R"({"display_name":"改名"})", {200, 403, 403, 403, 403, 403}},
    {"GET", "/api/v1/teams", "", {200, 200, 200, 200, 200, 200}},
    {"POST",
     "/api/v1/teams",
     R"({"code":"team{n}","name":"小组{n}"})",
     {201, 403, 403, 403, 403, 403}},
    {"PATCH", "/api/v1/teams/{team}", R"({"name":"华东一组"})", {200, 403, 403, 403, 403, 403}},
    {"GET", "/api/v1/reference-data", "", {200, 200, 200, 200, 200, 200}},
    {"GET", "/api/v1/api-keys", "", {200, 403, 403, 403, 403, 403}},
    {"POST",
     "/api/v1/api-keys",
     R"({"name":"key{n}","user_id":{agent}})",
     {201, 403, 403, 403, 403, 403}},
    {"GET", "/api/v1/config/lifecycle", "", {200, 200, 200, 200, 200, 200}},
    {"PUT", "/api/v1/config/lifecycle", "{lifecycle}", {200, 403, 403, 403, 403, 403}},
    {"GET", "/api/v1/auth/me", "", {200, 200, 200, 200, 200, 200}},
    {"GET", "/api/v1/intake-sources", "", {200, 403, 403, 403, 403, 403}},
    {"POST",
     "/api/v1/customers/{cust}/merge",
     R"({"from":{freshcust},"reason":"duplicate"})",
     {200, 403, 403, 403, 403, 403}},
    {"POST",
     "/api/v1/intake-sources",
     R"({"name":"src{n}","user_id":{agent},"mapping":{"external_id":"/id","description":"/text"}})",
     {201, 403, 403, 403, 403, 403}},
    {"POST",
     "/api/v1/imports/products?format=csv",
     "{csv}sku,name\nP-{n},新品\n",
     {200, 200, 403, 403, 403, 403}},
    {"GET", "/api/v1/batches/{batch}", "", {200, 200, 200, 200, 200, 200}},
    {"GET", "/api/v1/complaints/{attachment}", "", {200, 200, 200, 200, 200, 200}},
    {"GET", "/api/v1/orders/{order}", "", {200, 200, 200, 403, 200, 200}},
    {"GET", "/api/v1/complaints/{c}/suggestions", "", {200, 200, 200, 200, 200, 200}},
    {"GET", "/api/v1/knowledge?q=%E9%80%80%E6%AC%BE", "", {200, 200, 200, 200, 200, 200}},
    {"POST",
     "/api/v1/knowledge",
     R"({"title":"文章{n}","body":"退款时效说明{n}"})",
     {201, 201, 403, 403, 403, 403}},
    {"GET", "/api/v1/dictionary", "", {200, 200, 200, 200, 200, 200}},
    {"GET", "/metrics", "", {200, 403, 403, 403, 403, 403}},
    {"GET", "/api/v1/events?stream=false", "", {200, 200, 200, 200, 200, 200}},
    {"GET", "/api/v1/openapi.json", "", {200, 200, 200, 200, 200, 200}},
    {"POST", "/api/v1/dictionary", R"({"words":["品牌{n}"]})", {200, 200, 403, 403, 403, 403}},
    {"GET", "/api/v1/config/rules/category", "", {200, 200, 200, 200, 200, 200}},
    {"PUT",
     "/api/v1/config/rules/category",
     R"({"text":"product_quality: 发霉:2"})",
     {200, 403, 403, 403, 403, 403}},
    {"DELETE", "/api/v1/config/rules/category", "", {200, 403, 403, 403, 403, 403}},
    {"POST", "/api/v1/analysis/try", R"({"text":"猫粮发霉"})", {200, 200, 200, 200, 200, 200}},
    {"GET", "/api/v1/models", "", {200, 200, 200, 200, 200, 200}},
    {"POST", "/api/v1/models/retrain", R"({"task":"type"})", {202, 403, 403, 403, 403, 403}},
    {"PATCH", "/api/v1/models/{model}", R"({"threshold":0.7})", {200, 403, 403, 403, 403, 403}},
    {"GET", "/api/v1/jobs?status=due", "", {200, 403, 403, 403, 403, 403}},
    {"GET", "/api/v1/complaints/{c}/sla", "", {200, 200, 200, 200, 200, 200}},
    {"GET", "/api/v1/config/sla/policies", "", {200, 200, 200, 200, 200, 200}},
    {"GET", "/api/v1/config/sla/calendars", "", {200, 200, 200, 200, 200, 200}},
    {"PUT", "/api/v1/config/sla/calendars", "{calendars}", {200, 403, 403, 403, 403, 403}},
    // The admin's own notification: the others may not mark someone else's (as if absent).
    {"POST", "/api/v1/notifications/{note}/read", "", {204, 404, 404, 404, 404, 404}},
    {"POST", "/api/v1/jobs/{parked}/retry", "", {200, 403, 403, 403, 403, 403}},
    {"GET", "/api/v1/notifications?unread=true", "", {200, 200, 200, 200, 200, 200}},
    {"GET", "/api/v1/tasks", "", {200, 200, 200, 200, 200, 200}},
    {"GET", "/api/v1/complaints/{c}/tasks", "", {200, 200, 200, 200, 200, 200}},
    {"GET", "/api/v1/agents", "", {200, 200, 200, 403, 403, 403}},
    {"PUT", "/api/v1/agents/{agent}", R"({"capacity":5})", {200, 200, 403, 403, 403, 403}},
    {"GET", "/api/v1/agents/{agent}", "", {200, 200, 200, 403, 403, 403}},
    {"GET", "/api/v1/config/routing-rules", "", {200, 200, 200, 403, 403, 403}},
    {"PUT",
     "/api/v1/config/routing-rules",
     R"({"text":"vip: tier = vip => seniority=senior"})",
     {200, 200, 403, 403, 403, 403}},
    {"GET", "/api/v1/complaints/{c}/routing", "", {200, 200, 200, 200, 200, 200}},
    // Issue 12's new endpoints.
    {"GET", "/api/v1/config/changes", "", {200, 403, 403, 403, 403, 200}},
    {"GET", "/api/v1/outbound-messages", "", {200, 200, 403, 403, 403, 403}},
    {"POST", "/api/v1/notifications/read-all", "", {200, 200, 200, 200, 200, 200}},
    {"GET", "/api/v1/config/rules/safety", "", {200, 200, 200, 200, 200, 200}},
    {"PUT",
     "/api/v1/agents/{agent}/availability",
     R"({"available":true})",
     {200, 200, 200, 403, 403, 403}},
    {"POST",
     "/api/v1/complaints/{c}/route",
     R"({"reason":"重新分派"})",
     {409, 409, 409, 403, 403, 403}},  // allowed, but the one profiled agent is full by now
    {"PUT",
     "/api/v1/config/sla/policies",
     R"({"policies":[{"code":"all","name":"all","calendar":"24x7"}]})",
     {200, 403, 403, 403, 403, 403}},
    // Issue 15's endpoints. The survey page is public: a link we never sent is 404 for anyone.
    {"GET", "/api/v1/complaints/{c}/surveys", "", {200, 200, 200, 200, 200, 200}},
    {"GET", "/api/v1/config/surveys", "", {200, 200, 200, 200, 200, 200}},
    {"PUT", "/api/v1/config/surveys", R"({"delay_minutes":60})", {200, 403, 403, 403, 403, 403}},
    {"GET", "/api/v1/config/survey-templates", "", {200, 200, 200, 200, 200, 200}},
    {"PUT",
     "/api/v1/config/survey-templates/matrix",
     R"({"questions":[{"code":"csat","required":true,"text":{"zh-CN":"满意吗","en":"Happy?"}}]})",
     {200, 403, 403, 403, 403, 403}},
    {"GET", "/s/AAAAAAAAAAAAAAAAAAAAAAAA", "", {404, 404, 404, 404, 404, 404}},
    {"POST", "/s/AAAAAAAAAAAAAAAAAAAAAAAA", R"({"csat":1})", {404, 404, 404, 404, 404, 404}},
    {"GET", "/s/AAAAAAAAAAAAAAAAAAAAAAAA/opt-out", "", {404, 404, 404, 404, 404, 404}},
    {"POST", "/s/AAAAAAAAAAAAAAAAAAAAAAAA/opt-out", "", {404, 404, 404, 404, 404, 404}},
    {"GET", "/api/v1/improvements", "", {200, 200, 403, 200, 200, 200}},
    {"POST",
     "/api/v1/improvements",
     R"({"problem":"霉变{n}","team_id":{dept},"owner_id":{deptuser},"deadline":"2027-06-01T00:00:00Z"})",
     {201, 201, 403, 403, 403, 403}},
    {"GET", "/api/v1/improvements/{action}", "", {200, 200, 404, 404, 200, 200}},
    {"PATCH",
     "/api/v1/improvements/{action}",
     R"({"measure":"抽检"})",
     {200, 200, 404, 404, 403, 403}},
    {"POST",
     "/api/v1/improvements/{action}/effect-check",
     R"({"weeks":1})",
     {409, 409, 404, 404, 403, 403}},  // allowed, but a new action is still in plan
    {"GET", "/api/v1/survey-campaigns", "", {200, 200, 403, 403, 403, 403}},
    {"POST", "/api/v1/survey-campaigns", R"({"name":"NPS {n}"})", {201, 201, 403, 403, 403, 403}},
    {"GET", "/api/v1/survey-campaigns/{campaign}", "", {200, 200, 403, 403, 403, 403}},
    {"POST", "/api/v1/survey-campaigns/{campaign}/start", "{}", {200, 200, 403, 403, 403, 403}},
    {"POST",
     "/api/v1/survey-campaigns/{campaign}/close",
     "",
     {409, 409, 403, 403, 403, 403}},  // allowed, but a draft is not running
    {"GET",
     "/api/v1/analytics/nps-change?from=2026-01-01&to=2026-12-31",
     "",
     {200, 200, 403, 403, 200, 403}},
    {"GET",
     "/api/v1/analytics/kpis?from=2026-11-01&to=2026-11-22",
     "",
     {200, 200, 403, 403, 200, 403}},
    {"GET",
     "/api/v1/analytics/breakdown?by=region&from=2026-11-01&to=2026-11-22",
     "",
     {200, 200, 403, 403, 200, 403}},
    {"GET",
     "/api/v1/analytics/complaints?from=2026-11-01&to=2026-11-22",
     "",
     {200, 200, 403, 403, 200, 403}},
    {"GET", "/api/v1/analytics/kpi-definitions", "", {200, 200, 403, 403, 200, 403}},
    {"GET", "/api/v1/analytics/targets", "", {200, 200, 403, 403, 200, 403}},
    {"GET", "/api/v1/analytics/promotions", "", {200, 200, 403, 403, 200, 403}},
    {"PUT",
     "/api/v1/analytics/promotions",
     R"({"promotions":[{"name":"店庆","starts_on":"2026-09-01","ends_on":"2026-09-07"}]})",
     {200, 403, 403, 403, 403, 403}},
    {"GET", "/api/v1/analytics/report?period=2026-11", "", {200, 200, 403, 403, 200, 403}},
    // {agent} is the agent-role caller: their own performance view.
    {"GET",
     "/api/v1/analytics/agents/{agent}?from=2026-11-01&to=2026-11-22",
     "",
     {200, 200, 200, 403, 403, 403}},
    {"PUT",
     "/api/v1/analytics/targets",
     R"({"targets":[{"kpi":"csat_mean","target":4.2,"weight":1}]})",
     {200, 403, 403, 403, 403, 403}},
    {"GET",
     "/api/v1/analytics/scorecard?by=team&from=2026-11-01&to=2026-11-22",
     "",
     {200, 200, 403, 403, 200, 403}},
    {"GET", "/api/v1/knowledge/{kb}", "", {200, 200, 200, 200, 200, 200}},
    {"PATCH", "/api/v1/knowledge/{kb}", R"({"level":"expert"})", {200, 200, 403, 403, 403, 403}},
    {"GET", "/api/v1/knowledge/{kb}/versions", "", {200, 200, 200, 200, 200, 200}},
    {"POST",
     "/api/v1/knowledge/{kb}/usage",
     R"({"kind":"opened","complaint":"{c}"})",
     {200, 200, 200, 200, 200, 200}},
    {"POST",
     "/api/v1/complaints/{c}/knowledge-draft",
     "",
     {409, 409, 403, 403, 403, 403}},  // allowed, but a new complaint is not resolved
    {"GET", "/api/v1/config/templates/reply_draft", "", {200, 200, 200, 200, 200, 200}},
    {"PUT",
     "/api/v1/config/templates/reply_draft/en",
     R"({"parts":{"subject":"Re {{reference}}","body":"Hello {{title}} {n}"}})",
     {200, 403, 403, 403, 403, 403}},
    {"DELETE", "/api/v1/config/templates/reply_draft/en", "", {200, 403, 403, 403, 403, 403}},
    {"POST",
     "/api/v1/complaints/{c}/survey-responses",
     R"({"csat":5})",
     {409, 409, 409, 403, 403, 403}},  // allowed, but a new complaint is not resolved
    {"POST",
     "/api/v1/complaints/{c}/tasks",
     R"({"team_id":{dept},"title":"核查批次{n}"})",
     {201, 201, 201, 403, 403, 403}},
    {"PATCH",
     "/api/v1/tasks/{task}",
     R"({"status":"in_progress"})",
     {200, 200, 200, 403, 403, 403}},
    {"DELETE", "/api/v1/dictionary/矩阵词{n}", "", {404, 404, 403, 403, 403, 403}},
    {"PATCH",
     "/api/v1/intake-sources/{intake}",
     R"({"active":true})",
     {200, 403, 403, 403, 403, 403}},
    {"POST", "/api/v1/intake-sources/{intake}/rotate-secret", "", {200, 403, 403, 403, 403, 403}},
    {"DELETE", "/api/v1/intake-sources/{intake}", "", {204, 403, 403, 403, 403, 403}},
    {"DELETE", "/api/v1/api-keys/{apikey}", "", {204, 403, 403, 403, 403, 403}},
    {"POST", "/api/v1/outbound-messages/{outbound}/delivered", "", {204, 204, 403, 403, 403, 403}},
    // Issue 17: the public desk (no login: every role is answered as anyone) and the
    // dashboard's map.
    {"POST",
     "/api/v1/public/complaints",
     R"({"description":"公开表单{n}","phone":"13900000000"})",
     {201, 201, 201, 201, 201, 201}},
    {"POST",
     "/api/v1/public/status",
     R"({"reference":"{c}","contact":"13911112222"})",
     {404, 404, 404, 404, 404, 404}},
    {"GET", "/api/v1/config/map", "", {404, 404, 403, 403, 404, 403}},
    {"PUT",
     "/api/v1/config/map?approval_no=GS(2024)0650",
     R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"浙江"},"geometry":{"type":"Polygon","coordinates":[[[120,30],[121,30],[121,31],[120,30]]]}}]})",
     {200, 403, 403, 403, 403, 403}},
    {"DELETE", "/api/v1/config/map", "", {204, 403, 403, 403, 403, 403}},
    // Reveals of personal data (recorded) and their record.
    {"POST",
     "/api/v1/complaints/{c}/reveal",
     R"({"purpose":"回电"})",
     {200, 200, 200, 403, 403, 403}},
    {"POST", "/api/v1/customers/{cust}/reveal", "", {200, 200, 200, 403, 403, 403}},
    {"GET", "/api/v1/personal-data-access", "", {200, 403, 403, 403, 403, 200}},
};

class RoleMatrix : public ApiFixture {
 protected:
  // Every role files on the public form from this one address.
  void Configure(http::ServerOptions& options) override {
    options.public_desk.filings_per_hour = 1000;
  }
  // A department team (made on first use) for the rows that need one.
  domain::Id DepartmentTeam() {
    if (department_team_ == 0) {
      EXPECT_TRUE(world->ctx()
                      .store
                      .Write([&](domain::Repositories& repos) {
                        domain::Team t;
                        t.code = "matrix-dept";
                        t.name = "矩阵部门";
                        t.kind = "department";
                        department_team_ = repos.org().InsertTeam(t);
                        return core::Status::Ok();
                      })
                      .ok());
    }
    return department_team_;
  }
  domain::Id department_team_ = 0;

  // Replaces placeholders with fresh objects so every call stands alone.
  std::string Fill(std::string text) {
    auto replace = [&](const std::string& token, const std::function<std::string()>& make) {
      for (size_t pos; (pos = text.find(token)) != std::string::npos;)
        text.replace(pos, token.size(), make());
    };
    replace("{c}", [&] { return world->File(world->agent, world->east).complaint.reference; });
    replace("{cust}", [&] {
      return std::to_string(*world->File(world->agent, world->east).complaint.customer_id);
    });
    replace("{freshcust}", [&] {
      domain::CustomerInput in{std::nullopt, "重复客户",
                               "1370000" + std::to_string(1000 + counter_++), "", std::nullopt};
      return std::to_string(domain::ManageCustomers(world->ctx()).Create(world->admin, in)->id);
    });
    replace("{u}", [&] { return std::to_string(world->north_agent.user_id); });
    replace("{team}", [&] { return std::to_string(world->east_team); });
    replace("{agent}", [&] { return std::to_string(world->agent.user_id); });
    replace("{n}", [&] { return std::to_string(1000 + counter_++); });
    replace("{model}", [&] {
      domain::Id id = 0;
      EXPECT_TRUE(world->ctx()
                      .store
                      .Write([&](domain::Repositories& repos) {
                        domain::ModelVersion m;
                        m.task = "type";
                        m.version = repos.models().NextVersion("type");
                        m.path = "unused.model";
                        m.source = "install";
                        id = repos.models().Insert(m);
                        return core::Status::Ok();
                      })
                      .ok());
      return std::to_string(id);
    });
    replace("{kb}", [&] {
      domain::ArticleInput in;
      in.title = "猫粮发霉的处理";
      in.body = "退款或换货";
      return std::to_string(domain::ManageKnowledge(world->ctx()).Create(world->admin, in)->id);
    });
    replace("{campaign}", [&] {
      domain::CampaignInput in;
      in.name = "NPS " + std::to_string(1000 + counter_++);
      return std::to_string(
          domain::ManageCampaigns(world->ctx()).Create(world->admin, in)->campaign.id);
    });
    replace("{task}", [&] {
      domain::TaskInput in;
      in.team_id = DepartmentTeam();
      in.title = "核查 " + std::to_string(1000 + counter_++);
      const std::string ref = world->File(world->agent, world->east).complaint.reference;
      return std::to_string(
          domain::ManageTasks(world->ctx()).Create(world->admin, ref, in)->task.id);
    });
    replace("{intake}", [&] {
      domain::IntakeSource source;
      source.name = "matrix" + std::to_string(1000 + counter_++);
      source.user_id = world->agent.user_id;
      source.mapping = {{"description", "/c"}, {"external_id", "/id"}};
      return std::to_string(
          domain::WebhookIntake(world->ctx()).CreateSource(world->admin, source)->id);
    });
    replace("{apikey}", [&] {
      auto made = domain::ManageApiKeys(world->ctx())
                      .Create(world->admin, "matrix " + std::to_string(1000 + counter_++),
                              world->agent.user_id);
      return std::to_string(made->key.id);
    });
    replace("{outbound}", [&] {
      auto c = world->File(world->agent, world->east).complaint;
      domain::Id id = 0;
      EXPECT_TRUE(world->ctx()
                      .store
                      .Write([&](domain::Repositories& repos) {
                        domain::OutboundMessage m;
                        m.complaint_id = c.id;
                        m.purpose = "reply";
                        m.body = "您好";
                        m.created_at = world->clock().Now();
                        id = repos.mail().EnqueueOutbound(m);
                        return core::Status::Ok();
                      })
                      .ok());
      return std::to_string(id);
    });
    replace("{deptuser}", [&] { return std::to_string(world->department.user_id); });
    replace("{dept}", [&] { return std::to_string(DepartmentTeam()); });
    replace("{action}", [&] {
      domain::ImprovementInput in;
      in.problem = "批次霉变";
      in.team_id = DepartmentTeam();
      in.owner_id = world->department.user_id;
      in.deadline = world->clock().Now() + 30 * core::kDay;
      return std::to_string(domain::ManageImprovements(world->ctx()).Create(world->admin, in)->id);
    });
    replace("{attachment}", [&] {
      auto c = world->File(world->agent, world->east).complaint;
      domain::Id id = 0;
      EXPECT_TRUE(world->ctx()
                      .store
                      .Write([&](domain::Repositories& repos) {
                        id = repos.mail().InsertAttachment(
                            {0, c.id, "照片.jpg", "image/jpeg", 3, "abc", true, 0});
                        return core::Status::Ok();
                      })
                      .ok());
      return c.reference + "/attachments/" + std::to_string(id);
    });
    replace("{batch}", [&] {
      std::string no = "B-" + std::to_string(1000 + counter_++);
      EXPECT_TRUE(world->ctx()
                      .store
                      .Write([&](domain::Repositories& repos) {
                        repos.trace().InsertBatch({0, no, world->product, "2026-03-11", "南通", 0});
                        return core::Status::Ok();
                      })
                      .ok());
      return no;
    });
    replace("{order}", [&] {
      std::string no = "SO-" + std::to_string(1000 + counter_++);
      auto customer = world->File(world->agent, world->east).complaint.customer_id;
      EXPECT_TRUE(world->ctx()
                      .store
                      .Write([&](domain::Repositories& repos) {
                        domain::Order o;
                        o.order_no = no;
                        o.customer_id = customer;
                        o.items.push_back({0, 1, world->product, std::nullopt, 1, 9900});
                        repos.trace().InsertOrder(o);
                        return core::Status::Ok();
                      })
                      .ok());
      return no;
    });
    replace("{note}", [&] {
      domain::Id id = 0;
      EXPECT_TRUE(world->ctx()
                      .store
                      .Write([&](domain::Repositories& repos) {
                        domain::Notification n;
                        n.user_id = world->admin.user_id;
                        n.kind = "assigned";
                        n.message = "矩阵通知";
                        n.created_at = world->clock().Now();
                        id = repos.notifications().Insert(n);
                        return core::Status::Ok();
                      })
                      .ok());
      return std::to_string(id);
    });
    replace("{parked}", [&] {
      domain::Id id = 0;
      EXPECT_TRUE(world->ctx()
                      .store
                      .Write([&](domain::Repositories& repos) {
                        domain::Job job;
                        job.kind = "routing.drain";
                        job.key = "matrix:" + std::to_string(1000 + counter_++);
                        job.run_at = world->clock().Now();
                        job.created_at = job.run_at;
                        id = repos.jobs().Schedule(job);
                        repos.jobs().Fail(id, "matrix", std::nullopt, job.run_at);
                        return core::Status::Ok();
                      })
                      .ok());
      return std::to_string(id);
    });
    replace("{calendars}",
            [&] { return Call("GET", "/api/v1/config/sla/calendars", TokenOf(world->admin)).raw; });
    replace("{lifecycle}",
            [&] { return Call("GET", "/api/v1/config/lifecycle", TokenOf(world->admin)).raw; });
    return text;
  }
  int counter_ = 0;
};

TEST_F(RoleMatrix, EveryEndpointForEveryRole) {
  const std::vector<const domain::Principal*> roles = {&world->admin,   &world->manager,
                                                       &world->agent,   &world->department,
                                                       &world->analyst, &world->auditor};
  for (const Row& row : kTable) {
    for (size_t r = 0; r < roles.size(); ++r) {
      std::string path = Fill(row.path);
      std::string body = *row.body ? Fill(row.body) : "";
      if (body.rfind("{csv}", 0) == 0) body = body.substr(5);
      auto result = Call(row.method, path, TokenOf(*roles[r]), body);
      EXPECT_EQ(result.status, row.expected[r])
          << row.method << " " << row.path << " as " << roles[r]->username << ": " << result.raw;
    }
  }
}

// Routes anyone may call without a credential.
bool IsPublic(const Row& row) {
  const std::string path = row.path;
  return path == "/api/v1/openapi.json" || path.rfind("/s/", 0) == 0 ||
         path.rfind("/api/v1/public/", 0) == 0;
}

TEST_F(RoleMatrix, EveryProtectedEndpointNeedsCredentials) {
  for (const Row& row : kTable) {
    if (IsPublic(row)) continue;
    std::string path = Fill(row.path);
    std::string body = *row.body ? Fill(row.body) : "";
    if (body.rfind("{csv}", 0) == 0) body = body.substr(5);
    auto result = Call(row.method, path, "", body);
    EXPECT_EQ(result.status, 401) << row.method << " " << row.path;
    EXPECT_EQ(result.body["error"]["code"], "unauthenticated");
  }
}

// Routes older than this check that have no row yet (each needs its own fixture: an id of the
// caller's own notification, a signed delivery, a parked job…). The list may only shrink: a new
// route must join the table, and a route given a row must leave this list. Public routes
// (healthz, login) and logout (it would end the table's sessions) have tests of their own.
const std::set<std::string> kRoutesWithoutRow = {
    "GET /healthz",
    "POST /api/v1/auth/login",
    "POST /api/v1/auth/logout",
    "POST /api/v1/intake/([a-z0-9_-]{1,40})",
};

// A new endpoint joins the table: every route the router serves has at least one row.
TEST_F(RoleMatrix, EveryRouteTheServerServesHasARow) {
  http::ApiRoutes routes(world->ctx(), http::ServerOptions{});
  for (const auto& route : routes.router().routes()) {
    bool covered = false;
    for (const Row& row : kTable) {
      std::string path = Fill(row.path);
      path = path.substr(0, path.find('?'));
      covered = covered || (route.method == row.method && std::regex_match(path, route.regex));
    }
    const std::string name = route.method + " " + route.pattern;
    if (kRoutesWithoutRow.count(name)) {
      EXPECT_FALSE(covered) << name << " has a row now: take it off kRoutesWithoutRow";
    } else {
      EXPECT_TRUE(covered) << "no role-matrix row for " << name;
    }
  }
}

// The OpenAPI document states the status each row's admin gets (docs/openapi.json).
TEST_F(RoleMatrix, TheOpenApiDocumentListsEachRowsStatus) {
  std::ifstream in(CLOSELOOP_OPENAPI_FILE);
  const json doc = json::parse(in);
  http::ApiRoutes routes(world->ctx(), http::ServerOptions{});
  for (const Row& row : kTable) {
    std::string path = Fill(row.path);
    path = path.substr(0, path.find('?'));
    for (const auto& [documented, operations] : doc["paths"].items()) {
      std::string pattern =
          "^" + std::regex_replace(documented, std::regex("\\{[a-z_]+\\}"), "[^/]+") + "$";
      std::string method = row.method;
      for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (!operations.contains(method) || !std::regex_match(path, std::regex(pattern))) continue;
      if (documented == "/api/v1/complaints/{key}" &&
          path.find("/attachments/") != std::string::npos)
        continue;
      EXPECT_TRUE(operations[method]["responses"].contains(std::to_string(row.expected[0])))
          << row.method << " " << documented << " does not list " << row.expected[0];
    }
  }
}

TEST_F(RoleMatrix, ScopedUsersCannotReachOtherRegions) {
  const std::string north_ref = world->File(world->agent, world->north).complaint.reference;
  const std::string east_ref = world->File(world->agent, world->east).complaint.reference;
  auto north_only = Call("POST", "/api/v1/complaints", TokenOf(world->admin),
                         json{{"description", "北京门店服务差"},
                              {"channel", "store"},
                              {"region_id", world->north},
                              {"customer", {{"name", "钱多多"}, {"phone", "13511112222"}}}});
  ASSERT_EQ(north_only.status, 201);
  const std::string north_customer = std::to_string(north_only.body["customer_id"].get<int>());
  const std::string before = world->Snapshot();
  for (const domain::Principal* who : {&world->east_agent, &world->east_manager}) {
    const std::string token = TokenOf(*who);
    for (const auto& [method, suffix, body] :
         std::vector<std::tuple<std::string, std::string, std::string>>{
             {"GET", "", ""},
             {"PATCH", "", R"({"priority":"high"})"},
             {"POST", "/transitions", R"({"to":"classified"})"},
             {"POST", "/assign", R"({"assignee_id":)" + std::to_string(who->user_id) + "}"},
             {"POST", "/escalate", R"({"note":"x"})"},
             {"GET", "/notes", ""},
             {"POST", "/notes", R"({"body":"x"})"},
             {"GET", "/history", ""}}) {
      auto r = Call(method, "/api/v1/complaints/" + north_ref + suffix, token, body);
      EXPECT_EQ(r.status, 404) << who->username << " " << method << " " << suffix << ": " << r.raw;
    }
    auto list = Call("GET", "/api/v1/complaints?limit=200", token);
    for (const auto& item : list.body["items"]) {
      EXPECT_EQ(item["region_id"], world->east) << who->username << " listed " << item["reference"];
    }
    // 北京门店 matches only the north complaint's text.
    EXPECT_EQ(Call("GET", "/api/v1/complaints?q=%E5%8C%97%E4%BA%AC%E9%97%A8%E5%BA%97", token)
                  .body["items"]
                  .size(),
              0u);
    EXPECT_EQ(Call("GET", "/api/v1/complaints?q=%E5%8C%97%E4%BA%AC%E9%97%A8%E5%BA%97",
                   TokenOf(world->admin))
                  .body["items"]
                  .size(),
              1u);
    EXPECT_EQ(Call("GET", "/api/v1/customers/" + north_customer, token).status, 404);
    auto customers = Call("GET", "/api/v1/customers?limit=200", token);
    for (const auto& c : customers.body["items"])
      EXPECT_NE(std::to_string(c["id"].get<int>()), north_customer);
    auto placed = Call("POST", "/api/v1/complaints", token,
                       json{{"description", "x"}, {"channel", "api"}, {"region_id", world->north}});
    EXPECT_EQ(placed.status, 403);
    EXPECT_EQ(Call("GET", "/api/v1/complaints/" + east_ref, token).status, 200);
  }
  EXPECT_EQ(world->Snapshot(), before);
}

}  // namespace
}  // namespace closeloop::testing
