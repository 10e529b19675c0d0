// A fresh database per test with a small organisation: two regions (east, north), a team per
// region, and one user per role (agents and a manager scoped to east, the rest unscoped).
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "app/wiring.h"
#include "core/clock.h"
#include "domain/complaint/complaint_actions.h"
#include "domain/complaint/complaint_io.h"
#include "domain/context.h"
#include "domain/model/ids.h"

namespace closeloop::testing {

// A directory that is removed with everything in it when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

constexpr const char* kPassword = "correct-horse-battery";

// A resolution for tests whose subject is not the resolution itself.
domain::ResolutionInput Explained();

class TestWorld {
 public:
  // Starts the fake clock at 2026-11-22T02:00:00Z (10:00 in China).
  TestWorld();
  const domain::Context& ctx() const { return wiring_->context(); }
  core::FakeClock& clock() { return clock_; }
  const std::string& db_path() const { return db_path_; }
  app::Wiring& wiring() { return *wiring_; }

  domain::Id east = 0, north = 0;            // region ids
  domain::Id east_team = 0, north_team = 0;  // complaint team ids
  domain::Id east_city = 0, east_store = 0, north_store = 0, product = 0;
  domain::Principal admin, manager, east_manager, agent, east_agent, north_agent, department,
      analyst, auditor;

  // Files a complaint as `who` with the given region (and a customer with a phone).
  domain::ComplaintView File(
      const domain::Principal& who, std::optional<domain::Id> region,
      const std::string& description = "猫粮发霉了，猫吃了以后呕吐，要求退款");
  // Sets type "quality" and category "other" (no department task), as resolving needs both.
  void Classify(const domain::Principal& who, const std::string& key);
  // A snapshot of every row of every table, to prove a failed request changed nothing.
  std::string Snapshot() const;

 private:
  domain::Principal AddUser(const std::string& name, domain::Role role,
                            std::vector<domain::Id> regions, std::vector<domain::Id> teams);
  TempDir dir_;
  std::string db_path_;
  core::FakeClock clock_;
  std::unique_ptr<app::Wiring> wiring_;
};

}  // namespace closeloop::testing
