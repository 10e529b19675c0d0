#include "domain/intake/webhook_intake.h"

#include <algorithm>

#include "core/text.h"
#include "domain/complaint/complaint_support.h"
#include "domain/complaint/create_complaint.h"
#include "domain/intake/entities.h"
#include "domain/intake/repository.h"
#include "domain/model/ids.h"
#include "domain/org/config_audit.h"
#include "domain/org/entities.h"
#include "domain/org/repository.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

using core::Status;

const std::vector<std::string>& MappableFields() {
  static const std::vector<std::string> kFields = {
      "description",    "title",          "external_id", "customer.name",
      "customer.phone", "customer.email", "order_ref",   "amount_claimed",
      "order_amount",   "occurred_at",    "remedy",      "category",
      "type",           "product_id",     "store_id",    "customer.account_id"};
  return kFields;
}

core::Result<IntakeSource> WebhookIntake::Authenticate(const std::string& name,
                                                       const std::string& body,
                                                       const std::string& signature) const {
  std::optional<IntakeSource> source;
  CL_RETURN_IF_ERROR(ctx_.store.Read([&](Repositories& repos) {
    source = repos.intake_sources().FindByName(name);
    return Status::Ok();
  }));
  // The header is "sha256=<hex>", as GitHub and most platforms send it; nothing else is taken.
  const bool prefixed = signature.rfind("sha256=", 0) == 0;
  const std::string hex = prefixed ? signature.substr(7) : "";
  if (!source || !source->active || hex.empty() ||
      !ctx_.authenticator.Verify(source->secret, body, hex)) {
    return Status::Unauthenticated("unknown intake source or bad signature");
  }
  return std::move(*source);
}

core::Result<CreateOutcome> WebhookIntake::File(const IntakeSource& source,
                                                NewComplaint input) const {
  if (core::Trim(input.external_id).empty()) {
    return Status::Invalid("external_id", "the payload has no platform id (external_id)");
  }
  std::optional<User> user;
  CL_RETURN_IF_ERROR(ctx_.store.Read([&](Repositories& repos) {
    user = repos.users().FindById(source.user_id);
    return Status::Ok();
  }));
  if (!user || !user->active) return Status::Denied("the source's user is not active");
  input.channel = source.channel;
  // A platform account id in the payload belongs to this source's platform.
  if (input.customer && !input.customer->account.account_id.empty()) {
    input.customer->account.platform = source.name;
  }
  // The platform id makes the delivery idempotent, whatever else a re-delivery changes.
  IdempotencyRequest key{"intake:" + source.name + ":" + input.external_id, "platform-id"};
  return CreateComplaint(ctx_).Execute(PrincipalOf(*user), std::move(input), key);
}

core::Result<IntakeSource> WebhookIntake::CreateSource(const Principal& who,
                                                       IntakeSource source) const {
  if (!ctx_.policy.Allows(who, Permission::kConfigManage)) {
    return Status::Denied("your role may not manage intake sources");
  }
  const std::string& name = source.name;
  if (name.empty() || name.size() > 40 || !std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
      })) {
    return Status::Invalid("name", "name must be 1-40 of a-z 0-9 - _");
  }
  CL_RETURN_IF_ERROR(CheckOrganisationWide(who, "intake sources", "name"));
  bool has_description = false, has_external_id = false;
  for (const auto& [field, pointer] : source.mapping) {
    const auto& fields = MappableFields();
    if (std::find(fields.begin(), fields.end(), field) == fields.end()) {
      return Status::Invalid("mapping." + field, "cannot map to unknown field " + field);
    }
    if (pointer.empty() || pointer[0] != '/') {
      return Status::Invalid("mapping." + field,
                             "a mapping is a JSON pointer such as /review/content");
    }
    has_description |= field == "description";
    has_external_id |= field == "external_id";
  }
  if (!has_description) return Status::Invalid("mapping.description", "map description");
  if (!has_external_id)
    return Status::Invalid("mapping.external_id", "map external_id (the platform id)");
  CL_RETURN_IF_ERROR(CheckDeliveryUrl(source.delivery_url));
  if (source.secret.empty()) source.secret = ctx_.tokens.NewSecret("whsec_");
  source.created_at = ctx_.clock.Now();
  source.active = true;
  CL_RETURN_IF_ERROR(ctx_.store.Write([&](Repositories& repos) -> Status {
    CL_RETURN_IF_ERROR(CheckFilingUser(repos, source.user_id));
    auto existing = repos.intake_sources().FindByName(source.name);
    if (existing && existing->active) {
      return Status::Conflict("intake source " + source.name + " exists", "name");
    }
    if (existing) {
      // A deactivated source's name is taken up again: the same row, new settings and secret.
      source.id = existing->id;
      source.created_at = existing->created_at;
      repos.intake_sources().Update(source);
      RecordConfigChange(repos, ctx_, who, "intake_sources", "recreated " + source.name);
    } else {
      source.id = repos.intake_sources().Insert(source);
      RecordConfigChange(repos, ctx_, who, "intake_sources", "created " + source.name);
    }
    return Status::Ok();
  }));
  return source;
}

