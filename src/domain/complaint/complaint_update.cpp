// UpdateComplaint: field edits, each recorded as a change.
#include "core/text.h"
#include "core/time_format.h"
#include "domain/complaint/complaint_actions.h"
#include "domain/complaint/complaint_support.h"
#include "domain/complaint/entities.h"
#include "domain/complaint/field_changes.h"
#include "domain/complaint/repository.h"
#include "domain/model/ids.h"
#include "domain/org/repository.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

using core::Status;
using field_changes::BoolText;
using field_changes::Cents;
using field_changes::Change;
using field_changes::EnumText;
using field_changes::IdText;
using field_changes::PlainEnum;
using field_changes::Text;

core::Result<ComplaintView> UpdateComplaint::Execute(const Principal& who, const std::string& key,
                                                     ComplaintPatch patch) const {
  if (!ctx_.policy.Allows(who, Permission::kComplaintUpdate)) {
    return Status::Denied("your role may not edit complaints");
  }
  if (patch.title)
    CL_RETURN_IF_ERROR(CheckText("title", *patch.title, ctx_.config.max_title_chars, true));
  if (patch.description) {
    CL_RETURN_IF_ERROR(
        CheckText("description", *patch.description, ctx_.config.max_text_chars, true));
  }
  if (patch.category) CL_RETURN_IF_ERROR(CheckCategory(ctx_, *patch.category));
  if (patch.remedy_detail)
    CL_RETURN_IF_ERROR(CheckText("remedy_detail", *patch.remedy_detail, 2000, false));
  if (patch.order_ref) CL_RETURN_IF_ERROR(CheckText("order_ref", *patch.order_ref, 64, false));
  CL_RETURN_IF_ERROR(CheckAmount("amount_claimed", patch.amount_claimed_cents));
  CL_RETURN_IF_ERROR(CheckAmount("order_amount", patch.order_amount_cents));
  if (patch.occurred_at && *patch.occurred_at > ctx_.clock.Now() + 5 * core::kMinute) {
    return Status::Invalid("occurred_at", "occurred_at lies in the future");
  }

  ComplaintView view;
  Status status = ctx_.store.Write([&](Repositories& repos) -> Status {
    auto loaded = LoadVisibleComplaint(repos, ctx_, who, key);
    if (!loaded.ok()) return loaded.status();
    Complaint c = loaded.value();
    if (c.status == ComplaintStatus::kClosed) {
      return Status::Conflict("closed complaints are archived; reopen it first", "status");
    }
    std::optional<Id> region = patch.region_id ? patch.region_id : c.region_id;
    std::optional<Id> city = patch.city_id ? patch.city_id : c.city_id;
    std::optional<Id> store = patch.store_id ? patch.store_id : c.store_id;
    if (patch.store_id && !patch.city_id) city.reset();
    if ((patch.store_id || patch.city_id) && !patch.region_id) region.reset();
    CL_RETURN_IF_ERROR(ResolvePlace(repos, region, city, store));
    if (!ctx_.policy.MayPlace(who, region, c.team_id) && region != c.region_id) {
      return Status(core::StatusCode::kPermissionDenied, "region_id lies outside your scope",
                    "region_id");
    }
    if (patch.product_id && !repos.org().FindProduct(*patch.product_id)) {
      return Status::Invalid("product_id", "no product " + std::to_string(*patch.product_id));
    }
    if (patch.customer_id && (!repos.customers().FindById(*patch.customer_id) ||
                              !CustomerVisible(repos, who, *patch.customer_id))) {
      return Status::Invalid("customer_id", "no customer " + std::to_string(*patch.customer_id));
    }
    std::vector<FieldChange> changes;
    if (patch.title) Change(changes, "title", c.title, core::Trim(*patch.title), Text);
    if (patch.description) Change(changes, "description", c.description, *patch.description, Text);
    if (patch.type) Change(changes, "type", c.type, patch.type, EnumText<ComplaintType>);
    const std::string old_category = c.category;
    if (patch.category) Change(changes, "category", c.category, *patch.category, Text);
    if (patch.severity)
      Change(changes, "severity", c.severity, *patch.severity, PlainEnum<Severity>);
    if (patch.safety_flag)
      Change(changes, "safety_flag", c.safety_flag, *patch.safety_flag, BoolText);
    // Safety raises the priority on every path, as at creation (unless the edit sets one).
    if (patch.safety_flag && *patch.safety_flag && !patch.priority) {
      Change(changes, "priority", c.priority, Priority::kUrgent, PlainEnum<Priority>);
    }
    if (patch.batch_no) {
      std::optional<Id> batch_id;
      if (!core::Trim(*patch.batch_no).empty()) {
        auto batch = repos.trace().FindBatchByNo(core::Trim(*patch.batch_no));
        if (!batch) return Status::Invalid("batch_no", "no batch " + *patch.batch_no);
        const std::optional<Id> product = patch.product_id ? patch.product_id : c.product_id;
        if (product && *product != batch->product_id) {
          return Status::Invalid("batch_no", "batch " + *patch.batch_no + " is of another product");
        }
        batch_id = batch->id;
        if (!patch.product_id && !c.product_id) c.product_id = batch->product_id;
      }
      Change(changes, "batch_id", c.batch_id, batch_id, IdText);
    }
    if (patch.remedy) Change(changes, "remedy", c.remedy, patch.remedy, EnumText<Remedy>);
    if (patch.remedy_detail)
      Change(changes, "remedy_detail", c.remedy_detail, *patch.remedy_detail, Text);
    if (patch.amount_claimed_cents) {
      Change(changes, "amount_claimed", c.amount_claimed_cents, patch.amount_claimed_cents, Cents);
    }
    if (patch.order_amount_cents) {
      Change(changes, "order_amount", c.order_amount_cents, patch.order_amount_cents, Cents);
    }
    Change(changes, "region_id", c.region_id, region, IdText);
    Change(changes, "city_id", c.city_id, city, IdText);
    Change(changes, "store_id", c.store_id, store, IdText);
    if (patch.product_id) Change(changes, "product_id", c.product_id, patch.product_id, IdText);
    if (patch.order_ref) Change(changes, "order_ref", c.order_ref, *patch.order_ref, Text);
    if (patch.priority)
      Change(changes, "priority", c.priority, *patch.priority, PlainEnum<Priority>);
    if (patch.customer_id) Change(changes, "customer_id", c.customer_id, patch.customer_id, IdText);
    if (patch.occurred_at) {
      Change(changes, "occurred_at", c.occurred_at, patch.occurred_at,
             [](const auto& t) { return t ? core::FormatIso8601(*t) : std::string(); });
    }
    if (!changes.empty()) {
      c.updated_at = ctx_.clock.Now();
      repos.complaints().Update(c);
      ComplaintChange change{ChangeKind::kUpdated, c, who, c.updated_at};
      for (const auto& ch : changes) change.fields.push_back(ch.field);
      change.old_category = old_category;
      CL_RETURN_IF_ERROR(PublishChange(repos, ctx_, change));
      ComplaintEvent updated;
      updated.complaint_id = c.id;
      updated.kind = EventKind::kUpdated;
      updated.changes = std::move(changes);
      AppendEvent(repos, ctx_, who, updated);
    }
    view = MakeView(repos, ctx_, who, std::move(c));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return view;
}

}  // namespace closeloop::domain
