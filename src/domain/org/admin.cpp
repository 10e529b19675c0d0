#include "domain/org/admin.h"

#include <algorithm>

#include "core/text.h"
#include "domain/config_repository.h"
#include "domain/model/ids.h"
#include "domain/model/privacy.h"
#include "domain/model/time_zones.h"
#include "domain/model/validation.h"
#include "domain/org/config_audit.h"
#include "domain/org/entities.h"
#include "domain/org/repository.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

using core::Status;

namespace {

bool ValidUsername(const std::string& name) {
  if (name.size() < 2 || name.size() > 64) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-' || c == '@';
  });
}

User Public(User user) {
  user.password_hash.clear();
  return user;
}

// Staff addresses are personal data too: whole for user admins and the user themself.
User VisibleTo(const Policy& policy, const Principal& who, User user) {
  user = Public(std::move(user));
  if (!policy.Allows(who, Permission::kUserManage) && who.user_id != user.id) {
    user.email = MaskEmail(user.email);
  }
  return user;
}

}  // namespace

Status ManageUsers::CheckInput(Repositories& repos, const UserInput& input, bool creating) const {
  if (creating && !input.username) return Status::Invalid("username", "username is required");
  if (input.username && !ValidUsername(*input.username)) {
    return Status::Invalid("username", "username must be 2-64 of a-z A-Z 0-9 . _ - @");
  }
  if (creating && !input.password) return Status::Invalid("password", "password is required");
  if (input.password && (input.password->size() < 8 || input.password->size() > 256)) {
    return Status::Invalid("password", "password must have 8 to 256 characters");
  }
  if (creating && !input.role) return Status::Invalid("role", "role is required");
  if (input.display_name)
    CL_RETURN_IF_ERROR(CheckText("display_name", *input.display_name, 100, false));
  if (input.time_zone && !KnownTimeZone(ctx_.time_zones, *input.time_zone)) {
    return Status::Invalid("time_zone",
                           "time_zone must be an IANA time zone such as Asia/Shanghai");
  }
  if (input.language && *input.language != "zh-CN" && *input.language != "en") {
    return Status::Invalid("language", "language must be zh-CN or en");
  }
  if (input.email && !input.email->empty()) {
    const std::string& e = *input.email;
    const size_t at = e.find('@');
    if (at == std::string::npos || at == 0 || e.find('.', at) == std::string::npos ||
        e.size() > 254 || e.find(' ') != std::string::npos || !core::IsValidUtf8(e)) {
      return Status::Invalid("email", "not an email address");
    }
  }
  if (input.region_scope) {
    for (Id id : *input.region_scope) {
      if (!repos.org().FindRegion(id))
        return Status::Invalid("region_scope", "no region " + std::to_string(id));
    }
  }
  if (input.team_scope) {
    for (Id id : *input.team_scope) {
      if (!repos.org().FindTeam(id))
        return Status::Invalid("team_scope", "no team " + std::to_string(id));
    }
  }
  return Status::Ok();
}

core::Result<User> ManageUsers::Create(const Principal& who, const UserInput& input) const {
  if (!ctx_.policy.Allows(who, Permission::kUserManage)) {
    return Status::Denied("your role may not manage users");
  }
  User user;
  CL_RETURN_IF_ERROR(
      ctx_.store.Read([&](Repositories& repos) { return CheckInput(repos, input, true); }));
  // Hash outside the write transaction: it takes tens of milliseconds by design.
  user.password_hash = ctx_.hasher.Hash(*input.password);
  CL_RETURN_IF_ERROR(ctx_.store.Write([&](Repositories& repos) -> Status {
    CL_RETURN_IF_ERROR(CheckInput(repos, input, true));
    if (repos.users().FindByUsername(*input.username)) {
      return Status::Conflict("username " + *input.username + " is taken", "username");
    }
    user.username = *input.username;
    user.display_name = input.display_name.value_or(user.username);
    user.role = *input.role;
    user.active = input.active.value_or(true);
    if (input.time_zone) user.time_zone = *input.time_zone;
    if (input.language) user.language = *input.language;
    if (input.email) user.email = core::AsciiLower(core::Trim(*input.email));
    user.region_scope = input.region_scope.value_or(std::vector<Id>{});
    user.team_scope = input.team_scope.value_or(std::vector<Id>{});
    user.created_at = ctx_.clock.Now();
    user.id = repos.users().Insert(user);
    return Status::Ok();
  }));
  return Public(user);
}