Status WebhookIntake::CheckFilingUser(Repositories& repos, Id user_id) const {
  auto user = repos.users().FindById(user_id);
  if (!user || !user->active)
    return Status::Invalid("user_id", "no active user " + std::to_string(user_id));
  if (!ctx_.policy.Allows(PrincipalOf(*user), Permission::kComplaintCreate)) {
    return Status::Invalid("user_id", "user " + user->username + " (" + ToString(user->role) +
                                          ") may not file complaints");
  }
  return Status::Ok();
}

core::Result<IntakeSource> WebhookIntake::SetSourceActive(const Principal& who, Id id,
                                                          bool active) const {
  return ChangeSource(who, id, [&](Repositories& repos, IntakeSource& source) -> Status {
    if (active) CL_RETURN_IF_ERROR(CheckFilingUser(repos, source.user_id));
    source.active = active;
    RecordConfigChange(repos, ctx_, who, "intake_sources",
                       (active ? "reactivated " : "deactivated ") + source.name);
    return Status::Ok();
  });
}

core::Status CheckDeliveryUrl(const std::string& url) {
  if (url.empty()) return Status::Ok();
  const bool scheme = url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0;
  const bool clean = std::none_of(url.begin(), url.end(), [](char c) {
    return static_cast<unsigned char>(c) <= ' ' || c == 0x7f;
  });
  if (!scheme || !clean || url.size() > 500 || url.find("://") + 3 == url.size()) {
    return Status::Invalid("delivery_url",
                           "delivery_url must be an http:// or https:// URL (at most 500 "
                           "characters, no spaces)");
  }
  return Status::Ok();
}

core::Result<IntakeSource> WebhookIntake::SetDeliveryUrl(const Principal& who, Id id,
                                                         const std::string& url) const {
  CL_RETURN_IF_ERROR(CheckDeliveryUrl(url));
  return ChangeSource(who, id, [&](Repositories& repos, IntakeSource& source) -> Status {
    source.delivery_url = url;
    RecordConfigChange(repos, ctx_, who, "intake_sources",
                       url.empty() ? "stopped webhook delivery of " + source.name
                                   : "set the webhook delivery of " + source.name + " to " + url);
    return Status::Ok();
  });
}

core::Result<IntakeSource> WebhookIntake::RotateSecret(const Principal& who, Id id) const {
  return ChangeSource(who, id, [&](Repositories& repos, IntakeSource& source) -> Status {
    source.secret = ctx_.tokens.NewSecret("whsec_");
    RecordConfigChange(repos, ctx_, who, "intake_sources", "rotated the secret of " + source.name);
    return Status::Ok();
  });
}

core::Result<IntakeSource> WebhookIntake::ChangeSource(
    const Principal& who, Id id,
    const std::function<Status(Repositories&, IntakeSource&)>& change) const {
  if (!ctx_.policy.Allows(who, Permission::kConfigManage)) {
    return Status::Denied("your role may not manage intake sources");
  }
  CL_RETURN_IF_ERROR(CheckOrganisationWide(who, "intake sources", "id"));
  IntakeSource source;
  CL_RETURN_IF_ERROR(ctx_.store.Write([&](Repositories& repos) -> Status {
    auto found = repos.intake_sources().FindById(id);
    if (!found) return Status::NotFound("no intake source " + std::to_string(id));
    source = *found;
    CL_RETURN_IF_ERROR(change(repos, source));
    repos.intake_sources().Update(source);
    return Status::Ok();
  }));
  return source;
}

core::Result<std::vector<IntakeSource>> WebhookIntake::ListSources(const Principal& who) const {
  if (!ctx_.policy.Allows(who, Permission::kConfigManage)) {
    return Status::Denied("your role may not manage intake sources");
  }
  std::vector<IntakeSource> sources;
  CL_RETURN_IF_ERROR(ctx_.store.Read([&](Repositories& repos) {
    sources = repos.intake_sources().List();
    return Status::Ok();
  }));
  for (IntakeSource& s : sources) s.secret.clear();
  return sources;
}

Status WebhookIntake::DeactivateSource(const Principal& who, Id id) const {
  if (!ctx_.policy.Allows(who, Permission::kConfigManage)) {
    return Status::Denied("your role may not manage intake sources");
  }
  auto changed = SetSourceActive(who, id, false);
  return changed.ok() ? Status::Ok() : changed.status();
}

}  // namespace closeloop::domain
