#include "domain/complaint/create_complaint.h"

#include <cctype>

#include "core/text.h"
#include "core/time_format.h"
#include "domain/complaint/complaint_support.h"
#include "domain/complaint/entities.h"
#include "domain/complaint/repository.h"
#include "domain/customer/entities.h"
#include "domain/customer/repository.h"
#include "domain/model/ids.h"
#include "domain/org/repository.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

using core::Status;

namespace {

// Channels where the reply to the request is itself the acknowledgement with the reference
// number: the agent tells the caller, the web form shows it, the platform's webhook call gets
// it back. Email is acknowledged by the outbox (acknowledged_at set when the mail is sent);
// imported complaints are history.
bool AcknowledgesSynchronously(Channel channel) {
  return channel != Channel::kEmail && channel != Channel::kImport;
}

// The description's first line, at most 30 characters.
std::string DeriveTitle(const std::string& description) {
  const std::string trimmed = core::Trim(description);
  const std::string line = trimmed.substr(0, trimmed.find_first_of("\r\n"));
  std::string title = core::Utf8Prefix(line, 30);
  // Latin words are not cut in half: end at the last space when the cut fell inside a word.
  if (title.size() < line.size() && std::isalpha(static_cast<unsigned char>(line[title.size()])) &&
      std::isalpha(static_cast<unsigned char>(title.back()))) {
    const size_t space = title.find_last_of(' ');
    if (space != std::string::npos && space > 0) title = title.substr(0, space);
  }
  return title;
}

}  // namespace

Status NormalizeCustomerInput(CustomerInput& input, const std::string& prefix) {
  CL_RETURN_IF_ERROR(CheckText(prefix + "name", input.name, 100, false));
  input.name = core::Trim(input.name);
  if (!input.phone.empty()) {
    std::string digits = core::NormalizePhone(input.phone);
    if (digits.size() < 5 || digits.size() > 15) {
      return Status::Invalid(prefix + "phone", "phone must have 5 to 15 digits");
    }
    input.phone = digits;
  }
  if (!input.email.empty()) {
    std::string email = core::AsciiLower(core::Trim(input.email));
    size_t at = email.find('@');
    if (at == std::string::npos || at == 0 || email.find('.', at) == std::string::npos ||
        email.size() > 254 || email.find(' ') != std::string::npos) {
      return Status::Invalid(prefix + "email", "email is not a valid address");
    }
    input.email = email;
  }
  PlatformAccount& account = input.account;
  account.platform = core::Trim(account.platform);
  account.account_id = core::Trim(account.account_id);
  if (account.platform.empty() != account.account_id.empty()) {
    return Status::Invalid(prefix + (account.platform.empty() ? "platform" : "account_id"),
                           "a platform account needs both platform and account_id");
  }
  if (account.platform.size() > 40 ||
      account.platform.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_-") !=
          std::string::npos) {
    return Status::Invalid(prefix + "platform", "platform must be 1-40 of a-z 0-9 - _");
  }
  CL_RETURN_IF_ERROR(CheckText(prefix + "account_id", account.account_id, 128, false));
  CL_RETURN_IF_ERROR(CheckText(prefix + "address", input.address, 200, false));
  input.address = core::Trim(input.address);
  if (!input.id_card.empty()) {
    std::string id = core::Trim(input.id_card);
    if (!id.empty() && id.back() == 'x') id.back() = 'X';
    bool digits = id.find_first_not_of("0123456789") == std::string::npos;
    bool valid =
        (id.size() == 15 && digits) ||
        (id.size() == 18 && id.substr(0, 17).find_first_not_of("0123456789") == std::string::npos &&
         (std::isdigit(static_cast<unsigned char>(id[17])) || id[17] == 'X'));
    if (!valid)
      return Status::Invalid(prefix + "id_card",
                             "id_card must be 15 digits or 17 digits and a check character");
    input.id_card = id;
  }
  return Status::Ok();
}

