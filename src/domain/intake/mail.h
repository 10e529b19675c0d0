// Email: inbound messages become complaints or customer notes on the complaint
// they answer; acknowledgements and notifications leave through the outbox, each message with a
// "mail.send" job in the durable scheduler that delivers it over a MailTransport and retries.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/complaint/entities.h"
#include "domain/context.h"
#include "domain/intake/entities.h"
#include "domain/intake/transport.h"
#include "domain/jobs/entities.h"
#include "domain/jobs/jobs.h"
#include "domain/model/ids.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

// A parsed inbound message (ingest/mail_parser.h makes these from RFC 822 bytes).
struct InboundMail {
  std::string message_id;               // without angle brackets; may be empty
  std::vector<std::string> references;  // In-Reply-To, then References, newest first
  std::string from_name;
  std::string from_email;
  std::string subject;  // decoded
  std::string text;     // the body as plain UTF-8 (HTML-only bodies converted)
  std::vector<Attachment> attachments;
  std::string automatic;  // why this is a bounce or an auto-reply; empty for a person's mail
};

enum class MailOutcome { kCreated, kReplyAdded, kIgnored, kDuplicate, kHeld };
const char* ToString(MailOutcome outcome);

struct MailResult {
  MailOutcome outcome = MailOutcome::kCreated;
  std::string reference;  // the complaint filed or answered
  std::string reason;     // for kIgnored / kDuplicate
};

class IngestMail {
 public:
  explicit IngestMail(const Context& ctx) : ctx_(ctx) {}
  // Files a new complaint (channel email, the sender as customer, attachments kept) and queues
  // the acknowledgement; or, when the message answers one of ours (a reference number in the
  // subject, or In-Reply-To / References naming a message of the complaint), adds it as a
  // customer-visible note. Bounces and auto-replies are ignored; a message seen before is a
  // duplicate. One transaction.
  //
  // A reply is added only when it is proven (it answers a message we sent) or comes from the
  // complaint's customer; anything else is held for review as an internal note and the assignee
  // is told. Every reply notifies the assignee. A reply to a resolved or closed complaint reopens
  // it or files a follow-up, as config.reply_after_resolved / reply_after_closed say.
  core::Result<MailResult> Execute(const Principal& who, InboundMail mail) const;

 private:
  void AddMailNote(Repositories& repos, const Principal& who, const Complaint& c,
                   const InboundMail& mail, const std::string& text, NoteVisibility visibility,
                   const std::string& heading) const;
  void KeepAttachments(Repositories& repos, const InboundMail& mail, Id complaint_id,
                       UnixMillis now) const;
  core::Status ReopenOnReply(Repositories& repos, const Principal& who, Complaint& c,
                             UnixMillis now) const;
  const Context& ctx_;
};

// The acknowledgement with the reference number and the response promise, in Chinese
// and English.
OutgoingMail AcknowledgementFor(const Complaint& complaint, const std::string& to,
                                const std::string& in_reply_to, const DomainConfig& config,
                                UnixMillis now);

// An attachment of a complaint the caller may see (complaint.read), with its bytes.
class GetAttachment {
 public:
  explicit GetAttachment(const Context& ctx) : ctx_(ctx) {}
  core::Result<Attachment> Execute(const Principal& who, const std::string& complaint_key,
                                   Id attachment_id) const;

 private:
  const Context& ctx_;
};

inline constexpr const char* kMailSendJob = "mail.send";

// Puts a message in the outbox with its delivery job (key "mail:<id>", due at once); inside the
// caller's unit of work. Returns the message's id.
Id QueueMail(Repositories& repos, const OutgoingMail& mail);

struct DeliveryReport {
  int sent = 0;
  int retrying = 0;  // failed now, will be tried again
  int failed = 0;    // gave up after the last attempt
};

// Runs "mail.send" jobs. Prepare sends (outside any transaction); Run records the outcome: sent
// (a sent acknowledgement sets the complaint's acknowledged_at), or a failed attempt retried
// after 30 s, 1 min, 2 min … up to config.mail_max_attempts, then marked failed. A crash between
// sending and recording sends the message again: delivery is at least once.
class MailSendHandler final : public JobHandler {
 public:
  MailSendHandler(const Context& ctx, MailTransport& transport)
      : ctx_(ctx), transport_(transport) {}
  core::Status Prepare(const Job& job) override;
  core::Status Run(const Job& job, Repositories& repos, JobFollowUp& follow_up) override;
  DeliveryReport report;  // outcomes since the last reset

 private:
  const Context& ctx_;
  MailTransport& transport_;
  std::map<Id, core::Status> sent_;  // job id -> what sending said, from Prepare to Run
};

// Delivers the outbox: a job runner that runs only mail jobs (the server runs it in its own
// thread, so mail never waits behind other work).
class DeliverOutbox {
 public:
  DeliverOutbox(const Context& ctx, MailTransport& transport);
  // Runs up to `limit` due mail jobs; what happened to them.
  core::Result<DeliveryReport> RunOnce(int limit = 100);

 private:
  MailSendHandler handler_;
  JobRunner runner_;
};

}  // namespace closeloop::domain
