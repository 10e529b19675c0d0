// Intake sources and email: outbound messages and the outbox.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/model/enums.h"
#include "domain/model/ids.h"

namespace closeloop::domain {

// A platform that posts complaints to /api/v1/intake/{name} (Tmall, JD, Douyin, Weibo…).
struct IntakeSource {
  Id id = 0;
  std::string name;  // URL segment, e.g. "tmall"
  Channel channel = Channel::kEcommerce;
  Id user_id = 0;      // complaints are filed as this user (role and scope apply)
  std::string secret;  // HMAC-SHA256 key; sealed at rest
  // Complaint field ("description", "customer.phone"…) -> JSON pointer into the payload.
  std::vector<std::pair<std::string, std::string>> mapping;
  bool active = true;
  // Where closeloop pushes the channel's outbound messages (replies, surveys) as signed
  // webhooks; "" = the integration fetches them (GET /api/v1/outbound-messages).
  std::string delivery_url;
  UnixMillis created_at = 0;
};

enum class MailStatus { kQueued, kSent, kFailed };

// One message in the outbox. `to` is personal data (sealed at rest).
// A message to a customer on a channel other than email, for the channel's integration to send.
struct OutboundMessage {
  Id id = 0;
  Id complaint_id = 0;            // 0: a message about no complaint (a relationship survey)
  std::optional<Id> customer_id;  // set when complaint_id is 0
  std::string reference;          // filled when read
  Channel channel = Channel::kPhone;
  std::string purpose;  // reply, update, survey
  std::string body;
  std::string recipient;  // filled when read: the phone, or the platform account
  bool delivered = false;
  UnixMillis created_at = 0;
  std::optional<UnixMillis> delivered_at;
};

struct OutgoingMail {
  Id id = 0;
  std::optional<Id> complaint_id;
  std::string purpose;  // "acknowledgement", "notification"
  std::string to;
  std::string subject;
  std::string body;
  std::string message_id;  // without angle brackets
  std::string in_reply_to;
  MailStatus status = MailStatus::kQueued;
  int attempts = 0;
  UnixMillis next_attempt_at = 0;
  std::string last_error;
  UnixMillis created_at = 0;
  std::optional<UnixMillis> sent_at;
};

}  // namespace closeloop::domain
