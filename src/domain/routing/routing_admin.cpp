// Routing configuration: agents' profiles and availability, and the priority rules in force.
#include <set>

#include "core/text.h"
#include "domain/config_repository.h"
#include "domain/model/ids.h"
#include "domain/model/validation.h"
#include "domain/org/config_audit.h"
#include "domain/org/entities.h"
#include "domain/org/repository.h"
#include "domain/routing/entities.h"
#include "domain/routing/repository.h"
#include "domain/routing/routing.h"
#include "domain/sla/sla_config.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

using core::Status;

namespace {

constexpr const char* kRulesName = "routing";  // the rule set's name in the config store
constexpr int kMaxCapacity = 1000;
constexpr size_t kMaxSkills = 200;

AgentView ViewOf(Repositories& repos, AgentProfile profile) {
  AgentView v;
  if (auto u = repos.users().FindById(profile.user_id)) {
    v.username = u->username;
    v.display_name = u->display_name;
    v.role = u->role;
  }
  v.load = repos.routing().OpenLoadOf(profile.user_id);
  v.profile = std::move(profile);
  return v;
}

Status ValidateProfile(Repositories& repos, const Context& ctx, const AgentProfile& p) {
  auto user = repos.users().FindById(p.user_id);
  if (!user || !user->active) {
    return Status::Invalid("user_id", "no active user " + std::to_string(p.user_id));
  }
  if (user->role != Role::kAgent && user->role != Role::kManager) {
    return Status::Invalid("user_id", user->username + " is a " + ToString(user->role) +
                                          "; only agents and managers take complaints");
  }
  if (p.seniority < 1 || p.seniority > 3) {
    return Status::Invalid("seniority", "junior, senior or expert");
  }
  if (p.capacity < 0 || p.capacity > kMaxCapacity) {
    return Status::Invalid("capacity", "0 to " + std::to_string(kMaxCapacity));
  }
  if (p.team_id) {
    auto team = repos.org().FindTeam(*p.team_id);
    if (!team) return Status::Invalid("team_id", "no team " + std::to_string(*p.team_id));
    if (team->kind != "complaints") {
      return Status::Invalid("team_id", team->code + " is a department, not a complaint team");
    }
  }
  if (p.region_id && !repos.org().FindRegion(*p.region_id)) {
    return Status::Invalid("region_id", "no region " + std::to_string(*p.region_id));
  }
  if (!p.shift_calendar.empty() && ctx.sla && !ctx.sla->Get()->FindCalendar(p.shift_calendar)) {
    return Status::Invalid("shift_calendar", "no calendar \"" + p.shift_calendar + "\"");
  }
  if (p.skills.size() > kMaxSkills) {
    return Status::Invalid("skills", "at most " + std::to_string(kMaxSkills));
  }
  std::set<std::pair<std::string, std::string>> seen;
  for (size_t i = 0; i < p.skills.size(); ++i) {
    const AgentSkill& s = p.skills[i];
    const std::string field = "skills[" + std::to_string(i) + "]";
    if (std::find_if(std::begin(kSkillDimensions), std::end(kSkillDimensions), [&](const char* d) {
          return s.dimension == d;
        }) == std::end(kSkillDimensions)) {
      return Status::Invalid(field + ".dimension",
                             "one of type, category, product_line, language, channel");
    }
    CL_RETURN_IF_ERROR(CheckText(field + ".value", s.value, 64, true));
    if (s.value.find(' ') != std::string::npos) {
      return Status::Invalid(field + ".value", "one word, no spaces");
    }
    if (s.level < 1 || s.level > 5) return Status::Invalid(field + ".level", "1 to 5");
    if (!seen.insert({s.dimension, s.value}).second) {
      return Status::Invalid(field, "the same skill twice");
    }
  }
  return Status::Ok();
}

}  // namespace

core::Result<std::vector<AgentView>> ManageAgents::List(const Principal& who) const {
  if (!ctx_.policy.Allows(who, Permission::kComplaintAssign)) {
    return Status::Denied("your role may not see the agents' routing profiles");
  }
  std::vector<AgentView> out;
  CL_RETURN_IF_ERROR(ctx_.store.Read([&](Repositories& repos) {
    std::unordered_map<Id, int> loads;
    for (const auto& [user, load] : repos.routing().OpenLoads()) loads[user] = load;
    std::unordered_map<Id, User> users;
    for (User& u : repos.users().List()) users[u.id] = std::move(u);
    for (AgentProfile& p : repos.routing().Profiles()) {
      AgentView v;
      const User& u = users[p.user_id];
      v.username = u.username;
      v.display_name = u.display_name;
      v.role = u.role;
      v.load = loads[p.user_id];
      v.profile = std::move(p);
      out.push_back(std::move(v));
    }
    return Status::Ok();
  }));
  return out;
}

