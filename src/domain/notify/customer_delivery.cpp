#include "domain/notify/customer_delivery.h"

#include <cstdlib>

#include "domain/complaint/complaint_support.h"
#include "domain/complaint/entities.h"
#include "domain/complaint/repository.h"
#include "domain/customer/entities.h"
#include "domain/customer/repository.h"
#include "domain/intake/entities.h"
#include "domain/intake/mail.h"
#include "domain/intake/repository.h"
#include "domain/jobs/entities.h"
#include "domain/jobs/repository.h"
#include "domain/model/ids.h"
#include "domain/model/privacy.h"
#include "domain/notify/notify.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

using core::Status;

namespace {

bool PlatformChannel(Channel c) { return c == Channel::kEcommerce || c == Channel::kSocial; }

// Where an outbound message goes: the platform account on platform channels, else the phone.
std::string RecipientOf(Repositories& repos, const Complaint& c) {
  if (!c.customer_id) return "";
  auto customer = repos.customers().FindById(*c.customer_id);
  if (!customer) return "";
  if (PlatformChannel(c.channel)) {
    for (const PlatformAccount& a : repos.customers().AccountsOf(customer->id)) {
      return a.platform + ":" + a.account_id;
    }
  }
  return customer->phone;
}

// Whom an outbound message is for: as above for a complaint's, the phone for a customer's.
std::string RecipientOfMessage(Repositories& repos, const OutboundMessage& m) {
  if (m.complaint_id == 0) {
    auto customer = m.customer_id ? repos.customers().FindById(*m.customer_id) : std::nullopt;
    return customer ? customer->phone : "";
  }
  auto c = repos.complaints().FindById(m.complaint_id);
  return c ? RecipientOf(repos, *c) : "";
}

// The active source of a channel that takes its outbound messages by webhook, if any.
std::optional<IntakeSource> DeliverySourceOf(Repositories& repos, Channel channel) {
  for (IntakeSource& s : repos.intake_sources().List()) {
    if (s.active && s.channel == channel && !s.delivery_url.empty()) return s;
  }
  return std::nullopt;
}

// Queues the push of a new outbound message when its channel's integration takes webhooks.
void ScheduleWebhookDelivery(Repositories& repos, Id message_id, Channel channel, UnixMillis now) {
  if (!DeliverySourceOf(repos, channel)) return;
  ScheduleJobFor(repos, kOutboundDeliverJob, "outbound", message_id, now, now);
}

// Marks a message delivered and puts that on its complaint's timeline (if it has one).
void RecordDelivered(Repositories& repos, const Context& ctx, const Principal& who,
                     const OutboundMessage& m, const std::string& how) {
  repos.mail().MarkOutboundDelivered(m.id, ctx.clock.Now());
  if (m.complaint_id == 0) return;
  ComplaintEvent delivered;
  delivered.complaint_id = m.complaint_id;
  delivered.kind = EventKind::kDelivered;
  delivered.note =
      m.purpose + ": " + ToString(m.channel) + " message " + std::to_string(m.id) + " " + how;
  AppendEvent(repos, ctx, who, delivered);
}

}  // namespace

std::string DeliverToCustomer(Repositories& repos, const Context& ctx, const Principal& who,
                              const Complaint& c, const std::string& subject,
                              const std::string& body, const std::string& purpose) {
  const UnixMillis now = ctx.clock.Now();
  std::optional<Customer> customer;
  if (c.customer_id) customer = repos.customers().FindById(*c.customer_id);
  std::string what;
  if (c.channel == Channel::kEmail ||
      (customer && !customer->email.empty() && RecipientOf(repos, c).empty())) {
    if (customer && !customer->email.empty()) {
      OutgoingMail m;
      m.complaint_id = c.id;
      m.purpose = purpose;
      m.to = customer->email;
      m.subject = "[" + c.reference + "] " + subject;
      m.body = body;
      m.message_id = purpose + "." + c.reference + "." + std::to_string(now) + "." +
                     std::to_string(repos.events().ListForComplaint(c.id).size()) + "@" +
                     ctx.config.mail_domain;
      m.next_attempt_at = now;
      m.created_at = now;
      QueueMail(repos, m);
      repos.mail().RecordThread(m.message_id, c.id, true, now);
      what = "emailed to " + MaskEmail(customer->email);
    }
  }
  if (what.empty() && !RecipientOf(repos, c).empty()) {
    OutboundMessage m;
    m.complaint_id = c.id;
    m.channel = c.channel;
    m.purpose = purpose;
    m.body = body;
    m.created_at = now;
    const Id id = repos.mail().EnqueueOutbound(m);
    ScheduleWebhookDelivery(repos, id, m.channel, now);
    what = std::string(ToString(c.channel)) + " message " + std::to_string(id) +
           " waiting for the channel's integration";
  }
  if (what.empty()) {
    what = "not delivered: the customer has no contact on record";
    if (c.assignee_id) {
      NotifyUser(repos, ctx, *c.assignee_id, c, "delivery_failed", "");
    }
  }
  ComplaintEvent delivered;
  delivered.complaint_id = c.id;
  delivered.kind = EventKind::kDelivered;
  delivered.note = purpose + ": " + what;
  AppendEvent(repos, ctx, who, delivered);
  return what;
}

