// The repository contract suite: what every store backend must do, written against the domain's
// repository interfaces only. Each test runs once per backend of Backends() (SQLite today; a
// PostgreSQL store joins by adding its factory there) on a fresh, migrated, empty store.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/complaint/entities.h"
#include "domain/customer/entities.h"
#include "domain/model/ids.h"
#include "domain/org/entities.h"
#include "domain/org/policy.h"
#include "domain/sealing/cipher.h"
#include "domain/store_admin.h"
#include "domain/unit_of_work.h"

namespace closeloop::contract {

using domain::Id;
using domain::Repositories;

struct Backend {
  std::string name;
  // Opens a new, empty store that lives in `scratch_dir` (created, empty, removed afterwards).
  std::function<std::unique_ptr<domain::Database>(const std::string& scratch_dir,
                                                  domain::PersonalDataCipher& cipher)>
      open;
};
std::vector<Backend> Backends();
inline void PrintTo(const Backend& backend, std::ostream* os) { *os << backend.name; }

class StoreContract : public testing::TestWithParam<Backend> {
 protected:
  void SetUp() override;
  void TearDown() override;

  domain::Database& db() { return *db_; }
  // Runs `work` in a write (read) unit of work and fails the test unless it returns OK.
  void Write(const std::function<void(Repositories&)>& work);
  void Read(const std::function<void(Repositories&)>& work);

  // Small worlds to test against, each stored in its own unit of work.
  Id AddRegion(const std::string& code);
  Id AddTeam(const std::string& code, std::optional<Id> region_id = std::nullopt,
             const std::string& kind = "complaints");
  Id AddUser(const std::string& username, domain::Role role = domain::Role::kAgent);
  Id AddCustomer(const std::string& name, const std::string& phone, const std::string& email);
  // A complaint received at `received_at` (its reference made from the id order).
  Id AddComplaint(const std::string& title, domain::UnixMillis received_at,
                  std::optional<Id> region_id = std::nullopt,
                  std::optional<Id> customer_id = std::nullopt);
  domain::Complaint LoadComplaint(Id id);

  static domain::Principal Everyone();  // an unscoped admin
  static domain::Principal ScopedTo(Id region_id);

 private:
  std::string dir_;
  std::unique_ptr<domain::PersonalDataCipher> cipher_;
  std::unique_ptr<domain::Database> db_;
  int references_ = 0;
};

}  // namespace closeloop::contract
