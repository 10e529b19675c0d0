// Use cases against a real SQLite file (fresh per test) with a fake clock.
#include <gtest/gtest.h>

#include <set>

#include "core/time_format.h"
#include "domain/complaint/complaint_actions.h"
#include "domain/complaint/complaint_queries.h"
#include "domain/complaint/create_complaint.h"
#include "domain/complaint/entities.h"
#include "domain/complaint/repository.h"
#include "domain/customer360/customers.h"
#include "domain/model/ids.h"
#include "domain/org/admin.h"
#include "support/test_world.h"

namespace closeloop::domain {
namespace {

using S = ComplaintStatus;
using testing::TestWorld;

class UseCases : public ::testing::Test {
 protected:
  TestWorld w;
  core::Result<ComplaintView> Move(const Principal& who, Id id, S to, std::string note = "",
                                   std::optional<Id> assignee = std::nullopt) {
    TransitionRequest request{to, note, assignee};
    if (to == S::kResolved || to == S::kClosed) request.resolution = testing::Explained();
    return TransitionComplaint(w.ctx()).Execute(who, std::to_string(id), request);
  }
  NewComplaint Minimal() {
    NewComplaint in;
    in.channel = Channel::kWeb;
    in.description = "快递三天还没到";
    return in;
  }
};

TEST_F(UseCases, CreateNumbersByLocalDayAndAcknowledgesSynchronousChannels) {
  auto first = w.File(w.agent, w.east);
  auto second = w.File(w.agent, w.east);
  EXPECT_EQ(first.complaint.reference, "CL-20261122-000001");
  EXPECT_EQ(second.complaint.reference, "CL-20261122-000002");
  EXPECT_EQ(first.complaint.status, S::kReceived);
  EXPECT_EQ(first.complaint.acknowledged_at, w.clock().Now());
  // 17:00 UTC is the next day in China: the sequence restarts.
  w.clock().Set(*core::ParseIso8601("2026-11-22T17:00:00Z"));
  EXPECT_EQ(w.File(w.agent, w.east).complaint.reference, "CL-20261123-000001");

  NewComplaint mail = Minimal();
  mail.channel = Channel::kEmail;
  auto by_mail = CreateComplaint(w.ctx()).Execute(w.agent, mail, std::nullopt);
  ASSERT_TRUE(by_mail.ok());
  EXPECT_FALSE(by_mail->view.complaint.acknowledged_at.has_value())
      << "mail is acknowledged when the acknowledgement is sent, not at intake";
}

TEST_F(UseCases, CreateDerivesTitlePlaceAndUrgentPriorityForSafety) {
  NewComplaint in = Minimal();
  in.description = "猫粮里有塑料碎片，猫咪吃了以后一直呕吐，已经送医院了，要求赔偿医药费";
  in.store_id = w.east_store;
  in.safety_flag = true;
  auto created = CreateComplaint(w.ctx()).Execute(w.agent, in, std::nullopt);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  const Complaint& c = created->view.complaint;
  EXPECT_EQ(c.title, "猫粮里有塑料碎片，猫咪吃了以后一直呕吐，已经送医院了，要求赔");
  EXPECT_EQ(c.city_id, w.east_city);
  EXPECT_EQ(c.region_id, w.east);
  EXPECT_EQ(c.priority, Priority::kUrgent);
}

TEST_F(UseCases, CreateValidationNamesTheFieldAndStoresNothing) {
  const std::string before = w.Snapshot();
  struct Case {
    std::function<void(NewComplaint&)> change;
    std::string field;
  };
  std::vector<Case> cases = {
      {[](NewComplaint& in) { in.description = "   "; }, "description"},
      {[](NewComplaint& in) { in.description = "\xff\xfe"; }, "description"},
      {[](NewComplaint& in) { in.title = std::string(201, 'x'); }, "title"},
      {[](NewComplaint& in) { in.amount_claimed_cents = -1; }, "amount_claimed"},
      {[](NewComplaint& in) { in.category = "weather"; }, "category"},
      {[](NewComplaint& in) { in.store_id = 999; }, "store_id"},
      {[](NewComplaint& in) { in.product_id = 999; }, "product_id"},
      {[](NewComplaint& in) { in.assignee_id = 999; }, "assignee_id"},
      {[this](NewComplaint& in) { in.received_at = w.clock().Now() + core::kDay; }, "received_at"},
      {[](NewComplaint& in) {
         in.customer = CustomerInput{std::nullopt, "", "12", "", std::nullopt};
       },
       "customer.phone"},
      {[](NewComplaint& in) {
         in.customer = CustomerInput{std::nullopt, "", "", "not-mail", std::nullopt};
       },
       "customer.email"},
      {[](NewComplaint& in) {
         in.customer = CustomerInput{77, "", "", "", std::nullopt};
       },
       "customer.id"},
  };
  for (const Case& c : cases) {
    NewComplaint in = Minimal();
    c.change(in);
    auto result = CreateComplaint(w.ctx()).Execute(w.agent, in, std::nullopt);
    ASSERT_FALSE(result.ok()) << c.field;
    EXPECT_EQ(result.status().code(), core::StatusCode::kInvalidArgument) << c.field;
    EXPECT_EQ(result.status().field(), c.field);
  }
  EXPECT_EQ(w.Snapshot(), before);
}

TEST_F(UseCases, DepartmentAndAuditorCannotFileAndScopedAgentCannotPlaceOutsideScope) {
  EXPECT_EQ(CreateComplaint(w.ctx()).Execute(w.department, Minimal(), std::nullopt).status().code(),
            core::StatusCode::kPermissionDenied);
  EXPECT_EQ(CreateComplaint(w.ctx()).Execute(w.auditor, Minimal(), std::nullopt).status().code(),
            core::StatusCode::kPermissionDenied);
  NewComplaint north = Minimal();
  north.region_id = w.north;
  EXPECT_EQ(CreateComplaint(w.ctx()).Execute(w.east_agent, north, std::nullopt).status().code(),
            core::StatusCode::kPermissionDenied);
  // Without a place, a scoped agent's complaint lands in their scope so they still see it.
  auto mine = CreateComplaint(w.ctx()).Execute(w.east_agent, Minimal(), std::nullopt);
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->view.complaint.region_id, w.east);
}

TEST_F(UseCases, IdempotencyKeyReplaysAndRefusesADifferentRequest) {
  CreateComplaint create(w.ctx());
  IdempotencyRequest key{"retry-1", "fp-a"};
  auto first = create.Execute(w.agent, Minimal(), key);
  auto again = create.Execute(w.agent, Minimal(), key);
  ASSERT_TRUE(first.ok() && again.ok());
  EXPECT_FALSE(first->replayed);
  EXPECT_TRUE(again->replayed);
  EXPECT_EQ(first->view.complaint.id, again->view.complaint.id);
  auto other = create.Execute(w.agent, Minimal(), IdempotencyRequest{"retry-1", "fp-b"});
  EXPECT_EQ(other.status().code(), core::StatusCode::kConflict);
  // Keys are per user: another user's identical key is a new complaint.
  auto theirs = create.Execute(w.manager, Minimal(), key);
  ASSERT_TRUE(theirs.ok());
  EXPECT_NE(theirs->view.complaint.id, first->view.complaint.id);
  auto page = ListComplaints(w.ctx()).Execute(w.admin, {}, "");
  EXPECT_EQ(page->items.size(), 2u);
}

TEST_F(UseCases, CustomerIsResolvedByNormalisedPhoneAcrossComplaints) {
  NewComplaint a = Minimal();
  a.customer = CustomerInput{std::nullopt, "李雷", "+86 139-0000-1111", "", std::nullopt};
  NewComplaint b = Minimal();
  b.customer = CustomerInput{std::nullopt, "", "13900001111", "LiLei@Example.com", std::nullopt};
  auto ca = CreateComplaint(w.ctx()).Execute(w.agent, a, std::nullopt);
  auto cb = CreateComplaint(w.ctx()).Execute(w.agent, b, std::nullopt);
  ASSERT_TRUE(ca.ok() && cb.ok());
  EXPECT_EQ(ca->view.complaint.customer_id, cb->view.complaint.customer_id);
  EXPECT_EQ(cb->view.customer->email, "lilei@example.com") << "missing email filled in";
  EXPECT_EQ(cb->view.customer->name, "李雷") << "existing name kept";
  auto detail = ManageCustomers(w.ctx()).Get(w.agent, *ca->view.complaint.customer_id);
  ASSERT_TRUE(detail.ok());
  EXPECT_EQ(detail->complaints.size(), 2u);
}

TEST_F(UseCases, FullLifecycleIsRecordedInOrder) {
  Id id = w.File(w.agent, w.east).complaint.id;
  ComplaintPatch classify;
  classify.type = ComplaintType::kQuality;
  classify.category = "product_quality";
  // Classification needs type and category first.
  auto early = Move(w.agent, id, S::kClassified);
  EXPECT_EQ(early.status().field(), "type");
  ASSERT_TRUE(UpdateComplaint(w.ctx()).Execute(w.agent, std::to_string(id), classify).ok());
  ASSERT_TRUE(Move(w.agent, id, S::kClassified).ok());
  EXPECT_EQ(Move(w.agent, id, S::kAssigned).status().field(), "assignee_id");
  ASSERT_TRUE(Move(w.agent, id, S::kAssigned, "", w.agent.user_id).ok());
  w.clock().Advance(core::kMinute);
  ASSERT_TRUE(Move(w.agent, id, S::kInProgress).ok());
  ASSERT_TRUE(AddNote(w.ctx())
                  .Execute(w.agent, std::to_string(id), NoteVisibility::kInternal, "查批次")
                  .ok());
  auto after_internal = GetComplaint(w.ctx()).Execute(w.agent, std::to_string(id));
  EXPECT_FALSE(after_internal->complaint.first_response_at.has_value());
  w.clock().Advance(core::kMinute);
  ASSERT_TRUE(
      AddNote(w.ctx())
          .Execute(w.agent, std::to_string(id), NoteVisibility::kPublic, "您好，已为您登记退款")
          .ok());
  ASSERT_TRUE(Move(w.agent, id, S::kWaitingOnCustomer, "等照片").ok());
  ASSERT_TRUE(Move(w.agent, id, S::kInProgress).ok());
  w.clock().Advance(core::kHour);
  auto resolved = Move(w.agent, id, S::kResolved, "已退款");
  ASSERT_TRUE(resolved.ok());
  EXPECT_EQ(resolved->complaint.resolved_at, w.clock().Now());
  EXPECT_EQ(resolved->complaint.first_response_at, w.clock().Now() - core::kHour);
  ASSERT_TRUE(Move(w.agent, id, S::kClosed).ok());
  auto reopen_without_note = Move(w.agent, id, S::kReopened);
  EXPECT_EQ(reopen_without_note.status().field(), "note");
  auto reopened = Move(w.agent, id, S::kReopened, "客户说仍未收到退款");
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ(reopened->complaint.reopen_count, 1);
  EXPECT_FALSE(reopened->complaint.closed_at.has_value());

  auto history = GetComplaintHistory(w.ctx()).Execute(w.auditor, std::to_string(id));
  ASSERT_TRUE(history.ok());
  std::vector<std::string> kinds;
  for (const auto& e : history.value()) {
    kinds.push_back(ToString(e.kind) +
                    std::string(e.to_status ? std::string(":") + ToString(*e.to_status) : ""));
  }
  std::vector<std::string> expected = {"created:received",
                                       "updated",
                                       "transitioned:classified",
                                       "assigned",
                                       "transitioned:assigned",
                                       "transitioned:in_progress",
                                       "note_added",
                                       "note_added",
                                       "delivered",  // the public note, to the customer
                                       "transitioned:waiting_on_customer",
                                       "transitioned:in_progress",
                                       "transitioned:resolved",
                                       "transitioned:closed",
                                       "transitioned:reopened"};
  EXPECT_EQ(kinds, expected);
  EXPECT_EQ(history->back().note, "客户说仍未收到退款");
  EXPECT_EQ(history->back().actor_name, "agent");
  EXPECT_EQ(history.value()[1].changes.size(), 2u);  // type and category
}

TEST_F(UseCases, DisallowedMoveListsAllowedTargets) {
  Id id = w.File(w.agent, w.east).complaint.id;
  auto result = Move(w.agent, id, S::kResolved);
  ASSERT_EQ(result.status().code(), core::StatusCode::kInvalidTransition);
  EXPECT_EQ(result.status().details(),
            (std::vector<std::string>{"classified", "assigned", "rejected"}));
  EXPECT_NE(result.status().message().find("classified, assigned, rejected"), std::string::npos);
}

TEST_F(UseCases, RejectNeedsManagerAndReasonAndClosesTheCase) {
  Id id = w.File(w.agent, w.east).complaint.id;
  EXPECT_EQ(Move(w.agent, id, S::kRejected, "恶意").status().code(),
            core::StatusCode::kPermissionDenied);
  EXPECT_EQ(Move(w.manager, id, S::kRejected).status().field(), "note");
  auto rejected = Move(w.manager, id, S::kRejected, "恶意索赔");
  ASSERT_TRUE(rejected.ok());
  EXPECT_EQ(rejected->complaint.rejection_reason, "恶意索赔");
  EXPECT_TRUE(rejected->complaint.closed_at.has_value());
}

TEST_F(UseCases, AssignMovesToAssignedAndEscalationRaisesLevelAndPriority) {
  Id id = w.File(w.agent, w.east).complaint.id;
  auto assigned = AssignComplaint(w.ctx()).Execute(w.manager, std::to_string(id),
                                                   {w.east_agent.user_id, w.east_team, "熟悉猫粮"});
  ASSERT_TRUE(assigned.ok()) << assigned.status().ToString();
  EXPECT_EQ(assigned->complaint.status, S::kAssigned);
  EXPECT_EQ(assigned->complaint.assignee_id, w.east_agent.user_id);
  auto bad = AssignComplaint(w.ctx()).Execute(w.manager, std::to_string(id),
                                              {w.department.user_id, std::nullopt, ""});
  EXPECT_EQ(bad.status().field(), "assignee_id") << "department staff do not take complaints";
  EXPECT_EQ(EscalateComplaint(w.ctx()).Execute(w.agent, std::to_string(id), "").status().field(),
            "note");
  auto escalated =
      EscalateComplaint(w.ctx()).Execute(w.agent, std::to_string(id), "客户要求找经理");
  ASSERT_TRUE(escalated.ok());
  EXPECT_EQ(escalated->complaint.escalation_level, 1);
  EXPECT_EQ(escalated->complaint.priority, Priority::kHigh);
}

TEST_F(UseCases, ScopedUsersSeeOnlyTheirRegionAndOutOfScopeIsNotFound) {
  Id east_id = w.File(w.agent, w.east).complaint.id;
  Id north_id = w.File(w.agent, w.north).complaint.id;
  GetComplaint get(w.ctx());
  EXPECT_TRUE(get.Execute(w.east_agent, std::to_string(east_id)).ok());
  EXPECT_EQ(get.Execute(w.east_agent, std::to_string(north_id)).status().code(),
            core::StatusCode::kNotFound);
  EXPECT_EQ(Move(w.east_agent, north_id, S::kClassified).status().code(),
            core::StatusCode::kNotFound);
  EXPECT_EQ(AddNote(w.ctx())
                .Execute(w.east_agent, std::to_string(north_id), NoteVisibility::kInternal, "x")
                .status()
                .code(),
            core::StatusCode::kNotFound);
  auto page = ListComplaints(w.ctx()).Execute(w.east_agent, {}, "");
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].complaint.id, east_id);
  // Assigning a north complaint to the east agent makes it theirs to see.
  ASSERT_TRUE(
      AssignComplaint(w.ctx())
          .Execute(w.manager, std::to_string(north_id), {w.east_agent.user_id, std::nullopt, ""})
          .ok());
  EXPECT_TRUE(get.Execute(w.east_agent, std::to_string(north_id)).ok());
  // Customers too: the north agent cannot open the customer of an east-only complaint.
  NewComplaint only_east = Minimal();
  only_east.region_id = w.east;
  only_east.customer = CustomerInput{std::nullopt, "赵敏", "13711112222", "", std::nullopt};
  auto c = CreateComplaint(w.ctx()).Execute(w.agent, only_east, std::nullopt);
  EXPECT_EQ(
      ManageCustomers(w.ctx()).Get(w.north_agent, *c->view.complaint.customer_id).status().code(),
      core::StatusCode::kNotFound);
}

