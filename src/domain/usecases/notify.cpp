#include "domain/usecases/notify.h"

#include <functional>

#include "domain/usecases/complaint_support.h"
#include "domain/usecases/mail.h"

namespace closeloop::domain {

namespace {

// The subject's words for a kind, Chinese first.
std::string KindTitle(const std::string& kind) {
  if (kind == "sla_warning") return "SLA 预警 / SLA warning";
  if (kind == "sla_breach") return "SLA 超时 / SLA breached";
  if (kind == "escalated") return "投诉升级 / Escalated to you";
  return kind;
}

}  // namespace

bool NotifiesByEmail(const std::string& kind) {
  return kind == "sla_warning" || kind == "sla_breach" || kind == "escalated";
}

void NotifyUser(Repositories& repos, const Context& ctx, Id user_id, const Complaint& c,
                const std::string& kind, const std::string& message) {
  if (auto user = repos.users().FindById(user_id)) NotifyUser(repos, ctx, *user, c, kind, message);
}

void NotifyUser(Repositories& repos, const Context& ctx, const User& user, const Complaint& c,
                const std::string& kind, const std::string& message) {
  if (!user.active) return;
  const UnixMillis now = ctx.clock.Now();
  // What a reader without personal-data access gets: no phone or ID number from the text.
  const Principal reader = PrincipalOf(user);
  const std::string shown_message = ReadableText(ctx, reader, message);
  const std::string shown_title = ReadableText(ctx, reader, c.title);
  repos.notifications().Insert({0, user.id, c.id, kind, shown_message, now, std::nullopt});
  if (!NotifiesByEmail(kind) || user.email.empty()) return;
  OutgoingMail m;
  m.complaint_id = c.id;
  m.purpose = "notification";
  m.to = user.email;
  m.subject = "[" + c.reference + "] " + KindTitle(kind);
  m.body = (user.display_name.empty() ? user.username : user.display_name) + "，您好：\n\n" +
           shown_message + "\n\n投诉 / complaint: " + c.reference + " " + shown_title +
           "\n优先级 / priority: " + ToString(c.priority) +
           "\n\n请登录 closeloop 处理。/ Please open it in closeloop.\n";
  // Unique also for several notices to one person at one instant (two breaches, say).
  m.message_id = "notify." + c.reference + "." + kind + "." + std::to_string(user.id) + "." +
                 std::to_string(now) + "." + std::to_string(std::hash<std::string>{}(message)) +
                 "@" + ctx.config.mail_domain;
  m.next_attempt_at = now;
  m.created_at = now;
  QueueMail(repos, m);
}

}  // namespace closeloop::domain
