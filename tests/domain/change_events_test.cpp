// Change events inside the unit of work: side effects subscribe, and a failing subscriber rolls
// the whole change back.
#include "domain/complaint/change_events.h"

#include <gtest/gtest.h>

#include "domain/complaint/complaint_actions.h"
#include "domain/org/entities.h"
#include "domain/org/repository.h"
#include "domain/sla/sla_timers.h"
#include "domain/tasks/tasks.h"
#include "domain/unit_of_work.h"
#include "support/test_world.h"

namespace closeloop::testing {
namespace {

namespace d = domain;

// Records what it was told; fails on the kinds it is armed for.
class Probe final : public d::ChangeSubscriber {
 public:
  core::Status OnChange(const d::ComplaintChange& change, d::Repositories&) override {
    seen.push_back(d::ToString(change.kind));
    if (change.kind == fail_on) return core::Status::Internal("probe refuses " + seen.back());
    return core::Status::Ok();
  }
  std::vector<std::string> seen;
  std::optional<d::ChangeKind> fail_on;
};

d::TransitionRequest AssignTo(const d::Principal& who) {
  d::TransitionRequest r;
  r.to = d::ComplaintStatus::kAssigned;
  r.assignee_id = who.user_id;
  r.note = "test";
  return r;
}

// A department for the category "logistics", so that classifying opens a task.
void AddLogisticsDepartment(TestWorld& w) {
  ASSERT_TRUE(w.ctx()
                  .store
                  .Write([](d::Repositories& repos) {
                    d::Team logistics;
                    logistics.code = "logistics";
                    logistics.name = "物流部";
                    logistics.kind = "department";
                    repos.org().InsertTeam(logistics);
                    return core::Status::Ok();
                  })
                  .ok());
}

TEST(ChangeEvents, UseCasesPublishWhatChangedInsideTheirUnitOfWork) {
  TestWorld w;
  AddLogisticsDepartment(w);
  Probe probe;
  w.wiring().change_events().Subscribe(probe);
  const std::string ref = w.File(w.agent, w.east).complaint.reference;
  d::ComplaintPatch patch;
  patch.category = "logistics";
  ASSERT_TRUE(d::UpdateComplaint(w.ctx()).Execute(w.agent, ref, patch).ok());
  auto moved = d::TransitionComplaint(w.ctx()).Execute(w.agent, ref, AssignTo(w.agent));
  ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  EXPECT_EQ(probe.seen,
            (std::vector<std::string>{"created", "updated", "status_changed", "assigned"}));
  // The department task of the new category came from its subscriber, in the same change.
  auto tasks = d::ManageTasks(w.ctx()).ForComplaint(w.agent, ref);
  ASSERT_TRUE(tasks.ok());
  EXPECT_EQ(tasks->size(), 1u);
}

TEST(ChangeEvents, AFailingSubscriberLeavesNothing) {
  TestWorld w;
  AddLogisticsDepartment(w);
  Probe probe;
  w.wiring().change_events().Subscribe(probe);
  const std::string ref = w.File(w.agent, w.east).complaint.reference;
  const std::string before = w.Snapshot();
  probe.fail_on = d::ChangeKind::kStatusChanged;
  auto moved = d::TransitionComplaint(w.ctx()).Execute(w.agent, ref, AssignTo(w.agent));
  EXPECT_FALSE(moved.ok());
  EXPECT_NE(moved.status().message().find("probe refuses status_changed"), std::string::npos);
  // Neither the move nor what the other subscribers wrote before the probe (the SLA check job,
  // department tasks) nor the history event is stored.
  EXPECT_EQ(w.Snapshot(), before);
  probe.fail_on = d::ChangeKind::kUpdated;
  d::ComplaintPatch patch;
  patch.category = "logistics";
  EXPECT_FALSE(d::UpdateComplaint(w.ctx()).Execute(w.agent, ref, patch).ok());
  EXPECT_EQ(w.Snapshot(), before) << "the department task of the new category is gone too";
  probe.fail_on.reset();
  EXPECT_TRUE(d::TransitionComplaint(w.ctx()).Execute(w.agent, ref, AssignTo(w.agent)).ok());
  EXPECT_NE(w.Snapshot(), before);
}

TEST(ChangeEvents, EscalationsAndPublicRepliesArePublishedAndTheirSideEffectsSubscribe) {
  TestWorld w;
  Probe probe;
  w.wiring().change_events().Subscribe(probe);
  const std::string ref = w.File(w.agent, w.east).complaint.reference;
  ASSERT_TRUE(d::TransitionComplaint(w.ctx()).Execute(w.agent, ref, AssignTo(w.agent)).ok());
  probe.seen.clear();
  auto escalated = d::EscalateComplaint(w.ctx()).Execute(w.agent, ref, "顾客要求主管处理");
  ASSERT_TRUE(escalated.ok()) << escalated.status().ToString();
  EXPECT_EQ(probe.seen, (std::vector<std::string>{"escalated"}));
  // The escalation notifier (a subscriber now) told the managers of the new level.
  auto heard = d::ManageNotifications(w.ctx()).Mine(w.east_manager, false, 0, 50);
  ASSERT_TRUE(heard.ok()) << heard.status().ToString();
  bool told = false;
  for (const d::Notification& n : *heard) told = told || n.kind == "escalated";
  EXPECT_TRUE(told) << "the manager must hear of a manual escalation";
  // A public note is published; a failing subscriber keeps the note and its delivery unstored.
  const std::string before = w.Snapshot();
  probe.fail_on = d::ChangeKind::kPublicReply;
  auto refused =
      d::AddNote(w.ctx()).Execute(w.agent, ref, d::NoteVisibility::kPublic, "已为您补发");
  EXPECT_FALSE(refused.ok());
  EXPECT_EQ(w.Snapshot(), before) << "neither the note nor the message to the customer is kept";
  probe.fail_on.reset();
  probe.seen.clear();
  ASSERT_TRUE(
      d::AddNote(w.ctx()).Execute(w.agent, ref, d::NoteVisibility::kPublic, "已为您补发").ok());
  EXPECT_EQ(probe.seen, (std::vector<std::string>{"public_reply"}));
  EXPECT_NE(w.Snapshot(), before);
}

}  // namespace
}  // namespace closeloop::testing