TEST_F(UseCases, PersonalDataIsMaskedForRolesWithoutAccess) {
  Id id = w.File(w.agent, w.east).complaint.id;
  auto for_analyst = GetComplaint(w.ctx()).Execute(w.analyst, std::to_string(id));
  auto for_agent = GetComplaint(w.ctx()).Execute(w.agent, std::to_string(id));
  EXPECT_EQ(for_analyst->customer->phone, "138****8000");
  EXPECT_EQ(for_analyst->customer->name, "王**");
  EXPECT_EQ(for_agent->customer->phone, "13800138000");
  EXPECT_EQ(ManageCustomers(w.ctx()).Search(w.analyst, {"138", 10, std::nullopt}).status().code(),
            core::StatusCode::kPermissionDenied);
}

TEST_F(UseCases, ListPaginatesWithoutGapsOrRepeatsAndFilters) {
  for (int i = 0; i < 25; ++i) {
    w.clock().Advance(i % 3 == 0 ? 0 : core::kMinute);  // equal timestamps on purpose
    w.File(w.agent, i % 2 ? w.east : w.north, "第" + std::to_string(i) + "号投诉 refund please");
  }
  ListComplaints list(w.ctx());
  std::set<Id> seen;
  std::string cursor;
  int pages = 0;
  do {
    ComplaintQuery q;
    q.limit = 7;
    auto page = list.Execute(w.admin, q, cursor);
    ASSERT_TRUE(page.ok());
    for (const auto& v : page->items) EXPECT_TRUE(seen.insert(v.complaint.id).second);
    cursor = page->next_cursor;
    ++pages;
  } while (!cursor.empty());
  EXPECT_EQ(seen.size(), 25u);
  EXPECT_EQ(pages, 4);
  ComplaintQuery east;
  east.region_id = w.east;
  EXPECT_EQ(list.Execute(w.admin, east, "")->items.size(), 12u);
  EXPECT_EQ(list.Execute(w.admin, {}, "garbage").status().field(), "cursor");
  ComplaintQuery huge;
  huge.limit = 500;
  EXPECT_EQ(list.Execute(w.admin, huge, "").status().field(), "limit");
}

