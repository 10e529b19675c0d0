// Pushes outbound messages to channel integrations as signed webhooks, with libcurl: a JSON POST
// whose raw body is signed with HMAC-SHA256 under the intake source's secret.
#pragma once

#include <string>

#include "domain/intake/transport.h"

namespace closeloop::ingest {

// The JSON body of a delivery: {"id", "channel", "purpose", "complaint", "recipient", "body",
// "created_at"} (complaint null for a message about no complaint).
std::string WebhookBody(const domain::OutboundMessage& message);

// Thread-safe; one request per delivery, `timeout_seconds` at most (connect and transfer).
class CurlWebhookSender final : public domain::WebhookSender {
 public:
  CurlWebhookSender(domain::MessageAuthenticator& authenticator, long timeout_seconds = 5)
      : authenticator_(authenticator), timeout_seconds_(timeout_seconds) {}
  core::Status Send(const domain::WebhookDelivery& delivery) override;

 private:
  domain::MessageAuthenticator& authenticator_;
  long timeout_seconds_;
};

}  // namespace closeloop::ingest