Status CreateComplaint::Validate(const NewComplaint& input) const {
  CL_RETURN_IF_ERROR(CheckText("description", input.description, ctx_.config.max_text_chars, true));
  CL_RETURN_IF_ERROR(CheckText("title", input.title, ctx_.config.max_title_chars, false));
  CL_RETURN_IF_ERROR(CheckText("remedy_detail", input.remedy_detail, 2000, false));
  CL_RETURN_IF_ERROR(CheckText("order_ref", input.order_ref, 64, false));
  CL_RETURN_IF_ERROR(CheckText("external_id", input.external_id, 128, false));
  CL_RETURN_IF_ERROR(CheckAmount("amount_claimed", input.amount_claimed_cents));
  CL_RETURN_IF_ERROR(CheckAmount("order_amount", input.order_amount_cents));
  CL_RETURN_IF_ERROR(CheckCategory(ctx_, input.category));
  if (input.occurred_at && *input.occurred_at > ctx_.clock.Now() + 5 * core::kMinute) {
    return Status::Invalid("occurred_at", "occurred_at lies in the future");
  }
  if (input.occurred_at && input.received_at && *input.occurred_at > *input.received_at) {
    return Status::Invalid("occurred_at", "occurred_at lies after received_at");
  }
  if (input.received_at) {
    const UnixMillis now = ctx_.clock.Now();
    if (*input.received_at > now + 5 * core::kMinute) {
      return Status::Invalid("received_at", "received_at lies in the future");
    }
    if (*input.received_at < now - 3660 * core::kDay) {
      return Status::Invalid("received_at", "received_at is more than ten years ago");
    }
  }
  return Status::Ok();
}

core::Result<std::optional<Id>> CreateComplaint::ResolveCustomer(
    Repositories& repos, const Principal& who, const std::optional<CustomerInput>& input) const {
  if (!input) return std::optional<Id>();
  if (input->id) {
    // An id the caller may not see is refused exactly like one that does not exist.
    if (!repos.customers().FindById(*input->id) || !CustomerVisible(repos, who, *input->id)) {
      return Status::Invalid("customer.id", "no customer " + std::to_string(*input->id));
    }
    return std::optional<Id>(*input->id);
  }
  // Identity resolution: the same person by phone, email or platform account is one customer.
  std::optional<Customer> found;
  if (!input->phone.empty()) found = repos.customers().FindByPhone(input->phone);
  if (!found && !input->email.empty()) found = repos.customers().FindByEmail(input->email);
  if (!found) found = repos.customers().FindByAccount(input->account);
  const bool has_account = !input->account.platform.empty();
  const UnixMillis now = ctx_.clock.Now();
  // A person the caller may not see gets a regional record of theirs (see RecordForCaller).
  std::optional<Customer> existing;
  Customer customer;
  if (found) {
    existing = RecordForCaller(repos, who, *found);
    if (!existing) customer = NewRegionalRecord(who, found->PersonId());
  }
  if (existing) {
    if (has_account) repos.customers().LinkAccount(existing->id, input->account, now);
    // Fill in what the existing record lacks; never overwrite what it has.
    bool changed = false;
    auto fill = [&changed](std::string& mine, const std::string& given) {
      if (mine.empty() && !given.empty()) mine = given, changed = true;
    };
    fill(existing->name, input->name);
    fill(existing->phone, input->phone);
    fill(existing->email, input->email);
    fill(existing->address, input->address);
    fill(existing->id_card, input->id_card);
    if (changed) {
      existing->updated_at = now;
      repos.customers().Update(*existing);
    }
    return std::optional<Id>(existing->id);
  }
  if (input->name.empty() && input->phone.empty() && input->email.empty() && !has_account) {
    return std::optional<Id>();
  }
  if (!found) PlaceInCallerScope(who, customer);
  customer.name = input->name;
  customer.phone = input->phone;
  customer.email = input->email;
  customer.address = input->address;
  customer.id_card = input->id_card;
  customer.tier = input->tier.value_or(CustomerTier::kNew);
  customer.created_at = customer.updated_at = now;
  Id id = repos.customers().Insert(customer);
  if (has_account) repos.customers().LinkAccount(id, input->account, customer.created_at);
  return std::optional<Id>(id);
}

