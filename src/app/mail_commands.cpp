#include "app/mail_commands.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <thread>

#include "app/wiring.h"
#include "core/time_format.h"
#include "domain/intake/entities.h"
#include "domain/intake/mail.h"
#include "domain/intake/repository.h"
#include "domain/unit_of_work.h"
#include "ingest/mail_parser.h"
#include "ingest/smtp_transport.h"

namespace closeloop::app {

namespace d = domain;
namespace fs = std::filesystem;

namespace {

int Fail(const core::Status& status) {
  std::fprintf(stderr, "error: %s\n", status.ToString().c_str());
  return 1;
}

WiringOptions CommandWiring(const StoreFlags& store, DomainSettings settings = {}) {
  WiringOptions options = WiringFor(store);
  options.max_readers = 2;
  options.settings = std::move(settings);
  return options;
}

struct Tally {
  int created = 0, replies = 0, ignored = 0, duplicates = 0, held = 0, unreadable = 0;
};

// Parses and files one message; prints one line about it.
void IngestOne(const d::Context& ctx, const std::string& raw, const std::string& label,
               const ingest::MailParseOptions& options, Tally& tally) {
  auto mail = ingest::ParseMail(raw, options);
  if (!mail.ok()) {
    ++tally.unreadable;
    std::fprintf(stderr, "%s: %s\n", label.c_str(), mail.status().message().c_str());
    return;
  }
  auto result = d::IngestMail(ctx).Execute(d::SystemPrincipal(), std::move(mail.value()));
  if (!result.ok()) {
    ++tally.unreadable;
    std::fprintf(stderr, "%s: %s\n", label.c_str(), result.status().ToString().c_str());
    return;
  }
  switch (result->outcome) {
    case d::MailOutcome::kCreated:
      ++tally.created;
      break;
    case d::MailOutcome::kReplyAdded:
      ++tally.replies;
      break;
    case d::MailOutcome::kIgnored:
      ++tally.ignored;
      break;
    case d::MailOutcome::kDuplicate:
      ++tally.duplicates;
      break;
    case d::MailOutcome::kHeld:
      ++tally.held;
      break;
  }
  std::printf("%s: %s %s%s%s\n", label.c_str(), d::ToString(result->outcome),
              result->reference.c_str(), result->reason.empty() ? "" : " — ",
              result->reason.c_str());
}

}  // namespace

int RunMailIngest(const MailIngestCommand& cmd) {
  ingest::MailParseOptions options;
  options.max_attachment_bytes = static_cast<std::int64_t>(cmd.max_attachment_mib) << 20;
  Wiring wiring(CommandWiring(cmd.store, {"", cmd.reply_after_resolved, cmd.reply_after_closed}));
  const d::Context& ctx = wiring.context();
  Tally tally;
  if (cmd.maildir.empty()) {
    std::string raw((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    IngestOne(ctx, raw, "stdin", options, tally);
    return tally.unreadable ? 3 : 0;
  }
  const fs::path dir(cmd.maildir);
  if (!fs::is_directory(dir / "new") || !fs::is_directory(dir / "cur")) {
    return Fail(core::Status::Invalid("--maildir", cmd.maildir + " has no new/ and cur/"));
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir / "new")) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  const auto start = std::chrono::steady_clock::now();
  for (const fs::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    IngestOne(ctx, raw, file.filename().string(), options, tally);
    // Handled (or reported as unreadable): move to cur/ with the Seen flag, per Maildir.
    std::error_code ignored;
    fs::rename(file, dir / "cur" / (file.filename().string() + ":2,S"), ignored);
  }
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf(
      "%zu messages: %d complaints, %d replies, %d ignored (bounce/auto-reply), %d duplicates, "
      "%d held for review, %d unreadable in %.2f s (%.0f msg/s)\n",
      files.size(), tally.created, tally.replies, tally.ignored, tally.duplicates, tally.held,
      tally.unreadable, secs, secs > 0 ? static_cast<double>(files.size()) / secs : 0.0);
  return tally.unreadable ? 3 : 0;
}

namespace {

ingest::SmtpOptions SmtpOptionsOf(const SmtpSettings& s) {
  ingest::SmtpOptions o;
  o.url = s.url;
  o.username = s.username;
  o.password = s.password;
  o.require_tls = s.require_tls;
  return o;
}

}  // namespace

int RunMailCommand(const MailCommand& cmd) {
  Wiring wiring(CommandWiring(cmd.store, {cmd.smtp.from, "", ""}));
  const d::Context& ctx = wiring.context();
  if (cmd.verb == "send") {
    if (cmd.smtp.url.empty()) return Fail(core::Status::Invalid("--smtp", "--smtp is required"));
    ingest::SmtpTransport transport(SmtpOptionsOf(cmd.smtp));
    auto report = d::DeliverOutbox(ctx, transport).RunOnce(cmd.limit);
    if (!report.ok()) return Fail(report.status());
    std::printf("%d sent, %d to retry, %d failed\n", report->sent, report->retrying,
                report->failed);
    return report->retrying || report->failed ? 3 : 0;
  }
  std::vector<d::OutgoingMail> mails;
  core::Status read = ctx.store.Read([&](d::Repositories& repos) {
    mails = repos.mail().List(cmd.limit);
    return core::Status::Ok();
  });
  if (!read.ok()) return Fail(read);
  for (const auto& m : mails) {
    const char* status = m.status == d::MailStatus::kSent     ? "sent"
                         : m.status == d::MailStatus::kFailed ? "failed"
                                                              : "queued";
    std::printf("#%lld %-7s %-15s attempts %d  %s  %s%s\n", static_cast<long long>(m.id), status,
                m.purpose.c_str(), m.attempts, core::FormatIso8601(m.created_at).c_str(),
                m.subject.c_str(),
                m.last_error.empty() ? "" : ("  [" + m.last_error + "]").c_str());
  }
  return 0;
}

std::function<bool(core::UnixMillis)> OutboxRound(const d::Context& ctx, const SmtpSettings& smtp) {
  auto transport = std::make_shared<ingest::SmtpTransport>(SmtpOptionsOf(smtp));
  auto deliver = std::make_shared<d::DeliverOutbox>(ctx, *transport);
  return [transport, deliver](core::UnixMillis) {
    constexpr int kBatch = 100;
    auto report = deliver->RunOnce(kBatch);
    if (!report.ok()) {
      std::fprintf(stderr, "outbox: %s\n", report.status().ToString().c_str());
      return false;
    }
    return report->sent + report->retrying + report->failed == kBatch;  // full: more may be due
  };
}

}  // namespace closeloop::app
