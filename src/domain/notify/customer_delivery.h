// Telling the customer (R-1.2, R-3.5, ISO 10002 communication): a public note, an approved
// reply draft or a progress update reaches the customer on the complaint's channel. Email goes
// through the outbox (its Message-ID threads the customer's reply); other channels get an
// outbound message that the channel's integration fetches and confirms. Either way the delivery
// is on the complaint's timeline.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/complaint/change_events.h"
#include "domain/complaint/entities.h"
#include "domain/context.h"
#include "domain/customer/entities.h"
#include "domain/intake/entities.h"
#include "domain/intake/transport.h"
#include "domain/jobs/jobs.h"
#include "domain/model/ids.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

// Inside the caller's unit of work. `subject` is used for email. Returns what was done, as
// the timeline says it ("emailed to z***@example.com", "sms pending", "no contact").
std::string DeliverToCustomer(Repositories& repos, const Context& ctx, const Principal& who,
                              const Complaint& complaint, const std::string& subject,
                              const std::string& body, const std::string& purpose);

// A message about no complaint (a relationship survey): by email when the customer has an
// address, else as an SMS outbound message to their phone. Returns what was done.
std::string DeliverToCustomerDirectly(Repositories& repos, const Context& ctx,
                                      const Customer& customer, const std::string& subject,
                                      const std::string& body, const std::string& purpose);

inline constexpr const char* kOutboundDeliverJob = "outbound.deliver";

// Pushes outbound messages to the channel's integration when its intake source has a
// `delivery_url` ("outbound.deliver" jobs, key "outbound:<id>", queued with each message):
// Prepare POSTs the signed JSON (outside any transaction), Run records it delivered (on the
// complaint's timeline) or fails the attempt, which the job runner retries with its backoff. The
// message stays fetchable meanwhile; a crash between the POST and the record sends it again, so
// delivery is at least once and the receiver deduplicates by X-Closeloop-Delivery (the id).
class OutboundWebhookHandler final : public JobHandler {
 public:
  OutboundWebhookHandler(const Context& ctx, WebhookSender& sender) : ctx_(ctx), sender_(sender) {}
  core::Status Prepare(const Job& job) override;
  core::Status Run(const Job& job, Repositories& repos, JobFollowUp& follow_up) override;

 private:
  const Context& ctx_;
  WebhookSender& sender_;
  std::map<Id, core::Status> sent_;  // job id -> what the POST said, from Prepare to Run
};

// A public note (kPublicReply) is what the customer is told: it goes to them on their channel.
class PublicReplySender final : public ChangeSubscriber {
 public:
  explicit PublicReplySender(const Context& ctx) : ctx_(ctx) {}
  core::Status OnChange(const ComplaintChange& change, Repositories& repos) override;

 private:
  const Context& ctx_;
};

// The channel integrations' side (outbound.fetch): pending messages with their recipient, and
// the confirmation that one was sent.
class OutboundMessages {
 public:
  explicit OutboundMessages(const Context& ctx) : ctx_(ctx) {}
  core::Result<std::vector<OutboundMessage>> Pending(const Principal& who,
                                                     const std::string& channel, Id after_id,
                                                     int limit) const;
  core::Status MarkDelivered(const Principal& who, Id id) const;

 private:
  const Context& ctx_;
};

}  // namespace closeloop::domain