Status CreateComplaint::Prepare(const Principal& who, NewComplaint& input) const {
  if (!ctx_.policy.Allows(who, Permission::kComplaintCreate)) {
    return Status::Denied("your role may not file complaints");
  }
  CL_RETURN_IF_ERROR(Validate(input));
  if (input.customer) CL_RETURN_IF_ERROR(NormalizeCustomerInput(*input.customer, "customer."));
  return Status::Ok();
}

Status CreateComplaint::ResolveTrace(Repositories& repos, const NewComplaint& input,
                                     Complaint& c) const {
  bool store_from_order = false;
  if (!input.order_ref.empty()) {
    if (auto order = repos.trace().FindOrderByNo(input.order_ref)) {
      c.order_id = order->id;
      if (!c.store_id && !c.city_id && order->store_id) {
        c.store_id = order->store_id;
        store_from_order = true;
      }
      if (!c.customer_id && order->customer_id) c.customer_id = order->customer_id;
      // The item complained about: the one with the complaint's product, or the only one.
      const OrderItem* item = nullptr;
      for (const auto& candidate : order->items) {
        if (c.product_id && candidate.product_id == *c.product_id) item = &candidate;
      }
      if (!item && !c.product_id && order->items.size() == 1) item = &order->items.front();
      if (item) {
        c.order_item_id = item->id;
        c.batch_id = item->batch_id;
        if (!c.product_id) c.product_id = item->product_id;
      }
    }
  }
  if (!input.batch_no.empty()) {
    auto batch = repos.trace().FindBatchByNo(input.batch_no);
    if (!batch) return Status::Invalid("batch_no", "no batch " + input.batch_no);
    if (c.product_id && *c.product_id != batch->product_id) {
      return Status::Invalid("batch_no", "batch " + input.batch_no + " is of another product");
    }
    c.batch_id = batch->id;
    c.product_id = batch->product_id;
  }
  // The order's store places the complaint in its city and region, as a given store does.
  if (store_from_order) return ResolvePlace(repos, c.region_id, c.city_id, c.store_id);
  return Status::Ok();
}

