// Who may change configuration that applies to every region, and the record of every change.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "domain/context.h"
#include "domain/model/ids.h"
#include "domain/org/entities.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

// Configuration shared by all regions (lifecycle, routing and text rules, SLA, intake sources,
// message templates, text models) may be changed only by an unscoped user: a regional manager's
// rules would apply to regions they do not run. Returns kPermissionDenied naming `field` otherwise.
core::Status CheckOrganisationWide(const Principal& who, const std::string& what,
                                   const std::string& field);

// Records a configuration change with the caller and the time; inside the change's unit of work.
void RecordConfigChange(Repositories& repos, const Context& ctx, const Principal& who,
                        const std::string& area, const std::string& summary);

// The record of configuration changes, newest first (config.manage or audit.read).
class ListConfigChanges {
 public:
  explicit ListConfigChanges(const Context& ctx) : ctx_(ctx) {}
  core::Result<std::vector<ConfigChange>> Execute(const Principal& who, Id before_id,
                                                  int limit) const;

 private:
  const Context& ctx_;
};

}  // namespace closeloop::domain
