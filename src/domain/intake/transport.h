// Signing of webhook payloads and the sending of mail (adapters implement them).
#pragma once

#include <string>

#include "core/status.h"
#include "domain/intake/entities.h"

namespace closeloop::domain {

// Message authentication for webhooks: HMAC-SHA256.
class MessageAuthenticator {
 public:
  virtual ~MessageAuthenticator() = default;
  // Lower-case hex HMAC-SHA256 of `message` under `key`.
  virtual std::string Sign(const std::string& key, const std::string& message) = 0;
  // Constant-time check of a hex signature.
  virtual bool Verify(const std::string& key, const std::string& message,
                      const std::string& hex_signature) = 0;
};

// Delivers one message (SMTP in production). Returns an error Status when delivery failed; the
// caller decides whether to retry.
class MailTransport {
 public:
  virtual ~MailTransport() = default;
  virtual core::Status Send(const std::string& from, const OutgoingMail& mail) = 0;
};

// One push of an outbound message to its channel's integration: POSTed as JSON to `url`, the
// body signed with the source's secret (header X-Closeloop-Signature: sha256=<hex HMAC-SHA256>,
// the scheme the intake webhooks use the other way round).
struct WebhookDelivery {
  std::string url;
  std::string secret;
  OutboundMessage message;  // with its recipient and the complaint's reference
};

// Sends deliveries (an HTTP client in production). Ok when the receiver answered 2xx; an error
// Status otherwise (the caller retries).
class WebhookSender {
 public:
  virtual ~WebhookSender() = default;
  virtual core::Status Send(const WebhookDelivery& delivery) = 0;
};

}  // namespace closeloop::domain