core::Result<Complaint> CreateComplaint::FileWithin(Repositories& repos, const Principal& who,
                                                    NewComplaint& input) const {
  Complaint c;
  CL_RETURN_IF_ERROR(ResolvePlace(repos, input.region_id, input.city_id, input.store_id));
  if (input.product_id && !repos.org().FindProduct(*input.product_id)) {
    return Status::Invalid("product_id", "no product " + std::to_string(*input.product_id));
  }
  if (input.team_id && !repos.org().FindTeam(*input.team_id)) {
    return Status::Invalid("team_id", "no team " + std::to_string(*input.team_id));
  }
  if (input.assignee_id)
    CL_RETURN_IF_ERROR(CheckAssignee(repos, *input.assignee_id, "assignee_id"));
  c.region_id = input.region_id;
  c.city_id = input.city_id;
  c.store_id = input.store_id;
  c.product_id = input.product_id;
  CL_RETURN_IF_ERROR(ResolveTrace(repos, input, c));
  if (!who.Unscoped() && !c.region_id && !input.team_id) {
    // A scoped user's complaint lands in their own scope, so they keep seeing it.
    if (!who.region_scope.empty()) {
      c.region_id = who.region_scope.front();
    } else {
      input.team_id = who.team_scope.front();
    }
  }
  if (!ctx_.policy.MayPlace(who, c.region_id, input.team_id)) {
    return Status(core::StatusCode::kPermissionDenied, "region_id/team_id lie outside your scope",
                  input.team_id && !c.region_id ? "team_id" : "region_id");
  }
  auto customer_id = ResolveCustomer(repos, who, input.customer);
  if (!customer_id.ok()) return customer_id.status();

  const UnixMillis now = ctx_.clock.Now();
  c.channel = input.channel;
  c.external_id = input.external_id;
  if (*customer_id) {
    c.customer_id = *customer_id;
  } else if (c.customer_id && !CustomerVisible(repos, who, *c.customer_id)) {
    c.customer_match = "order";  // the order's customer, whom the caller may not see
  }
  c.description = input.description;
  c.title =
      core::Trim(input.title).empty() ? DeriveTitle(input.description) : core::Trim(input.title);
  c.type = input.type;
  c.category = input.category;
  c.severity = input.severity.value_or(Severity::kMedium);
  c.safety_flag = input.safety_flag;
  c.remedy = input.remedy;
  c.remedy_detail = input.remedy_detail;
  c.amount_claimed_cents = input.amount_claimed_cents;
  c.order_amount_cents = input.order_amount_cents;
  c.order_ref = input.order_ref;
  c.team_id = input.team_id;
  c.assignee_id = input.assignee_id;
  // A health or safety implication skips the queue (ISO 10002 initial assessment).
  c.priority = input.priority.value_or(input.safety_flag ? Priority::kUrgent : Priority::kNormal);
  if (who.user_id != 0) c.created_by = who.user_id;
  c.received_at = input.received_at.value_or(now);
  c.occurred_at = input.occurred_at;
  if (AcknowledgesSynchronously(c.channel)) c.acknowledged_at = now;
  c.updated_at = now;
  const std::string day = core::CompactDate(c.received_at, ctx_.config.org_utc_offset_minutes);
  c.reference = FormatReference(day, repos.complaints().NextReferenceSequence(day));
  c.id = repos.complaints().Insert(c);

  ComplaintEvent created;
  created.complaint_id = c.id;
  created.kind = EventKind::kCreated;
  created.to_status = c.status;
  created.note = std::string("channel ") + ToString(c.channel);
  AppendEvent(repos, ctx_, who, created);
  CL_RETURN_IF_ERROR(PublishChange(repos, ctx_, {ChangeKind::kCreated, c, who, now}));
  return c;
}

core::Result<CreateOutcome> CreateComplaint::Execute(
    const Principal& who, NewComplaint input,
    const std::optional<IdempotencyRequest>& idempotency) const {
  if (idempotency && (idempotency->key.empty() || idempotency->key.size() > 200)) {
    return Status::Invalid("Idempotency-Key", "Idempotency-Key must have 1 to 200 characters");
  }
  CL_RETURN_IF_ERROR(Prepare(who, input));

  CreateOutcome outcome;
  Status status = ctx_.store.Write([&](Repositories& repos) -> Status {
    if (idempotency) {
      if (auto earlier = repos.idempotency().Find(who.user_id, idempotency->key)) {
        if (earlier->fingerprint != idempotency->fingerprint) {
          return Status::Conflict("this Idempotency-Key was used for a different request",
                                  "Idempotency-Key");
        }
        auto complaint = repos.complaints().FindById(earlier->complaint_id);
        if (!complaint) return Status::Internal("idempotency record points to nothing");
        outcome.view = MakeView(repos, ctx_, who, std::move(*complaint));
        outcome.replayed = true;
        return Status::Ok();
      }
    }
    auto filed = FileWithin(repos, who, input);
    if (!filed.ok()) return filed.status();
    if (idempotency) {
      repos.idempotency().Insert(
          {who.user_id, idempotency->key, idempotency->fingerprint, filed->id, ctx_.clock.Now()});
    }
    outcome.view = MakeView(repos, ctx_, who, std::move(*filed));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return outcome;
}

}  // namespace closeloop::domain
