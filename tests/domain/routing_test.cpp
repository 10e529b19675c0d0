// Routing: the rules language, the pure decision, and the use cases on a real
// SQLite file with the fake clock — automatic dispatch after analysis, the queue drained oldest
// first when capacity frees up, manual overrides with reasons, and invalid input refused.
#include "domain/routing/routing.h"

#include <gtest/gtest.h>

#include "app/job_commands.h"
#include "domain/analysis/analysis.h"
#include "domain/complaint/complaint_actions.h"
#include "domain/complaint/entities.h"
#include "domain/complaint/repository.h"
#include "domain/model/ids.h"
#include "domain/org/repository.h"
#include "domain/routing/entities.h"
#include "domain/unit_of_work.h"
#include "support/test_world.h"

namespace closeloop::testing {
namespace {

namespace d = domain;
using core::Status;

// ---- rules ----

TEST(RoutingRules, DefaultsParseAndCoverTheSpecifiedCases) {
  const d::RoutingRules& rules = d::DefaultRoutingRules();
  ASSERT_EQ(rules.rules.size(), 6u);
  d::RoutingFacts claim;
  claim.claim_ratio = 3.5;
  EXPECT_EQ(d::ApplyRoutingRules(rules, claim).route_to, d::RouteTo::kRegionalManager);
  claim.claim_ratio = 3.0;  // "more than three times" only
  EXPECT_EQ(d::ApplyRoutingRules(rules, claim).route_to, d::RouteTo::kAgent);

  d::RoutingFacts agitated;
  agitated.flags = {"high_agitation"};
  agitated.priority = d::Priority::kNormal;
  auto out = d::ApplyRoutingRules(rules, agitated);
  EXPECT_EQ(out.priority, d::Priority::kHigh);
  EXPECT_EQ(out.seniority, d::Seniority::kSenior);
  EXPECT_EQ(out.fired, std::vector<std::string>{"soothing"});

  d::RoutingFacts unsafe;
  unsafe.safety = true;
  unsafe.tier = "vip";
  unsafe.escalation_level = 2;
  out = d::ApplyRoutingRules(rules, unsafe);
  EXPECT_EQ(out.priority, d::Priority::kUrgent);
  EXPECT_EQ(out.seniority, d::Seniority::kExpert);
  EXPECT_EQ(out.fired, (std::vector<std::string>{"vip", "safety", "green_channel"}));
}

TEST(RoutingRules, RulesNeverLowerThePriority) {
  auto rules = d::ParseRoutingRules("calm: agitation < 10 => priority=low\n");
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  d::RoutingFacts f;
  f.priority = d::Priority::kHigh;
  EXPECT_EQ(d::ApplyRoutingRules(*rules, f).priority, d::Priority::kHigh);
}

TEST(RoutingRules, ConditionsCombineWithAndAndCompareRankedWords) {
  auto rules = d::ParseRoutingRules(
      "# severe quality problems of VIPs\n"
      "vip_quality: tier = vip and type = quality and severity >= high => seniority=expert\n"
      "not_en: language != en and flag = duplicate => priority=up\n");
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  d::RoutingFacts f;
  f.tier = "vip";
  f.type = "quality";
  f.severity = d::Severity::kMedium;
  EXPECT_TRUE(d::ApplyRoutingRules(*rules, f).fired.empty());
  f.severity = d::Severity::kCritical;
  f.language = "zh";
  f.flags = {"duplicate"};
  EXPECT_EQ(d::ApplyRoutingRules(*rules, f).fired,
            (std::vector<std::string>{"vip_quality", "not_en"}));
}

TEST(RoutingRules, SyntaxErrorsNameTheLine) {
  struct Case {
    const char* text;
    const char* expected;
  } cases[] = {
      {"ok: safety => priority=urgent\nbad: colour = red => priority=up\n",
       "line 2: unknown field \"colour\""},
      {"a: agitation >= lots => priority=up", "line 1: \"lots\" is not a number"},
      {"a: tier > vip => priority=up", "line 1: tier takes = or != only"},
      {"a: safety => priority=sky", "line 1: unknown priority \"sky\""},
      {"a: safety => shout=yes", "line 1: unknown action \"shout\""},
      {"a safety priority=up", "line 1: expected"},
      {"a: safety => priority=up\na: safety => priority=up", "line 2: rule \"a\" is defined twice"},
      {"a: severity >= huge => priority=up", "unknown severity \"huge\""},
      {"a: => priority=up", "needs a condition"},
  };
  for (const Case& c : cases) {
    auto parsed = d::ParseRoutingRules(c.text);
    ASSERT_FALSE(parsed.ok()) << c.text;
    EXPECT_EQ(parsed.status().field(), "rules");
    EXPECT_NE(parsed.status().message().find(c.expected), std::string::npos)
        << parsed.status().message();
  }
}

// ---- the decision ----

d::AgentState Agent(d::AgentPool& pool, d::Id id, std::vector<std::pair<std::string, int>> skills,
                    int load = 0, int capacity = 10) {
  d::AgentState a;
  a.user_id = id;
  a.name = "agent" + std::to_string(id);
  a.capacity = capacity;
  a.load = load;
  for (const auto& [key, level] : skills) a.skills.emplace_back(pool.Intern(key), level);
  return a;
}

d::RoutingRequest Quality() {
  d::RoutingRequest r;
  r.facts.type = "quality";
  r.facts.category = "product_quality";
  r.facts.language = "zh";
  r.facts.channel = "web";
  return r;
}

TEST(Router, PrefersSkillThenLoadAndExplains) {
  d::AgentPool pool;
  pool.Add(Agent(pool, 1, {{"type:service", 5}}));
  pool.Add(Agent(pool, 2, {{"type:quality", 5}, {"category:product_quality", 4}}, 3));
  pool.Add(Agent(pool, 3, {{"type:quality", 2}}));
  auto d1 = d::DecideRoute(pool, d::DefaultRoutingRules(), Quality());
  ASSERT_TRUE(d1.agent_id);
  EXPECT_EQ(*d1.agent_id, 2);
  EXPECT_EQ(d1.candidates, 3);
  EXPECT_NE(d1.explanation.find("agent2 score"), std::string::npos) << d1.explanation;
  EXPECT_NE(d1.explanation.find("skill 22.5"), std::string::npos) << d1.explanation;
  EXPECT_NE(d1.explanation.find("(3/10)"), std::string::npos) << d1.explanation;

  // Equal skills: the one with less work.
  d::AgentPool even;
  even.Add(Agent(even, 7, {{"type:quality", 3}}, 5));
  even.Add(Agent(even, 8, {{"type:quality", 3}}, 1));
  EXPECT_EQ(*d::DecideRoute(even, d::DefaultRoutingRules(), Quality()).agent_id, 8);
}

TEST(Router, HardConditionsExcludeAndQueueWhenNobodyQualifies) {
  d::AgentPool pool;
  d::AgentState away = Agent(pool, 1, {{"type:quality", 5}});
  away.available = false;
  d::AgentState off = Agent(pool, 2, {{"type:quality", 5}});
  off.on_shift = false;
  d::AgentState full = Agent(pool, 3, {{"type:quality", 5}}, 4, 4);
  pool.Add(away);
  pool.Add(off);
  pool.Add(full);
  auto d1 = d::DecideRoute(pool, d::DefaultRoutingRules(), Quality());
  EXPECT_FALSE(d1.agent_id);
  EXPECT_NE(d1.explanation.find("1 away, 1 off shift, 1 at capacity"), std::string::npos)
      << d1.explanation;

  // One junior with room: a VIP needs a senior, so it still waits.
  pool.Add(Agent(pool, 4, {}));
  d::RoutingRequest vip = Quality();
  vip.facts.tier = "vip";
  auto d2 = d::DecideRoute(pool, d::DefaultRoutingRules(), vip);
  EXPECT_FALSE(d2.agent_id);
  EXPECT_NE(d2.explanation.find("rules vip"), std::string::npos);
  d::AgentState senior = Agent(pool, 5, {});
  senior.seniority = d::Seniority::kSenior;
  pool.Add(senior);
  EXPECT_EQ(*d::DecideRoute(pool, d::DefaultRoutingRules(), vip).agent_id, 5);
  // A regular complaint goes to the junior: seniors stay free for the hard cases.
  EXPECT_EQ(*d::DecideRoute(pool, d::DefaultRoutingRules(), Quality()).agent_id, 4);
}

TEST(Router, CommitSpreadsLoadSoNobodyPassesCapacity) {
  d::AgentPool pool;
  pool.Add(Agent(pool, 1, {{"type:quality", 5}}, 0, 2));
  pool.Add(Agent(pool, 2, {{"type:quality", 1}}, 0, 2));
  std::vector<d::Id> chosen;
  for (int i = 0; i < 5; ++i) {
    auto decision = d::DecideRoute(pool, d::DefaultRoutingRules(), Quality());
    chosen.push_back(decision.agent_id.value_or(0));
    d::Commit(pool, decision);
  }
  // The stronger agent first; then load weighs in and the work alternates; the fifth waits.
  EXPECT_EQ(chosen, (std::vector<d::Id>{1, 2, 1, 2, 0}));
}

TEST(Router, ClaimOverOrderGoesToTheRegionalManager) {
  d::AgentPool pool;
  pool.Add(Agent(pool, 1, {{"type:quality", 5}}));
  d::AgentState unscoped = Agent(pool, 2, {});
  unscoped.role = d::Role::kManager;
  d::AgentState east = Agent(pool, 3, {});
  east.role = d::Role::kManager;
  east.region_scope = {42};
  pool.Add(unscoped);
  pool.Add(east);
  d::RoutingRequest r = Quality();
  r.facts.claim_ratio = 5;
  r.region_id = 42;
  auto decision = d::DecideRoute(pool, d::DefaultRoutingRules(), r);
  EXPECT_EQ(*decision.agent_id, 3);
  EXPECT_EQ(decision.rules.fired, std::vector<std::string>{"claim_over_order"});
  r.region_id = 7;  // no manager leads region 7: the unscoped one
  EXPECT_EQ(*d::DecideRoute(pool, d::DefaultRoutingRules(), r).agent_id, 2);
}

// ---- use cases on the store ----

d::AgentProfile Profile(d::Id user, int capacity, std::vector<d::AgentSkill> skills = {}) {
  d::AgentProfile p;
  p.user_id = user;
  p.capacity = capacity;
  p.skills = std::move(skills);
  return p;
}

std::vector<d::RoutingRecord> Decisions(TestWorld& w, const std::string& key) {
  return *d::RoutingHistory(w.ctx()).Get(w.admin, key);
}

d::Complaint Load(TestWorld& w, const std::string& key) {
  d::Complaint c;
  EXPECT_TRUE(w.ctx()
                  .store
                  .Read([&](d::Repositories& repos) {
                    c = *repos.complaints().FindByReference(key);
                    return Status::Ok();
                  })
                  .ok());
  return c;
}

TEST(RoutingUseCases, NewComplaintsAreRoutedAfterAnalysisAndWaitWhenNobodyIsFree) {
  TestWorld w;
  d::ManageAgents agents(w.ctx());
  ASSERT_TRUE(agents.Save(w.admin, Profile(w.agent.user_id, 1, {{"type", "service", 5}})).ok());
  auto saved = agents.Save(
      w.admin,
      Profile(w.east_agent.user_id, 1,
              {{"type", "quality", 5}, {"category", "product_quality", 5}, {"language", "zh", 4}}));
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();

  const auto first = w.File(w.admin, w.east);  // 猫粮发霉… quality
  w.clock().Advance(core::kMinute);
  const auto second = w.File(w.admin, w.east);
  w.clock().Advance(core::kMinute);
  const auto third = w.File(w.admin, w.east);
  ASSERT_EQ(*d::AnalyzeNewComplaints(w.ctx()).RunToEnd(), 3);

  d::Complaint c1 = Load(w, first.complaint.reference);
  EXPECT_EQ(c1.assignee_id, w.east_agent.user_id);
  EXPECT_EQ(c1.status, d::ComplaintStatus::kAssigned);
  auto history = Decisions(w, first.complaint.reference);
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].mode, "auto");
  EXPECT_NE(history[0].explanation.find("agent_east"), std::string::npos) << history[0].explanation;
  // The quality specialist is full: the next goes to the other agent, the third waits.
  EXPECT_EQ(Load(w, second.complaint.reference).assignee_id, w.agent.user_id);
  d::Complaint c3 = Load(w, third.complaint.reference);
  EXPECT_FALSE(c3.assignee_id);
  EXPECT_EQ(c3.status, d::ComplaintStatus::kReceived);
  ASSERT_EQ(Decisions(w, third.complaint.reference).size(), 1u);
  EXPECT_EQ(Decisions(w, third.complaint.reference)[0].mode, "queued");