std::string DeliverToCustomerDirectly(Repositories& repos, const Context& ctx,
                                      const Customer& customer, const std::string& subject,
                                      const std::string& body, const std::string& purpose) {
  const UnixMillis now = ctx.clock.Now();
  if (!customer.email.empty()) {
    OutgoingMail m;
    m.purpose = purpose;
    m.to = customer.email;
    m.subject = subject;
    m.body = body;
    m.message_id = purpose + ".customer" + std::to_string(customer.id) + "." + std::to_string(now) +
                   "@" + ctx.config.mail_domain;
    m.next_attempt_at = now;
    m.created_at = now;
    QueueMail(repos, m);
    return "emailed to " + MaskEmail(customer.email);
  }
  if (!customer.phone.empty()) {
    OutboundMessage m;
    m.customer_id = customer.id;
    m.channel = Channel::kPhone;
    m.purpose = purpose;
    m.body = body;
    m.created_at = now;
    const Id id = repos.mail().EnqueueOutbound(m);
    ScheduleWebhookDelivery(repos, id, m.channel, now);
    return "sms message " + std::to_string(id) + " waiting for the channel's integration";
  }
  return "not delivered: the customer has no contact on record";
}

core::Result<std::vector<OutboundMessage>> OutboundMessages::Pending(const Principal& who,
                                                                     const std::string& channel,
                                                                     Id after_id, int limit) const {
  if (!ctx_.policy.Allows(who, Permission::kOutboundFetch)) {
    return Status::Denied("your role may not fetch outbound messages");
  }
  if (!channel.empty() && !ParseChannel(channel)) {
    return Status::Invalid("channel", "unknown channel '" + channel + "'");
  }
  if (limit < 1 || limit > 500) return Status::Invalid("limit", "limit must be 1-500");
  std::vector<OutboundMessage> out;
  CL_RETURN_IF_ERROR(ctx_.store.Read([&](Repositories& repos) {
    out = repos.mail().PendingOutbound(channel, after_id, limit, who);
    const bool personal = ctx_.policy.Allows(who, Permission::kPersonalDataRead);
    for (OutboundMessage& m : out) {
      m.recipient = RecipientOfMessage(repos, m);
      if (!personal) m.recipient = MaskPhone(m.recipient);
      // A survey's body holds the customer's one-time link: for the integration's key only.
      if (m.purpose.rfind("survey", 0) == 0 && !who.api_key) {
        m.body = "[survey link withheld: it is given to the channel integration's API key only]";
      }
    }
    return Status::Ok();
  }));
  return out;
}

Status OutboundMessages::MarkDelivered(const Principal& who, Id id) const {
  if (!ctx_.policy.Allows(who, Permission::kOutboundFetch)) {
    return Status::Denied("your role may not confirm outbound messages");
  }
  return ctx_.store.Write([&](Repositories& repos) -> Status {
    auto m = repos.mail().FindOutbound(id);
    if (!m) return Status::NotFound("no outbound message " + std::to_string(id));
    if (m->complaint_id == 0) {  // about no complaint: unscoped integrations only
      if (!who.Unscoped()) return Status::NotFound("no outbound message " + std::to_string(id));
      if (!m->delivered) repos.mail().MarkOutboundDelivered(id, ctx_.clock.Now());
      return Status::Ok();
    }
    auto c = repos.complaints().FindById(m->complaint_id);
    if (!c || !ComplaintVisible(repos, ctx_, who, *c)) {
      return Status::NotFound("no outbound message " + std::to_string(id));
    }
    if (m->delivered) return Status::Ok();  // confirming twice is harmless
    RecordDelivered(repos, ctx_, who, *m, "sent by the channel");
    return Status::Ok();
  });
}

Status OutboundWebhookHandler::Prepare(const Job& job) {
  sent_.erase(job.id);
  const std::optional<Id> id = PayloadId(job);
  if (!id) return Status::Invalid("payload", "an outbound.deliver payload is a message id");
  std::optional<WebhookDelivery> delivery;
  CL_RETURN_IF_ERROR(ctx_.store.Read([&](Repositories& repos) {
    auto m = repos.mail().FindOutbound(*id);
    if (!m || m->delivered) return Status::Ok();  // confirmed by a fetch meanwhile
    auto source = DeliverySourceOf(repos, m->channel);
    if (!source) return Status::Ok();  // the integration fetches it instead
    delivery = WebhookDelivery{source->delivery_url, source->secret, *m};
    delivery->message.recipient = RecipientOfMessage(repos, *m);
    return Status::Ok();
  }));
  if (delivery) sent_[job.id] = sender_.Send(*delivery);
  return Status::Ok();
}

Status OutboundWebhookHandler::Run(const Job& job, Repositories& repos, JobFollowUp&) {
  auto outcome = sent_.find(job.id);
  if (outcome == sent_.end()) return Status::Ok();  // nothing was sent
  const Status sent = outcome->second;
  sent_.erase(outcome);
  if (!sent.ok()) return sent;  // a failed attempt: the runner retries with its backoff
  auto m = repos.mail().FindOutbound(*PayloadId(job));
  if (!m || m->delivered) return Status::Ok();
  RecordDelivered(repos, ctx_, SystemPrincipal(), *m, "delivered to the channel's webhook");
  return Status::Ok();
}

core::Status PublicReplySender::OnChange(const ComplaintChange& change, Repositories& repos) {
  if (change.kind != ChangeKind::kPublicReply) return core::Status::Ok();
  DeliverToCustomer(repos, ctx_, change.actor, change.complaint, "回复 / Reply", change.note,
                    "reply");
  return core::Status::Ok();
}

}  // namespace closeloop::domain
