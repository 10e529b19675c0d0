// Traceability reads: a production batch with the complaints about it and the stores
// they came from; an order with its items.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "domain/complaint/entities.h"
#include "domain/context.h"
#include "domain/customer/entities.h"

namespace closeloop::domain {

struct BatchReport {
  Batch batch;
  Product product;
  int stores_affected = 0;            // distinct stores of the complaints (in scope)
  std::vector<Complaint> complaints;  // newest first, in the caller's scope, up to 200
};

class GetTraceability {
 public:
  explicit GetTraceability(const Context& ctx) : ctx_(ctx) {}
  core::Result<BatchReport> Batch(const Principal& who, const std::string& batch_no) const;
  core::Result<Order> OrderByNo(const Principal& who, const std::string& order_no) const;

 private:
  const Context& ctx_;
};

}  // namespace closeloop::domain