TEST_F(UseCases, TextSearchWorksForShortChineseLongChineseAndEnglish) {
  w.File(w.agent, w.east, "申请退款三天了还没到账");
  w.File(w.agent, w.east, "快递把猫砂盆压坏了");
  w.File(w.agent, w.east, "The water fountain pump is NOISY");
  ListComplaints list(w.ctx());
  auto search = [&](const std::string& text) {
    ComplaintQuery q;
    q.text = text;
    return list.Execute(w.admin, q, "")->items.size();
  };
  EXPECT_EQ(search("退款"), 1u);       // two characters: instr fallback
  EXPECT_EQ(search("猫砂盆"), 1u);     // three: trigram index
  EXPECT_EQ(search("noisy"), 1u);      // case-insensitive
  EXPECT_EQ(search("快递 压坏"), 1u);  // all terms must match
  EXPECT_EQ(search("快递 退款"), 0u);
  EXPECT_EQ(search("\"; DROP TABLE complaints; --"), 0u);
  EXPECT_EQ(search(""), 3u);
}

TEST_F(UseCases, InvalidLifecycleReplacementKeepsTheOldOne) {
  ManageLifecycle manage(w.ctx());
  auto before = w.ctx().lifecycle.Get()->transitions().size();
  std::vector<Transition> broken = {{S::kReceived, S::kReceived, Permission::kComplaintWork, {}}};
  EXPECT_FALSE(manage.Replace(w.admin, broken).ok());
  EXPECT_EQ(w.ctx().lifecycle.Get()->transitions().size(), before);
  EXPECT_EQ(manage.Replace(w.manager, Lifecycle::Default().transitions()).code(),
            core::StatusCode::kPermissionDenied);
  // A valid, shorter table takes effect at once and survives a reload.
  std::vector<Transition> simple = {{S::kReceived, S::kResolved, Permission::kComplaintWork, {}},
                                    {S::kResolved, S::kClosed, Permission::kComplaintClose, {}}};
  ASSERT_TRUE(manage.Replace(w.admin, simple).ok());
  Id id = w.File(w.agent, w.east).complaint.id;
  w.Classify(w.agent, std::to_string(id));
  EXPECT_TRUE(Move(w.agent, id, S::kResolved).ok());
  w.ctx().lifecycle.Set(Lifecycle::Default());
  ASSERT_TRUE(manage.LoadStored().ok());
  EXPECT_EQ(w.ctx().lifecycle.Get()->transitions().size(), 2u);
}

