#include "ingest/webhook_sender.h"

#include <curl/curl.h>

#include <mutex>
#include <nlohmann/json.hpp>

#include "core/time_format.h"

namespace closeloop::ingest {

using core::Status;

std::string WebhookBody(const domain::OutboundMessage& m) {
  nlohmann::ordered_json body = {
      {"id", m.id},
      {"channel", domain::ToString(m.channel)},
      {"purpose", m.purpose},
      {"complaint",
       m.reference.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(m.reference)},
      {"recipient", m.recipient},
      {"body", m.body},
      {"created_at", core::FormatIso8601(m.created_at)}};
  return body.dump();
}

namespace {

size_t Discard(char*, size_t size, size_t count, void*) { return size * count; }

}  // namespace

Status CurlWebhookSender::Send(const domain::WebhookDelivery& delivery) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  const std::string body = WebhookBody(delivery.message);
  const std::string signature =
      "X-Closeloop-Signature: sha256=" + authenticator_.Sign(delivery.secret, body);
  const std::string id = "X-Closeloop-Delivery: " + std::to_string(delivery.message.id);
  CURL* curl = curl_easy_init();
  if (!curl) return Status::Internal("webhook: curl_easy_init failed");
  curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, "Content-Type: application/json; charset=utf-8");
  headers = curl_slist_append(headers, signature.c_str());
  headers = curl_slist_append(headers, id.c_str());
  curl_easy_setopt(curl, CURLOPT_URL, delivery.url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, timeout_seconds_);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Discard);
  const CURLcode rc = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) {
    return Status::Internal(std::string("webhook: ") + curl_easy_strerror(rc));
  }
  if (status < 200 || status >= 300) {
    return Status::Internal("webhook: the receiver answered HTTP " + std::to_string(status));
  }
  return Status::Ok();
}

}  // namespace closeloop::ingest