core::Result<AgentView> ManageAgents::Get(const Principal& who, Id user_id) const {
  if (!ctx_.policy.Allows(who, Permission::kComplaintAssign) && who.user_id != user_id) {
    return Status::Denied("your role may not see the agents' routing profiles");
  }
  std::optional<AgentView> view;
  CL_RETURN_IF_ERROR(ctx_.store.Read([&](Repositories& repos) {
    if (auto p = repos.routing().FindProfile(user_id)) view = ViewOf(repos, std::move(*p));
    return Status::Ok();
  }));
  if (!view) return Status::NotFound("user " + std::to_string(user_id) + " has no routing profile");
  return *view;
}

core::Result<AgentView> ManageAgents::Save(const Principal& who, AgentProfile profile) const {
  if (!ctx_.policy.Allows(who, Permission::kRoutingManage)) {
    return Status::Denied("your role may not change routing profiles");
  }
  AgentView view;
  CL_RETURN_IF_ERROR(ctx_.store.Write([&](Repositories& repos) -> Status {
    CL_RETURN_IF_ERROR(ValidateProfile(repos, ctx_, profile));
    // A scoped manager looks after the agents of their regions and teams only.
    auto before = repos.routing().FindProfile(profile.user_id);
    if (!ctx_.policy.MayPlace(who, profile.region_id, profile.team_id) ||
        (before && !ctx_.policy.MayPlace(who, before->region_id, before->team_id))) {
      return Status(core::StatusCode::kPermissionDenied,
                    "that agent's region or team lies outside your scope", "user_id");
    }
    const UnixMillis now = ctx_.clock.Now();
    profile.updated_at = now;
    repos.routing().SaveProfile(profile);
    ScheduleRoutingDrain(repos, now, now);  // capacity or skills may have changed
    view = ViewOf(repos, profile);
    return Status::Ok();
  }));
  return view;
}

core::Result<AgentView> ManageAgents::SetAvailable(const Principal& who, Id user_id,
                                                   bool available) const {
  if (who.user_id != user_id && !ctx_.policy.Allows(who, Permission::kRoutingManage)) {
    return Status::Denied("you may set only your own availability");
  }
  AgentView view;
  CL_RETURN_IF_ERROR(ctx_.store.Write([&](Repositories& repos) -> Status {
    auto p = repos.routing().FindProfile(user_id);
    if (!p) return Status::NotFound("user " + std::to_string(user_id) + " has no routing profile");
    if (who.user_id != user_id && !ctx_.policy.MayPlace(who, p->region_id, p->team_id)) {
      return Status(core::StatusCode::kPermissionDenied,
                    "that agent's region or team lies outside your scope", "user_id");
    }
    const UnixMillis now = ctx_.clock.Now();
    p->available = available;
    p->updated_at = now;
    repos.routing().SaveProfile(*p);
    if (available) ScheduleRoutingDrain(repos, now, now);
    view = ViewOf(repos, std::move(*p));
    return Status::Ok();
  }));
  return view;
}

core::Result<RoutingRules> ManageRoutingRules::Get(const Principal& who) const {
  if (!ctx_.policy.Allows(who, Permission::kComplaintAssign)) {
    return Status::Denied("your role may not see the routing rules");
  }
  return *RulesInForce(ctx_);
}

core::Result<RoutingRules> ManageRoutingRules::Replace(const Principal& who,
                                                       const std::string& text) const {
  if (!ctx_.policy.Allows(who, Permission::kRoutingManage)) {
    return Status::Denied("your role may not change the routing rules");
  }
  CL_RETURN_IF_ERROR(CheckOrganisationWide(who, "the routing rules", "rules"));
  if (!core::IsValidUtf8(text) || text.size() > 64 * 1024) {
    return Status::Invalid("rules", "UTF-8 text of at most 64 KiB");
  }
  const bool reset = core::Trim(text).empty();
  auto parsed = reset ? core::Result<RoutingRules>(DefaultRoutingRules()) : ParseRoutingRules(text);
  if (!parsed.ok()) return parsed.status();
  if (!ctx_.routing) return Status::Internal("routing rules cannot be changed in this process");
  CL_RETURN_IF_ERROR(ctx_.store.Write([&](Repositories& repos) {
    if (reset) {
      repos.config().DeleteTextRules(kRulesName);
    } else {
      std::optional<Id> by;
      if (who.user_id != 0) by = who.user_id;
      repos.config().SaveTextRules(kRulesName, text, by, ctx_.clock.Now());
    }
    RecordConfigChange(
        repos, ctx_, who, "routing_rules",
        reset ? "reset to the defaults" : std::to_string(parsed->rules.size()) + " rules");
    return Status::Ok();
  }));
  ctx_.routing->Set(*parsed);
  return parsed;
}

Status ManageRoutingRules::Load() const {
  if (!ctx_.routing) return Status::Ok();
  std::optional<std::string> stored;
  CL_RETURN_IF_ERROR(ctx_.store.Read([&](Repositories& repos) {
    stored = repos.config().LoadTextRules(kRulesName);
    return Status::Ok();
  }));
  if (!stored) {
    ctx_.routing->Set(DefaultRoutingRules());
    return Status::Ok();
  }
  auto parsed = ParseRoutingRules(*stored);
  if (!parsed.ok()) return parsed.status();
  ctx_.routing->Set(std::move(*parsed));
  return Status::Ok();
}

}  // namespace closeloop::domain