TEST_F(UseCases, MergingCustomersMovesComplaintsAndKeepsHistory) {
  ManageCustomers customers(w.ctx());
  NewComplaint by_phone = Minimal();
  by_phone.customer = CustomerInput{std::nullopt, "林小姐", "13512345678", "", std::nullopt};
  NewComplaint by_mail = Minimal();
  by_mail.customer = CustomerInput{
      std::nullopt, "", "", "lin@example.com", CustomerTier::kVip, "", "330106199001011234"};
  CreateComplaint create(w.ctx());
  Id a = *create.Execute(w.agent, by_phone, std::nullopt)->view.complaint.customer_id;
  EXPECT_TRUE(create.Execute(w.agent, by_phone, std::nullopt).ok());
  auto mail_complaint = create.Execute(w.agent, by_mail, std::nullopt);
  Id b = *mail_complaint->view.complaint.customer_id;
  ASSERT_NE(a, b);

  EXPECT_EQ(customers.Merge(w.manager, a, b, "同一人").status().code(),
            core::StatusCode::kPermissionDenied);
  EXPECT_EQ(customers.Merge(w.admin, a, a, "同一人").status().field(), "from");
  EXPECT_EQ(customers.Merge(w.admin, a, b, "").status().field(), "reason");
  auto merged = customers.Merge(w.admin, a, b, "电话和邮箱属于同一位客户");
  ASSERT_TRUE(merged.ok()) << merged.status().ToString();
  EXPECT_EQ(merged->complaints.size(), 3u);
  EXPECT_EQ(merged->customer.email, "lin@example.com") << "missing fields taken from the duplicate";
  EXPECT_EQ(merged->customer.phone, "13512345678");
  EXPECT_EQ(merged->customer.tier, CustomerTier::kVip);
  auto old = customers.Get(w.admin, b);
  ASSERT_TRUE(old.ok());
  EXPECT_EQ(old->customer.merged_into, a) << "the duplicate stays, marked";
  EXPECT_TRUE(old->complaints.empty());
  auto history = GetComplaintHistory(w.ctx()).Execute(
      w.admin, std::to_string(mail_complaint->view.complaint.id));
  ASSERT_EQ(history->back().kind, EventKind::kUpdated);
  EXPECT_EQ(history->back().changes[0].field, "customer_id");
  EXPECT_EQ(history->back().changes[0].new_value, std::to_string(a));
  // The merged record no longer answers lookups; new complaints by that email land on `a`.
  NewComplaint again = Minimal();
  again.customer = CustomerInput{std::nullopt, "", "", "LIN@example.com", std::nullopt};
  EXPECT_EQ(create.Execute(w.agent, again, std::nullopt)->view.complaint.customer_id, a);
  EXPECT_EQ(customers.Merge(w.admin, a, b, "again").status().code(), core::StatusCode::kConflict);
  EXPECT_EQ(
      customers.Update(w.admin, b, CustomerInput{std::nullopt, "新名字", "", "", std::nullopt})
          .status()
          .code(),
      core::StatusCode::kConflict);
}

TEST_F(UseCases, UserAdministration) {
  ManageUsers users(w.ctx());
  UserInput in;
  in.username = "agent_north_2";
  in.password = "short";
  in.role = Role::kAgent;
  EXPECT_EQ(users.Create(w.admin, in).status().field(), "password");
  in.password = "long-enough-password";
  EXPECT_EQ(users.Create(w.manager, in).status().code(), core::StatusCode::kPermissionDenied);
  in.region_scope = std::vector<Id>{999};
  EXPECT_EQ(users.Create(w.admin, in).status().field(), "region_scope");
  in.region_scope = std::vector<Id>{w.north};
  auto created = users.Create(w.admin, in);
  ASSERT_TRUE(created.ok());
  EXPECT_TRUE(created->password_hash.empty()) << "hashes never leave the use case";
  EXPECT_EQ(users.Create(w.admin, in).status().code(), core::StatusCode::kConflict);
  UserInput scope;
  ASSERT_TRUE(users.ResolveScopeKey("east-cs", scope).ok());
  EXPECT_EQ(scope.team_scope, std::vector<Id>{w.east_team});
  EXPECT_EQ(users.ResolveScopeKey("mars", scope).field(), "scope");
}

}  // namespace
}  // namespace closeloop::domain
