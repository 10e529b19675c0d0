#include "support/test_world.h"

#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <random>
#include <stdexcept>

#include "domain/complaint/create_complaint.h"
#include "domain/model/ids.h"
#include "domain/org/admin.h"
#include "domain/org/repository.h"
#include "domain/unit_of_work.h"

namespace closeloop::testing {

namespace d = domain;

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  std::random_device rd;
  path_ = std::filesystem::temp_directory_path() /
          ("closeloop-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++) + "-" +
           std::to_string(rd()));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

TestWorld::TestWorld() : db_path_(dir_.File("test.db")), clock_(1795312800000) {
  app::WiringOptions options;
  options.db_path = db_path_;
  options.clock = &clock_;
  options.fast_password_hash = true;
  wiring_ = std::make_unique<app::Wiring>(options);
  core::Status status = ctx().store.Write([&](d::Repositories& repos) {
    east = repos.org().InsertRegion({0, "east", "华东大区"});
    north = repos.org().InsertRegion({0, "north", "华北大区"});
    east_city = repos.org().InsertCity({0, "上海", "上海", east});
    d::Id north_city = repos.org().InsertCity({0, "北京", "北京", north});
    east_store = repos.org().InsertStore({0, "SH-001", "上海万达店", east_city});
    north_store = repos.org().InsertStore({0, "BJ-001", "北京旗舰店", north_city});
    product = repos.org().InsertProduct({0, "CF-1001", "鲜肉无谷全价猫粮 2kg", "猫主粮", "food"});
    east_team = repos.org().InsertTeam({0, "east-cs", "华东投诉组", "complaints", east, 0});
    north_team = repos.org().InsertTeam({0, "north-cs", "华北投诉组", "complaints", north, 0});
    return core::Status::Ok();
  });
  if (!status.ok()) throw std::runtime_error(status.ToString());
  admin = AddUser("admin", d::Role::kAdmin, {}, {});
  manager = AddUser("manager", d::Role::kManager, {}, {});
  east_manager = AddUser("mgr_east", d::Role::kManager, {east}, {});
  agent = AddUser("agent", d::Role::kAgent, {}, {});
  east_agent = AddUser("agent_east", d::Role::kAgent, {east}, {east_team});
  north_agent = AddUser("agent_north", d::Role::kAgent, {north}, {});
  department = AddUser("qc", d::Role::kDepartment, {}, {});
  analyst = AddUser("analyst", d::Role::kAnalyst, {}, {});
  auditor = AddUser("auditor", d::Role::kAuditor, {}, {});
}

d::Principal TestWorld::AddUser(const std::string& name, d::Role role, std::vector<d::Id> regions,
                                std::vector<d::Id> teams) {
  d::UserInput input;
  input.username = name;
  input.password = kPassword;
  input.role = role;
  input.region_scope = regions;
  input.team_scope = teams;
  auto user = d::ManageUsers(ctx()).Create(d::SystemPrincipal(), input);
  if (!user.ok()) throw std::runtime_error(user.status().ToString());
  return d::PrincipalOf(user.value());
}

d::ComplaintView TestWorld::File(const d::Principal& who, std::optional<d::Id> region,
                                 const std::string& description) {
  d::NewComplaint in;
  in.channel = d::Channel::kPhone;
  in.description = description;
  in.region_id = region;
  in.customer = d::CustomerInput{std::nullopt, "王小明", "13800138000", "", std::nullopt};
  auto created = d::CreateComplaint(ctx()).Execute(who, in, std::nullopt);
  if (!created.ok()) throw std::runtime_error(created.status().ToString());
  return created->view;
}

d::ResolutionInput Explained() { return {d::Remedy::kExplanation, 0, "已向客户解释说明"}; }

void TestWorld::Classify(const d::Principal& who, const std::string& key) {
  d::ComplaintPatch patch;
  patch.type = d::ComplaintType::kQuality;
  patch.category = "other";
  auto done = d::UpdateComplaint(ctx()).Execute(who, key, patch);
  if (!done.ok()) throw std::runtime_error(done.status().ToString());
}

std::string TestWorld::Snapshot() const {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_path_.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    throw std::runtime_error("cannot open snapshot connection");
  }
  std::string out;
  std::vector<std::string> tables;
  sqlite3_stmt* list = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                     "'sqlite_%' AND name NOT LIKE 'complaints_fts%' ORDER BY name",
                     -1, &list, nullptr);
  while (sqlite3_step(list) == SQLITE_ROW) {
    tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(list, 0)));
  }
  sqlite3_finalize(list);
  for (const std::string& table : tables) {
    out += "[" + table + "]\n";
    sqlite3_stmt* rows = nullptr;
    sqlite3_prepare_v2(db, ("SELECT * FROM " + table + " ORDER BY 1").c_str(), -1, &rows, nullptr);
    while (sqlite3_step(rows) == SQLITE_ROW) {
      for (int i = 0; i < sqlite3_column_count(rows); ++i) {
        const unsigned char* v = sqlite3_column_text(rows, i);
        out += v ? reinterpret_cast<const char*>(v) : "NULL";
        out += '|';
      }
      out += '\n';
    }
    sqlite3_finalize(rows);
  }
  sqlite3_close(db);
  return out;
}

}  // namespace closeloop::testing