core::Result<User> ManageUsers::Update(const Principal& who, Id id, const UserInput& input) const {
  if (!ctx_.policy.Allows(who, Permission::kUserManage)) {
    return Status::Denied("your role may not manage users");
  }
  std::string new_hash;
  if (input.password) {
    if (input.password->size() < 8 || input.password->size() > 256) {
      return Status::Invalid("password", "password must have 8 to 256 characters");
    }
    new_hash = ctx_.hasher.Hash(*input.password);
  }
  User user;
  CL_RETURN_IF_ERROR(ctx_.store.Write([&](Repositories& repos) -> Status {
    CL_RETURN_IF_ERROR(CheckInput(repos, input, false));
    auto found = repos.users().FindById(id);
    if (!found) return Status::NotFound("no user " + std::to_string(id));
    user = *found;
    if (input.username && *input.username != user.username) {
      if (repos.users().FindByUsername(*input.username)) {
        return Status::Conflict("username " + *input.username + " is taken", "username");
      }
      user.username = *input.username;
    }
    if (input.display_name) user.display_name = *input.display_name;
    if (input.role) user.role = *input.role;
    if (input.active) user.active = *input.active;
    if (input.time_zone) user.time_zone = *input.time_zone;
    if (input.language) user.language = *input.language;
    if (input.email) user.email = core::AsciiLower(core::Trim(*input.email));
    if (input.region_scope) user.region_scope = *input.region_scope;
    if (input.team_scope) user.team_scope = *input.team_scope;
    if (!new_hash.empty()) user.password_hash = new_hash;
    repos.users().Update(user);
    ctx_.auth_cache.Clear();  // role, scope or activity may have changed
    // A changed password, role or deactivation ends existing sessions.
    if (!new_hash.empty() || input.role || (input.active && !*input.active)) {
      repos.auth().DeleteSessionsOf(user.id);
    }
    return Status::Ok();
  }));
  return Public(user);
}

core::Result<std::vector<User>> ManageUsers::List(const Principal& who) const {
  if (!ctx_.policy.Allows(who, Permission::kUserRead)) {
    return Status::Denied("your role may not list users");
  }
  std::vector<User> users;
  CL_RETURN_IF_ERROR(ctx_.store.Read([&](Repositories& repos) {
    users = repos.users().List();
    return Status::Ok();
  }));
  for (User& u : users) u = VisibleTo(ctx_.policy, who, std::move(u));
  return users;
}

core::Result<User> ManageUsers::Get(const Principal& who, Id id) const {
  if (!ctx_.policy.Allows(who, Permission::kUserRead) && who.user_id != id) {
    return Status::Denied("your role may not read users");
  }
  std::optional<User> user;
  CL_RETURN_IF_ERROR(ctx_.store.Read([&](Repositories& repos) {
    user = repos.users().FindById(id);
    return Status::Ok();
  }));
  if (!user) return Status::NotFound("no user " + std::to_string(id));
  return VisibleTo(ctx_.policy, who, *user);
}

Status ManageUsers::ResolveScopeKey(const std::string& key, UserInput& input) const {
  return ctx_.store.Read([&](Repositories& repos) -> Status {
    if (auto region = repos.org().FindRegionByKey(key)) {
      input.region_scope = std::vector<Id>{region->id};
      return Status::Ok();
    }
    if (auto team = repos.org().FindTeamByKey(key)) {
      input.team_scope = std::vector<Id>{team->id};
      return Status::Ok();
    }
    return Status::Invalid("scope", "no region or team called '" + key + "'");
  });
}

core::Result<Team> ManageTeams::Create(const Principal& who, const TeamInput& input) const {
  if (!ctx_.policy.Allows(who, Permission::kTeamManage)) {
    return Status::Denied("your role may not manage teams");
  }
  if (!input.code || core::Trim(*input.code).empty())
    return Status::Invalid("code", "code is required");
  if (!input.name || core::Trim(*input.name).empty())
    return Status::Invalid("name", "name is required");
  CL_RETURN_IF_ERROR(CheckText("code", *input.code, 64, true));
  CL_RETURN_IF_ERROR(CheckText("name", *input.name, 100, true));
  if (input.kind && *input.kind != "complaints" && *input.kind != "department") {
    return Status::Invalid("kind", "kind must be complaints or department");
  }
  Team team;
  CL_RETURN_IF_ERROR(ctx_.store.Write([&](Repositories& repos) -> Status {
    if (repos.org().FindTeamByKey(*input.code)) {
      return Status::Conflict("team code " + *input.code + " is taken", "code");
    }
    if (input.region_id && !repos.org().FindRegion(*input.region_id)) {
      return Status::Invalid("region_id", "no region " + std::to_string(*input.region_id));
    }
    team.code = core::Trim(*input.code);
    team.name = core::Trim(*input.name);
    team.kind = input.kind.value_or("complaints");
    team.region_id = input.region_id;
    team.created_at = ctx_.clock.Now();
    team.id = repos.org().InsertTeam(team);
    return Status::Ok();
  }));
  return team;
}

