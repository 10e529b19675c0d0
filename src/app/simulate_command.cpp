// The simulation works the real system: complaints are filed through CreateComplaint, analysed
// and routed by the pipeline, watched by the SLA jobs of the job worker; simulated agents act
// through the same use cases (public first response, confirming type and category, starting
// work, resolving). Agents work only within their shift calendar; how long they take depends on
// their skill for the complaint's type. Time moves in 5-minute steps of the fake clock.
#include "app/simulate_command.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <random>
#include <stdexcept>
#include <vector>

#include "app/job_commands.h"
#include "app/wiring.h"
#include "core/time_format.h"
#include "domain/analysis/analysis.h"
#include "domain/complaint/complaint_actions.h"
#include "domain/complaint/create_complaint.h"
#include "domain/complaint/entities.h"
#include "domain/complaint/repository.h"
#include "domain/knowledge/knowledge.h"
#include "domain/model/ids.h"
#include "domain/org/admin.h"
#include "domain/org/repository.h"
#include "domain/routing/entities.h"
#include "domain/routing/repository.h"
#include "domain/routing/routing.h"
#include "domain/sla/sla_config.h"
#include "domain/survey/survey_responses.h"
#include "domain/unit_of_work.h"

namespace closeloop::app {

namespace d = domain;
using core::kHour;
using core::kMinute;
using core::UnixMillis;

namespace {

constexpr UnixMillis kStep = 5 * kMinute;

struct Scenario {
  d::ComplaintType type;
  const char* category;
  const char* title;
  const char* text;
  double weight;
};

const std::vector<Scenario>& Scenarios() {
  static const std::vector<Scenario> all = {
      {d::ComplaintType::kQuality, "product_quality", "猫粮发霉",
       "买的猫粮打开就发霉了，猫吃了以后呕吐，要求退款", 3},
      {d::ComplaintType::kQuality, "product_quality", "烘干机故障",
       "新买的宠物烘干机用了一周就不转了，要求换货", 2},
      {d::ComplaintType::kService, "after_sales", "客服态度差",
       "客服态度很差，售后问题一直没人处理", 2},
      {d::ComplaintType::kService, "logistics", "快递延误", "快递三天还没到，物流信息一直不更新",
       3},
      {d::ComplaintType::kService, "price_advertising", "价格不符",
       "结账价格和标价不一样，多收了钱，要求退差价", 1},
      {d::ComplaintType::kInquiry, "other", "咨询退货流程", "请问退货需要什么手续，运费谁出？", 2},
      {d::ComplaintType::kSuggestion, "other", "建议增加小包装", "希望猫粮能出小包装，方便试吃", 1},
      {d::ComplaintType::kService, "logistics", "Late parcel",
       "The parcel is a week late and nobody answers the phone", 1},
  };
  return all;
}

// What the simulation knows of a complaint it filed.
struct Tracked {
  d::Id id = 0;
  std::string reference;
  d::ComplaintType type = d::ComplaintType::kInquiry;
  std::string category;
  UnixMillis received_at = 0;
  std::optional<UnixMillis> predicted;  // handling time predicted at intake
  // The agent's plan, made when the complaint reaches them.
  std::optional<d::Id> agent;
  // 0 not planned, 1 respond+classify, 2 start work, 3 resolve, 4 survey answer, 5 done
  int step = 0;
  UnixMillis next_at = 0;
  UnixMillis work = 0;  // working time the agent needs to resolve once started
};

struct Agent {
  d::Principal who;
  std::string calendar;
  std::map<std::string, int> type_level;
};

class Simulation {
 public:
  Simulation(const SimulateOptions& o, Wiring& wiring, core::FakeClock& clock)
      : o_(o),
        ctx_(wiring.context()),
        clock_(clock),
        rng_(o.seed),
        analysis_(ctx_),
        worker_(ctx_) {}

  void Run();

