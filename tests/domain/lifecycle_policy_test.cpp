#include <gtest/gtest.h>

#include <algorithm>

#include "domain/complaint/completeness.h"
#include "domain/complaint/entities.h"
#include "domain/complaint/lifecycle.h"
#include "domain/customer/entities.h"
#include "domain/model/privacy.h"
#include "domain/org/policy.h"

namespace closeloop::domain {
namespace {

using S = ComplaintStatus;

TEST(Lifecycle, DefaultFollowsTheSixSteps) {
  Lifecycle l = Lifecycle::Default();
  const std::vector<std::pair<S, S>> path = {{S::kReceived, S::kClassified},
                                             {S::kClassified, S::kAssigned},
                                             {S::kAssigned, S::kInProgress},
                                             {S::kInProgress, S::kWaitingOnCustomer},
                                             {S::kWaitingOnCustomer, S::kInProgress},
                                             {S::kInProgress, S::kResolved},
                                             {S::kResolved, S::kClosed},
                                             {S::kClosed, S::kReopened},
                                             {S::kResolved, S::kReopened},
                                             {S::kReopened, S::kInProgress}};
  for (auto [from, to] : path)
    EXPECT_NE(l.Find(from, to), nullptr) << ToString(from) << "->" << ToString(to);
  EXPECT_EQ(l.Find(S::kReceived, S::kResolved), nullptr);
  EXPECT_EQ(l.Find(S::kClosed, S::kInProgress), nullptr);
  EXPECT_TRUE(l.Targets(S::kClosed) == std::vector<S>{S::kReopened});
}

TEST(Lifecycle, RejectAndReopenNeedANoteAndTheirOwnPermission) {
  Lifecycle l = Lifecycle::Default();
  const Transition* reject = l.Find(S::kReceived, S::kRejected);
  ASSERT_NE(reject, nullptr);
  EXPECT_EQ(reject->permission, Permission::kComplaintReject);
  EXPECT_EQ(reject->requirements, std::vector<Requirement>{Requirement::kNote});
  EXPECT_EQ(l.Find(S::kClosed, S::kReopened)->permission, Permission::kComplaintReopen);
  EXPECT_EQ(l.Find(S::kResolved, S::kClosed)->permission, Permission::kComplaintClose);
}

TEST(Lifecycle, BuildRejectsBrokenTables) {
  EXPECT_EQ(Lifecycle::Build({}).status().field(), "transitions");
  auto self_loop = Lifecycle::Build({{S::kReceived, S::kReceived, Permission::kComplaintWork, {}}});
  EXPECT_EQ(self_loop.status().field(), "transitions[0]");
  auto duplicate = Lifecycle::Build({{S::kReceived, S::kAssigned, Permission::kComplaintWork, {}},
                                     {S::kReceived, S::kAssigned, Permission::kComplaintWork, {}}});
  EXPECT_EQ(duplicate.status().field(), "transitions[1]");
  auto unreachable = Lifecycle::Build({{S::kReceived, S::kAssigned, Permission::kComplaintWork, {}},
                                       {S::kResolved, S::kClosed, Permission::kComplaintWork, {}}});
  EXPECT_EQ(unreachable.status().field(), "transitions[1]");
  EXPECT_TRUE(Lifecycle::Build(Lifecycle::Default().transitions()).ok());
}

TEST(Policy, RoleTable) {
  Policy p = Policy::Default();
  auto as = [](Role r) { return Principal{1, "u", r, {}, {}}; };
  EXPECT_TRUE(p.Allows(as(Role::kAdmin), Permission::kUserManage));
  EXPECT_FALSE(p.Allows(as(Role::kManager), Permission::kUserManage));
  EXPECT_TRUE(p.Allows(as(Role::kManager), Permission::kComplaintReject));
  EXPECT_FALSE(p.Allows(as(Role::kAgent), Permission::kComplaintReject));
  EXPECT_TRUE(p.Allows(as(Role::kAgent), Permission::kComplaintWork));
  EXPECT_TRUE(p.Allows(as(Role::kAgent), Permission::kPersonalDataRead));
  EXPECT_FALSE(p.Allows(as(Role::kAnalyst), Permission::kPersonalDataRead));
  EXPECT_FALSE(p.Allows(as(Role::kDepartment), Permission::kComplaintCreate));
  EXPECT_TRUE(p.Allows(as(Role::kDepartment), Permission::kNoteAddInternal));
  EXPECT_FALSE(p.Allows(as(Role::kDepartment), Permission::kNoteAddPublic));
  for (Permission w :
       {Permission::kComplaintCreate, Permission::kComplaintUpdate, Permission::kComplaintWork,
        Permission::kNoteAddInternal, Permission::kCustomerWrite, Permission::kUserManage}) {
    EXPECT_FALSE(p.Allows(as(Role::kAuditor), w)) << "auditors never edit: " << ToString(w);
  }
}

TEST(Policy, ScopeLimitsScopedUsers) {
  Policy p = Policy::Default();
  Principal east_agent{7, "a", Role::kAgent, {1}, {10}};
  Complaint c;
  c.region_id = 2;
  EXPECT_FALSE(p.InScope(east_agent, c));
  c.region_id = 1;
  EXPECT_TRUE(p.InScope(east_agent, c));
  c.region_id = 2;
  c.team_id = 10;
  EXPECT_TRUE(p.InScope(east_agent, c));
  c.team_id.reset();
  c.assignee_id = 7;
  EXPECT_TRUE(p.InScope(east_agent, c)) << "assigned complaints are always visible";
  Principal everyone{8, "m", Role::kManager, {}, {}};
  EXPECT_TRUE(p.InScope(everyone, Complaint{}));
  EXPECT_FALSE(p.MayPlace(east_agent, 2, std::nullopt));
  EXPECT_TRUE(p.MayPlace(east_agent, 1, std::nullopt));
}

TEST(Privacy, MasksPersonalData) {
  EXPECT_EQ(MaskPhone("13812345678"), "138****5678");
  EXPECT_EQ(MaskPhone("12345"), "***45");
  EXPECT_EQ(MaskEmail("zhang.san@example.com"), "z***@example.com");
  EXPECT_EQ(MaskName("张三丰"), "张**");
  EXPECT_EQ(MaskName("Alice"), "A****");
  EXPECT_EQ(MaskPhone(""), "");
}

TEST(Completeness, ListsExactlyTheMissingEssentials) {
  Complaint c;
  c.description = "短";
  EXPECT_EQ(MissingEssentials(c, std::nullopt),
            (std::vector<std::string>{"customer_contact", "product", "occurred_at", "place",
                                      "details", "remedy"}));
  Customer named_only;
  named_only.name = "王五";
  EXPECT_EQ(MissingEssentials(c, named_only).front(), "customer_contact");
  Customer reachable = named_only;
  reachable.phone = "13800138000";
  c.order_ref = "PO123";  // an online order names both product and place
  c.occurred_at = 1;
  c.description = "收到的猫粮包装破损，里面的粮撒了一半，没法喂了";
  c.remedy = Remedy::kReplacement;
  EXPECT_TRUE(MissingEssentials(c, reachable).empty());
  c.order_ref.clear();
  c.store_id = 3;
  EXPECT_EQ(MissingEssentials(c, reachable), std::vector<std::string>{"product"});
}

TEST(Permissions, NamesRoundTrip) {
  for (int i = 0; i <= static_cast<int>(Permission::kCustomerMerge); ++i) {
    auto p = static_cast<Permission>(i);
    EXPECT_EQ(ParsePermission(ToString(p)), p);
  }
  EXPECT_FALSE(ParsePermission("complaint.fly").has_value());
}

}  // namespace
}  // namespace closeloop::domain
