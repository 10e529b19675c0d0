// Storage of intake sources and of email: threading, attachments and the outbox.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/complaint/entities.h"
#include "domain/intake/entities.h"
#include "domain/model/ids.h"
#include "domain/org/policy.h"

namespace closeloop::domain {

class IntakeSourceRepository {
 public:
  virtual ~IntakeSourceRepository() = default;
  virtual Id Insert(const IntakeSource& source) = 0;
  virtual std::optional<IntakeSource> FindByName(const std::string& name) = 0;
  virtual std::vector<IntakeSource> List() = 0;
  virtual void Deactivate(Id id) = 0;
  virtual std::optional<IntakeSource> FindById(Id id) = 0;
  // Replaces everything but the name and creation time.
  virtual void Update(const IntakeSource& source) = 0;
};

// Email: attachments of complaints, message-id threading, and the outbox.
class MailRepository {
 public:
  virtual ~MailRepository() = default;
  virtual Id InsertAttachment(const Attachment& attachment) = 0;
  // Attachments without their content.
  virtual std::vector<Attachment> AttachmentsOf(Id complaint_id) = 0;
  virtual std::optional<Attachment> FindAttachment(Id id) = 0;  // with content
  virtual void RecordThread(const std::string& message_id, Id complaint_id, bool outgoing,
                            UnixMillis at) = 0;
  virtual std::optional<Id> ComplaintOfMessage(const std::string& message_id) = 0;
  virtual Id EnqueueOutbound(const OutboundMessage& message) = 0;
  // Pending messages of a channel (any when empty) on complaints in the principal's scope,
  // oldest first, after `after_id`; with reference and complaint's customer id in recipient.
  virtual std::vector<OutboundMessage> PendingOutbound(const std::string& channel, Id after_id,
                                                       int limit, const Principal& scope) = 0;
  virtual std::optional<OutboundMessage> FindOutbound(Id id) = 0;
  virtual void MarkOutboundDelivered(Id id, UnixMillis at) = 0;
  // The complaint of a message and whether it is one we sent (which only its recipients know).
  virtual std::optional<std::pair<Id, bool>> ThreadMessage(const std::string& message_id) = 0;
  virtual Id Enqueue(const OutgoingMail& mail) = 0;
  // Queued mail due at `now`, oldest first.
  virtual std::vector<OutgoingMail> Due(UnixMillis now, int limit) = 0;
  virtual void MarkSent(Id id, UnixMillis at) = 0;
  // Records a failed attempt; the mail is retried at `retry_at`, or marked failed when empty.
  virtual void MarkAttemptFailed(Id id, const std::string& error,
                                 std::optional<UnixMillis> retry_at) = 0;
  virtual std::vector<OutgoingMail> List(int limit) = 0;
  virtual std::optional<OutgoingMail> FindOutgoing(Id id) = 0;
};

}  // namespace closeloop::domain
