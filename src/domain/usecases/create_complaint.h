#pragma once

#include <optional>

#include "core/status.h"
#include "domain/usecases/complaint_io.h"
#include "domain/usecases/context.h"

namespace closeloop::domain {

// 接诉 intake: the one path by which every channel files a complaint. Validates, resolves the
// customer, numbers the complaint and records the `created` event in one transaction. With an
// idempotency key, a repeated request returns the first result and creates nothing.
class CreateComplaint {
 public:
  explicit CreateComplaint(const Context& ctx) : ctx_(ctx) {}
  core::Result<CreateOutcome> Execute(const Principal& who, NewComplaint input,
                                      const std::optional<IdempotencyRequest>& idempotency) const;

 private:
  core::Status Validate(const NewComplaint& input) const;
  core::Result<std::optional<Id>> ResolveCustomer(Repositories& repos,
                                                  const std::optional<CustomerInput>& input) const;
  const Context& ctx_;
};

// Checks and normalises customer fields (phone to digits, email case-folded); `prefix` names
// the fields in errors ("customer." for a nested object).
core::Status NormalizeCustomerInput(CustomerInput& input, const std::string& prefix);

}  // namespace closeloop::domain