core::Result<Team> ManageTeams::Update(const Principal& who, Id id, const TeamInput& input) const {
  if (!ctx_.policy.Allows(who, Permission::kTeamManage)) {
    return Status::Denied("your role may not manage teams");
  }
  if (input.name) CL_RETURN_IF_ERROR(CheckText("name", *input.name, 100, true));
  if (input.code) CL_RETURN_IF_ERROR(CheckText("code", *input.code, 64, true));
  if (input.kind && *input.kind != "complaints" && *input.kind != "department") {
    return Status::Invalid("kind", "kind must be complaints or department");
  }
  Team team;
  CL_RETURN_IF_ERROR(ctx_.store.Write([&](Repositories& repos) -> Status {
    auto found = repos.org().FindTeam(id);
    if (!found) return Status::NotFound("no team " + std::to_string(id));
    team = *found;
    if (input.code && *input.code != team.code) {
      if (repos.org().FindTeamByKey(*input.code)) {
        return Status::Conflict("team code " + *input.code + " is taken", "code");
      }
      team.code = core::Trim(*input.code);
    }
    if (input.region_id && !repos.org().FindRegion(*input.region_id)) {
      return Status::Invalid("region_id", "no region " + std::to_string(*input.region_id));
    }
    if (input.name) team.name = core::Trim(*input.name);
    if (input.kind) team.kind = *input.kind;
    if (input.region_id) team.region_id = input.region_id;
    repos.org().UpdateTeam(team);
    return Status::Ok();
  }));
  return team;
}

core::Result<std::vector<Team>> ManageTeams::List(const Principal& who) const {
  std::vector<Team> teams;
  CL_RETURN_IF_ERROR(ctx_.store.Read([&](Repositories& repos) {
    teams = repos.org().Teams();
    return Status::Ok();
  }));
  return teams;
}

core::Result<ReferenceData> GetReferenceData::Execute(const Principal& who) const {
  ReferenceData data;
  CL_RETURN_IF_ERROR(ctx_.store.Read([&](Repositories& repos) {
    data.regions = repos.org().Regions();
    data.cities = repos.org().Cities();
    data.stores = repos.org().Stores();
    data.products = repos.org().Products();
    return Status::Ok();
  }));
  data.categories = ctx_.config.categories;
  return data;
}

Status ManageLifecycle::Replace(const Principal& who, std::vector<Transition> transitions) const {
  if (!ctx_.policy.Allows(who, Permission::kConfigManage)) {
    return Status::Denied("your role may not change the lifecycle");
  }
  CL_RETURN_IF_ERROR(CheckOrganisationWide(who, "the lifecycle", "transitions"));
  auto built = Lifecycle::Build(std::move(transitions));
  if (!built.ok()) return built.status();
  CL_RETURN_IF_ERROR(ctx_.store.Write([&](Repositories& repos) {
    repos.config().SaveLifecycle(built->transitions());
    RecordConfigChange(repos, ctx_, who, "lifecycle",
                       std::to_string(built->transitions().size()) + " transitions");
    return Status::Ok();
  }));
  ctx_.lifecycle.Set(std::move(built.value()));
  return Status::Ok();
}

Status ManageLifecycle::LoadStored() const {
  std::optional<std::vector<Transition>> stored;
  CL_RETURN_IF_ERROR(ctx_.store.Read([&](Repositories& repos) {
    stored = repos.config().LoadLifecycle();
    return Status::Ok();
  }));
  if (!stored) return Status::Ok();
  auto built = Lifecycle::Build(std::move(*stored));
  if (!built.ok()) return built.status();
  ctx_.lifecycle.Set(std::move(built.value()));
  return Status::Ok();
}

}  // namespace closeloop::domain
