#include "app/demo/demo_data.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <random>

#include "app/demo/demo_catalog.h"
#include "app/demo/demo_knowledge.h"
#include "app/job_commands.h"
#include "app/wiring.h"
#include "domain/analysis/analysis.h"
#include "domain/analytics/analytics_upkeep.h"
#include "domain/complaint/complaint_actions.h"
#include "domain/complaint/create_complaint.h"
#include "domain/complaint/repository.h"
#include "domain/customer/entities.h"
#include "domain/customer/repository.h"
#include "domain/knowledge/knowledge.h"
#include "domain/model/ids.h"
#include "domain/org/admin.h"
#include "domain/org/entities.h"
#include "domain/org/repository.h"
#include "domain/routing/entities.h"
#include "domain/routing/routing.h"
#include "domain/survey/survey_responses.h"
#include "domain/tasks/tasks.h"
#include "domain/unit_of_work.h"

namespace closeloop::app::demo {

namespace d = domain;
using core::kHour;
using core::kMinute;
using core::UnixMillis;

namespace {

class Generator {
 public:
  Generator(const d::Context& ctx, core::FakeClock& clock, unsigned seed, UnixMillis now)
      : ctx_(ctx), clock_(clock), rng_(seed), now_(now) {}

  int Run(int complaint_count, int days);
  // Routing profiles for the agents (skills, seniority, shifts), added once the history is in
  // place; the waiting backlog is then routed by the drain job.
  void AddRoutingProfiles();

 private:
  struct RegionStaff {
    d::Id region_id = 0;
    d::Id team_id = 0;
    d::Principal manager;
    std::vector<d::Principal> agents;
    std::vector<d::Id> city_ids;
    std::vector<d::Id> store_ids;
  };

  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[std::uniform_int_distribution<size_t>(0, v.size() - 1)(rng_)];
  }
  double Uniform(double a, double b) { return std::uniform_real_distribution<double>(a, b)(rng_); }
  bool Chance(double p) { return Uniform(0, 1) < p; }
  UnixMillis Minutes(double a, double b) {
    return static_cast<UnixMillis>(Uniform(a, b) * kMinute);
  }

  void BuildOrganisation();
  d::Principal AddUser(const std::string& username, const std::string& display, d::Role role,
                       std::vector<d::Id> regions, std::vector<d::Id> teams);
  void BuildCustomers(int count);
  void BuildKnowledge();
  // What an agent gave: often what the customer asked for, else what the category usually gets.
  d::ResolutionInput ResolutionFor(const std::string& category, std::optional<d::Remedy> asked,
                                   std::optional<std::int64_t> order_cents);
  // A survey answer a while after resolution; satisfaction is higher when the remedy matched
  // the request.
  void AnswerSurvey(const std::string& key, bool remedy_matched, UnixMillis resolved_at);
  // Drives one complaint from intake to wherever its age lets it get.
  void PlayComplaint(UnixMillis received_at);
  std::string Fill(std::string text, const std::map<std::string, std::string>& slots);
  // Sets the clock to `t` and says whether the next step happens: not when `t` lies in the
  // future, nor once a stalled complaint has used up its steps.
  bool At(UnixMillis t) {
    if (t > now_ || steps_left_-- <= 0) return false;
    clock_.Set(t);
    return true;
  }
  void Check(const core::Status& status, const char* what) {
    if (!status.ok()) {
      ++failures_;
      if (failures_ <= 5)
        std::fprintf(stderr, "demo: %s failed: %s\n", what, status.ToString().c_str());
    }
  }

