// `closeloop mail-ingest` (one message on stdin, or a Maildir) and `closeloop mail send|outbox`;
// and the outbox sender the server runs in the background.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>

#include "app/store_flags.h"
#include "domain/context.h"

namespace closeloop::app {

struct MailIngestCommand {
  StoreFlags store;     // --db, --secret-file, --keys-file, --user-lexicon
  std::string maildir;  // empty: read one message from stdin
  int max_attachment_mib = 10;
  bool json = false;
  // What a customer's reply to a resolved / closed complaint does: reopen it or file a follow-up.
  std::string reply_after_resolved;
  std::string reply_after_closed;
};

// Returns 0 when every message was handled, 3 when some could not be parsed, 1 on failure.
int RunMailIngest(const MailIngestCommand& command);

struct SmtpSettings {
  std::string url;  // smtp://host:port; empty disables sending
  std::string from;
  std::string username;
  std::string password;
  bool require_tls = false;
};

struct MailCommand {
  std::string verb;  // send, outbox
  StoreFlags store;  // --db, --secret-file, --keys-file, --user-lexicon
  SmtpSettings smtp;
  int limit = 50;
};
int RunMailCommand(const MailCommand& command);

// One round of the server's outbox sender (a jobs::Scheduler loop): sends up to 100 due mails
// from ctx.config.mail_from (DomainSettings::mail_from sets it); true when a full batch went, so
// more may be due at once.
std::function<bool(core::UnixMillis)> OutboxRound(const domain::Context& ctx,
                                                  const SmtpSettings& smtp);

}  // namespace closeloop::app
