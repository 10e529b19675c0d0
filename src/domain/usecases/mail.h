// Email: inbound messages become complaints or customer notes on the complaint
// they answer; acknowledgements and notifications leave through the outbox, delivered with
// retries by DeliverOutbox over a MailTransport.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/usecases/context.h"

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

enum class MailOutcome { kCreated, kReplyAdded, kIgnored, kDuplicate };
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
  core::Result<MailResult> Execute(const Principal& who, InboundMail mail) const;

 private:
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

struct DeliveryReport {
  int sent = 0;
  int retrying = 0;  // failed now, will be tried again
  int failed = 0;    // gave up after the last attempt
};

class DeliverOutbox {
 public:
  DeliverOutbox(const Context& ctx, MailTransport& transport) : ctx_(ctx), transport_(transport) {}
  // Sends up to `limit` due messages. A failure is retried after 30 s, 1 min, 2 min… up to
  // config.mail_max_attempts, then marked failed. A sent acknowledgement sets the complaint's
  // acknowledged_at.
  core::Result<DeliveryReport> RunOnce(int limit = 100) const;

 private:
  const Context& ctx_;
  MailTransport& transport_;
};

}  // namespace closeloop::domain