  const d::Context& ctx_;
  core::FakeClock& clock_;
  std::mt19937 rng_;
  UnixMillis now_;
  std::vector<RegionStaff> regions_;
  std::map<d::Id, size_t> region_index_;
  std::vector<d::Product> products_;
  // Production batches per product; the first of each is the "bad" one that draws most quality
  // complaints, so traceability has something to find.
  std::map<d::Id, std::vector<std::string>> batches_;
  std::vector<std::string> store_names_;
  std::map<d::Id, std::string> store_name_by_id_;
  std::map<d::Id, std::string> city_name_by_id_;
  std::vector<d::CustomerInput> customers_;
  std::map<d::Id, d::Principal> departments_;  // department team -> its user
  int failures_ = 0;
  int created_ = 0;
  int steps_left_ = 0;
};

d::Principal Generator::AddUser(const std::string& username, const std::string& display,
                                d::Role role, std::vector<d::Id> regions,
                                std::vector<d::Id> teams) {
  d::UserInput input;
  input.username = username;
  input.password = kDemoPassword;
  input.display_name = display;
  input.role = role;
  input.region_scope = regions;
  input.team_scope = teams;
  // Managers get a work address: SLA breaches and escalations reach them by email too.
  if (role == d::Role::kManager) input.email = username + "@petcare.example";
  auto user = d::ManageUsers(ctx_).Create(d::SystemPrincipal(), input);
  if (!user.ok())
    throw std::runtime_error("demo user " + username + ": " + user.status().ToString());
  return d::PrincipalOf(user.value());
}

void Generator::BuildOrganisation() {
  std::map<std::string, d::Id> region_ids;
  core::Status status = ctx_.store.Write([&](d::Repositories& repos) {
    for (const RegionSeed& r : Regions())
      region_ids[r.code] = repos.org().InsertRegion({0, r.code, r.name});
    int store_no = 0;
    for (const CitySeed& c : Cities()) {
      d::Id city_id = repos.org().InsertCity({0, c.name, c.province, region_ids[c.region_code]});
      city_name_by_id_[city_id] = c.name;
      for (const char* suffix : {"万达店", "旗舰店"}) {
        char code[32];
        std::snprintf(code, sizeof code, "%s-%03d", c.store_prefix, ++store_no);
        std::string name = std::string(c.name) + suffix;
        d::Id store_id = repos.org().InsertStore({0, code, name, city_id});
        store_name_by_id_[store_id] = name;
      }
    }
    static const char* kStages[] = {"mature", "growth", "launch", "mature", "decline"};
    int product_no = 0;
    for (const ProductSeed& p : Products()) {
      char launched[16];
      std::snprintf(launched, sizeof launched, "%04d-%02d-01", 2021 + product_no % 6,
                    1 + (product_no * 5) % 12);
      d::Product product{0,
                         p.sku,
                         p.name,
                         p.product_line,
                         p.edible ? "food" : "goods",
                         kStages[product_no % 5],
                         launched};
      ++product_no;
      product.id = repos.org().InsertProduct(product);
      products_.push_back(product);
      static const char* kPlants[] = {"南通工厂", "天津工厂", "佛山工厂"};
      for (int b = 0; b < 3; ++b) {
        char no[32], made[16];
        std::snprintf(no, sizeof no, "B2026-%02d%02d-%02d", 3 + b * 2, 10 + product_no % 18,
                      product_no);
        std::snprintf(made, sizeof made, "2026-%02d-%02d", 3 + b * 2, 10 + product_no % 18);
        repos.trace().InsertBatch({0, no, product.id, made, kPlants[b], now_});
        batches_[product.id].push_back(no);
      }
    }
    return core::Status::Ok();
  });
  if (!status.ok()) throw std::runtime_error("demo organisation: " + status.ToString());

  d::ManageTeams teams(ctx_);
  for (const RegionSeed& r : Regions()) {
    RegionStaff staff;
    staff.region_id = region_ids[r.code];
    auto team = teams.Create(d::SystemPrincipal(),
                             {std::string(r.code) + "-cs", std::string(r.name) + "投诉组",
                              std::string("complaints"), staff.region_id});
    if (!team.ok()) throw std::runtime_error("demo team: " + team.status().ToString());
    staff.team_id = team->id;
    staff.manager = AddUser(std::string("mgr_") + r.code, std::string(r.name) + "经理",
                            d::Role::kManager, {staff.region_id}, {});
    for (int i = 1; i <= 3; ++i) {
      staff.agents.push_back(AddUser("agent_" + std::string(r.code) + "_" + std::to_string(i),
                                     Pick(Surnames()) + Pick(GivenNames()), d::Role::kAgent,
                                     {staff.region_id}, {staff.team_id}));
    }
    region_index_[staff.region_id] = regions_.size();
    regions_.push_back(std::move(staff));
  }
  for (const auto& [store_id, name] : store_name_by_id_) store_names_.push_back(name);
  core::Status cities = ctx_.store.Read([&](d::Repositories& repos) {
    for (const d::City& c : repos.org().Cities())
      regions_[region_index_[c.region_id]].city_ids.push_back(c.id);
    for (const d::Store& s : repos.org().Stores()) {
      auto city = repos.org().FindCity(s.city_id);
      regions_[region_index_[city->region_id]].store_ids.push_back(s.id);
    }
    return core::Status::Ok();
  });
  if (!cities.ok()) throw std::runtime_error("demo cities: " + cities.ToString());

  std::vector<std::pair<const char*, const char*>> departments = {{"qc", "质检部"},
                                                                  {"logistics", "物流协调部"},
                                                                  {"product", "产品部"},
                                                                  {"store-ops", "门店运营部"}};
  for (const auto& [code, name] : departments) {
    auto team = teams.Create(d::SystemPrincipal(), {std::string(code), std::string(name),
                                                    std::string("department"), std::nullopt});
    if (!team.ok()) throw std::runtime_error("demo department: " + team.status().ToString());
    departments_[team->id] =
        AddUser(std::string("dept_") + code, name, d::Role::kDepartment, {}, {team->id});
  }
  AddUser("admin", "系统管理员", d::Role::kAdmin, {}, {});
  AddUser("cx_manager", "客户体验总监", d::Role::kManager, {}, {});
  AddUser("analyst", "数据分析师", d::Role::kAnalyst, {}, {});
  AddUser("auditor", "合规审计", d::Role::kAuditor, {}, {});
}

void Generator::AddRoutingProfiles() {
  const std::vector<std::string> types = {"inquiry", "quality", "service", "suggestion"};
  const std::vector<std::string> categories = {"product_quality", "logistics", "after_sales",
                                               "price_advertising", "other"};
  d::ManageAgents agents(ctx_);
  for (const RegionStaff& staff : regions_) {
    for (size_t i = 0; i < staff.agents.size(); ++i) {
      d::AgentProfile p;
      p.user_id = staff.agents[i].user_id;
      p.team_id = staff.team_id;
      p.region_id = staff.region_id;
      p.seniority = i == 0 ? 2 : 1;  // the first of each team is senior
      p.capacity = 15;
      // Two agents work the service desk's hours; the third covers the night.
      p.shift_calendar = i == 2 ? "24x7" : "cn-service-desk";
      auto level = [&] { return std::uniform_int_distribution<int>(1, 5)(rng_); };
      for (const std::string& t : types) p.skills.push_back({"type", t, level()});
      for (const std::string& c : categories) p.skills.push_back({"category", c, level()});
      p.skills.push_back({"language", "zh", 5});
      if (Chance(0.5)) p.skills.push_back({"language", "en", level()});
      Check(agents.Save(d::SystemPrincipal(), p).status(), "routing profile");
    }
  }
}

void Generator::BuildKnowledge() {
  for (const auto& seed : Articles()) {
    d::ArticleInput in;
    in.title = seed.title;
    in.body = seed.body;
    in.category = seed.category;
    in.tags = seed.tags;
    Check(d::ManageKnowledge(ctx_).Create(d::SystemPrincipal(), in).status(), "article");
  }
}

d::ResolutionInput Generator::ResolutionFor(const std::string& category,
                                            std::optional<d::Remedy> asked,
                                            std::optional<std::int64_t> order_cents) {
  using R = d::Remedy;
  static const std::map<std::string, std::vector<std::pair<R, double>>> kUsual = {
      {"product_quality",
       {{R::kReplacement, 0.4}, {R::kRefund, 0.35}, {R::kRepair, 0.1}, {R::kCompensation, 0.15}}},
      {"logistics",
       {{R::kReplacement, 0.35},
        {R::kCompensation, 0.35},
        {R::kExplanation, 0.2},
        {R::kRefund, 0.1}}},
      {"after_sales",
       {{R::kApology, 0.3}, {R::kRepair, 0.3}, {R::kCompensation, 0.25}, {R::kExplanation, 0.15}}},
      {"price_advertising", {{R::kRefund, 0.5}, {R::kCompensation, 0.3}, {R::kExplanation, 0.2}}},
      {"other", {{R::kExplanation, 0.5}, {R::kApology, 0.3}, {R::kCompensation, 0.2}}}};
  d::ResolutionInput r;
  if (asked && *asked != R::kOther && Chance(0.6)) {
    r.remedy = *asked;
  } else {
    auto it = kUsual.find(category);
    const auto& usual = it != kUsual.end() ? it->second : kUsual.at("other");
    double roll = Uniform(0, 1);
    r.remedy = usual.back().first;
    for (const auto& [remedy, p] : usual) {
      if ((roll -= p) < 0) {
        r.remedy = remedy;
        break;
      }
    }
  }
  const std::int64_t order = order_cents.value_or(10000);
  if (r.remedy == R::kRefund) r.compensation_cents = order;
  if (r.remedy == R::kCompensation) {
    r.compensation_cents = std::uniform_int_distribution<int>(1, 10)(rng_) * 1000;
  }
  static const std::map<R, const char*> kSummary = {{R::kRefund, "已原路退款"},
                                                    {R::kReplacement, "已补发/更换新品"},
                                                    {R::kRepair, "已安排维修"},
                                                    {R::kCompensation, "已发放优惠券补偿"},
                                                    {R::kApology, "已向客户正式致歉"},
                                                    {R::kExplanation, "已向客户解释说明"},
                                                    {R::kOther, "已处理"}};
  r.summary = kSummary.at(r.remedy);
  return r;
}

void Generator::AnswerSurvey(const std::string& key, bool remedy_matched, UnixMillis resolved_at) {
  if (!Chance(0.6)) return;
  const UnixMillis answered = resolved_at + Minutes(60, 72 * 60);
  if (answered > now_) return;
  double score = (remedy_matched ? 4.3 : 3.3) + Uniform(-1.4, 1.0);
  const int csat = std::clamp(static_cast<int>(std::lround(score)), 1, 5);
  d::SurveyAnswer a;
  a.csat = csat;
  a.nps = std::clamp(csat * 2 + std::uniform_int_distribution<int>(-2, 1)(rng_), 0, 10);
  a.spm = std::clamp(csat + std::uniform_int_distribution<int>(-1, 0)(rng_), 1, 5);
  a.effort = std::clamp(csat + std::uniform_int_distribution<int>(-1, 1)(rng_), 1, 5);
  a.comment = Pick(SurveyComments(csat <= 2 ? 0 : csat == 3 ? 1 : 2));
  a.source = "demo";
  a.answered_at = answered;
  // Recorded when it is answered: an answer from the future is refused.
  const UnixMillis resumed = clock_.Now();
  clock_.Set(std::max(resumed, answered));
  Check(d::RecordSurveyResponse(ctx_).Execute(d::SystemPrincipal(), key, a).status(), "survey");
  clock_.Set(resumed);
}

void Generator::BuildCustomers(int count) {
  for (int i = 0; i < count; ++i) {
    d::CustomerInput c;
    c.name = Pick(Surnames()) + Pick(GivenNames());
    static const char* kPrefixes[] = {"138", "139", "135", "136", "150",
                                      "151", "158", "186", "187", "177"};
    char phone[16];
    std::snprintf(phone, sizeof phone, "%s%08d", kPrefixes[i % 10],
                  std::uniform_int_distribution<int>(0, 99999999)(rng_));
    c.phone = phone;
    if (Chance(0.4)) c.email = "user" + std::to_string(10000 + i) + "@example.com";
    double tier = Uniform(0, 1);
    c.tier = tier < 0.08   ? d::CustomerTier::kVip
             : tier < 0.68 ? d::CustomerTier::kRegular
                           : d::CustomerTier::kNew;
    customers_.push_back(c);
  }
}

std::string Generator::Fill(std::string text, const std::map<std::string, std::string>& slots) {
  for (const auto& [key, value] : slots) {
    std::string token = "{" + key + "}";
    for (size_t pos; (pos = text.find(token)) != std::string::npos;)
      text.replace(pos, token.size(), value);
  }
  return text;
}

void Generator::PlayComplaint(UnixMillis received_at) {
  // Intended type mix: quality 35 %, service 30 %, inquiry 15 %, suggestion 12 %, malicious 8 %.
  double r = Uniform(0, 1);
  const char* type = r < 0.35   ? "quality"
                     : r < 0.65 ? "service"
                     : r < 0.80 ? "inquiry"
                     : r < 0.92 ? "suggestion"
                                : "malicious";
  std::vector<const TextTemplate*> fitting;
  for (const TextTemplate& t : Templates()) {
    if (std::string(t.type) == type) fitting.push_back(&t);
  }
  const TextTemplate& tpl = *Pick(fitting);
  std::vector<const d::Product*> products;
  for (const d::Product& p : products_) {
    bool edible = p.category == "food";
    bool device = p.product_line == "智能设备";
    if ((!tpl.needs_edible || edible) && (!tpl.needs_device || device)) products.push_back(&p);
  }
  const d::Product& product = *Pick(products);
  RegionStaff& staff =
      regions_[std::uniform_int_distribution<size_t>(0, regions_.size() - 1)(rng_)];
  d::Id store_id = Pick(staff.store_ids);
  char order[32];
  std::snprintf(order, sizeof order, "PO%lld%04d",
                static_cast<long long>(received_at / 1000 % 100000000),
                std::uniform_int_distribution<int>(0, 9999)(rng_));
  std::map<std::string, std::string> slots = {
      {"product", product.name},
      {"store", store_name_by_id_[store_id]},
      {"city", city_name_by_id_[staff.city_ids.front()]},
      {"days", std::to_string(std::uniform_int_distribution<int>(2, 15)(rng_))},
      {"order", order},
      {"pet", Pick(Pets())},
      {"defect", Pick(Defects())},
      {"fault", Pick(Faults())},
      {"symptom", Pick(Symptoms())},
      {"service", Pick(BadService())}};

  d::NewComplaint in;
  double channel = Uniform(0, 1);
  in.channel = channel < 0.25   ? d::Channel::kPhone
               : channel < 0.40 ? d::Channel::kWeb
               : channel < 0.52 ? d::Channel::kEmail
               : channel < 0.72 ? d::Channel::kEcommerce
               : channel < 0.82 ? d::Channel::kSocial
               : channel < 0.92 ? d::Channel::kStore
                                : d::Channel::kChat;
  in.title = Fill(tpl.title, slots);
  in.description = Fill(tpl.text, slots) + Pick(Intensifiers());
  in.customer = Pick(customers_);
  if (in.channel == d::Channel::kEcommerce) {
    // Platform reviews carry the buyer's platform id: the customer page links it.
    in.customer->account = {"tmall", "tb_" + in.customer->phone.substr(3)};
  }
  in.region_id = staff.region_id;
  in.store_id = store_id;
  in.product_id = product.id;
  in.order_ref = order;
  in.team_id = staff.team_id;
  if (*tpl.remedy) in.remedy = d::ParseRemedy(tpl.remedy);
  std::string intended(type);
  if (intended == "quality" && Chance(0.7)) {
    const auto& batches = batches_[product.id];
    in.batch_no = Chance(0.6) ? batches.front() : Pick(batches);
  }
  if (intended == "quality" || intended == "service") {
    std::int64_t order_cents = std::uniform_int_distribution<int>(39, 1299)(rng_) * 100;
    in.order_amount_cents = order_cents;
    double factor = Chance(0.1) ? Uniform(3.2, 8) : Uniform(0.3, 1.5);
    in.amount_claimed_cents = static_cast<std::int64_t>(order_cents * factor) / 100 * 100;
    in.severity = Chance(0.15) ? d::Severity::kHigh : d::Severity::kMedium;
    if (intended == "quality" && tpl.needs_edible && Chance(0.3)) in.safety_flag = true;
  } else {
    in.severity = d::Severity::kLow;
  }
  if (in.customer->tier == d::CustomerTier::kVip) in.priority = d::Priority::kHigh;
  in.received_at = received_at;

  // A few complaints stall part-way whatever their age: the open backlog every team has.
  steps_left_ = Chance(0.06) ? std::uniform_int_distribution<int>(1, 5)(rng_) : 1000;
  if (!At(received_at + Minutes(0.05, 0.5))) return;
  auto created = d::CreateComplaint(ctx_).Execute(staff.agents.front(), in, std::nullopt);
  if (!created.ok()) return Check(created.status(), "create");
  ++created_;
  const std::string key = std::to_string(created->view.complaint.id);
  const d::Principal& manager = staff.manager;
  const d::Principal& agent = Pick(staff.agents);
  d::TransitionComplaint move(ctx_);
  UnixMillis t = clock_.Now();

  // 分类 classify.
  if (!At(t += Minutes(5, 120))) return;
  d::ComplaintPatch patch;
  patch.type = d::ParseComplaintType(type);
  patch.category = std::string(tpl.category);
  Check(d::UpdateComplaint(ctx_).Execute(manager, key, patch).status(), "classify");
  Check(move.Execute(manager, key, {d::ComplaintStatus::kClassified, "", std::nullopt}).status(),
        "classified");
  if (intended == "malicious" && Chance(0.75)) {
    if (!At(t += Minutes(10, 90))) return;
    Check(
        move.Execute(manager, key,
                     {d::ComplaintStatus::kRejected, "恶意索赔/无效内容，已核实驳回", std::nullopt})
            .status(),
        "reject");
    return;
  }
  // 分派 dispatch.
  if (!At(t += Minutes(5, 90))) return;
  Check(d::AssignComplaint(ctx_)
            .Execute(manager, key, {agent.user_id, staff.team_id, "按区域分派"})
            .status(),
        "assign");
  // 处理 in progress, with a first customer-visible response.
  if (!At(t += Minutes(5, 60))) return;
  Check(move.Execute(agent, key, {d::ComplaintStatus::kInProgress, "", std::nullopt}).status(),
        "start");
  if (!At(t += Minutes(1, 30))) return;
  Check(d::AddNote(ctx_)
            .Execute(agent, key, d::NoteVisibility::kPublic,
                     "您好，您的投诉我们已收到并由专人处理，会尽快给您答复。")
            .status(),
        "note");
  if (Chance(0.1)) {
    if (!At(t += Minutes(10, 240))) return;
    Check(d::EscalateComplaint(ctx_).Execute(agent, key, "客户情绪激动，要求升级处理").status(),
          "escalate");
  }
  if (Chance(0.2)) {
    if (!At(t += Minutes(30, 180))) return;
    Check(move.Execute(agent, key,
                       {d::ComplaintStatus::kWaitingOnCustomer, "等待客户提供照片和订单截图",
                        std::nullopt})
              .status(),
          "wait");
    if (!At(t += Minutes(60, 1440))) return;
    Check(
        move.Execute(agent, key, {d::ComplaintStatus::kInProgress, "客户已补充材料", std::nullopt})
            .status(),
        "resume");
  }
  if (Chance(0.3)) {
    if (!At(t += Minutes(10, 120))) return;
    Check(d::AddNote(ctx_)
              .Execute(agent, key, d::NoteVisibility::kInternal, "已联系相关部门核实情况")
              .status(),
          "internal note");
  }
  // The departments work the tasks classification opened before it can be resolved.
  auto tasks = d::ManageTasks(ctx_).ForComplaint(manager, key);
  if (tasks.ok()) {
    for (const auto& view : *tasks) {
      auto dept = departments_.find(view.task.team_id);
      if (dept == departments_.end() || !view.task.Open()) continue;
      if (!At(t += Minutes(20, 180))) return;
      d::TaskUpdate started;
      started.status = "in_progress";
      started.note = "已接单，正在核查";
      Check(d::ManageTasks(ctx_).Update(dept->second, view.task.id, started).status(), "task");
      if (!At(t += Minutes(30, 360))) return;
      d::TaskUpdate finished;
      finished.status = "done";
      finished.note =
          Pick(std::vector<std::string>{"已核实，原因已反馈给相关负责人",
                                        "批次抽检完成，已提交整改", "已与门店/物流方确认并处理"});
      Check(d::ManageTasks(ctx_).Update(dept->second, view.task.id, finished).status(), "task");
    }
  }
  // 反馈 resolved, then 归档 closed.
  if (!At(t += Minutes(60, Chance(0.85) ? 900 : 3000))) return;
  const d::ResolutionInput resolution =
      ResolutionFor(tpl.category, in.remedy, in.order_amount_cents);
  Check(move.Execute(agent, key,
                     {d::ComplaintStatus::kResolved, "已与客户沟通并给出处理方案，客户表示接受",
                      std::nullopt, resolution})
            .status(),
        "resolve");
  AnswerSurvey(key, in.remedy && *in.remedy == resolution.remedy, t);
  if (Chance(0.04)) {
    if (!At(t += Minutes(120, 2880))) return;
    Check(move.Execute(manager, key,
                       {d::ComplaintStatus::kReopened, "客户反馈问题仍未解决", std::nullopt})
              .status(),
          "reopen");
    if (!At(t += Minutes(10, 120))) return;
    Check(move.Execute(agent, key, {d::ComplaintStatus::kInProgress, "", agent.user_id}).status(),
          "restart");
    if (!At(t += Minutes(60, 900))) return;
    Check(move.Execute(agent, key, {d::ComplaintStatus::kResolved, "二次处理完成", std::nullopt})
              .status(),
          "re-resolve");
  }
  if (!At(t += Minutes(24 * 60, 72 * 60))) return;
  Check(move.Execute(agent, key, {d::ComplaintStatus::kClosed, "", std::nullopt}).status(),
        "close");
}

int Generator::Run(int complaint_count, int days) {
  clock_.Set(now_ - static_cast<UnixMillis>(days + 1) * core::kDay);
  BuildOrganisation();
  BuildCustomers(std::max(50, complaint_count / 4));
  BuildKnowledge();
  std::vector<UnixMillis> times;
  const UnixMillis start = now_ - static_cast<UnixMillis>(days) * core::kDay;
  while (static_cast<int>(times.size()) < complaint_count) {
    UnixMillis t = start + static_cast<UnixMillis>(Uniform(0, 1) * (now_ - start - kHour));
    // More complaints in the Chinese daytime (UTC+8 08:00-22:00).
    int local_hour = static_cast<int>(((t + 8 * kHour) % core::kDay) / kHour);
    if ((local_hour < 8 || local_hour >= 22) && Chance(0.75)) continue;
    times.push_back(t);
  }
  std::sort(times.begin(), times.end());
  for (UnixMillis t : times) PlayComplaint(t);
  std::printf("demo data: %zu regions, %zu cities, %zu products, %zu customers, %d complaints",
              regions_.size(), city_name_by_id_.size(), products_.size(), customers_.size(),
              created_);
  if (failures_) std::printf(" (%d steps failed)", failures_);
  std::printf("\n");
  return failures_ ? 1 : 0;
}

}  // namespace

