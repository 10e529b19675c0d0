#include "domain/org/config_audit.h"

#include "domain/config_repository.h"
#include "domain/model/ids.h"
#include "domain/org/entities.h"
#include "domain/org/repository.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

using core::Status;

Status CheckOrganisationWide(const Principal& who, const std::string& what,
                             const std::string& field) {
  if (who.Unscoped()) return Status::Ok();
  return Status(core::StatusCode::kPermissionDenied,
                what +
                    " apply to every region; a user scoped to some regions or teams may not "
                    "change them",
                field);
}

void RecordConfigChange(Repositories& repos, const Context& ctx, const Principal& who,
                        const std::string& area, const std::string& summary) {
  ConfigChange change;
  change.area = area;
  change.summary = summary;
  if (who.user_id != 0) change.actor_id = who.user_id;
  change.at = ctx.clock.Now();
  repos.config().RecordChange(change);
}

core::Result<std::vector<ConfigChange>> ListConfigChanges::Execute(const Principal& who,
                                                                   Id before_id, int limit) const {
  if (!ctx_.policy.Allows(who, Permission::kConfigManage) &&
      !ctx_.policy.Allows(who, Permission::kAuditRead)) {
    return Status::Denied("your role may not read the configuration record");
  }
  if (limit < 1 || limit > 200) return Status::Invalid("limit", "limit must be 1-200");
  std::vector<ConfigChange> out;
  CL_RETURN_IF_ERROR(ctx_.store.Read([&](Repositories& repos) {
    out = repos.config().Changes(before_id, limit);
    return Status::Ok();
  }));
  return out;
}

}  // namespace closeloop::domain
