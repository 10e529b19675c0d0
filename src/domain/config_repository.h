// Storage of the configuration admins change at run time, for every module: the lifecycle, text
// rules, message templates, SLA calendars and policies, and the record of each change.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/complaint/lifecycle.h"
#include "domain/model/ids.h"
#include "domain/org/entities.h"
#include "domain/sla/calendar.h"
#include "domain/sla/sla.h"

namespace closeloop::domain {

// The map the dashboard draws instead of the province tile grid: a GeoJSON of the provinces an
// admin uploaded and holds the rights to, with its approval number (审图号) shown as the caption.
struct DashboardMap {
  std::string name;         // the file's name, for people
  std::string approval_no;  // 审图号, e.g. GS(2024)0650号
  int regions = 0;          // features with a name
  std::string geojson;      // empty when read without the geometry
  std::optional<Id> updated_by;
  UnixMillis updated_at = 0;
};

class ConfigRepository {
 public:
  virtual ~ConfigRepository() = default;
  // The stored lifecycle table, or nothing when the defaults apply.
  virtual std::optional<std::vector<Transition>> LoadLifecycle() = 0;
  virtual void SaveLifecycle(const std::vector<Transition>& transitions) = 0;
  // Text rules admins stored for a rule set ("type", "category"), or nothing for the defaults.
  virtual std::optional<std::string> LoadTextRules(const std::string& rule_set) = 0;
  virtual void SaveTextRules(const std::string& rule_set, const std::string& body,
                             std::optional<Id> by, UnixMillis at) = 0;
  virtual void DeleteTextRules(const std::string& rule_set) = 0;
  // Message templates admins edited (reply drafts …): the parts of one template in one language,
  // or nothing for the shipped defaults.
  using TemplateParts = std::map<std::string, std::string>;
  virtual std::optional<TemplateParts> LoadTemplate(const std::string& name,
                                                    const std::string& language) = 0;
  virtual void SaveTemplate(const std::string& name, const std::string& language,
                            const TemplateParts& parts, std::optional<Id> by, UnixMillis at) = 0;
  virtual void DeleteTemplate(const std::string& name, const std::string& language) = 0;
  // SLA calendars and policies; nothing stored means the defaults.
  virtual std::optional<std::vector<BusinessCalendar>> LoadCalendars() = 0;
  virtual void SaveCalendars(const std::vector<BusinessCalendar>& calendars) = 0;
  virtual std::optional<std::vector<SlaPolicy>> LoadSlaPolicies() = 0;
  virtual void SaveSlaPolicies(const std::vector<SlaPolicy>& policies) = 0;
  virtual void RecordChange(const ConfigChange& change) = 0;
  virtual std::optional<DashboardMap> LoadDashboardMap(bool with_geometry) = 0;
  virtual void SaveDashboardMap(const DashboardMap& map) = 0;
  virtual void DeleteDashboardMap() = 0;
  // Newest first; `before_id` 0 = from the newest.
  virtual std::vector<ConfigChange> Changes(Id before_id, int limit) = 0;
};

}  // namespace closeloop::domain
