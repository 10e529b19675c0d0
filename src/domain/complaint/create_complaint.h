#pragma once

#include <optional>

#include "core/status.h"
#include "domain/complaint/complaint_io.h"
#include "domain/complaint/entities.h"
#include "domain/context.h"
#include "domain/model/ids.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

// 接诉 intake: the one path by which every channel files a complaint. Validates, resolves the
// customer, numbers the complaint and records the `created` event in one transaction. With an
// idempotency key, a repeated request returns the first result and creates nothing.
class CreateComplaint {
 public:
  explicit CreateComplaint(const Context& ctx) : ctx_(ctx) {}
  core::Result<CreateOutcome> Execute(const Principal& who, NewComplaint input,
                                      const std::optional<IdempotencyRequest>& idempotency) const;

  // The two halves of Execute, for callers that file many complaints in one unit of work
  // (bulk import, mail ingest). Prepare checks the permission and the fields and normalises
  // them without touching the store.
  core::Status Prepare(const Principal& who, NewComplaint& input) const;
  // Files a prepared complaint inside an open unit of work and returns it as stored. When the
  // result is not OK, nothing was written.
  core::Result<Complaint> FileWithin(Repositories& repos, const Principal& who,
                                     NewComplaint& input) const;

 private:
  core::Status Validate(const NewComplaint& input) const;
  // Resolves order_ref / batch_no into the traceability chain (order, item, batch, store).
  core::Status ResolveTrace(Repositories& repos, const NewComplaint& input, Complaint& c) const;
  // Finds or creates the customer record the caller works with (see RecordForCaller: a person
  // known only outside their scope gets a regional record of theirs).
  core::Result<std::optional<Id>> ResolveCustomer(Repositories& repos, const Principal& who,
                                                  const std::optional<CustomerInput>& input) const;
  const Context& ctx_;
};

// Checks and normalises customer fields (phone to digits, email case-folded); `prefix` names
// the fields in errors ("customer." for a nested object).
core::Status NormalizeCustomerInput(CustomerInput& input, const std::string& prefix);

}  // namespace closeloop::domain
