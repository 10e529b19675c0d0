#include "domain/intake/mail.h"

#include <algorithm>
#include <regex>

#include "core/text.h"
#include "core/time_format.h"
#include "domain/complaint/complaint_support.h"
#include "domain/complaint/create_complaint.h"
#include "domain/complaint/entities.h"
#include "domain/complaint/repository.h"
#include "domain/customer/entities.h"
#include "domain/customer/repository.h"
#include "domain/intake/entities.h"
#include "domain/intake/repository.h"
#include "domain/intake/transport.h"
#include "domain/jobs/entities.h"
#include "domain/jobs/repository.h"
#include "domain/model/ids.h"
#include "domain/notify/notify.h"
#include "domain/sla/sla_timers.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

using core::Status;

namespace {

// The complaint a message answers, and whether the answer is proven: its In-Reply-To or
// References name a message we sent (only its recipients know that id). A reference number in
// the subject proves nothing: anybody can type one.
struct Thread {
  Complaint complaint;
  bool proven = false;
};

std::optional<Thread> FindThread(Repositories& repos, const InboundMail& mail) {
  for (const std::string& id : mail.references) {
    if (auto entry = repos.mail().ThreadMessage(id)) {
      if (auto c = repos.complaints().FindById(entry->first)) return Thread{*c, entry->second};
    }
  }
  static const std::regex kReference(R"(CL-\d{8}-\d{6})", std::regex::icase);
  std::smatch match;
  if (std::regex_search(mail.subject, match, kReference)) {
    if (auto c = repos.complaints().FindByReference(core::AsciiUpper(match.str()))) {
      return Thread{*c, false};
    }
  }
  return std::nullopt;
}

// Whether the sender is the complaint's customer: one of the addresses we know for them.
bool FromTheCustomer(Repositories& repos, const Complaint& c, const std::string& folded_from) {
  if (!c.customer_id || folded_from.empty()) return false;
  auto customer = repos.customers().FindById(*c.customer_id);
  return customer && customer->email == folded_from;
}

// What an email body says about the order, batch and phone (R-1.6): "订单号 2026112212345",
// "order no. SO-88812", "批次 B2026-0324-14", "batch B2026-0311", and a mainland mobile number.
struct MailFacts {
  std::string order_no, batch_no, phone;
};

// (std::regex works on bytes: Chinese words are alternatives, never a class or an optional
// character.)
MailFacts FactsOf(const std::string& text) {
  static const std::regex kOrder(
      R"((?:订单编号|订单号|订单|order\s*(?:no\.?|number|#)?)\s*(?:[:#]|：)?\s*([A-Za-z0-9][A-Za-z0-9-]{5,31}))",
      std::regex::icase);
  static const std::regex kBatch(
      R"((?:批次号|批次|批号|batch\s*(?:no\.?)?)\s*(?:[:#]|：)?\s*([A-Za-z0-9][A-Za-z0-9-]{3,31}))",
      std::regex::icase);
  static const std::regex kMobile(R"((?:^|[^0-9])(1[3-9][0-9]{9})(?:[^0-9]|$))");
  MailFacts f;
  std::smatch m;
  // A number has digits: "order arrived" names no order.
  auto with_digit = [](const std::string& s) {
    return s.find_first_of("0123456789") != std::string::npos ? s : std::string();
  };
  if (std::regex_search(text, m, kOrder)) f.order_no = with_digit(m[1].str());
  if (std::regex_search(text, m, kBatch)) f.batch_no = with_digit(m[1].str());
  if (std::regex_search(text, m, kMobile)) f.phone = m[1].str();
  return f;
}

NewComplaint ComplaintFrom(const InboundMail& mail, const DomainConfig& config) {
  NewComplaint in;
  in.channel = Channel::kEmail;
  in.external_id = core::Utf8Prefix(mail.message_id, 128);
  in.title = core::Utf8Prefix(core::Trim(mail.subject), config.max_title_chars);
  std::string text = core::Trim(mail.text);
  // Mail bodies carry form feeds and stray NULs; complaint text holds none.
  for (char& ch : text) {
    const auto u = static_cast<unsigned char>(ch);
    if ((u < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') || u == 0x7f) ch = ' ';
  }
  if (core::Utf8Length(text) > config.max_text_chars) {
    text = core::Utf8Prefix(text, config.max_text_chars - 20) + "\n…(truncated)";
  }
  if (text.empty()) text = in.title.empty() ? "(empty message)" : in.title;
  in.description = text;
  const MailFacts facts = FactsOf(in.title + "\n" + text);
  in.order_ref = facts.order_no;  // linked when it names a known order
  in.batch_no = facts.batch_no;   // kept only when it names a known batch (see Execute)
  if (!mail.from_email.empty() || !mail.from_name.empty()) {
    CustomerInput customer;
    customer.name = core::Utf8Prefix(core::Trim(mail.from_name), 100);
    customer.email = mail.from_email;
    customer.phone = facts.phone;
    in.customer = customer;
  }
  return in;
}

}  // namespace

const char* ToString(MailOutcome outcome) {
  switch (outcome) {
    case MailOutcome::kCreated:
      return "created";
    case MailOutcome::kReplyAdded:
      return "reply_added";
    case MailOutcome::kIgnored:
      return "ignored";
    case MailOutcome::kDuplicate:
      return "duplicate";
    case MailOutcome::kHeld:
      return "held_for_review";
  }
  return "created";
}

OutgoingMail AcknowledgementFor(const Complaint& complaint, const std::string& to,
                                const std::string& in_reply_to, const DomainConfig& config,
                                UnixMillis now) {
  OutgoingMail m;
  m.complaint_id = complaint.id;
  m.purpose = "acknowledgement";
  m.to = to;
  m.subject = "[" + complaint.reference + "] 您的投诉已受理 / We have received your complaint";
  const std::string hours = std::to_string(config.response_promise_hours);
  m.body = "您好，\n\n我们已收到您的投诉「" + complaint.title + "」，受理编号 " +
           complaint.reference + "。我们将在 " + hours +
           " 小时内给您答复。回复本邮件即可补充信息，请保留主题中的编号。\n\n"
           "Hello,\n\nWe have received your complaint \"" +
           complaint.title + "\", reference " + complaint.reference + ". We will respond within " +
           hours +
           " hours. Reply to this email to add information; please keep the reference in the "
           "subject.\n";
  m.message_id =
      "ack." + complaint.reference + "." + std::to_string(now) + "@" + config.mail_domain;
  m.in_reply_to = in_reply_to;
  m.next_attempt_at = now;
  m.created_at = now;
  return m;
}

void IngestMail::AddMailNote(Repositories& repos, const Principal& who, const Complaint& c,
                             const InboundMail& mail, const std::string& text,
                             NoteVisibility visibility, const std::string& heading) const {
  Note note;
  note.complaint_id = c.id;
  note.visibility = visibility;
  note.body = heading;
  if (!mail.from_email.empty() && !text.empty()) note.body += " (" + mail.from_email + ")";
  if (!text.empty()) note.body += ":\n" + text;
  note.created_at = ctx_.clock.Now();
  repos.notes().Insert(note);
  ComplaintEvent added;
  added.complaint_id = c.id;
  added.kind = EventKind::kNoteAdded;
  added.note = note.body;
  added.changes.push_back({"visibility", "", ToString(visibility)});
  AppendEvent(repos, ctx_, who, added);
}

void IngestMail::KeepAttachments(Repositories& repos, const InboundMail& mail, Id complaint_id,
                                 UnixMillis now) const {
  for (Attachment a : mail.attachments) {
    a.complaint_id = complaint_id;
    a.created_at = now;
    repos.mail().InsertAttachment(a);
  }
}

core::Status IngestMail::ReopenOnReply(Repositories& repos, const Principal& who, Complaint& c,
                                       UnixMillis now) const {
  ComplaintEvent moved;
  moved.complaint_id = c.id;
  moved.kind = EventKind::kTransitioned;
  moved.from_status = c.status;
  moved.to_status = ComplaintStatus::kReopened;
  moved.note = "客户邮件回复后重新打开 / Reopened by the customer's reply";
  c.status = ComplaintStatus::kReopened;
  ++c.reopen_count;
  c.resolved_at.reset();
  c.closed_at.reset();
  c.updated_at = now;
  repos.complaints().Update(c);
  AppendEvent(repos, ctx_, who, moved);
  ComplaintChange change{ChangeKind::kStatusChanged, c, who, now};
  change.from_status = *moved.from_status;
  change.previous_assignee = c.assignee_id;
  return PublishChange(repos, ctx_, change);
}

core::Result<MailResult> IngestMail::Execute(const Principal& who, InboundMail mail) const {
  if (!mail.automatic.empty()) return MailResult{MailOutcome::kIgnored, "", mail.automatic};
  NewComplaint input = ComplaintFrom(mail, ctx_.config);
  CreateComplaint create(ctx_);
  Status prepared = create.Prepare(who, input);
  if (!prepared.ok() && prepared.field().rfind("customer.", 0) == 0) {
    input.customer.reset();  // an unusable sender address: file without a customer
    prepared = create.Prepare(who, input);
  }
  if (!prepared.ok()) return prepared;

  MailResult result;
  Status status = ctx_.store.Write([&](Repositories& repos) -> Status {
    const UnixMillis now = ctx_.clock.Now();
    if (!mail.message_id.empty()) {
      if (auto known = repos.mail().ComplaintOfMessage(mail.message_id)) {
        auto c = repos.complaints().FindById(*known);
        result = {MailOutcome::kDuplicate, c ? c->reference : "", "message seen before"};
        return Status::Ok();
      }
    }
    if (auto thread = FindThread(repos, mail)) {
      const std::string from = input.customer ? input.customer->email : "";
      Complaint& c = thread->complaint;
      const bool trusted = thread->proven || FromTheCustomer(repos, c, from);
      if (!trusted) {
        // Held for review: staff see it (internal), the customer's timeline does not.
        AddMailNote(repos, who, c, mail, input.description, NoteVisibility::kInternal,
                    "待核实的邮件回复（发件人未验证）/ Reply held for review: sender not verified");
        if (c.assignee_id) {
          NotifyUser(repos, ctx_, *c.assignee_id, c, "reply_held",
                     from.empty() ? std::string("(no address)") : from);
        }
        result = {MailOutcome::kHeld, c.reference, "sender not verified"};
        return Status::Ok();
      }
      const bool finished = c.status == ComplaintStatus::kResolved ||
                            c.status == ComplaintStatus::kClosed ||
                            c.status == ComplaintStatus::kRejected;
      const std::string& policy = c.status == ComplaintStatus::kResolved
                                      ? ctx_.config.reply_after_resolved
                                      : ctx_.config.reply_after_closed;
      if (finished && policy == "follow_up") {
        input.title = core::Utf8Prefix("跟进 / Follow-up " + c.reference + " " + input.title,
                                       ctx_.config.max_title_chars);
        input.order_ref = c.order_ref;
        if (c.product_id) input.product_id = c.product_id;
        if (c.region_id && !c.store_id) input.region_id = c.region_id;
        if (c.store_id) input.store_id = c.store_id;
        auto follow_up = create.FileWithin(repos, who, input);
        if (!follow_up.ok()) return follow_up.status();
        AddMailNote(repos, who, c, mail, "", NoteVisibility::kInternal,
                    "客户回复已结案投诉，已新建跟进投诉 / The customer replied; follow-up " +
                        follow_up->reference);
        KeepAttachments(repos, mail, follow_up->id, now);
        if (!mail.message_id.empty())
          repos.mail().RecordThread(mail.message_id, follow_up->id, false, now);
        result = {MailOutcome::kCreated, follow_up->reference, "follow-up of " + c.reference};
        return Status::Ok();
      }
      if (finished) CL_RETURN_IF_ERROR(ReopenOnReply(repos, who, c, now));
      AddMailNote(repos, who, c, mail, input.description, NoteVisibility::kPublic,
                  "客户邮件回复 / Customer replied by email");
      KeepAttachments(repos, mail, c.id, now);
      if (!mail.message_id.empty()) repos.mail().RecordThread(mail.message_id, c.id, false, now);
      if (c.assignee_id) {
        NotifyUser(repos, ctx_, *c.assignee_id, c, "customer_replied",
                   finished ? std::string("reopened / 已重新打开") : std::string());
      }
      result = {MailOutcome::kReplyAdded, c.reference, finished ? "reopened" : ""};
      return Status::Ok();
    }
    if (!input.batch_no.empty() && !repos.trace().FindBatchByNo(input.batch_no)) {
      input.batch_no.clear();  // words after 批次 that name no batch of ours
    }
    // Place it: the order's store does (in FileWithin); else where the customer complained
    // before. What stays unplaced waits in the triage queue (complaint.triage).
    if (!input.region_id && !input.store_id && input.customer) {
      std::optional<Customer> known;
      if (!input.customer->email.empty())
        known = repos.customers().FindByEmail(input.customer->email);
      if (!known && !input.customer->phone.empty()) {
        known = repos.customers().FindByPhone(input.customer->phone);
      }
      if (known) {
        for (const Complaint& earlier : repos.complaints().ListForCustomer(known->id, 20)) {
          if (earlier.store_id) {
            input.store_id = earlier.store_id;
            break;
          }
          if (earlier.region_id) {
            input.region_id = earlier.region_id;
            break;
          }
        }
      }
    }
    auto filed = create.FileWithin(repos, who, input);
    if (!filed.ok()) return filed.status();
    KeepAttachments(repos, mail, filed->id, now);
    if (!mail.message_id.empty()) repos.mail().RecordThread(mail.message_id, filed->id, false, now);
    if (input.customer && !input.customer->email.empty()) {
      OutgoingMail ack =
          AcknowledgementFor(*filed, input.customer->email, mail.message_id, ctx_.config, now);
      QueueMail(repos, ack);
      repos.mail().RecordThread(ack.message_id, filed->id, true, now);
    }
    result = {MailOutcome::kCreated, filed->reference, ""};
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return result;
}

core::Result<Attachment> GetAttachment::Execute(const Principal& who,
                                                const std::string& complaint_key,
                                                Id attachment_id) const {
  if (!ctx_.policy.Allows(who, Permission::kComplaintRead)) {
    return Status::Denied("your role may not read complaints");
  }
  Attachment found;
  CL_RETURN_IF_ERROR(ctx_.store.Read([&](Repositories& repos) -> Status {
    auto complaint = LoadVisibleComplaint(repos, ctx_, who, complaint_key);
    if (!complaint.ok()) return complaint.status();
    auto attachment = repos.mail().FindAttachment(attachment_id);
    if (!attachment || attachment->complaint_id != complaint->id) {
      return Status::NotFound("no attachment " + std::to_string(attachment_id));
    }
    if (!attachment->stored) {
      return Status::NotFound("attachment " + std::to_string(attachment_id) +
                              " was over the size limit and was not kept");
    }
    found = std::move(*attachment);
    return Status::Ok();
  }));
  return found;
}

Id QueueMail(Repositories& repos, const OutgoingMail& mail) {
  const Id id = repos.mail().Enqueue(mail);
  Job job;
  job.kind = kMailSendJob;
  job.key = "mail:" + std::to_string(id);
  job.payload = std::to_string(id);
  job.run_at = mail.next_attempt_at;
  job.created_at = mail.created_at;
  repos.jobs().Schedule(job);
  return id;
}

namespace {

std::optional<Id> MailIdOf(const Job& job) {
  try {
    return std::stoll(job.payload);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace

Status MailSendHandler::Prepare(const Job& job) {
  const std::optional<Id> id = MailIdOf(job);
  if (!id) return Status::Invalid("payload", "a mail.send payload is an outbox id");
  std::optional<OutgoingMail> mail;
  CL_RETURN_IF_ERROR(ctx_.store.Read([&](Repositories& repos) {
    mail = repos.mail().FindOutgoing(*id);
    return Status::Ok();
  }));
  sent_.erase(job.id);
  if (!mail || mail->status != MailStatus::kQueued) return Status::Ok();  // nothing to send
  sent_[job.id] = transport_.Send(ctx_.config.mail_from, *mail);
  return Status::Ok();
}

Status MailSendHandler::Run(const Job& job, Repositories& repos, JobFollowUp& follow_up) {
  auto outcome = sent_.find(job.id);
  if (outcome == sent_.end()) return Status::Ok();  // already sent, failed or gone
  const Status sent = outcome->second;
  sent_.erase(outcome);
  auto m = repos.mail().FindOutgoing(*MailIdOf(job));
  if (!m) return Status::Ok();
  const UnixMillis now = ctx_.clock.Now();
  if (!sent.ok()) {
    const int attempt = m->attempts + 1;
    std::optional<UnixMillis> retry;
    if (attempt < ctx_.config.mail_max_attempts) {
      retry = now + JobRunner::Backoff(attempt);  // the scheduler's own backoff
      ++report.retrying;
    } else {
      ++report.failed;
    }
    repos.mail().MarkAttemptFailed(m->id, sent.message(), retry);
    follow_up.run_again_at = retry;
    return Status::Ok();
  }
  repos.mail().MarkSent(m->id, now);
  ++report.sent;
  if (m->purpose == "acknowledgement" && m->complaint_id) {
    auto c = repos.complaints().FindById(*m->complaint_id);
    if (c && !c->acknowledged_at) {
      c->acknowledged_at = now;
      c->updated_at = now;
      repos.complaints().Update(*c);
      ComplaintEvent acked;
      acked.complaint_id = c->id;
      acked.kind = EventKind::kUpdated;
      acked.note = "acknowledgement sent by email";
      acked.changes.push_back({"acknowledged_at", "", core::FormatIso8601(now)});
      AppendEvent(repos, ctx_, SystemPrincipal(), acked);
    }
  }
  return Status::Ok();
}

DeliverOutbox::DeliverOutbox(const Context& ctx, MailTransport& transport)
    : handler_(ctx, transport), runner_(ctx, "outbox") {
  runner_.Register(kMailSendJob, handler_);
}

core::Result<DeliveryReport> DeliverOutbox::RunOnce(int limit) {
  handler_.report = {};
  auto ran = runner_.RunDue(limit);
  if (!ran.ok()) return ran.status();
  return handler_.report;
}

}  // namespace closeloop::domain
