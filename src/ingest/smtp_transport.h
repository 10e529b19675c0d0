// Delivers outbox mail by SMTP with libcurl (smtp:// or smtps://; STARTTLS when the server
// offers it and the URL asks for it with --smtp-tls).
#pragma once

#include <string>

#include "domain/intake/entities.h"
#include "domain/intake/transport.h"

namespace closeloop::ingest {

struct SmtpOptions {
  std::string url;  // e.g. "smtp://127.0.0.1:2525"
  std::string username;
  std::string password;
  bool require_tls = false;
  long timeout_seconds = 20;
};

// Not thread-safe: one transport per sending thread. It keeps the SMTP connection open between
// messages (libcurl's connection cache), so a queue drains without a handshake per message.
class SmtpTransport final : public domain::MailTransport {
 public:
  explicit SmtpTransport(SmtpOptions options);
  ~SmtpTransport() override;
  SmtpTransport(const SmtpTransport&) = delete;
  SmtpTransport& operator=(const SmtpTransport&) = delete;
  core::Status Send(const std::string& from, const domain::OutgoingMail& mail) override;

 private:
  SmtpOptions options_;
  void* curl_ = nullptr;  // CURL*, created on first use
};

// The RFC 5322 text of `mail`: UTF-8, subject RFC 2047-encoded, body in base64.
std::string FormatMessage(const std::string& from, const domain::OutgoingMail& mail,
                          core::UnixMillis date);

}  // namespace closeloop::ingest
