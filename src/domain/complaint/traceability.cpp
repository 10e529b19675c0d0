#include "domain/complaint/traceability.h"

#include "domain/complaint/complaint_support.h"
#include "domain/complaint/entities.h"
#include "domain/customer/entities.h"
#include "domain/customer/repository.h"
#include "domain/org/repository.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

using core::Status;

core::Result<BatchReport> GetTraceability::Batch(const Principal& who,
                                                 const std::string& batch_no) const {
  if (!ctx_.policy.Allows(who, Permission::kComplaintRead)) {
    return Status::Denied("your role may not read complaints");
  }
  BatchReport report;
  CL_RETURN_IF_ERROR(ctx_.store.Read([&](Repositories& repos) -> Status {
    auto batch = repos.trace().FindBatchByNo(batch_no);
    if (!batch) return Status::NotFound("no batch " + batch_no);
    report.batch = *batch;
    if (auto product = repos.org().FindProduct(batch->product_id)) report.product = *product;
    report.complaints = repos.trace().ComplaintsOfBatch(batch->id, who, 200);
    for (Complaint& c : report.complaints) MaskFreeText(ctx_, who, c);
    report.stores_affected = repos.trace().StoresAffectedByBatch(batch->id, who);
    return Status::Ok();
  }));
  return report;
}

core::Result<Order> GetTraceability::OrderByNo(const Principal& who,
                                               const std::string& order_no) const {
  if (!ctx_.policy.Allows(who, Permission::kCustomerRead)) {
    return Status::Denied("your role may not read orders");
  }
  Order order;
  CL_RETURN_IF_ERROR(ctx_.store.Read([&](Repositories& repos) -> Status {
    auto found = repos.trace().FindOrderByNo(order_no);
    // A scoped user sees an order only through a customer they may see.
    if (!found || (!who.Unscoped() &&
                   (!found->customer_id || !repos.customers().InScope(*found->customer_id, who)))) {
      return Status::NotFound("no order " + order_no);
    }
    order = std::move(*found);
    return Status::Ok();
  }));
  return order;
}

}  // namespace closeloop::domain
