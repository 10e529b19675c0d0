// The public desk (no login): customers file a complaint on the web form and follow it on the
// status page by its reference number and the phone or email they gave. Both are throttled per
// client address, and wrong contacts for a reference are limited per address (5 an hour) and in
// all (50 an hour), so that the desk can be neither flooded nor used to guess whose complaint a
// reference is, and a stranger cannot lock the customer out from their own address. The status page
// shows only what the customer gave or was sent: the status and when it moved, the replies sent to
// them, and their survey while it waits.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "domain/complaint/complaint_io.h"
#include "domain/complaint/create_complaint.h"
#include "domain/context.h"
#include "domain/model/enums.h"
#include "domain/org/rate_limit.h"
#include "domain/publicdesk/limits.h"

namespace closeloop::domain {

struct PublicComplaint {
  std::string description;
  std::string name;
  std::string phone;
  std::string email;
  std::string order_ref;
};

// What the customer is told after filing.
struct PublicReceipt {
  std::string reference;
  ComplaintStatus status = ComplaintStatus::kReceived;
  UnixMillis received_at = 0;
};

struct PublicStatus {
  std::string reference;
  ComplaintStatus status = ComplaintStatus::kReceived;
  UnixMillis received_at = 0;
  std::vector<std::pair<ComplaintStatus, UnixMillis>> timeline;  // received, then each move
  std::vector<std::pair<UnixMillis, std::string>> replies;       // public notes, oldest first
  std::string survey_url;  // a fresh link while their survey waits for an answer
};

class PublicDesk {
 public:
  PublicDesk(const Context& ctx, const CreateComplaint& create, PublicDeskLimits limits = {});
  // Files a web complaint; errors name the field (description, phone, email …); kRateLimited
  // with the seconds to wait. An idempotency key makes a retry return the first receipt.
  core::Result<PublicReceipt> File(PublicComplaint input, const std::string& idempotency_key,
                                   const std::string& fingerprint, const std::string& address);
  // The complaint's status when `contact` is the phone or email of its customer; kNotFound (the
  // same answer for a wrong reference and a wrong contact) otherwise.
  core::Result<PublicStatus> Lookup(const std::string& reference, const std::string& contact,
                                    const std::string& address);

 private:
  core::Status Throttled(RateLimiter& limiter, const std::string& key, const char* what);
  const Context& ctx_;
  const CreateComplaint& create_;
  PublicDeskLimits limits_;
  RateLimiter filings_;
  RateLimiter lookups_;
  RateLimiter misses_;
  RateLimiter all_misses_;
};

}  // namespace closeloop::domain