  // The agent is notified of new work.
  bool notified = false;
  ASSERT_TRUE(w.ctx()
                  .store
                  .Read([&](d::Repositories& repos) {
                    for (const auto& n :
                         repos.notifications().ListFor(w.east_agent.user_id, true, 0, 10)) {
                      notified |= n.kind == "assigned" && n.complaint_id == c1.id;
                    }
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_TRUE(notified);

  // Resolving the first frees capacity: the drain job gives the waiting complaint to agent_east.
  d::TransitionRequest work;
  work.to = d::ComplaintStatus::kInProgress;
  ASSERT_TRUE(
      d::TransitionComplaint(w.ctx()).Execute(w.admin, first.complaint.reference, work).ok());
  d::TransitionRequest resolve;
  resolve.to = d::ComplaintStatus::kResolved;
  resolve.note = "已退款";
  resolve.resolution = testing::Explained();
  w.Classify(w.admin, first.complaint.reference);
  auto resolved =
      d::TransitionComplaint(w.ctx()).Execute(w.admin, first.complaint.reference, resolve);
  ASSERT_TRUE(resolved.ok()) << resolved.status().ToString();
  app::JobWorker worker(w.ctx());
  ASSERT_TRUE(worker.RunDue(50).ok());
  EXPECT_EQ(Load(w, third.complaint.reference).assignee_id, w.east_agent.user_id);
  EXPECT_EQ(Decisions(w, third.complaint.reference).back().mode, "auto");
}

TEST(RoutingUseCases, TheQueueDrainsOldestFirst) {
  TestWorld w;
  std::vector<std::string> refs;
  for (int i = 0; i < 3; ++i) {
    refs.push_back(w.File(w.admin, w.east).complaint.reference);
    w.clock().Advance(core::kMinute);
  }
  // Analysed before anyone had a profile: nothing routed.
  ASSERT_EQ(*d::AnalyzeNewComplaints(w.ctx()).RunToEnd(), 3);
  EXPECT_FALSE(Load(w, refs[0]).assignee_id);
  ASSERT_TRUE(d::ManageAgents(w.ctx()).Save(w.admin, Profile(w.agent.user_id, 2)).ok());
  app::JobWorker worker(w.ctx());
  ASSERT_TRUE(worker.RunDue(50).ok());
  EXPECT_EQ(Load(w, refs[0]).assignee_id, w.agent.user_id);
  EXPECT_EQ(Load(w, refs[1]).assignee_id, w.agent.user_id);
  EXPECT_FALSE(Load(w, refs[2]).assignee_id) << "capacity 2: the newest waits";
}

TEST(RoutingUseCases, AgitatedVipGetsSeniorAndHigherPriority) {
  TestWorld w;
  d::ManageAgents agents(w.ctx());
  ASSERT_TRUE(agents.Save(w.admin, Profile(w.agent.user_id, 5)).ok());
  d::AgentProfile senior = Profile(w.north_agent.user_id, 5);
  senior.seniority = 2;
  ASSERT_TRUE(agents.Save(w.admin, senior).ok());
  const auto angry = w.File(
      w.admin, w.east, "太气人了！！！猫粮发霉，客服一直不理，骗子！再不处理我就投诉到消协！！！");
  ASSERT_EQ(*d::AnalyzeNewComplaints(w.ctx()).RunToEnd(), 1);
  d::Complaint c = Load(w, angry.complaint.reference);
  EXPECT_EQ(c.assignee_id, w.north_agent.user_id);
  EXPECT_GT(c.priority, d::Priority::kNormal);
  EXPECT_NE(Decisions(w, angry.complaint.reference)[0].rules_fired.find("soothing"),
            std::string::npos);
}

TEST(RoutingUseCases, ProfilesAreValidatedFieldByField) {
  TestWorld w;
  d::ManageAgents agents(w.ctx());
  const std::string before = w.Snapshot();
  struct Case {
    d::AgentProfile profile;
    const char* field;
  };
  d::AgentProfile bad_level = Profile(w.agent.user_id, 5, {{"type", "quality", 9}});
  d::AgentProfile bad_dimension = Profile(w.agent.user_id, 5, {{"mood", "calm", 3}});
  d::AgentProfile twice =
      Profile(w.agent.user_id, 5, {{"type", "quality", 3}, {"type", "quality", 4}});
  d::AgentProfile department = Profile(w.department.user_id, 5);
  d::AgentProfile negative = Profile(w.agent.user_id, -1);
  d::AgentProfile shift = Profile(w.agent.user_id, 5);
  shift.shift_calendar = "moon-shift";
  d::AgentProfile seniority = Profile(w.agent.user_id, 5);
  seniority.seniority = 4;
  d::AgentProfile team = Profile(w.agent.user_id, 5);
  team.team_id = 999;
  for (const Case& c : std::vector<Case>{{bad_level, "skills[0].level"},
                                         {bad_dimension, "skills[0].dimension"},
                                         {twice, "skills[1]"},
                                         {department, "user_id"},
                                         {negative, "capacity"},
                                         {shift, "shift_calendar"},
                                         {seniority, "seniority"},
                                         {team, "team_id"}}) {
    auto saved = agents.Save(w.admin, c.profile);
    ASSERT_FALSE(saved.ok()) << c.field;
    EXPECT_EQ(saved.status().field(), c.field) << saved.status().ToString();
  }
  EXPECT_EQ(w.Snapshot(), before);
  EXPECT_EQ(agents.Save(w.agent, Profile(w.agent.user_id, 5)).status().code(),
            core::StatusCode::kPermissionDenied);
  // Agents set their own availability, not others'.
  ASSERT_TRUE(agents.Save(w.admin, Profile(w.agent.user_id, 5)).ok());
  EXPECT_FALSE(agents.SetAvailable(w.agent, w.agent.user_id, false)->profile.available);
  ASSERT_TRUE(agents.Save(w.admin, Profile(w.east_agent.user_id, 5)).ok());
  EXPECT_EQ(agents.SetAvailable(w.agent, w.east_agent.user_id, false).status().code(),
            core::StatusCode::kPermissionDenied);
  // A manager scoped to east looks after east's agents only.
  d::AgentProfile north = Profile(w.north_agent.user_id, 5);
  north.region_id = w.north;
  EXPECT_EQ(agents.Save(w.east_manager, north).status().code(),
            core::StatusCode::kPermissionDenied);
  ASSERT_TRUE(agents.Save(w.admin, north).ok());
  north.region_id = w.east;  // moving them into east is taking them: refused too
  EXPECT_EQ(agents.Save(w.east_manager, north).status().code(),
            core::StatusCode::kPermissionDenied);
  EXPECT_EQ(agents.SetAvailable(w.east_manager, w.north_agent.user_id, false).status().code(),
            core::StatusCode::kPermissionDenied);
  d::AgentProfile east = Profile(w.east_agent.user_id, 7);
  east.region_id = w.east;
  EXPECT_EQ(agents.Save(w.east_manager, east).status().code(), core::StatusCode::kPermissionDenied)
      << "their profile has no region yet: not east's";
  ASSERT_TRUE(agents.Save(w.admin, east).ok());
  east.capacity = 9;
  EXPECT_TRUE(agents.Save(w.east_manager, east).ok());
}

TEST(RoutingUseCases, RuleChangesAreCheckedAndABadOneLeavesTheOldInForce) {
  TestWorld w;
  d::ManageRoutingRules manage(w.ctx());
  auto bad = manage.Replace(w.admin, "vip: tier = vip => seniority=senior\noops\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("line 2"), std::string::npos);
  EXPECT_EQ(manage.Get(w.admin)->rules.size(), 6u);
  EXPECT_EQ(manage.Replace(w.agent, "x: safety => priority=up").status().code(),
            core::StatusCode::kPermissionDenied);
  ASSERT_TRUE(manage.Replace(w.admin, "only: safety => priority=urgent\n").ok());
  EXPECT_EQ(manage.Get(w.admin)->rules.size(), 1u);
  // Stored: a restart (a new load) keeps them; empty text restores the defaults.
  ASSERT_TRUE(manage.Load().ok());
  EXPECT_EQ(manage.Get(w.admin)->rules[0].name, "only");
  ASSERT_TRUE(manage.Replace(w.admin, "  \n").ok());
  ASSERT_TRUE(manage.Load().ok());
  EXPECT_EQ(manage.Get(w.admin)->rules.size(), 6u);
}

TEST(RoutingUseCases, TakingAComplaintFromItsAssigneeNeedsAReasonAndIsRecorded) {
  TestWorld w;
  ASSERT_TRUE(d::ManageAgents(w.ctx()).Save(w.admin, Profile(w.agent.user_id, 5)).ok());
  const auto filed = w.File(w.admin, w.east);
  ASSERT_EQ(*d::AnalyzeNewComplaints(w.ctx()).RunToEnd(), 1);
  ASSERT_EQ(Load(w, filed.complaint.reference).assignee_id, w.agent.user_id);
  d::AssignRequest move;
  move.assignee_id = w.east_agent.user_id;
  auto refused = d::AssignComplaint(w.ctx()).Execute(w.manager, filed.complaint.reference, move);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().field(), "reason");
  move.reason = "客户要求华东专员处理";
  ASSERT_TRUE(d::AssignComplaint(w.ctx()).Execute(w.manager, filed.complaint.reference, move).ok());
  auto history = Decisions(w, filed.complaint.reference);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[1].mode, "override");
  EXPECT_EQ(history[1].reason, "客户要求华东专员处理");
  EXPECT_EQ(history[1].actor_id, w.manager.user_id);
  EXPECT_EQ(history[1].agent_id, w.east_agent.user_id);

  // A reroute runs the automatic routing again, with a reason.
  EXPECT_EQ(
      d::RoutingHistory(w.ctx()).Reroute(w.manager, filed.complaint.reference, "").status().field(),
      "reason");
  auto rerouted =
      d::RoutingHistory(w.ctx()).Reroute(w.manager, filed.complaint.reference, "升级后重新分派");
  ASSERT_TRUE(rerouted.ok()) << rerouted.status().ToString();
  EXPECT_EQ(rerouted->agent_id, w.agent.user_id);
  EXPECT_EQ(Decisions(w, filed.complaint.reference).back().mode, "reroute");

  // The same rule when a move carries another assignee.
  d::TransitionRequest take;
  take.to = d::ComplaintStatus::kInProgress;
  take.assignee_id = w.east_agent.user_id;
  auto no_reason =
      d::TransitionComplaint(w.ctx()).Execute(w.manager, filed.complaint.reference, take);
  ASSERT_FALSE(no_reason.ok());
  EXPECT_EQ(no_reason.status().field(), "note");
  take.note = "华东专员接手";
  ASSERT_TRUE(
      d::TransitionComplaint(w.ctx()).Execute(w.manager, filed.complaint.reference, take).ok());
  EXPECT_EQ(Decisions(w, filed.complaint.reference).back().mode, "override");
}

TEST(RoutingUseCases, RepeatedEscalationMovesTheComplaintToAnExpert) {
  TestWorld w;
  d::ManageAgents agents(w.ctx());
  ASSERT_TRUE(agents.Save(w.admin, Profile(w.agent.user_id, 5)).ok());
  d::AgentProfile expert = Profile(w.north_agent.user_id, 5);
  expert.seniority = 3;
  ASSERT_TRUE(agents.Save(w.admin, expert).ok());
  const auto filed = w.File(w.admin, w.east, "猫粮发霉了，要求退款");  // no harm: routine
  ASSERT_EQ(*d::AnalyzeNewComplaints(w.ctx()).RunToEnd(), 1);
  const std::string ref = filed.complaint.reference;
  ASSERT_EQ(Load(w, ref).assignee_id, w.agent.user_id) << "routine work goes to the junior";
  d::EscalateComplaint escalate(w.ctx());
  ASSERT_TRUE(escalate.Execute(w.manager, ref, "客户再次来电").ok());
  EXPECT_EQ(Load(w, ref).assignee_id, w.agent.user_id) << "one escalation: the agent keeps it";
  ASSERT_TRUE(escalate.Execute(w.manager, ref, "客户第三次来电，情绪激动").ok());
  EXPECT_EQ(Load(w, ref).assignee_id, w.north_agent.user_id) << "green channel: the expert";
  auto history = Decisions(w, ref);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[1].mode, "reroute");
  EXPECT_EQ(history[1].reason, "escalation level 2");
  EXPECT_NE(history[1].rules_fired.find("green_channel"), std::string::npos);
  // Already with an expert: a third escalation leaves it there.
  ASSERT_TRUE(escalate.Execute(w.manager, ref, "仍未解决").ok());
  EXPECT_EQ(Decisions(w, ref).size(), 2u);
}

TEST(RoutingUseCases, WorkNotStartedIsHandedOverWhenTheShiftEnds) {
  TestWorld w;  // 10:00 in China
  d::ManageAgents agents(w.ctx());
  d::AgentProfile day = Profile(w.agent.user_id, 5, {{"type", "quality", 5}});
  day.shift_calendar = "cn-service-desk";  // 08:00-22:00
  ASSERT_TRUE(agents.Save(w.admin, day).ok());
  d::AgentProfile night = Profile(w.north_agent.user_id, 5);
  night.shift_calendar = "24x7";
  ASSERT_TRUE(agents.Save(w.admin, night).ok());
  const std::string waiting = w.File(w.admin, w.east).complaint.reference;
  const std::string started = w.File(w.admin, w.east).complaint.reference;
  ASSERT_EQ(*d::AnalyzeNewComplaints(w.ctx()).RunToEnd(), 2);
  ASSERT_EQ(Load(w, waiting).assignee_id, w.agent.user_id) << "the quality specialist";
  ASSERT_EQ(Load(w, started).assignee_id, w.agent.user_id);
  d::TransitionRequest work;
  work.to = d::ComplaintStatus::kInProgress;
  ASSERT_TRUE(d::TransitionComplaint(w.ctx()).Execute(w.agent, started, work).ok());

  app::JobWorker worker(w.ctx());
  ASSERT_TRUE(worker.RunDue(100).ok());
  EXPECT_EQ(Load(w, waiting).assignee_id, w.agent.user_id) << "still on shift";
  w.clock().Advance(12 * core::kHour + 30 * core::kMinute);  // 22:30
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(worker.RunDue(100).ok());
  EXPECT_EQ(Load(w, waiting).assignee_id, w.north_agent.user_id) << "handed to the night shift";
  EXPECT_EQ(Load(w, started).assignee_id, w.agent.user_id) << "work in progress stays";
  auto history = Decisions(w, waiting);
  EXPECT_EQ(history.back().mode, "handover");
  EXPECT_EQ(history.back().reason, "agent off shift");
}

}  // namespace
}  // namespace closeloop::testing
