// Administration: users and their scopes, teams, reference data, the lifecycle table.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/context.h"
#include "domain/model/ids.h"
#include "domain/org/entities.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

struct UserInput {
  std::optional<std::string> username;
  std::optional<std::string> password;
  std::optional<std::string> display_name;
  std::optional<Role> role;
  std::optional<bool> active;
  std::optional<std::string> time_zone;
  std::optional<std::string> language;  // zh-CN or en
  std::optional<std::string> email;     // empty clears it
  std::optional<std::vector<Id>> region_scope;
  std::optional<std::vector<Id>> team_scope;
};

class ManageUsers {
 public:
  explicit ManageUsers(const Context& ctx) : ctx_(ctx) {}
  // Needs username, password (8+ characters) and role. Returns the user without its hash.
  core::Result<User> Create(const Principal& who, const UserInput& input) const;
  core::Result<User> Update(const Principal& who, Id id, const UserInput& input) const;
  core::Result<std::vector<User>> List(const Principal& who) const;
  core::Result<User> Get(const Principal& who, Id id) const;
  // Resolves a --scope argument (region or team code/name) to scope lists.
  core::Status ResolveScopeKey(const std::string& key, UserInput& input) const;

 private:
  core::Status CheckInput(Repositories& repos, const UserInput& input, bool creating) const;
  const Context& ctx_;
};

struct TeamInput {
  std::optional<std::string> code;
  std::optional<std::string> name;
  std::optional<std::string> kind;
  std::optional<Id> region_id;
};

class ManageTeams {
 public:
  explicit ManageTeams(const Context& ctx) : ctx_(ctx) {}
  core::Result<Team> Create(const Principal& who, const TeamInput& input) const;
  core::Result<Team> Update(const Principal& who, Id id, const TeamInput& input) const;
  core::Result<std::vector<Team>> List(const Principal& who) const;

 private:
  const Context& ctx_;
};

struct ReferenceData {
  std::vector<Region> regions;
  std::vector<City> cities;
  std::vector<Store> stores;
  std::vector<Product> products;
  std::vector<std::string> categories;  // the complaint categories in force (configuration)
};

// Regions, cities, stores and products for forms and filters; any signed-in user.
class GetReferenceData {
 public:
  explicit GetReferenceData(const Context& ctx) : ctx_(ctx) {}
  core::Result<ReferenceData> Execute(const Principal& who) const;

 private:
  const Context& ctx_;
};

class ManageLifecycle {
 public:
  explicit ManageLifecycle(const Context& ctx) : ctx_(ctx) {}
  // Validates and stores a new table; on any error the old table stays in force.
  core::Status Replace(const Principal& who, std::vector<Transition> transitions) const;
  // Loads the stored table into the holder at start-up (defaults when none is stored).
  core::Status LoadStored() const;

 private:
  const Context& ctx_;
};

}  // namespace closeloop::domain
