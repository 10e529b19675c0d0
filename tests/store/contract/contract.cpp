#include "contract.h"

#include <unistd.h>

#include <filesystem>

#include "app/store_factory.h"
#include "domain/complaint/repository.h"
#include "domain/customer/repository.h"
#include "domain/org/repository.h"
#include "security/personal_data_cipher.h"

namespace closeloop::contract {

std::vector<Backend> Backends() {
  return {{"sqlite", [](const std::string& dir, domain::PersonalDataCipher& cipher) {
             domain::StoreSettings settings;
             settings.max_readers = 2;
             return app::OpenStore(dir + "/contract.db", cipher, settings);
           }}};
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreContract, testing::ValuesIn(Backends()),
                         [](const testing::TestParamInfo<Backend>& info) {
                           return info.param.name;
                         });

void StoreContract::SetUp() {
  std::string name = testing::UnitTest::GetInstance()->current_test_info()->name();
  for (char& c : name) {
    if (c == '/') c = '_';
  }
  dir_ = testing::TempDir() + "contract_" + std::to_string(::getpid()) + "_" + name;
  std::filesystem::remove_all(dir_);
  std::filesystem::create_directories(dir_);
  cipher_ = std::make_unique<security::SodiumPersonalDataCipher>(
      security::KeyRing{std::string(32, 'i'), {{1, std::string(32, 'k')}}});
  db_ = GetParam().open(dir_, *cipher_);
}

void StoreContract::TearDown() {
  db_.reset();
  std::filesystem::remove_all(dir_);
}

void StoreContract::Write(const std::function<void(Repositories&)>& work) {
  core::Status s = db_->Write([&](Repositories& repos) {
    work(repos);
    return core::Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.message();
}

void StoreContract::Read(const std::function<void(Repositories&)>& work) {
  core::Status s = db_->Read([&](Repositories& repos) {
    work(repos);
    return core::Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.message();
}

Id StoreContract::AddRegion(const std::string& code) {
  Id id = 0;
  Write([&](Repositories& r) { id = r.org().InsertRegion({0, code, code + " region"}); });
  return id;
}

Id StoreContract::AddTeam(const std::string& code, std::optional<Id> region_id,
                          const std::string& kind) {
  Id id = 0;
  Write([&](Repositories& r) {
    domain::Team t;
    t.code = code;
    t.name = code + " team";
    t.kind = kind;
    t.region_id = region_id;
    t.created_at = 1000;
    id = r.org().InsertTeam(t);
  });
  return id;
}

Id StoreContract::AddUser(const std::string& username, domain::Role role) {
  Id id = 0;
  Write([&](Repositories& r) {
    domain::User u;
    u.username = username;
    u.display_name = username;
    u.role = role;
    u.password_hash = "hash";
    u.email = username + "@example.com";
    u.created_at = 1000;
    id = r.users().Insert(u);
  });
  return id;
}

Id StoreContract::AddCustomer(const std::string& name, const std::string& phone,
                              const std::string& email) {
  Id id = 0;
  Write([&](Repositories& r) {
    domain::Customer c;
    c.name = name;
    c.phone = phone;
    c.email = email;
    c.created_at = c.updated_at = 1000;
    id = r.customers().Insert(c);
  });
  return id;
}

Id StoreContract::AddComplaint(const std::string& title, domain::UnixMillis received_at,
                               std::optional<Id> region_id, std::optional<Id> customer_id) {
  Id id = 0;
  const int n = ++references_;
  Write([&](Repositories& r) {
    domain::Complaint c;
    c.reference = "CL-20261201-" + std::to_string(100000 + n);
    c.title = title;
    c.description = title + " (description)";
    c.region_id = region_id;
    c.customer_id = customer_id;
    c.received_at = received_at;
    c.updated_at = received_at;
    id = r.complaints().Insert(c);
  });
  return id;
}

domain::Complaint StoreContract::LoadComplaint(Id id) {
  domain::Complaint c;
  Read([&](Repositories& r) {
    auto found = r.complaints().FindById(id);
    ASSERT_TRUE(found.has_value());
    c = *found;
  });
  return c;
}

domain::Principal StoreContract::Everyone() {
  domain::Principal p;
  p.user_id = 1;
  p.role = domain::Role::kAdmin;
  return p;
}

domain::Principal StoreContract::ScopedTo(Id region_id) {
  domain::Principal p;
  p.user_id = 2;
  p.role = domain::Role::kAgent;
  p.region_scope = {region_id};
  return p;
}

}  // namespace closeloop::contract
