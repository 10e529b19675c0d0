// Contract of the complaint module's repositories: complaints, history, notes, idempotency keys,
// outcomes and traceability.
#include "contract.h"
#include "domain/complaint/repository.h"
#include "domain/customer/repository.h"
#include "domain/org/repository.h"

namespace closeloop::contract {
namespace {

using namespace domain;

TEST_P(StoreContract, ComplaintRoundTripsEveryFieldAndFindsByReference) {
  const Id region = AddRegion("east");
  const Id customer = AddCustomer("王芳", "13800000001", "wf@example.com");
  Id id = 0;
  Write([&](Repositories& r) {
    Complaint c;
    c.reference = "CL-20261201-000042";
    c.status = ComplaintStatus::kInProgress;
    c.channel = Channel::kEmail;
    c.external_id = "ext-1";
    c.customer_id = customer;
    c.title = "猫粮受潮";
    c.description = "打开后发现结块";
    c.type = ComplaintType::kQuality;
    c.category = "product_quality";
    c.severity = Severity::kHigh;
    c.safety_flag = true;
    c.remedy = Remedy::kRefund;
    c.amount_claimed_cents = 8900;
    c.region_id = region;
    c.priority = Priority::kUrgent;
    c.escalation_level = 2;
    c.received_at = 1'000;
    c.occurred_at = 500;
    c.first_response_at = 2'000;
    c.updated_at = 3'000;
    c.customer_match = "phone";
    c.sla_state = "at_risk";
    c.sla_due_at = 9'000;
    id = r.complaints().Insert(c);
  });
  ASSERT_GT(id, 0);
  Read([&](Repositories& r) {
    auto c = r.complaints().FindByReference("CL-20261201-000042");
    ASSERT_TRUE(c.has_value());
    EXPECT_EQ(c->id, id);
    EXPECT_EQ(c->status, ComplaintStatus::kInProgress);
    EXPECT_EQ(c->channel, Channel::kEmail);
    EXPECT_EQ(c->external_id, "ext-1");
    EXPECT_EQ(c->customer_id, customer);
    EXPECT_EQ(c->title, "猫粮受潮");
    EXPECT_EQ(c->description, "打开后发现结块");
    EXPECT_EQ(c->type, ComplaintType::kQuality);
    EXPECT_EQ(c->category, "product_quality");
    EXPECT_EQ(c->severity, Severity::kHigh);
    EXPECT_TRUE(c->safety_flag);
    EXPECT_EQ(c->remedy, Remedy::kRefund);
    EXPECT_EQ(c->amount_claimed_cents, 8900);
    EXPECT_EQ(c->region_id, region);
    EXPECT_EQ(c->priority, Priority::kUrgent);
    EXPECT_EQ(c->escalation_level, 2);
    EXPECT_EQ(c->received_at, 1'000);
    EXPECT_EQ(c->occurred_at, 500);
    EXPECT_EQ(c->first_response_at, 2'000);
    EXPECT_FALSE(c->resolved_at.has_value());
    EXPECT_EQ(c->customer_match, "phone");
    EXPECT_EQ(c->sla_state, "at_risk");
    EXPECT_EQ(c->sla_due_at, 9'000);
    EXPECT_FALSE(r.complaints().FindByReference("CL-20261201-000043").has_value());
    EXPECT_FALSE(r.complaints().FindById(id + 1).has_value());
  });
}

TEST_P(StoreContract, ComplaintUpdateReplacesAndSlaStandingChangesOnlyTheStanding) {
  const Id id = AddComplaint("延迟发货", 1'000);
  Complaint c = LoadComplaint(id);
  c.status = ComplaintStatus::kResolved;
  c.resolved_at = 5'000;
  c.title = "延迟发货（已处理）";
  Write([&](Repositories& r) { r.complaints().Update(c); });
  Write([&](Repositories& r) { r.complaints().SetSlaStanding(id, "breached", std::nullopt); });
  const Complaint after = LoadComplaint(id);
  EXPECT_EQ(after.status, ComplaintStatus::kResolved);
  EXPECT_EQ(after.resolved_at, 5'000);
  EXPECT_EQ(after.title, "延迟发货（已处理）");
  EXPECT_EQ(after.sla_state, "breached");
  EXPECT_FALSE(after.sla_due_at.has_value());
}

TEST_P(StoreContract, ComplaintListIsNewestFirstPagedByCursorAndScoped) {
  const Id east = AddRegion("east");
  const Id west = AddRegion("west");
  std::vector<Id> ids;
  for (int i = 0; i < 5; ++i)
    ids.push_back(AddComplaint("东" + std::to_string(i), 1'000 + i, east));
  const Id western = AddComplaint("西", 2'000, west);
  Read([&](Repositories& r) {
    ComplaintQuery q;
    q.limit = 3;
    auto first = r.complaints().List(q, ScopedTo(east));
    ASSERT_EQ(first.size(), 3u);
    EXPECT_EQ(first[0].id, ids[4]) << "newest first; the west complaint is out of scope";
    EXPECT_EQ(first[2].id, ids[2]);
    q.after = ComplaintCursor{first.back().received_at, first.back().id};
    auto second = r.complaints().List(q, ScopedTo(east));
    ASSERT_EQ(second.size(), 2u);
    EXPECT_EQ(second[0].id, ids[1]);
    EXPECT_EQ(second[1].id, ids[0]);
    ComplaintQuery all;
    auto everything = r.complaints().List(all, Everyone());
    ASSERT_EQ(everything.size(), 6u);
    EXPECT_EQ(everything[0].id, western);
    ComplaintQuery west_only;
    west_only.region_id = west;
    EXPECT_EQ(r.complaints().List(west_only, ScopedTo(east)).size(), 0u)
        << "a filter never widens the scope";
  });
}

TEST_P(StoreContract, ComplaintListFiltersByStatusTextAndCustomer) {
  const Id customer = AddCustomer("李雷", "13800000002", "");
  const Id a = AddComplaint("快递 破损", 1'000, std::nullopt, customer);
  const Id b = AddComplaint("客服 态度", 1'001);
  Complaint done = LoadComplaint(b);
  done.status = ComplaintStatus::kClosed;
  Write([&](Repositories& r) { r.complaints().Update(done); });
  Read([&](Repositories& r) {
    ComplaintQuery open;
    open.statuses = {ComplaintStatus::kReceived};
    auto listed = r.complaints().List(open, Everyone());
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0].id, a);
    ComplaintQuery of_customer;
    of_customer.customer_id = customer;
    EXPECT_EQ(r.complaints().List(of_customer, Everyone()).size(), 1u);
    auto mine = r.complaints().ListForCustomer(customer, 10);
    ASSERT_EQ(mine.size(), 1u);
    EXPECT_EQ(mine[0].id, a);
  });
}

TEST_P(StoreContract, ReferenceSequencesCountPerDayAndNeverRepeat) {
  std::vector<std::int64_t> seen;
  Write([&](Repositories& r) {
    seen.push_back(r.complaints().NextReferenceSequence("20261201"));
    seen.push_back(r.complaints().NextReferenceSequence("20261201"));
    seen.push_back(r.complaints().NextReferenceSequence("20261202"));
  });
  Write([&](Repositories& r) { seen.push_back(r.complaints().NextReferenceSequence("20261201")); });
  EXPECT_EQ(seen[1], seen[0] + 1);
  EXPECT_EQ(seen[2], seen[0]) << "another day starts again";
  EXPECT_EQ(seen[3], seen[1] + 1) << "a later transaction goes on";
}

TEST_P(StoreContract, HistoryAndNotesComeBackInOrderWithTheirChanges) {
  const Id id = AddComplaint("漏发赠品", 1'000);
  Write([&](Repositories& r) {
    ComplaintEvent e;
    e.complaint_id = id;
    e.kind = EventKind::kCreated;
    e.at = 1'000;
    r.events().Append(e);
    e.kind = EventKind::kTransitioned;
    e.at = 2'000;
    e.note = "开始处理";
    e.changes = {{"status", "received", "in_progress"}};
    r.events().Append(e);
    Note n;
    n.complaint_id = id;
    n.author_name = "agent";
    n.visibility = NoteVisibility::kPublic;
    n.body = "已联系仓库";
    n.created_at = 3'000;
    r.notes().Insert(n);
  });
  Read([&](Repositories& r) {
    auto events = r.events().ListForComplaint(id);
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].kind, EventKind::kCreated);
    EXPECT_EQ(events[1].note, "开始处理");
    ASSERT_EQ(events[1].changes.size(), 1u);
    EXPECT_EQ(events[1].changes[0].new_value, "in_progress");
    auto notes = r.notes().ListForComplaint(id);
    ASSERT_EQ(notes.size(), 1u);
    EXPECT_EQ(notes[0].body, "已联系仓库");
    EXPECT_EQ(notes[0].visibility, NoteVisibility::kPublic);
  });
}

TEST_P(StoreContract, IdempotencyKeysArePerUser) {
  const Id user = AddUser("agent1");
  const Id other = AddUser("agent2");
  const Id complaint = AddComplaint("重复提交", 1'000);
  Write([&](Repositories& r) {
    IdempotencyRecord rec;
    rec.user_id = user;
    rec.complaint_id = complaint;
    rec.created_at = 1'000;
    rec.key = "k-1";
    rec.fingerprint = "digest";
    r.idempotency().Insert(rec);
  });
  Read([&](Repositories& r) {
    auto found = r.idempotency().Find(user, "k-1");
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->fingerprint, "digest");
    EXPECT_EQ(found->complaint_id, complaint);
    EXPECT_FALSE(r.idempotency().Find(other, "k-1").has_value());
  });
}

TEST_P(StoreContract, ResolutionIsReplacedWhenResolvedAgainAndFedInSequence) {
  const Id a = AddComplaint("a", 1'000);
  const Id b = AddComplaint("b", 1'001);
  Write([&](Repositories& r) {
    r.outcomes().SaveResolution({a, Remedy::kRefund, 8900, "退款", std::nullopt, 5'000});
    r.outcomes().SaveResolution({b, Remedy::kApology, 0, "致歉", std::nullopt, 5'001});
    r.outcomes().SaveResolution({a, Remedy::kReplacement, 0, "换货", std::nullopt, 6'000});
  });
  Read([&](Repositories& r) {
    auto found = r.outcomes().FindResolution(a);
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->remedy, Remedy::kReplacement);
    EXPECT_EQ(r.outcomes().ResolutionsOf({a, b}).size(), 2u);
    auto fed = r.outcomes().ResolvedSince(0, 10);
    ASSERT_FALSE(fed.empty());
    for (size_t i = 1; i < fed.size(); ++i) EXPECT_GT(fed[i].sequence, fed[i - 1].sequence);
    EXPECT_TRUE(r.outcomes().ResolvedSince(fed.back().sequence, 10).empty());
  });
}

TEST_P(StoreContract, TraceabilityLinksOrdersBatchesAndComplaintsWithinScope) {
  const Id east = AddRegion("east");
  const Id west = AddRegion("west");
  const Id customer = AddCustomer("韩梅梅", "13800000003", "");
  Id product = 0, batch = 0, order = 0;
  Write([&](Repositories& r) {
    product = r.org().InsertProduct({0, "SKU-1", "猫粮", "food", "dry", "mature", "2025-01-01"});
    batch = r.trace().InsertBatch({0, "B-2026-01", product, "2026-01-05", "杭州", 1'000});
    Order o;
    o.order_no = "SO-1";
    o.customer_id = customer;
    o.amount_cents = 17800;
    o.ordered_at = 900;
    o.items = {{0, 1, product, batch, 2, 17800}};
    order = r.trace().InsertOrder(o);
  });
  for (Id region : {east, west}) {
    const Id id = AddComplaint("同批次", 1'000, region, customer);
    Complaint c = LoadComplaint(id);
    c.batch_id = batch;
    c.external_id = "tm-" + std::to_string(region);
    c.channel = Channel::kEcommerce;
    Write([&](Repositories& r) { r.complaints().Update(c); });
  }
  Read([&](Repositories& r) {
    auto o = r.trace().FindOrderByNo("SO-1");
    ASSERT_TRUE(o.has_value());
    EXPECT_EQ(o->id, order);
    ASSERT_EQ(o->items.size(), 1u);
    EXPECT_EQ(o->items[0].batch_id, batch);
    EXPECT_EQ(o->items[0].quantity, 2);
    EXPECT_EQ(r.trace().OrdersOfCustomer(customer, 10).size(), 1u);
    EXPECT_EQ(r.trace().FindBatchByNo("B-2026-01")->product_id, product);
    EXPECT_EQ(r.trace().FindProductBySku("SKU-1")->id, product);
    EXPECT_EQ(r.trace().ComplaintsOfBatch(batch, Everyone(), 10).size(), 2u);
    EXPECT_EQ(r.trace().ComplaintsOfBatch(batch, ScopedTo(east), 10).size(), 1u);
    EXPECT_TRUE(r.trace().ComplaintExists(Channel::kEcommerce, "tm-" + std::to_string(east)));
    EXPECT_FALSE(r.trace().ComplaintExists(Channel::kEmail, "tm-" + std::to_string(east)));
  });
}

TEST_P(StoreContract, AFailedUnitOfWorkLeavesNothing) {
  core::Status failed = db().Write([&](Repositories& r) {
    Complaint c;
    c.reference = "CL-20261201-999999";
    c.title = "不应保存";
    c.received_at = c.updated_at = 1'000;
    r.complaints().Insert(c);
    return core::Status::Invalid("title", "refused after the insert");
  });
  EXPECT_FALSE(failed.ok());
  Read([&](Repositories& r) {
    EXPECT_FALSE(r.complaints().FindByReference("CL-20261201-999999").has_value());
  });
}

}  // namespace
}  // namespace closeloop::contract
