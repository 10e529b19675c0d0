#include "domain/notify/notify.h"

#include <cstdio>
#include <functional>
#include <map>
#include <utility>

#include "core/time_format.h"
#include "domain/complaint/complaint_support.h"
#include "domain/complaint/entities.h"
#include "domain/intake/entities.h"
#include "domain/intake/mail.h"
#include "domain/model/ids.h"
#include "domain/org/entities.h"
#include "domain/org/repository.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

namespace {

struct KindText {
  const char* zh;
  const char* en;
};

// The sentence of each kind, as data; "{ref}" is the complaint's reference.
const std::map<std::string, KindText>& KindTexts() {
  static const std::map<std::string, KindText> kTexts = {
      {"assigned", {"投诉 {ref} 已分配给您", "Complaint {ref} was assigned to you"}},
      {"taken_over", {"投诉 {ref} 已转给他人处理", "Complaint {ref} was handed to someone else"}},
      {"escalated", {"投诉 {ref} 已升级到您", "Complaint {ref} was escalated to you"}},
      {"sla_warning", {"投诉 {ref} 的 SLA 即将到期", "The SLA of complaint {ref} is running out"}},
      {"sla_breach", {"投诉 {ref} 已超出 SLA", "Complaint {ref} breached its SLA"}},
      {"callback_overdue",
       {"投诉 {ref} 的回访已逾期", "The survey callback of complaint {ref} is overdue"}},
      {"callback_opened",
       {"投诉 {ref} 的满意度评价偏低，请回访客户",
        "A low survey answer on {ref}: call the customer back"}},
      {"root_cause_opened",
       {"投诉 {ref} 的满意度评价偏低，请分析根本原因",
        "A low survey answer on {ref}: look into the root cause"}},
      {"recontact_opened",
       {"请再次联系投诉 {ref} 的客户（回访策略）",
        "Contact the customer of {ref} again (contact strategy)"}},
      {"deep_interview_opened",
       {"请为投诉 {ref} 的 VIP 客户安排深度访谈",
        "Arrange a deep interview with the VIP of {ref}"}},
      {"update_due",
       {"请联系客户告知投诉 {ref} 的处理进度", "Please update the customer on complaint {ref}"}},
      {"customer_replied", {"客户回复了投诉 {ref}", "The customer replied to complaint {ref}"}},
      {"reply_held",
       {"投诉 {ref} 收到一封发件人未验证的邮件，待核实",
        "A reply to complaint {ref} from an unverified sender awaits review"}},
      {"delivery_failed",
       {"投诉 {ref} 的回复无法送达客户，请电话联系",
        "The reply on complaint {ref} could not reach the customer; please call them"}},
  };
  return kTexts;
}

std::string Sentence(const std::string& kind, bool english, const std::string& reference) {
  auto it = KindTexts().find(kind);
  std::string text =
      it == KindTexts().end() ? kind + " {ref}" : (english ? it->second.en : it->second.zh);
  const size_t at = text.find("{ref}");
  if (at != std::string::npos) text.replace(at, 5, reference);
  return text;
}

std::string OffsetLabel(int minutes) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "UTC%c%d", minutes < 0 ? '-' : '+', std::abs(minutes) / 60);
  std::string label = buf;
  if (minutes % 60 != 0) label += ":" + std::to_string(std::abs(minutes) % 60);
  return label;
}

}  // namespace

bool NotifiesByEmail(const std::string& kind) {
  return kind == "sla_warning" || kind == "sla_breach" || kind == "escalated";
}

void NotifyUser(Repositories& repos, const Context& ctx, Id user_id, const Complaint& c,
                const std::string& kind, const std::string& detail, std::optional<UnixMillis> due) {
  if (auto user = repos.users().FindById(user_id)) {
    NotifyUser(repos, ctx, *user, c, kind, detail, due);
  }
}

void NotifyUser(Repositories& repos, const Context& ctx, const User& user, const Complaint& c,
                const std::string& kind, const std::string& detail, std::optional<UnixMillis> due) {
  if (!user.active) return;
  const UnixMillis now = ctx.clock.Now();
  const bool english = user.language == "en";
  // What a reader without personal-data access gets: no phone or ID number from the text.
  const Principal reader = PrincipalOf(user);
  std::string message = Sentence(kind, english, c.reference);
  if (!detail.empty()) message += (english ? ": " : "：") + ReadableText(ctx, reader, detail);
  if (due) {
    const int offset = UtcOffsetMinutesOf(ctx.time_zones, user.time_zone, *due);
    message += std::string(english ? " (due " : "（截止 ") + core::FormatLocal(*due, offset) + " " +
               OffsetLabel(offset) + (english ? ")" : "）");
  }
  repos.notifications().Insert({0, user.id, c.id, kind, message, now, std::nullopt});
  if (!NotifiesByEmail(kind) || user.email.empty()) return;
  OutgoingMail m;
  m.complaint_id = c.id;
  m.purpose = "notification";
  m.to = user.email;
  m.subject = "[" + c.reference + "] " + Sentence(kind, english, c.reference);
  const std::string name = user.display_name.empty() ? user.username : user.display_name;
  const std::string title = ReadableText(ctx, reader, c.title);
  m.body = english ? "Hello " + name + ",\n\n" + message + "\n\ncomplaint: " + c.reference + " " +
                         title + "\npriority: " + ToString(c.priority) +
                         "\n\nPlease open it in closeloop.\n"
                   : name + "，您好：\n\n" + message + "\n\n投诉：" + c.reference + " " + title +
                         "\n优先级：" + ToString(c.priority) + "\n\n请登录 closeloop 处理。\n";
  // Unique also for several notices to one person at one instant (two breaches, say).
  m.message_id = "notify." + c.reference + "." + kind + "." + std::to_string(user.id) + "." +
                 std::to_string(now) + "." + std::to_string(std::hash<std::string>{}(message)) +
                 "@" + ctx.config.mail_domain;
  m.next_attempt_at = now;
  m.created_at = now;
  QueueMail(repos, m);
}

core::Status AssignmentNotifier::OnChange(const ComplaintChange& change, Repositories& repos) {
  if (change.kind != ChangeKind::kAssigned) return core::Status::Ok();
  const Complaint& c = change.complaint;
  const std::optional<Id>& previous = change.previous_assignee;
  if (c.assignee_id && *c.assignee_id != change.actor.user_id) {
    NotifyUser(repos, ctx_, *c.assignee_id, c, "assigned", c.title);
  }
  if (previous && previous != c.assignee_id && *previous != change.actor.user_id) {
    NotifyUser(repos, ctx_, *previous, c, "taken_over", change.note);
  }
  return core::Status::Ok();
}

}  // namespace closeloop::domain
