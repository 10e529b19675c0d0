// SQLite repositories for email: attachments, message-id threads and the outbox.
#include "domain/complaint/entities.h"
#include "domain/intake/entities.h"
#include "domain/model/ids.h"
#include "store/sqlite/query_helpers.h"
#include "store/sqlite/repositories.h"

namespace closeloop::store::sqlite {
namespace {

constexpr const char* kOutboxColumns =
    "id, complaint_id, purpose, to_sealed, subject, body, message_id, in_reply_to, status, "
    "attempts, next_attempt_at, last_error, created_at, sent_at";

const char* StatusText(domain::MailStatus s) {
  switch (s) {
    case domain::MailStatus::kQueued:
      return "queued";
    case domain::MailStatus::kSent:
      return "sent";
    case domain::MailStatus::kFailed:
      return "failed";
  }
  return "queued";
}

domain::MailStatus ParseStatus(const std::string& s) {
  if (s == "sent") return domain::MailStatus::kSent;
  if (s == "failed") return domain::MailStatus::kFailed;
  return domain::MailStatus::kQueued;
}

}  // namespace

Id SqliteMail::InsertAttachment(const domain::Attachment& a) {
  Query q(c_,
          "INSERT INTO complaint_attachments (complaint_id, filename, content_type, size_bytes, "
          "content, created_at) VALUES (?, ?, ?, ?, ?, ?)");
  q.Bind(a.complaint_id).Bind(a.filename).Bind(a.content_type).Bind(a.size_bytes);
  if (a.stored) {
    q.BindBlob(a.content);
  } else {
    q.BindNull();
  }
  q.Bind(a.created_at);
  q.Run();
  return c_.LastInsertId();
}

namespace {

constexpr const char* kAttachmentColumns =
    "id, complaint_id, filename, content_type, size_bytes, content IS NOT NULL, created_at";

domain::Attachment ReadAttachment(const Query& q) {
  domain::Attachment a;
  a.id = q.Int(0);
  a.complaint_id = q.Int(1);
  a.filename = q.Text(2);
  a.content_type = q.Text(3);
  a.size_bytes = q.Int(4);
  a.stored = q.Int(5) != 0;
  a.created_at = q.Int(6);
  return a;
}

}  // namespace

std::vector<domain::Attachment> SqliteMail::AttachmentsOf(Id complaint_id) {
  Query q(c_, std::string("SELECT ") + kAttachmentColumns +
                  " FROM complaint_attachments WHERE complaint_id = ? ORDER BY id");
  q.Bind(complaint_id);
  std::vector<domain::Attachment> out;
  while (q.Next()) out.push_back(ReadAttachment(q));
  return out;
}

std::optional<domain::Attachment> SqliteMail::FindAttachment(Id id) {
  return QueryOne<domain::Attachment>(c_,
                                      std::string("SELECT ") + kAttachmentColumns +
                                          ", content FROM complaint_attachments WHERE id = ?",
                                      id, [](const Query& q) {
                                        domain::Attachment a = ReadAttachment(q);
                                        a.content = q.Blob(7);
                                        return a;
                                      });
}

void SqliteMail::RecordThread(const std::string& message_id, Id complaint_id, bool outgoing,
                              UnixMillis at) {
  Query q(c_,
          "INSERT OR IGNORE INTO mail_threads (message_id, complaint_id, direction, created_at) "
          "VALUES (?, ?, ?, ?)");
  q.Bind(message_id).Bind(complaint_id).Bind(outgoing ? "out" : "in").Bind(at);
  q.Run();
}

std::optional<Id> SqliteMail::ComplaintOfMessage(const std::string& message_id) {
  return QueryOne<Id>(c_, "SELECT complaint_id FROM mail_threads WHERE message_id = ?", message_id,
                      [](const Query& q) { return q.Int(0); });
}

std::optional<std::pair<Id, bool>> SqliteMail::ThreadMessage(const std::string& message_id) {
  return QueryOne<std::pair<Id, bool>>(
      c_, "SELECT complaint_id, direction FROM mail_threads WHERE message_id = ?", message_id,
      [](const Query& q) { return std::make_pair(q.Int(0), q.Text(1) == "out"); });
}

namespace {

constexpr const char* kOutboundColumns =
    "SELECT o.id, o.complaint_id, coalesce(c.reference, ''), o.channel, o.purpose, o.body, "
    "o.status, o.created_at, o.delivered_at, o.customer_id FROM outbound_messages o "
    "LEFT JOIN complaints c ON c.id = o.complaint_id";

domain::OutboundMessage ReadOutbound(const Query& q) {
  domain::OutboundMessage m;
  m.id = q.Int(0);
  m.complaint_id = q.OptInt(1).value_or(0);
  m.reference = q.Text(2);
  m.channel = domain::ParseChannel(q.Text(3)).value_or(domain::Channel::kPhone);
  m.purpose = q.Text(4);
  m.body = q.Text(5);
  m.delivered = q.Text(6) == "delivered";
  m.created_at = q.Int(7);
  m.delivered_at = q.OptInt(8);
  m.customer_id = q.OptInt(9);
  return m;
}

}  // namespace

Id SqliteMail::EnqueueOutbound(const domain::OutboundMessage& m) {
  Query q(c_,
          "INSERT INTO outbound_messages (complaint_id, customer_id, channel, purpose, body, "
          "created_at) VALUES (?, ?, ?, ?, ?, ?)");
  q.Bind(m.complaint_id ? std::optional<Id>(m.complaint_id) : std::nullopt)
      .Bind(m.customer_id)
      .Bind(ToString(m.channel))
      .Bind(m.purpose)
      .Bind(m.body)
      .Bind(m.created_at);
  q.Run();
  return c_.LastInsertId();
}

std::vector<domain::OutboundMessage> SqliteMail::PendingOutbound(const std::string& channel,
                                                                 Id after_id, int limit,
                                                                 const Principal& scope) {
  std::vector<std::int64_t> params;
  const std::string condition = ScopeCondition(scope, params);
  std::string sql = std::string(kOutboundColumns) +
                    " WHERE o.status = 'pending' AND o.id > ? AND (? = '' OR o.channel = ?)";
  // A message with no complaint (a relationship survey) is for unscoped integrations only.
  if (!condition.empty()) sql += " AND o.complaint_id IS NOT NULL AND " + condition;
  sql += " ORDER BY o.id LIMIT ?";
  Query q(c_, sql);
  q.Bind(after_id).Bind(channel).Bind(channel);
  for (std::int64_t p : params) q.Bind(p);
  q.Bind(limit);
  std::vector<domain::OutboundMessage> out;
  while (q.Next()) out.push_back(ReadOutbound(q));
  return out;
}

std::optional<domain::OutboundMessage> SqliteMail::FindOutbound(Id id) {
  return QueryOne<domain::OutboundMessage>(c_, std::string(kOutboundColumns) + " WHERE o.id = ?",
                                           id, ReadOutbound);
}

void SqliteMail::MarkOutboundDelivered(Id id, UnixMillis at) {
  Query q(c_,
          "UPDATE outbound_messages SET status = 'delivered', delivered_at = ? WHERE id = ? AND "
          "status = 'pending'");
  q.Bind(at).Bind(id).Run();
}

domain::OutgoingMail SqliteMail::Read(const Query& q) {
  domain::OutgoingMail m;
  m.id = q.Int(0);
  m.complaint_id = q.OptInt(1);
  m.purpose = q.Text(2);
  m.to = cipher_.Open("email", q.Blob(3));
  m.subject = q.Text(4);
  m.body = q.Text(5);
  m.message_id = q.Text(6);
  m.in_reply_to = q.Text(7);
  m.status = ParseStatus(q.Text(8));
  m.attempts = static_cast<int>(q.Int(9));
  m.next_attempt_at = q.Int(10);
  m.last_error = q.Text(11);
  m.created_at = q.Int(12);
  m.sent_at = q.OptInt(13);
  return m;
}

Id SqliteMail::Enqueue(const domain::OutgoingMail& m) {
  Query q(c_,
          "INSERT INTO mail_outbox (complaint_id, purpose, to_sealed, subject, body, message_id, "
          "in_reply_to, status, attempts, next_attempt_at, last_error, created_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  q.Bind(m.complaint_id)
      .Bind(m.purpose)
      .BindBlob(cipher_.Seal("email", m.to))
      .Bind(m.subject)
      .Bind(m.body)
      .Bind(m.message_id)
      .Bind(m.in_reply_to)
      .Bind(StatusText(m.status))
      .Bind(m.attempts)
      .Bind(m.next_attempt_at)
      .Bind(m.last_error)
      .Bind(m.created_at);
  q.Run();
  return c_.LastInsertId();
}

std::optional<domain::OutgoingMail> SqliteMail::FindOutgoing(Id id) {
  Query q(c_, std::string("SELECT ") + kOutboxColumns + " FROM mail_outbox WHERE id = ?");
  q.Bind(id);
  if (!q.Next()) return std::nullopt;
  return Read(q);
}

std::vector<domain::OutgoingMail> SqliteMail::Due(UnixMillis now, int limit) {
  Query q(c_, std::string("SELECT ") + kOutboxColumns +
                  " FROM mail_outbox WHERE status = 'queued' AND next_attempt_at <= ? "
                  "ORDER BY next_attempt_at, id LIMIT ?");
  q.Bind(now).Bind(limit);
  std::vector<domain::OutgoingMail> out;
  while (q.Next()) out.push_back(Read(q));
  return out;
}

void SqliteMail::MarkSent(Id id, UnixMillis at) {
  Query q(c_,
          "UPDATE mail_outbox SET status = 'sent', attempts = attempts + 1, sent_at = ?, "
          "last_error = '' WHERE id = ?");
  q.Bind(at).Bind(id);
  q.Run();
}

void SqliteMail::MarkAttemptFailed(Id id, const std::string& error,
                                   std::optional<UnixMillis> retry_at) {
  Query q(c_,
          "UPDATE mail_outbox SET attempts = attempts + 1, last_error = ?, "
          "status = CASE WHEN ? IS NULL THEN 'failed' ELSE 'queued' END, "
          "next_attempt_at = coalesce(?, next_attempt_at) WHERE id = ?");
  q.Bind(error).Bind(retry_at).Bind(retry_at).Bind(id);
  q.Run();
}

std::vector<domain::OutgoingMail> SqliteMail::List(int limit) {
  Query q(c_,
          std::string("SELECT ") + kOutboxColumns + " FROM mail_outbox ORDER BY id DESC LIMIT ?");
  q.Bind(limit);
  std::vector<domain::OutgoingMail> out;
  while (q.Next()) out.push_back(Read(q));
  return out;
}

}  // namespace closeloop::store::sqlite
