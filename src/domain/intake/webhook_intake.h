// Intake from platforms by signed webhook: a source authenticates each delivery with an
// HMAC-SHA256 signature of the raw body; its payload, mapped to complaint fields by the HTTP
// layer, goes through the same CreateComplaint as every other channel. A re-delivery of the same
// platform id returns the first complaint.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/complaint/complaint_io.h"
#include "domain/context.h"
#include "domain/intake/entities.h"
#include "domain/model/ids.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

struct NewIntakeSource {
  IntakeSource source;  // secret generated when empty
};

class WebhookIntake {
 public:
  explicit WebhookIntake(const Context& ctx) : ctx_(ctx) {}
  // The active source `name` if `signature` ("sha256=<hex>", the prefix required) signs `body`
  // under its secret. Unknown source and bad signature fail alike (kUnauthenticated).
  core::Result<IntakeSource> Authenticate(const std::string& name, const std::string& body,
                                          const std::string& signature) const;
  // Files the mapped complaint as the source's user; `input.external_id` is required and makes
  // re-deliveries idempotent.
  core::Result<CreateOutcome> File(const IntakeSource& source, NewComplaint input) const;

  // Administration (config.manage).
  core::Result<IntakeSource> CreateSource(const Principal& who, IntakeSource source) const;
  core::Result<std::vector<IntakeSource>> ListSources(const Principal& who) const;
  core::Status DeactivateSource(const Principal& who, Id id) const;
  // A deactivated source can be reactivated (its user must still be able to file complaints);
  // creating a source with a deactivated one's name takes that name up again.
  core::Result<IntakeSource> SetSourceActive(const Principal& who, Id id, bool active) const;
  // Where the channel's outbound messages are pushed ("" = fetched): an http(s) URL.
  core::Result<IntakeSource> SetDeliveryUrl(const Principal& who, Id id,
                                            const std::string& url) const;
  // A new secret, returned once; the old one stops working at once.
  core::Result<IntakeSource> RotateSecret(const Principal& who, Id id) const;

 private:
  core::Status CheckFilingUser(Repositories& repos, Id user_id) const;
  core::Result<IntakeSource> ChangeSource(
      const Principal& who, Id id,
      const std::function<core::Status(Repositories&, IntakeSource&)>& change) const;
  const Context& ctx_;
};

// An intake source's delivery_url: empty, or an http:// or https:// URL of at most 500
// characters without spaces or control characters (Invalid naming delivery_url otherwise).
core::Status CheckDeliveryUrl(const std::string& url);

// The complaint fields a mapping may fill.
const std::vector<std::string>& MappableFields();

}  // namespace closeloop::domain
