// Email intake through GMime into a real SQLite file, and outbox delivery logic. The delivery to
// a real SMTP server is tested end to end in tests/e2e/mail_e2e.sh.
#include "domain/intake/mail.h"

#include <gtest/gtest.h>

#include "app/job_commands.h"
#include "domain/complaint/complaint_queries.h"
#include "domain/complaint/entities.h"
#include "domain/complaint/repository.h"
#include "domain/customer/entities.h"
#include "domain/customer/repository.h"
#include "domain/intake/entities.h"
#include "domain/intake/repository.h"
#include "domain/intake/transport.h"
#include "domain/jobs/jobs.h"
#include "domain/org/repository.h"
#include "domain/unit_of_work.h"
#include "ingest/mail_parser.h"
#include "ingest/smtp_transport.h"
#include "support/test_world.h"

namespace closeloop::testing {
namespace {

namespace d = domain;
using ingest::MailParseOptions;
using ingest::ParseMail;

std::string Base64(const std::string& in) {
  d::OutgoingMail m;
  m.body = in;
  m.to = "x@y.z";
  std::string text = ingest::FormatMessage("a@b.c", m, 0);
  std::string body = text.substr(text.find("\r\n\r\n") + 4);
  std::string joined;
  for (char c : body) {
    if (c != '\r' && c != '\n') joined += c;
  }
  return joined;
}

// "猫粮发霉了，要求退款" in GBK, and "質量問題" in Big5.
const std::string kGbkBody =
    "\xC3\xA8\xC1\xB8\xB7\xA2\xC3\xB9\xC1\xCB\xA3\xAC\xD2\xAA\xC7\xF3\xCD\xCB\xBF\xEE";
const std::string kBig5Word = "\xBD\xE8\xB6\x71\xB0\xDD\xC3\x44";

std::string GbkMessage(const std::string& message_id) {
  return "From: =?GBK?B?" + Base64("\xD5\xC5\xC8\xFD") +  // 张三
         "?= <ZhangSan@Example.COM>\r\n"
         "To: service@shop.example\r\n"
         "Subject: =?GB2312?B?" +
         Base64("\xC3\xA8\xC1\xB8\xCD\xB6\xCB\xDF") +  // 猫粮投诉
         "?=\r\n"
         "Message-ID: <" +
         message_id +
         ">\r\n"
         "MIME-Version: 1.0\r\n"
         "Content-Type: multipart/mixed; boundary=XX\r\n\r\n"
         "--XX\r\nContent-Type: text/plain; charset=GBK\r\nContent-Transfer-Encoding: "
         "base64\r\n\r\n" +
         Base64(kGbkBody) +
         "\r\n--XX\r\nContent-Type: image/jpeg\r\n"
         "Content-Disposition: attachment; filename=\"photo.jpg\"\r\n"
         "Content-Transfer-Encoding: base64\r\n\r\n" +
         Base64("\xFF\xD8\xFF\xE0JPEG") + "\r\n--XX--\r\n";
}

TEST(MailParser, DecodesGbkBodiesRfc2047HeadersAndKeepsAttachments) {
  auto mail = ParseMail(GbkMessage("m1@example.com"), {});
  ASSERT_TRUE(mail.ok()) << mail.status().ToString();
  EXPECT_EQ(mail->subject, "猫粮投诉");
  EXPECT_EQ(mail->from_name, "张三");
  EXPECT_EQ(mail->from_email, "zhangsan@example.com");
  EXPECT_EQ(mail->message_id, "m1@example.com");
  EXPECT_EQ(mail->text, "猫粮发霉了，要求退款");
  ASSERT_EQ(mail->attachments.size(), 1u);
  EXPECT_EQ(mail->attachments[0].filename, "photo.jpg");
  EXPECT_EQ(mail->attachments[0].content_type, "image/jpeg");
  EXPECT_EQ(mail->attachments[0].content, "\xFF\xD8\xFF\xE0JPEG");
  EXPECT_TRUE(mail->automatic.empty());
}

TEST(MailParser, Big5QuotedPrintableAndHtmlOnlyBodies) {
  std::string qp;
  for (unsigned char c : kBig5Word) {
    char hex[4];
    std::snprintf(hex, sizeof hex, "=%02X", c);
    qp += hex;
  }
  auto big5 = ParseMail("From: a@b.tw\r\nSubject: =?big5?Q?" + qp +
                            "?=\r\nContent-Type: text/plain; charset=big5\r\n"
                            "Content-Transfer-Encoding: quoted-printable\r\n\r\n" +
                            qp + "\r\n",
                        {});
  ASSERT_TRUE(big5.ok());
  EXPECT_EQ(big5->subject, "質量問題");
  EXPECT_EQ(big5->text, "質量問題");

  auto html = ParseMail(
      "From: a@b.c\r\nSubject: html\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
      "<html><head><style>p{color:red}</style><script>alert(1)</script></head>"
      "<body><p>快递&amp;包装</p><div>破损&#x4E86;&nbsp;!</div></body></html>\r\n",
      {});
  ASSERT_TRUE(html.ok());
  EXPECT_EQ(html->text, "快递&包装\n破损了 !");
}

TEST(MailParser, DamagedAndHostileInputNeverCrashes) {
  // Not a message at all.
  EXPECT_EQ(ParseMail("", {}).status().field(), "message");
  EXPECT_FALSE(ParseMail("just some words without any header", {}).ok());
  // A multipart cut off in the middle keeps what could be read.
  auto truncated = ParseMail(
      "From: a@b.c\r\nSubject: cut\r\nContent-Type: multipart/mixed; boundary=Q\r\n\r\n"
      "--Q\r\nContent-Type: text/plain\r\n\r\nfirst part\r\n--Q\r\nContent-Type: text/pl",
      {});
  ASSERT_TRUE(truncated.ok());
  EXPECT_EQ(truncated->text, "first part");
  // An unknown charset: the bytes are used if they are UTF-8.
  auto unknown = ParseMail(
      "From: a@b.c\r\nSubject: s\r\nContent-Type: text/plain; charset=x-klingon\r\n\r\n猫粮\r\n",
      {});
  ASSERT_TRUE(unknown.ok());
  EXPECT_EQ(unknown->text, "猫粮");
  // A 50 MB attachment is listed with its size, not kept.
  std::string big(50 << 20, 'A');
  auto huge = ParseMail(
      "From: a@b.c\r\nSubject: big\r\nContent-Type: multipart/mixed; boundary=Z\r\n\r\n"
      "--Z\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n"
      "--Z\r\nContent-Type: application/zip\r\nContent-Disposition: attachment; filename=a.zip\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\n" +
          big + "\r\n--Z--\r\n",
      MailParseOptions{10 << 20});
  ASSERT_TRUE(huge.ok());
  ASSERT_EQ(huge->attachments.size(), 1u);
  EXPECT_FALSE(huge->attachments[0].stored);
  EXPECT_GT(huge->attachments[0].size_bytes, 30 << 20);
  EXPECT_TRUE(huge->attachments[0].content.empty());
}

TEST(MailParser, RecognisesBouncesAndAutoReplies) {
  auto bounce = ParseMail(
      "From: MAILER-DAEMON@mx.example\r\nSubject: Undelivered Mail Returned to Sender\r\n"
      "Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n"
      "--b\r\nContent-Type: text/plain\r\n\r\nfailed\r\n--b--\r\n",
      {});
  ASSERT_TRUE(bounce.ok());
  EXPECT_NE(bounce->automatic.find("delivery report"), std::string::npos);
  for (const std::string& headers : std::vector<std::string>{
           "Auto-Submitted: auto-replied\r\nSubject: hi\r\n", "X-Autoreply: yes\r\nSubject: hi\r\n",
           "Precedence: bulk\r\nSubject: hi\r\n",
           "Subject: =?UTF-8?B?" + Base64("自动回复：休假中") + "?=\r\n"}) {
    auto mail = ParseMail("From: a@b.c\r\n" + headers + "\r\nbody\r\n", {});
    ASSERT_TRUE(mail.ok());
    EXPECT_FALSE(mail->automatic.empty()) << headers;
  }
  auto person = ParseMail("From: a@b.c\r\nAuto-Submitted: no\r\nSubject: 投诉\r\n\r\nbody\r\n", {});
  EXPECT_TRUE(person->automatic.empty());
}

class MailIntake : public ::testing::Test {
 protected:
  core::Result<d::MailResult> Ingest(const std::string& raw) {
    auto mail = ParseMail(raw, {});
    EXPECT_TRUE(mail.ok());
    return d::IngestMail(world.ctx()).Execute(d::SystemPrincipal(), *mail);
  }
  TestWorld world;
};

TEST_F(MailIntake, NewMailFilesAComplaintQueuesTheAcknowledgementAndThreadsReplies) {
  auto created = Ingest(GbkMessage("m1@example.com"));
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  ASSERT_EQ(created->outcome, d::MailOutcome::kCreated);
  const std::string ref = created->reference;
  std::string ack_id;
  EXPECT_TRUE(world.ctx()
                  .store
                  .Read([&](d::Repositories& repos) {
                    auto c = repos.complaints().FindByReference(ref);
                    EXPECT_EQ(c->channel, d::Channel::kEmail);
                    EXPECT_EQ(c->title, "猫粮投诉");
                    EXPECT_FALSE(c->acknowledged_at.has_value())
                        << "set when the acknowledgement is sent";
                    auto customer = repos.customers().FindByEmail("zhangsan@example.com");
                    EXPECT_EQ(c->customer_id, customer->id);
                    EXPECT_EQ(repos.mail().AttachmentsOf(c->id).size(), 1u);
                    auto outbox = repos.mail().Due(world.clock().Now(), 10);
                    EXPECT_EQ(outbox.size(), 1u);
                    EXPECT_EQ(outbox[0].to, "zhangsan@example.com");
                    EXPECT_NE(outbox[0].subject.find(ref), std::string::npos);
                    EXPECT_NE(outbox[0].body.find("24"), std::string::npos)
                        << "the response promise";
                    EXPECT_EQ(outbox[0].in_reply_to, "m1@example.com");
                    ack_id = outbox[0].message_id;
                    return core::Status::Ok();
                  })
                  .ok());
  // The same message again (an MTA retry) creates nothing.
  auto again = Ingest(GbkMessage("m1@example.com"));
  EXPECT_EQ(again->outcome, d::MailOutcome::kDuplicate);
  // A reply to our acknowledgement, without the reference in the subject.
  auto reply = Ingest(
      "From: zhangsan@example.com\r\nSubject: Re: thanks\r\nMessage-ID: <m2@x>\r\n"
      "In-Reply-To: <" +
      ack_id + ">\r\n\r\n照片已补充\r\n");
  EXPECT_EQ(reply->outcome, d::MailOutcome::kReplyAdded);
  EXPECT_EQ(reply->reference, ref);
  // A reply quoting the reference number in the subject, from the customer's address.
  auto by_subject = Ingest("From: ZhangSan@example.com\r\nSubject: 关于 " + ref +
                           " 的补充\r\n\r\n还有一个问题\r\n");
  EXPECT_EQ(by_subject->outcome, d::MailOutcome::kReplyAdded);
  // The same from anybody else proves nothing: it is held for review (issue 12, item 4).
  auto stranger =
      Ingest("From: other@example.com\r\nSubject: 关于 " + ref + " 的补充\r\n\r\n假的补充\r\n");
  EXPECT_EQ(stranger->outcome, d::MailOutcome::kHeld);
  EXPECT_TRUE(world.ctx()
                  .store
                  .Read([&](d::Repositories& repos) {
                    auto c = repos.complaints().FindByReference(ref);
                    auto notes = repos.notes().ListForComplaint(c->id);
                    EXPECT_EQ(notes.size(), 3u);
                    EXPECT_NE(notes[0].body.find("照片已补充"), std::string::npos);
                    EXPECT_EQ(notes[0].visibility, d::NoteVisibility::kPublic);
                    EXPECT_EQ(notes[1].visibility, d::NoteVisibility::kPublic);
                    EXPECT_EQ(notes[2].visibility, d::NoteVisibility::kInternal)
                        << "held, staff only";
                    EXPECT_FALSE(c->first_response_at.has_value())
                        << "a customer's note is not our response";
                    EXPECT_EQ(repos.complaints().List(d::ComplaintQuery{}, world.admin).size(), 1u);
                    return core::Status::Ok();
                  })
                  .ok());
}

// Issue 12, item 4: any sender with "Re: [CL-…]" in the subject wrote into any complaint.
TEST_F(MailIntake, AnyEmailSenderCouldWriteIntoAnyComplaint) {
  auto first = Ingest(
      "From: a@example.com\r\nSubject: 猫粮\r\nMessage-ID: <a1@x>\r\n\r\n"
      "猫粮发霉了，要求退款\r\n");
  auto second = Ingest(
      "From: b@example.com\r\nSubject: 猫砂\r\nMessage-ID: <b1@x>\r\n\r\n"
      "猫砂盆破裂\r\n");
  ASSERT_EQ(first->outcome, d::MailOutcome::kCreated);
  const std::string ref = first->reference;
  EXPECT_TRUE(world.ctx()
                  .store
                  .Write([&](d::Repositories& repos) {
                    auto c = repos.complaints().FindByReference(ref);
                    c->assignee_id = world.east_agent.user_id;
                    repos.complaints().Update(*c);
                    return core::Status::Ok();
                  })
                  .ok());
  auto notes_of = [&](const std::string& reference) {
    std::vector<d::Note> notes;
    EXPECT_TRUE(world.ctx()
                    .store
                    .Read([&](d::Repositories& repos) {
                      notes = repos.notes().ListForComplaint(
                          repos.complaints().FindByReference(reference)->id);
                      return core::Status::Ok();
                    })
                    .ok());
    return notes;
  };
  // A stranger and another customer are held for review, and the assignee is told.
  EXPECT_EQ(
      Ingest("From: stranger@evil.example\r\nSubject: Re: [" + ref + "]\r\n\r\n我同意撤诉\r\n")
          ->outcome,
      d::MailOutcome::kHeld);
  EXPECT_EQ(Ingest("From: b@example.com\r\nSubject: Re: [" + ref + "]\r\n\r\n改地址\r\n")->outcome,
            d::MailOutcome::kHeld);
  auto held = notes_of(ref);
  ASSERT_EQ(held.size(), 2u);
  for (const d::Note& n : held) EXPECT_EQ(n.visibility, d::NoteVisibility::kInternal);
  // The customer's own reply is public and notifies the assignee too.
  EXPECT_EQ(
      Ingest("From: a@example.com\r\nSubject: Re: [" + ref + "]\r\n\r\n补充照片\r\n")->outcome,
      d::MailOutcome::kReplyAdded);
  EXPECT_EQ(notes_of(ref).back().visibility, d::NoteVisibility::kPublic);
  EXPECT_TRUE(world.ctx()
                  .store
                  .Read([&](d::Repositories& repos) {
                    auto notes =
                        repos.notifications().ListFor(world.east_agent.user_id, false, 0, 10);
                    EXPECT_EQ(notes.size(), 3u);
                    EXPECT_EQ(notes.front().kind, "customer_replied");
                    EXPECT_EQ(notes.back().kind, "reply_held");
                    return core::Status::Ok();
                  })
                  .ok());
  // A reply to a resolved complaint reopens it; to a closed one it files a follow-up.
  auto set_status = [&](d::ComplaintStatus status) {
    EXPECT_TRUE(world.ctx()
                    .store
                    .Write([&](d::Repositories& repos) {
                      auto c = repos.complaints().FindByReference(ref);
                      c->status = status;
                      repos.complaints().Update(*c);
                      return core::Status::Ok();
                    })
                    .ok());
  };
  set_status(d::ComplaintStatus::kResolved);
  auto reopened = Ingest("From: a@example.com\r\nSubject: Re: [" + ref + "]\r\n\r\n还是不行\r\n");
  EXPECT_EQ(reopened->outcome, d::MailOutcome::kReplyAdded);
  EXPECT_EQ(reopened->reason, "reopened");
  EXPECT_TRUE(world.ctx()
                  .store
                  .Read([&](d::Repositories& repos) {
                    auto c = repos.complaints().FindByReference(ref);
                    EXPECT_EQ(c->status, d::ComplaintStatus::kReopened);
                    EXPECT_EQ(c->reopen_count, 1);
                    return core::Status::Ok();
                  })
                  .ok());
  set_status(d::ComplaintStatus::kClosed);
  auto follow_up = Ingest("From: a@example.com\r\nSubject: Re: [" + ref + "]\r\n\r\n又坏了\r\n");
  EXPECT_EQ(follow_up->outcome, d::MailOutcome::kCreated);
  EXPECT_NE(follow_up->reference, ref);
  EXPECT_EQ(follow_up->reason, "follow-up of " + ref);
  EXPECT_NE(notes_of(ref).back().body.find(follow_up->reference), std::string::npos);
  (void)second;
}

// Issue 12, item 17: email complaints got no region, and the body's order number, batch
// number and phone were not picked up; what stayed unplaced reached nobody.
TEST_F(MailIntake, EmailComplaintsGotNoRegionOrOrderBatchAndPhone) {
  EXPECT_TRUE(
      world.ctx()
          .store
          .Write([&](d::Repositories& repos) {
            repos.trace().InsertBatch({0, "B2026-0324-14", world.product, "2026-03-24", "南通", 0});
            d::Order o;
            o.order_no = "SO20261101";
            o.store_id = world.east_store;
            o.ordered_at = world.clock().Now() - core::kDay;
            o.amount_cents = 8900;
            o.items.push_back({0, 1, world.product, std::nullopt, 1, 8900});
            o.created_at = o.ordered_at;
            repos.trace().InsertOrder(o);
            return core::Status::Ok();
          })
          .ok());
  auto with_order = Ingest(
      "From: li@example.com\r\nSubject: 猫粮有问题\r\nMessage-ID: <o1@x>\r\n\r\n"
      "订单号：SO20261101，批次 B2026-0324-14，猫吃了拉肚子。电话 13912345678\r\n");
  ASSERT_EQ(with_order->outcome, d::MailOutcome::kCreated);
  EXPECT_TRUE(world.ctx()
                  .store
                  .Read([&](d::Repositories& repos) {
                    auto c = repos.complaints().FindByReference(with_order->reference);
                    EXPECT_EQ(c->region_id, world.east) << "placed by the order's store";
                    EXPECT_TRUE(c->order_id.has_value());
                    EXPECT_TRUE(c->batch_id.has_value());
                    EXPECT_EQ(repos.customers().FindById(*c->customer_id)->phone, "13912345678");
                    return core::Status::Ok();
                  })
                  .ok());
  // The same sender again, without an order: placed where they complained before.
  auto again = Ingest(
      "From: li@example.com\r\nSubject: 还有\r\nMessage-ID: <o2@x>\r\n\r\n"
      "上次的猫砂也结块不好\r\n");
  // A stranger's mail with nothing to place it: the triage queue, seen by a scoped manager.
  auto unplaced = Ingest(
      "From: new@example.com\r\nSubject: 投诉\r\nMessage-ID: <o3@x>\r\n\r\n"
      "买的东西坏了\r\n");
  EXPECT_TRUE(
      world.ctx()
          .store
          .Read([&](d::Repositories& repos) {
            EXPECT_EQ(repos.complaints().FindByReference(again->reference)->region_id, world.east);
            EXPECT_FALSE(
                repos.complaints().FindByReference(unplaced->reference)->region_id.has_value());
            return core::Status::Ok();
          })
          .ok());
  d::ComplaintQuery triage;
  triage.triage = true;
  auto queue = d::ListComplaints(world.ctx()).Execute(world.east_manager, triage, "");
  ASSERT_TRUE(queue.ok());
  ASSERT_EQ(queue->items.size(), 1u);
  EXPECT_EQ(queue->items[0].complaint.reference, unplaced->reference);
  auto agent_view = d::ListComplaints(world.ctx()).Execute(world.east_agent, triage, "");
  EXPECT_EQ(agent_view->items.size(), 0u) << "agents do not work the triage queue";
}

TEST_F(MailIntake, BouncesAndAutoRepliesStoreNothing) {
  const std::string before = world.Snapshot();
  auto bounce = Ingest("From: postmaster@mx.example\r\nSubject: failure\r\n\r\nundeliverable\r\n");
  EXPECT_EQ(bounce->outcome, d::MailOutcome::kIgnored);
  auto away = Ingest("From: a@b.c\r\nSubject: Out of Office\r\n\r\naway\r\n");
  EXPECT_EQ(away->outcome, d::MailOutcome::kIgnored);
  EXPECT_EQ(world.Snapshot(), before);
}

// Fails the first `failures` sends, then succeeds.
struct FlakyTransport final : d::MailTransport {
  int failures = 0;
  std::vector<std::string> sent_to;
  core::Status Send(const std::string&, const d::OutgoingMail& mail) override {
    if (failures > 0) {
      --failures;
      return core::Status::Internal("SMTP: connection refused");
    }
    sent_to.push_back(mail.to);
    return core::Status::Ok();
  }
};

TEST_F(MailIntake, DeliveryRetriesWithBackoffAndSetsAcknowledgedAt) {
  auto created = Ingest(GbkMessage("m9@example.com"));
  FlakyTransport transport;
  transport.failures = 2;
  // The worker of SLA checks and routing leaves mail to the outbox's own worker.
  app::JobWorker other(world.ctx());
  ASSERT_TRUE(other.RunDue(100).ok());
  EXPECT_EQ(d::ManageJobs(world.ctx())
                .List(world.admin, {d::JobStatus::kDue, d::kMailSendJob, 10})
                ->at(0)
                .attempts,
            0);
  d::DeliverOutbox deliver(world.ctx(), transport);
  EXPECT_EQ(deliver.RunOnce()->retrying, 1);
  EXPECT_EQ(deliver.RunOnce()->sent, 0) << "not due again before the backoff";
  // The retry is a due job in the durable scheduler (it survives a restart).
  auto due =
      d::ManageJobs(world.ctx()).List(world.admin, {d::JobStatus::kDue, d::kMailSendJob, 10});
  ASSERT_TRUE(due.ok());
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ(due->at(0).run_at, world.clock().Now() + 30 * core::kSecond);
  world.clock().Advance(30 * core::kSecond);
  EXPECT_EQ(deliver.RunOnce()->retrying, 1);
  world.clock().Advance(30 * core::kSecond);
  EXPECT_EQ(deliver.RunOnce()->sent, 0) << "the second backoff is a minute";
  world.clock().Advance(30 * core::kSecond);
  EXPECT_EQ(deliver.RunOnce()->sent, 1);
  EXPECT_EQ(transport.sent_to, std::vector<std::string>{"zhangsan@example.com"});
  EXPECT_TRUE(world.ctx()
                  .store
                  .Read([&](d::Repositories& repos) {
                    auto c = repos.complaints().FindByReference(created->reference);
                    EXPECT_EQ(c->acknowledged_at, world.clock().Now());
                    auto all = repos.mail().List(10);
                    EXPECT_EQ(all[0].attempts, 3);
                    EXPECT_EQ(all[0].status, d::MailStatus::kSent);
                    return core::Status::Ok();
                  })
                  .ok());
}

TEST_F(MailIntake, DeliveryGivesUpAfterTheLastAttempt) {
  EXPECT_TRUE(Ingest(GbkMessage("m10@example.com")).ok());
  FlakyTransport transport;
  transport.failures = 100;
  d::DeliverOutbox deliver(world.ctx(), transport);
  int failed = 0;
  for (int i = 0; i < 10; ++i) {
    failed += deliver.RunOnce()->failed;
    world.clock().Advance(core::kHour);
  }
  EXPECT_EQ(failed, 1);
  EXPECT_TRUE(d::ManageJobs(world.ctx())
                  .List(world.admin, {d::JobStatus::kDue, d::kMailSendJob, 10})
                  ->empty())
      << "given up: nothing left due";
  EXPECT_TRUE(world.ctx()
                  .store
                  .Read([&](d::Repositories& repos) {
                    auto m = repos.mail().List(1).at(0);
                    EXPECT_EQ(m.status, d::MailStatus::kFailed);
                    EXPECT_EQ(m.attempts, world.ctx().config.mail_max_attempts);
                    EXPECT_EQ(m.last_error, "SMTP: connection refused");
                    return core::Status::Ok();
                  })
                  .ok());
}

TEST(SmtpMessage, HeadersCannotBeInjectedAndLongSubjectsAreFolded) {
  d::OutgoingMail m;
  m.to = "victim@example.com\r\nBcc: everyone@example.com";
  m.subject = std::string(40, 'x') + "猫粮发霉投诉受理通知猫粮发霉投诉受理通知";
  m.body = "hi";
  m.message_id = "id@x";
  std::string text = ingest::FormatMessage("a@b.c", m, 0);
  EXPECT_EQ(text.find("\r\nBcc:"), std::string::npos);
  size_t subject = text.find("Subject: ");
  size_t end = text.find("\r\nDate:");
  std::string header = text.substr(subject, end - subject);
  for (size_t start = 0; start < header.size();) {
    size_t next = header.find("\r\n", start);
    size_t len = (next == std::string::npos ? header.size() : next) - start;
    EXPECT_LE(len, 78u) << "folded subject line too long";
    start = next == std::string::npos ? header.size() : next + 2;
  }
  ingest::SmtpTransport transport({"smtp://127.0.0.1:1", "", "", false, 2});
  EXPECT_FALSE(transport.Send("a@b.c", m).ok()) << "an address with a line break is refused";
}

}  // namespace
}  // namespace closeloop::testing
