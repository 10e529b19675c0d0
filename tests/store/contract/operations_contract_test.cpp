// Contract of the remaining repositories: jobs, mail and outbound messages, intake sources, text
// analysis and models, knowledge, department tasks, routing, surveys, configuration and sealed
// personal data.
#include "contract.h"
#include "domain/analysis/repository.h"
#include "domain/complaint/repository.h"
#include "domain/config_repository.h"
#include "domain/intake/repository.h"
#include "domain/jobs/repository.h"
#include "domain/knowledge/repository.h"
#include "domain/routing/repository.h"
#include "domain/sealing/repository.h"
#include "domain/survey/repository.h"
#include "domain/tasks/repository.h"

namespace closeloop::contract {
namespace {

using namespace domain;

Job DueJob(const std::string& kind, const std::string& key, UnixMillis at) {
  Job j;
  j.kind = kind;
  j.key = key;
  j.run_at = at;
  j.created_at = at;
  return j;
}

TEST_P(StoreContract, GaugesCountTheUnanalysedTheDueJobsAndTheQueuedMail) {
  AddComplaint("一", 1'000);
  AddComplaint("二", 2'000);
  Write([&](Repositories& r) {
    r.jobs().Schedule(DueJob("sla_check", "c:1", 1'000));
    r.jobs().Schedule(DueJob("sla_check", "c:2", 9'000));
  });
  domain::StoreGauges at_5000 = db().Gauges(5'000);
  EXPECT_EQ(at_5000.unanalysed, 2);
  EXPECT_EQ(at_5000.due_jobs, 1) << "the job due at 9000 is not due yet";
  EXPECT_EQ(at_5000.queued_mail, 0);
  EXPECT_EQ(db().Gauges(10'000).due_jobs, 2);
}

TEST_P(StoreContract, JobsAreClaimedOnceUnderALeaseAndCompleteOrPark) {
  Id a = 0, b = 0, same = 0;
  Write([&](Repositories& r) {
    a = r.jobs().Schedule(DueJob("sla_check", "c:1", 1'000));
    same = r.jobs().Schedule(DueJob("sla_check", "c:1", 500));
    b = r.jobs().Schedule(DueJob("mail", "", 1'000));
  });
  EXPECT_EQ(same, a) << "an unfinished job of the same kind and key is kept";
  std::vector<Job> claimed;
  Write([&](Repositories& r) { claimed = r.jobs().Claim(1'000, "w1", 5'000, 10, {"sla_check"}); });
  ASSERT_EQ(claimed.size(), 1u) << "only the kinds asked for";
  EXPECT_EQ(claimed[0].id, a);
  Write([&](Repositories& r) {
    EXPECT_TRUE(r.jobs().Claim(2'000, "w2", 6'000, 10, {"sla_check"}).empty()) << "leased";
    EXPECT_EQ(r.jobs().Claim(5'001, "w2", 9'000, 10, {"sla_check"}).size(), 1u)
        << "an expired lease may be claimed again";
  });
  Write([&](Repositories& r) { r.jobs().Complete(a, 6'000); });
  Write([&](Repositories& r) {
    ASSERT_EQ(r.jobs().Claim(1'000, "w1", 5'000, 10, {"mail"}).size(), 1u);
    r.jobs().Fail(b, "smtp down", std::nullopt, 2'000);
  });
  Read([&](Repositories& r) {
    EXPECT_EQ(r.jobs().Find(a)->status, JobStatus::kDone);
    EXPECT_EQ(r.jobs().Find(b)->status, JobStatus::kParked);
    EXPECT_EQ(r.jobs().Find(b)->last_error, "smtp down");
    JobQuery parked;
    parked.status = JobStatus::kParked;
    EXPECT_EQ(r.jobs().List(parked).size(), 1u);
  });
  Write([&](Repositories& r) { EXPECT_TRUE(r.jobs().Retry(b, 3'000)); });
  Read([&](Repositories& r) { EXPECT_EQ(r.jobs().Find(b)->status, JobStatus::kDue); });
}

TEST_P(StoreContract, OutboxDeliversDueMailAndRetriesFailures) {
  Id mail = 0;
  Write([&](Repositories& r) {
    OutgoingMail m;
    m.purpose = "acknowledgement";
    m.to = "customer@example.com";
    m.subject = "已收到";
    m.body = "您的投诉已受理";
    m.message_id = "<m1@closeloop.local>";
    m.next_attempt_at = 1'000;
    m.created_at = 1'000;
    mail = r.mail().Enqueue(m);
  });
  Write([&](Repositories& r) {
    auto due = r.mail().Due(999, 10);
    EXPECT_TRUE(due.empty()) << "not due yet";
    due = r.mail().Due(1'000, 10);
    ASSERT_EQ(due.size(), 1u);
    EXPECT_EQ(due[0].to, "customer@example.com");
    r.mail().MarkAttemptFailed(mail, "timeout", 5'000);
  });
  Read([&](Repositories& r) {
    auto m = r.mail().FindOutgoing(mail);
    EXPECT_EQ(m->attempts, 1);
    EXPECT_EQ(m->last_error, "timeout");
    EXPECT_TRUE(r.mail().Due(4'999, 10).empty());
  });
  Write([&](Repositories& r) { r.mail().MarkSent(mail, 5'100); });
  Read([&](Repositories& r) {
    EXPECT_EQ(r.mail().FindOutgoing(mail)->status, MailStatus::kSent);
    EXPECT_TRUE(r.mail().Due(10'000, 10).empty());
  });
}

TEST_P(StoreContract, MailThreadsAttachmentsAndOutboundMessagesBelongToTheirComplaint) {
  const Id east = AddRegion("east");
  const Id west = AddRegion("west");
  const Id here = AddComplaint("东", 1'000, east);
  const Id there = AddComplaint("西", 1'000, west);
  Id attachment = 0;
  Write([&](Repositories& r) {
    r.mail().RecordThread("<in-1@shop>", here, false, 1'000);
    attachment =
        r.mail().InsertAttachment({0, here, "photo.jpg", "image/jpeg", 3, "abc", true, 1'000});
    for (Id c : {here, there}) {
      OutboundMessage m;
      m.complaint_id = c;
      m.channel = Channel::kPhone;
      m.purpose = "survey";
      m.body = "请评价";
      m.created_at = 1'000;
      r.mail().EnqueueOutbound(m);
    }
  });
  Read([&](Repositories& r) {
    EXPECT_EQ(r.mail().ComplaintOfMessage("<in-1@shop>"), here);
    EXPECT_FALSE(r.mail().ComplaintOfMessage("<other@shop>").has_value());
    auto listed = r.mail().AttachmentsOf(here);
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0].filename, "photo.jpg");
    EXPECT_EQ(r.mail().FindAttachment(attachment)->content, "abc");
    EXPECT_EQ(r.mail().PendingOutbound("", 0, 10, Everyone()).size(), 2u);
    auto scoped = r.mail().PendingOutbound("", 0, 10, ScopedTo(east));
    ASSERT_EQ(scoped.size(), 1u);
    EXPECT_EQ(scoped[0].complaint_id, here);
  });
}

TEST_P(StoreContract, IntakeSourcesKeepTheirSecretAndMapping) {
  const Id user = AddUser("shop-bot");
  Id id = 0;
  Write([&](Repositories& r) {
    IntakeSource s;
    s.name = "tmall";
    s.user_id = user;
    s.secret = "s3cret";
    s.mapping = {{"title", "$.subject"}};
    s.created_at = 1'000;
    id = r.intake_sources().Insert(s);
  });
  Write([&](Repositories& r) { r.intake_sources().Deactivate(id); });
  Read([&](Repositories& r) {
    auto s = r.intake_sources().FindByName("tmall");
    ASSERT_TRUE(s.has_value());
    EXPECT_EQ(s->secret, "s3cret");
    ASSERT_EQ(s->mapping.size(), 1u);
    EXPECT_EQ(s->mapping[0].second, "$.subject");
    EXPECT_FALSE(s->active);
  });
}

TEST_P(StoreContract, AnalysisTakesPendingComplaintsAndKeepsResults) {
  const Id a = AddComplaint("漏液", 1'000);
  const Id b = AddComplaint("漏液了", 1'001);
  Read([&](Repositories& r) { EXPECT_EQ(r.analysis().Pending(10).size(), 2u); });
  Write([&](Repositories& r) {
    TextAnalysis t;
    t.sentiment = -0.5;
    t.agitation = 80;
    t.suggested_type = ComplaintType::kQuality;
    t.flags = {"safety"};
    t.fingerprint = 42;
    t.analyzed_at = 2'000;
    TextAnalysis dup = t;
    dup.duplicate_of = a;
    r.analysis().Save({{a, t}, {b, dup}});
  });
  Read([&](Repositories& r) {
    EXPECT_TRUE(r.analysis().Pending(10).empty()) << "the watermark moved past both";
    auto found = r.analysis().Find(a);
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->agitation, 80);
    EXPECT_EQ(found->flags, std::vector<std::string>{"safety"});
    EXPECT_EQ(r.analysis().CountDuplicatesOf(a), 1);
    EXPECT_EQ(r.analysis().Texts({b})[0].title, "漏液了");
  });
}

TEST_P(StoreContract, ModelVersionsCountUpAndOneIsActivePerTask) {
  Id v1 = 0, v2 = 0;
  Write([&](Repositories& r) {
    ModelVersion m;
    m.task = "type";
    m.version = r.models().NextVersion("type");
    m.path = "type-1.model";
    m.created_at = 1'000;
    v1 = r.models().Insert(m);
    m.version = r.models().NextVersion("type");
    m.path = "type-2.model";
    v2 = r.models().Insert(m);
    r.models().Activate("type", v1);
    r.models().Activate("type", v2);
    r.models().SetThreshold(v2, 0.75);
  });
  Read([&](Repositories& r) {
    EXPECT_EQ(r.models().Find(v2)->version, r.models().Find(v1)->version + 1);
    EXPECT_EQ(r.models().Active("type")->id, v2);
    EXPECT_DOUBLE_EQ(r.models().Active("type")->threshold, 0.75);
    EXPECT_FALSE(r.models().Find(v1)->active);
    EXPECT_FALSE(r.models().Active("category").has_value());
    EXPECT_EQ(r.models().List("type").size(), 2u);
  });
  Write([&](Repositories& r) { r.models().Activate("type", std::nullopt); });
  Read([&](Repositories& r) { EXPECT_FALSE(r.models().Active("type").has_value()); });
}

TEST_P(StoreContract, KnowledgeSearchMatchesShortChineseTermsAndHidesInactive) {
  Id active = 0;
  Write([&](Repositories& r) {
    KnowledgeArticle k;
    k.title = "猫砂结块处理";
    k.body = "更换批次并致歉";
    k.category = "product_quality";
    k.created_at = k.updated_at = 1'000;
    active = r.knowledge().Insert(k);
    k.title = "旧流程：猫砂";
    k.active = false;
    r.knowledge().Insert(k);
    EXPECT_TRUE(r.knowledge().AddDomainWord("猫砂", std::nullopt, 1'000));
    EXPECT_FALSE(r.knowledge().AddDomainWord("猫砂", std::nullopt, 1'000)) << "once";
  });
  Read([&](Repositories& r) {
    auto found = r.knowledge().Search({{"猫砂"}, "", false});
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].id, active);
    EXPECT_EQ(r.knowledge().Search({{"猫砂"}, "", true}).size(), 2u);
    EXPECT_TRUE(r.knowledge().Search({{"猫砂"}, "logistics", false}).empty());
    EXPECT_EQ(r.knowledge().DomainWords(), std::vector<std::string>{"猫砂"});
  });
  Write([&](Repositories& r) { EXPECT_TRUE(r.knowledge().RemoveDomainWord("猫砂")); });
}

TEST_P(StoreContract, DepartmentTasksAreListedPerComplaintAndPerTeam) {
  const Id qc = AddTeam("qc", std::nullopt, "department");
  const Id logistics = AddTeam("logistics", std::nullopt, "department");
  const Id complaint = AddComplaint("批次问题", 1'000);
  Id task = 0;
  Write([&](Repositories& r) {
    task = r.tasks().Insert({0, complaint, qc, "查批次", "open", true, std::nullopt, 9'000, 1'000,
                             1'000, std::nullopt});
    r.tasks().Insert({0, complaint, logistics, "查物流", "open", false, std::nullopt, 9'000, 1'001,
                      1'001, std::nullopt});
  });
  Write([&](Repositories& r) {
    DepartmentTask t = *r.tasks().Find(task);
    t.status = "done";
    t.closed_at = 2'000;
    r.tasks().Update(t);
  });
  Read([&](Repositories& r) {
    EXPECT_EQ(r.tasks().ForComplaint(complaint).size(), 2u);
    EXPECT_EQ(r.tasks().ForTeams({qc}, "", 10).size(), 1u);
    EXPECT_EQ(r.tasks().ForTeams({qc}, "open", 10).size(), 0u);
    EXPECT_EQ(r.tasks().ForTeams({}, "open", 10).size(), 1u) << "all teams when empty";
    EXPECT_EQ(r.tasks().Find(task)->closed_at, 2'000);
  });
}

TEST_P(StoreContract, RoutingProfilesKeepSkillsAndLoadsCountOpenWork) {
  const Id agent = AddUser("agent-r");
  const Id complaint = AddComplaint("待分配", 1'000);
  Write([&](Repositories& r) {
    AgentProfile p;
    p.user_id = agent;
    p.seniority = 3;
    p.capacity = 5;
    p.skills = {{"category", "logistics", 2}, {"language", "en", 1}};
    p.updated_at = 1'000;
    r.routing().SaveProfile(p);
    Complaint c = *r.complaints().FindById(complaint);
    c.assignee_id = agent;
    r.complaints().Update(c);
    RoutingRecord d;
    d.complaint_id = complaint;
    d.mode = "auto";
    d.agent_id = agent;
    d.score = 0.8;
    d.decided_at = 1'000;
    r.routing().InsertDecision(d);
  });
  Read([&](Repositories& r) {
    auto p = r.routing().FindProfile(agent);
    ASSERT_TRUE(p.has_value());
    EXPECT_EQ(p->seniority, 3);
    EXPECT_EQ(p->skills.size(), 2u);
    EXPECT_EQ(r.routing().OpenLoadOf(agent), 1);
    EXPECT_EQ(r.routing().DecisionsFor(complaint).size(), 1u);
    EXPECT_EQ(r.routing().DecisionsFor(complaint)[0].mode, "auto");
  });
}

TEST_P(StoreContract, SurveyAnswersAreTheLatestPerComplaint) {
  const Id complaint = AddComplaint("回访", 1'000);
  Write([&](Repositories& r) {
    SurveyResponse s;
    s.complaint_id = complaint;
    s.csat = 2;
    s.answered_at = 1'000;
    r.surveys().InsertSurveyResponse(s);
    s.csat = 5;
    s.nps = 9;
    s.answered_at = 2'000;
    r.surveys().InsertSurveyResponse(s);
  });
  Read([&](Repositories& r) {
    auto answers = r.surveys().SurveyResponsesOf({complaint});
    ASSERT_EQ(answers.size(), 1u);
    EXPECT_EQ(answers[0].csat, 5);
    EXPECT_EQ(answers[0].nps, 9);
  });
}

TEST_P(StoreContract, ConfigurationIsStoredReplacedAndDeleted) {
  Write([&](Repositories& r) {
    EXPECT_FALSE(r.config().LoadTextRules("type").has_value()) << "defaults apply";
    r.config().SaveTextRules("type", "quality: 漏液", std::nullopt, 1'000);
    r.config().SaveTemplate("reply_draft", "zh-CN", {{"subject", "关于 {{reference}}"}},
                            std::nullopt, 1'000);
    r.config().RecordChange({0, "text_rules:type", "replaced", std::nullopt, "", 1'000});
    r.config().RecordChange({0, "templates", "edited", std::nullopt, "", 1'001});
  });
  Read([&](Repositories& r) {
    EXPECT_EQ(r.config().LoadTextRules("type"), "quality: 漏液");
    auto parts = r.config().LoadTemplate("reply_draft", "zh-CN");
    ASSERT_TRUE(parts.has_value());
    EXPECT_EQ(parts->at("subject"), "关于 {{reference}}");
    EXPECT_FALSE(r.config().LoadTemplate("reply_draft", "en").has_value());
    auto changes = r.config().Changes(0, 10);
    ASSERT_EQ(changes.size(), 2u);
    EXPECT_EQ(changes[0].area, "templates") << "newest first";
  });
  Write([&](Repositories& r) {
    r.config().DeleteTextRules("type");
    r.config().DeleteTemplate("reply_draft", "zh-CN");
  });
  Read([&](Repositories& r) {
    EXPECT_FALSE(r.config().LoadTextRules("type").has_value());
    EXPECT_FALSE(r.config().LoadTemplate("reply_draft", "zh-CN").has_value());
  });
}

TEST_P(StoreContract, SealedDataIsGivenAndTakenRawPerKind) {
  const Id customer = AddCustomer("钱七", "13500000001", "");
  std::vector<SealedRecord> records;
  Read([&](Repositories& r) { records = r.sealed().SealedRecords(SealedKind::kCustomer, 0, 10); });
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].id, customer);
  ASSERT_EQ(records[0].values.count("phone"), 1u);
  EXPECT_NE(records[0].values.at("phone"), "13500000001") << "sealed, not the value";
  EXPECT_EQ(records[0].values.count("email"), 0u) << "an empty value is absent";
  // Writing back what was read changes nothing a reader sees.
  Write([&](Repositories& r) { r.sealed().ReplaceSealed(SealedKind::kCustomer, records[0]); });
  Read([&](Repositories& r) {
    EXPECT_EQ(r.customers().FindById(customer)->phone, "13500000001");
    EXPECT_TRUE(r.sealed().SealedRecords(SealedKind::kCustomer, customer, 10).empty());
    EXPECT_EQ(r.sealed().SealedRecords(SealedKind::kStaffUser, 0, 10).size(), 0u);
  });
}

}  // namespace
}  // namespace closeloop::contract