int FillDemoData(const DemoOptions& options) {
  core::SystemClock real;
  const UnixMillis now = real.Now();
  core::FakeClock clock(now);
  WiringOptions wiring_options = WiringFor(options.store);
  wiring_options.max_readers = 4;
  wiring_options.clock = &clock;
  Wiring wiring(wiring_options);
  bool empty = true;
  core::Status checked = wiring.context().store.Read([&](d::Repositories& repos) {
    empty = repos.users().List().empty() && repos.org().Regions().empty();
    return core::Status::Ok();
  });
  if (!checked.ok() || !empty) {
    std::fprintf(stderr, "demo: %s already holds data; use a new database file\n",
                 options.store.db_path.c_str());
    return 1;
  }
  Generator generator(wiring.context(), clock, options.seed, now);
  int code = generator.Run(options.complaints, options.days);
  wiring.IndexAllText();
  if (auto analysed = d::AnalyzeNewComplaints(wiring.context()).RunToEnd(); !analysed.ok()) {
    std::fprintf(stderr, "demo: analysis failed: %s\n", analysed.status().ToString().c_str());
    return 1;
  }
  clock.Set(now);
  generator.AddRoutingProfiles();  // queues the drain of the unassigned backlog
  // The SLA checks of the open backlog run now: its warnings, breaches and escalations.
  clock.Set(now);
  JobWorker worker(wiring.context());
  for (auto ran = worker.RunDue(500); ran.ok() && *ran > 0;) ran = worker.RunDue(500);
  // The dashboards' numbers of everything just made.
  if (auto facts = d::RefreshAnalytics(wiring.context()).UntilDone(); !facts.ok()) {
    std::fprintf(stderr, "demo: analytics failed: %s\n", facts.status().ToString().c_str());
    return 1;
  }
  return code;
}

}  // namespace closeloop::app::demo
