// Contract of the customer and organisation repositories: customers and their accounts, users,
// regions, teams and the catalogue, sessions and API keys, notifications.
#include "contract.h"
#include "domain/customer/repository.h"
#include "domain/org/repository.h"

namespace closeloop::contract {
namespace {

using namespace domain;

TEST_P(StoreContract, CustomerRoundTripsAndIsFoundByPhoneEmailAndAccount) {
  Id id = 0;
  Write([&](Repositories& r) {
    Customer c;
    c.name = "周芷若";
    c.phone = "13912345678";
    c.email = "zzr@example.com";
    c.address = "浙江省杭州市西湖区";
    c.id_card = "330106199001011234";
    c.tier = CustomerTier::kVip;
    c.external_id = "crm-7";
    c.created_at = c.updated_at = 1'000;
    id = r.customers().Insert(c);
    r.customers().LinkAccount(id, {"tmall", "buyer-9"}, 1'000);
  });
  Read([&](Repositories& r) {
    auto c = r.customers().FindById(id);
    ASSERT_TRUE(c.has_value());
    EXPECT_EQ(c->name, "周芷若");
    EXPECT_EQ(c->address, "浙江省杭州市西湖区");
    EXPECT_EQ(c->id_card, "330106199001011234");
    EXPECT_EQ(c->external_id, "crm-7");
    EXPECT_EQ(r.customers().TierOf(id), CustomerTier::kVip);
    EXPECT_EQ(r.customers().FindByPhone("13912345678")->id, id);
    EXPECT_EQ(r.customers().FindByEmail("zzr@example.com")->id, id);
    EXPECT_FALSE(r.customers().FindByPhone("1391234567").has_value()) << "whole values only";
    EXPECT_EQ(r.customers().FindByAccount({"tmall", "buyer-9"})->id, id);
    EXPECT_FALSE(r.customers().FindByAccount({"jd", "buyer-9"}).has_value());
    ASSERT_EQ(r.customers().AccountsOf(id).size(), 1u);
  });
}

TEST_P(StoreContract, CustomerUpdateChangesTheLookupsToo) {
  const Id id = AddCustomer("赵敏", "13900000001", "zm@example.com");
  Write([&](Repositories& r) {
    Customer c = *r.customers().FindById(id);
    c.phone = "13900000002";
    c.updated_at = 2'000;
    r.customers().Update(c);
  });
  Read([&](Repositories& r) {
    EXPECT_FALSE(r.customers().FindByPhone("13900000001").has_value());
    EXPECT_EQ(r.customers().FindByPhone("13900000002")->id, id);
  });
}

TEST_P(StoreContract, CustomerSearchIsScopedToComplaintsInScope) {
  const Id east = AddRegion("east");
  const Id west = AddRegion("west");
  const Id mine = AddCustomer("张三", "13700000001", "");
  const Id theirs = AddCustomer("张四", "13700000002", "");
  AddComplaint("东", 1'000, east, mine);
  AddComplaint("西", 1'001, west, theirs);
  Read([&](Repositories& r) {
    EXPECT_EQ(r.customers().Search({"张", 10, std::nullopt}, Everyone()).size(), 2u);
    auto scoped = r.customers().Search({"张", 10, std::nullopt}, ScopedTo(east));
    ASSERT_EQ(scoped.size(), 1u);
    EXPECT_EQ(scoped[0].id, mine);
    EXPECT_TRUE(r.customers().InScope(mine, ScopedTo(east)));
    EXPECT_FALSE(r.customers().InScope(theirs, ScopedTo(east)));
  });
}

TEST_P(StoreContract, MergingMovesComplaintsAndAccounts) {
  const Id from = AddCustomer("重复", "13600000001", "");
  const Id into = AddCustomer("保留", "13600000002", "");
  const Id complaint = AddComplaint("x", 1'000, std::nullopt, from);
  Write([&](Repositories& r) { r.customers().LinkAccount(from, {"jd", "j-1"}, 1'000); });
  std::vector<Id> moved;
  Write([&](Repositories& r) { moved = r.customers().MoveComplaints(from, into); });
  EXPECT_EQ(moved, std::vector<Id>{complaint});
  EXPECT_EQ(LoadComplaint(complaint).customer_id, into);
  Read([&](Repositories& r) { EXPECT_EQ(r.customers().FindByAccount({"jd", "j-1"})->id, into); });
}

TEST_P(StoreContract, UsersKeepScopesAndAreListedByRole) {
  const Id east = AddRegion("east");
  const Id team = AddTeam("care", east);
  const Id manager = AddUser("m1", Role::kManager);
  AddUser("a1", Role::kAgent);
  Write([&](Repositories& r) {
    User u = *r.users().FindById(manager);
    u.region_scope = {east};
    u.team_scope = {team};
    u.time_zone = "Europe/Berlin";
    r.users().Update(u);
  });
  Read([&](Repositories& r) {
    auto u = r.users().FindByUsername("m1");
    ASSERT_TRUE(u.has_value());
    EXPECT_EQ(u->region_scope, std::vector<Id>{east});
    EXPECT_EQ(u->team_scope, std::vector<Id>{team});
    EXPECT_EQ(u->time_zone, "Europe/Berlin");
    EXPECT_EQ(u->email, "m1@example.com");
    auto managers = r.users().ActiveWithRole(Role::kManager);
    ASSERT_EQ(managers.size(), 1u);
    EXPECT_EQ(managers[0].id, manager);
    EXPECT_EQ(r.users().List().size(), 2u);
  });
}

TEST_P(StoreContract, OrganisationIsFoundByIdCodeOrName) {
  const Id east = AddRegion("east");
  const Id team = AddTeam("qc", east, "department");
  Id city = 0, store = 0;
  Write([&](Repositories& r) {
    city = r.org().InsertCity({0, "杭州", "浙江", east});
    store = r.org().InsertStore({0, "HZ-01", "西湖店", city});
  });
  Read([&](Repositories& r) {
    EXPECT_EQ(r.org().FindRegionByKey("east")->id, east);
    EXPECT_EQ(r.org().FindRegionByKey("east region")->id, east) << "by name too";
    EXPECT_EQ(r.org().FindTeamByKey("qc")->kind, "department");
    EXPECT_EQ(r.org().FindTeam(team)->region_id, east);
    EXPECT_EQ(r.org().FindCity(city)->province, "浙江");
    EXPECT_EQ(r.trace().FindStoreByCode("HZ-01")->id, store);
    EXPECT_EQ(r.trace().FindCityByName("杭州")->id, city);
    EXPECT_EQ(r.org().Stores().size(), 1u);
    EXPECT_FALSE(r.org().FindRegionByKey("north").has_value());
  });
}

TEST_P(StoreContract, SessionsAndApiKeysAreFoundByDigestAndEnd) {
  const Id user = AddUser("u1");
  Id key = 0;
  Write([&](Repositories& r) {
    r.auth().InsertSession({"digest-1", user, 1'000, 9'000});
    r.auth().InsertSession({"digest-2", user, 1'000, 9'000});
    key = r.auth().InsertApiKey({0, "shop", user, "kd-1", "cl_ab", 1'000, std::nullopt});
  });
  Write([&](Repositories& r) {
    r.auth().DeleteSession("digest-1");
    r.auth().RevokeApiKey(key, 2'000);
  });
  Read([&](Repositories& r) {
    EXPECT_FALSE(r.auth().FindSession("digest-1").has_value());
    EXPECT_EQ(r.auth().FindSession("digest-2")->user_id, user);
    EXPECT_EQ(r.auth().FindApiKeyByDigest("kd-1")->revoked_at, 2'000);
    EXPECT_EQ(r.auth().ListApiKeys().size(), 1u);
  });
  Write([&](Repositories& r) { r.auth().DeleteSessionsOf(user); });
  Read([&](Repositories& r) { EXPECT_FALSE(r.auth().FindSession("digest-2").has_value()); });
}

TEST_P(StoreContract, NotificationsAreEachUsersOwn) {
  const Id alice = AddUser("alice");
  const Id bob = AddUser("bob");
  Id first = 0;
  Write([&](Repositories& r) {
    first =
        r.notifications().Insert({0, alice, std::nullopt, "assigned", "一", 1'000, std::nullopt});
    r.notifications().Insert({0, alice, std::nullopt, "assigned", "二", 1'001, std::nullopt});
  });
  Write([&](Repositories& r) {
    EXPECT_FALSE(r.notifications().MarkRead(bob, first, 2'000)) << "not bob's";
    EXPECT_TRUE(r.notifications().MarkRead(alice, first, 2'000));
  });
  Read([&](Repositories& r) {
    auto unread = r.notifications().ListFor(alice, true, 0, 10);
    ASSERT_EQ(unread.size(), 1u);
    EXPECT_EQ(unread[0].message, "二");
    auto all = r.notifications().ListFor(alice, false, 0, 10);
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].message, "二") << "newest first";
    EXPECT_TRUE(r.notifications().ListFor(bob, false, 0, 10).empty());
  });
  Write([&](Repositories& r) { EXPECT_EQ(r.notifications().MarkAllRead(alice, 3'000), 1); });
}

}  // namespace
}  // namespace closeloop::contract