 private:
  double Uniform(double a, double b) { return std::uniform_real_distribution<double>(a, b)(rng_); }
  // A log-normal duration with the given median; sigma 0.6.
  UnixMillis LogNormal(UnixMillis median) {
    return static_cast<UnixMillis>(median *
                                   std::exp(std::normal_distribution<double>(0, 0.6)(rng_)));
  }
  void Check(const core::Status& s, const char* what) {
    if (!s.ok() && ++failures_ <= 5)
      std::fprintf(stderr, "simulate: %s: %s\n", what, s.ToString().c_str());
  }
  d::Principal AddUser(const std::string& name, d::Role role, std::vector<d::Id> regions);
  void BuildOrganisation();
  std::vector<UnixMillis> Arrivals();
  void File(UnixMillis at);
  void RunJobs();
  void Plan(Tracked& t);
  void Act(Tracked& t);
  void SampleLoads();
  // Complaints handed to another agent (shift handover, green channel): their new holder
  // picks them up in their own working time.
  void FollowHandovers();
  UnixMillis WorkingFrom(d::Id agent, UnixMillis from, UnixMillis working) const;
  void Report();

  const SimulateOptions& o_;
  const d::Context& ctx_;
  core::FakeClock& clock_;
  std::mt19937 rng_;
  d::AnalyzeNewComplaints analysis_;
  JobWorker worker_;
  UnixMillis start_ = 0, end_ = 0;
  std::vector<d::Id> regions_;
  std::map<d::Id, Agent> agents_;
  std::vector<Tracked> tracked_;
  std::vector<double> spread_samples_;
  double peak_spread_ = 0;
  int failures_ = 0;
  int customer_seq_ = 0;
};

d::Principal Simulation::AddUser(const std::string& name, d::Role role,
                                 std::vector<d::Id> regions) {
  d::UserInput in;
  in.username = name;
  in.password = "simulation-only-password";
  in.display_name = name;
  in.role = role;
  in.region_scope = std::move(regions);
  auto user = d::ManageUsers(ctx_).Create(d::SystemPrincipal(), in);
  if (!user.ok()) throw std::runtime_error("user " + name + ": " + user.status().ToString());
  return d::PrincipalOf(*user);
}

void Simulation::BuildOrganisation() {
  const std::vector<std::pair<std::string, std::string>> regions = {
      {"east", "华东大区"}, {"north", "华北大区"}, {"south", "华南大区"}};
  for (const auto& [code, name] : regions) {
    d::Id region = 0;
    // Copies for the lambda: clang (clang-tidy) does not capture structured bindings yet.
    const std::string region_code = code, region_name = name;
    Check(ctx_.store.Write([&](d::Repositories& repos) {
      region = repos.org().InsertRegion({0, region_code, region_name});
      return core::Status::Ok();
    }),
          "region");
    regions_.push_back(region);
    auto team = d::ManageTeams(ctx_).Create(
        d::SystemPrincipal(), {code + "-cs", name + "投诉组", std::string("complaints"), region});
    if (!team.ok()) throw std::runtime_error("team: " + team.status().ToString());
    AddUser("mgr_" + code, d::Role::kManager, {region});
    const std::vector<std::string> types = {"inquiry", "quality", "service", "suggestion"};
    const std::vector<std::string> categories = {"product_quality", "logistics", "after_sales",
                                                 "price_advertising", "other"};
    for (int i = 0; i < o_.agents_per_team; ++i) {
      Agent a;
      a.who = AddUser("agent_" + code + "_" + std::to_string(i + 1), d::Role::kAgent, {region});
      d::AgentProfile p;
      p.user_id = a.who.user_id;
      p.team_id = team->id;
      p.region_id = region;
      p.seniority = i == 0 ? 3 : i == 1 ? 2 : 1;
      p.capacity = 12;
      p.shift_calendar = i % 3 == 2 ? "24x7" : "cn-service-desk";
      a.calendar = p.shift_calendar;
      for (const std::string& t : types) {
        const int level = std::uniform_int_distribution<int>(1, 5)(rng_);
        p.skills.push_back({"type", t, level});
        a.type_level[t] = level;
      }
      for (const std::string& c : categories) {
        p.skills.push_back({"category", c, std::uniform_int_distribution<int>(1, 5)(rng_)});
      }
      p.skills.push_back({"language", "zh", 5});
      if (i % 2 == 0) p.skills.push_back({"language", "en", 4});
      auto saved = d::ManageAgents(ctx_).Save(d::SystemPrincipal(), p);
      if (!saved.ok()) throw std::runtime_error("profile: " + saved.status().ToString());
      agents_[a.who.user_id] = a;
    }
  }
}

// Arrival times over the days: busier in the day (China time) than at night.
std::vector<UnixMillis> Simulation::Arrivals() {
  std::vector<UnixMillis> out;
  const int total = o_.days * o_.per_day;
  while (static_cast<int>(out.size()) < total) {
    const UnixMillis t = start_ + static_cast<UnixMillis>(Uniform(0, 1) * (end_ - start_));
    const int hour = static_cast<int>(((t + 8 * kHour) % core::kDay) / kHour);
    const double weight = hour >= 9 && hour < 22 ? 1.0 : hour >= 7 ? 0.5 : 0.12;
    if (Uniform(0, 1) < weight) out.push_back(t);
  }
  std::sort(out.begin(), out.end());
  return out;
}

void Simulation::File(UnixMillis at) {
  clock_.Set(at);
  std::vector<double> weights;
  for (const Scenario& s : Scenarios()) weights.push_back(s.weight);
  const Scenario& s =
      Scenarios()[std::discrete_distribution<size_t>(weights.begin(), weights.end())(rng_)];
  d::NewComplaint in;
  in.channel = Uniform(0, 1) < 0.5 ? d::Channel::kEcommerce : d::Channel::kPhone;
  in.title = s.title;
  in.description = s.text;
  const double roll = Uniform(0, 1);
  if (roll < 0.08) {
    in.description = std::string("太气人了！！！") + s.text + "，再不处理我就投诉到消协！！！";
  } else if (roll < 0.10) {
    in.safety_flag = true;
    in.severity = d::Severity::kCritical;
    in.description = "猫粮里有金属片，猫的嘴被划伤了，必须马上处理";
  }
  if (Uniform(0, 1) < 0.05) {
    in.order_amount_cents = 10000;
    in.amount_claimed_cents = 50000;  // more than three times the order
  }
  in.region_id = regions_[std::uniform_int_distribution<size_t>(0, regions_.size() - 1)(rng_)];
  d::CustomerInput customer;
  ++customer_seq_;
  customer.name = "顾客" + std::to_string(customer_seq_);
  customer.phone = "139" + std::to_string(10000000 + customer_seq_);
  customer.tier = Uniform(0, 1) < 0.05 ? d::CustomerTier::kVip : d::CustomerTier::kRegular;
  in.customer = customer;
  auto made = d::CreateComplaint(ctx_).Execute(d::SystemPrincipal(), in, std::nullopt);
  if (!made.ok()) {
    Check(made.status(), "file");
    return;
  }
  Tracked t;
  t.id = made->view.complaint.id;
  t.reference = made->view.complaint.reference;
  t.type = s.type;
  t.category = s.category;
  t.received_at = at;
  Check(ctx_.store.Read([&](d::Repositories& repos) {
    d::Complaint c = made->view.complaint;
    c.type = s.type;
    c.category = s.category;
    t.predicted = d::PredictHandlingTime(repos, c, at).minutes_ms;
    return core::Status::Ok();
  }),
        "predict");
  tracked_.push_back(std::move(t));
}

void Simulation::RunJobs() {
  for (;;) {
    auto ran = worker_.RunDue(500);
    if (!ran.ok()) {
      Check(ran.status(), "jobs");
      return;
    }
    if (*ran < 500) return;
  }
}

UnixMillis Simulation::WorkingFrom(d::Id agent, UnixMillis from, UnixMillis working) const {
  auto config = ctx_.sla->Get();
  auto it = agents_.find(agent);
  const std::string code = it == agents_.end() ? "cn-office" : it->second.calendar;
  const d::BusinessCalendar* cal = config->FindCalendar(code);
  return cal ? cal->AddWorkingTime(from, working) : from + working;
}

// Once a complaint has an assignee: when they pick it up and how long the work takes. Skill
// (1-5) for the type shortens the work: level 5 takes 60 % of what level 1 takes.
void Simulation::Plan(Tracked& t) {
  std::optional<d::Complaint> c;
  Check(ctx_.store.Read([&](d::Repositories& repos) {
    c = repos.complaints().FindById(t.id);
    return core::Status::Ok();
  }),
        "load");
  if (!c || !c->assignee_id) return;
  t.agent = *c->assignee_id;
  int level = 3;
  if (auto it = agents_.find(*t.agent); it != agents_.end()) {
    level = it->second.type_level[d::ToString(t.type)];
  }
  const double skill_factor = 1.1 - 0.1 * level;
  const bool urgent = c->priority == d::Priority::kUrgent;
  t.work = static_cast<UnixMillis>(LogNormal(urgent ? 2 * kHour : 5 * kHour) * skill_factor);
  t.step = 1;
  t.next_at = WorkingFrom(*t.agent, clock_.Now(), LogNormal(urgent ? 10 * kMinute : 25 * kMinute));
}

void Simulation::Act(Tracked& t) {
  const UnixMillis now = clock_.Now();
  // The complaint may have moved (the green channel after an escalation): its new holder goes on.
  Check(ctx_.store.Read([&](d::Repositories& repos) {
    if (auto c = repos.complaints().FindById(t.id); c && c->assignee_id) {
      t.agent = c->assignee_id;
    }
    return core::Status::Ok();
  }),
        "reload");
  auto it = agents_.find(*t.agent);
  const d::Principal who = it != agents_.end() ? it->second.who : d::SystemPrincipal();
  if (t.step == 1) {  // first response to the customer, type and category confirmed
    Check(d::AddNote(ctx_)
              .Execute(who, t.reference, d::NoteVisibility::kPublic,
                       "您好，您的投诉已受理，我们会尽快处理。")
              .status(),
          "respond");
    d::ComplaintPatch patch;
    patch.type = t.type;
    patch.category = t.category;
    Check(d::UpdateComplaint(ctx_).Execute(who, t.reference, patch).status(), "classify");
    t.step = 2;
    t.next_at = WorkingFrom(*t.agent, now, LogNormal(90 * kMinute));
  } else if (t.step == 2) {  // diagnosis done: work starts
    d::TransitionRequest r;
    r.to = d::ComplaintStatus::kInProgress;
    Check(d::TransitionComplaint(ctx_).Execute(who, t.reference, r).status(), "start");
    t.step = 3;
    t.next_at = WorkingFrom(*t.agent, now, t.work);
  } else if (t.step == 3) {
    d::TransitionRequest r;
    r.to = d::ComplaintStatus::kResolved;
    r.note = "已处理完毕";
    r.override_tasks = true;  // departments are not simulated
    r.resolution = d::ResolutionInput{d::Remedy::kRefund, 0, "退款"};
    Check(d::TransitionComplaint(ctx_).Execute(d::SystemPrincipal(), t.reference, r).status(),
          "resolve");
    // Seven in ten customers answer the satisfaction survey, most within a day or two.
    t.step = Uniform(0, 1) < 0.7 ? 4 : 5;
    t.next_at = now + LogNormal(20 * kHour);
  } else if (t.step == 4) {
    d::SurveyAnswer answer;
    answer.csat = std::uniform_int_distribution<int>(2, 5)(rng_);
    answer.source = "simulation";
    Check(d::RecordSurveyResponse(ctx_).Execute(d::SystemPrincipal(), t.reference, answer).status(),
          "survey");
    t.step = 5;
  }
}

void Simulation::FollowHandovers() {
  Check(ctx_.store.Read([&](d::Repositories& repos) {
    for (Tracked& t : tracked_) {
      if (t.step < 1 || t.step > 2) continue;
      auto c = repos.complaints().FindById(t.id);
      if (!c || !c->assignee_id || c->assignee_id == t.agent) continue;
      t.agent = c->assignee_id;
      t.next_at = WorkingFrom(*t.agent, clock_.Now(), LogNormal(15 * kMinute));
    }
    return core::Status::Ok();
  }),
        "handovers");
}

// Load spread among the agents on shift now: max / mean of their open complaints.
void Simulation::SampleLoads() {
  std::vector<int> loads;
  Check(ctx_.store.Read([&](d::Repositories& repos) {
    // The pool must outlive the loop (a temporary's member would dangle).
    const d::AgentPool pool = d::LoadAgentPool(repos, ctx_, clock_.Now());
    for (const d::AgentState& a : pool.agents()) {
      if (a.role == d::Role::kAgent && a.on_shift && a.available) loads.push_back(a.load);
    }
    return core::Status::Ok();
  }),
        "loads");
  double sum = 0;
  int max = 0;
  for (int load : loads) {
    sum += load;
    max = std::max(max, load);
  }
  if (sum <= 0) return;
  const double spread = max / (sum / loads.size());
  spread_samples_.push_back(spread);
  peak_spread_ = std::max(peak_spread_, spread);
}

void Simulation::Run() {
  start_ = *core::ParseIso8601("2026-06-01T00:00:00+08:00");
  end_ = start_ + o_.days * core::kDay;
  clock_.Set(start_ - kHour);
  BuildOrganisation();
  const std::vector<UnixMillis> arrivals = Arrivals();
  size_t next_arrival = 0;
  // Three more days without new demand let the last complaints finish.
  for (UnixMillis t = start_; t <= end_ + 3 * core::kDay; t += kStep) {
    while (next_arrival < arrivals.size() && arrivals[next_arrival] <= t) {
      File(arrivals[next_arrival++]);
    }
    clock_.Set(t);
    Check(analysis_.RunToEnd().status(), "analysis");
    RunJobs();
    for (Tracked& tr : tracked_) {
      if (tr.step == 0) Plan(tr);
    }
    // The agents' actions of this step, in time order.
    std::vector<Tracked*> due;
    for (Tracked& tr : tracked_) {
      if (tr.step >= 1 && tr.step <= 4 && tr.next_at <= t) due.push_back(&tr);
    }
    std::sort(due.begin(), due.end(),
              [](const Tracked* a, const Tracked* b) { return a->next_at < b->next_at; });
    for (Tracked* tr : due) {
      clock_.Set(std::max(tr->next_at, t - kStep));
      Act(*tr);
    }
    clock_.Set(t);
    if (t % kHour == 0) FollowHandovers();
    if (t % kHour == 0 && t < end_) SampleLoads();
  }
  Report();
}

void Simulation::Report() {
  std::map<std::string, std::pair<int, int>> phases;  // met, breached
  int open = 0, breaches = 0, escalations = 0, warnings = 0, queued = 0, routed = 0, rerouted = 0,
      handed_over = 0;
  std::vector<double> errors;
  double actual_sum = 0;
  for (const Tracked& t : tracked_) {
    auto sla = d::GetComplaintSla(ctx_).Execute(d::SystemPrincipal(), t.reference);
    if (!sla.ok()) continue;
    for (const d::PhaseClock& p : sla->clocks.phases) {
      if (p.state == d::PhaseState::kMet) ++phases[p.phase].first;
      if (p.state == d::PhaseState::kBreached) ++phases[p.phase].second;
    }
    Check(ctx_.store.Read([&](d::Repositories& repos) {
      for (const d::ComplaintEvent& e : repos.events().ListForComplaint(t.id)) {
        breaches += e.kind == d::EventKind::kSlaBreach;
        warnings += e.kind == d::EventKind::kSlaWarning;
        escalations += e.kind == d::EventKind::kEscalated;
      }
      for (const d::RoutingRecord& r : repos.routing().DecisionsFor(t.id)) {
        queued += r.mode == "queued";
        routed += r.mode == "auto";
        rerouted += r.mode == "reroute";
        handed_over += r.mode == "handover";
      }
      auto c = repos.complaints().FindById(t.id);
      if (c && c->resolved_at) {
        const double actual = static_cast<double>(*c->resolved_at - t.received_at) / kMinute;
        actual_sum += actual;
        if (t.predicted) {
          errors.push_back(std::abs(actual - static_cast<double>(*t.predicted) / kMinute));
        }
      } else {
        ++open;
      }
      return core::Status::Ok();
    }),
          "report");
  }
  std::printf("simulated %d days, %zu complaints, %zu agents in 3 teams (seed %u)\n", o_.days,
              tracked_.size(), agents_.size(), o_.seed);
  for (const char* name : {"first_response", "identify", "analyse", "resolve", "survey_callback"}) {
    const auto [met, breached] = phases[name];
    std::printf("  %-15s within target %5.1f %%  (%d met, %d breached)\n", name,
                met + breached ? 100.0 * met / (met + breached) : 0.0, met, breached);
  }
  std::printf("  still open at the end: %d\n", open);
  std::printf("  SLA warnings %d, breaches %d, escalations %d\n", warnings, breaches, escalations);
  std::printf(
      "  routing: %d assigned on arrival or from the queue, %d waited in the queue first, %d "
      "handed over at the end of a shift, %d moved to an expert after repeated escalation\n",
      routed, queued, handed_over, rerouted);
  double spread_mean = 0;
  for (double s : spread_samples_) spread_mean += s;
  if (!spread_samples_.empty()) spread_mean /= spread_samples_.size();
  std::printf(
      "  load spread of agents on shift (max/mean open complaints, hourly): mean %.2f, worst "
      "%.2f\n",
      spread_mean, peak_spread_);
  std::sort(errors.begin(), errors.end());
  double mae = 0;
  for (double e : errors) mae += e;
  if (!errors.empty()) mae /= errors.size();
  const size_t resolved = tracked_.size() - open;
  std::printf(
      "  handling time: mean actual %.0f min; predicted at intake for %zu, mean absolute error "
      "%.0f min, median %.0f min\n",
      resolved ? actual_sum / resolved : 0.0, errors.size(), mae,
      errors.empty() ? 0.0 : errors[errors.size() / 2]);
  if (failures_ > 0) std::printf("  %d simulated actions failed (see stderr)\n", failures_);
}

}  // namespace

int RunSimulate(const SimulateOptions& options) {
  std::string db = options.db_path;
  std::filesystem::path temp;
  if (db.empty()) {
    temp = std::filesystem::temp_directory_path() / ("closeloop-sim-" + std::to_string(::getpid()));
    std::filesystem::create_directories(temp);
    db = (temp / "sim.db").string();
  } else if (std::filesystem::exists(db)) {
    std::fprintf(stderr, "simulate: %s exists; give a new database file\n", db.c_str());
    return 1;
  }
  int code = 0;
  {
    core::FakeClock clock(0);
    WiringOptions wiring_options;
    wiring_options.db_path = db;
    wiring_options.clock = &clock;
    wiring_options.fast_password_hash = true;
    Wiring wiring(wiring_options);
    Simulation sim(options, wiring, clock);
    sim.Run();
  }
  if (!temp.empty()) std::filesystem::remove_all(temp);
  return code;
}

}  // namespace closeloop::app
