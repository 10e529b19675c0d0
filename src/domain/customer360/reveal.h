// Reveals of personal data (PIPL: minimum necessary, and a record of who processed whose data).
// The web application shows personal data masked (Principal::masked) even to roles that may read
// it; a reveal shows it in clear to such a role and records who, whose, on which complaint, why
// and when. The record is read with audit.read.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/complaint/complaint_io.h"
#include "domain/context.h"
#include "domain/customer/entities.h"
#include "domain/customer360/customers.h"

namespace closeloop::domain {

class RevealPersonalData {
 public:
  explicit RevealPersonalData(const Context& ctx) : ctx_(ctx) {}
  // The complaint as the caller's role may see it, personal data in clear; recorded.
  core::Result<ComplaintView> Complaint(const Principal& who, const std::string& key,
                                        const std::string& purpose) const;
  // The customer's 360 view in clear; recorded.
  core::Result<CustomerDetail> Customer(const Principal& who, Id id,
                                        const std::string& purpose) const;
  // The record, newest first: of one customer, or all (audit.read).
  core::Result<std::vector<PersonalDataAccess>> Record(const Principal& who,
                                                       std::optional<Id> customer_id, Id before_id,
                                                       int limit) const;

 private:
  // The caller without the mask, when their role may read personal data.
  core::Result<Principal> Unmasked(const Principal& who, const std::string& purpose) const;
  void Keep(Repositories& repos, const Principal& who, std::optional<Id> customer_id,
            std::optional<Id> complaint_id, const std::string& purpose) const;
  const Context& ctx_;
};

}  // namespace closeloop::domain
