// Storage of the organisation: users, regions, teams, sessions and API keys, notifications, and
// the configuration admins change at run time.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/complaint/lifecycle.h"
#include "domain/customer/entities.h"
#include "domain/model/enums.h"
#include "domain/model/ids.h"
#include "domain/org/entities.h"
#include "domain/sla/calendar.h"
#include "domain/sla/sla.h"

namespace closeloop::domain {

class UserRepository {
 public:
  virtual ~UserRepository() = default;
  virtual Id Insert(const User& user) = 0;
  virtual void Update(const User& user) = 0;  // includes scopes
  virtual std::optional<User> FindById(Id id) = 0;
  virtual std::optional<User> FindByUsername(const std::string& username) = 0;
  virtual std::vector<User> List() = 0;
  // The active users of one role, by id (the managers an escalation notifies).
  virtual std::vector<User> ActiveWithRole(Role role) = 0;
};

class OrgRepository {
 public:
  virtual ~OrgRepository() = default;
  virtual Id InsertRegion(const Region& region) = 0;
  virtual Id InsertCity(const City& city) = 0;
  virtual Id InsertStore(const Store& store) = 0;
  virtual Id InsertProduct(const Product& product) = 0;
  virtual Id InsertTeam(const Team& team) = 0;
  virtual void UpdateTeam(const Team& team) = 0;
  virtual std::vector<Region> Regions() = 0;
  virtual std::vector<City> Cities() = 0;
  virtual std::vector<Store> Stores() = 0;
  virtual std::vector<Product> Products() = 0;
  virtual std::vector<Team> Teams() = 0;
  virtual std::optional<Region> FindRegion(Id id) = 0;
  virtual std::optional<City> FindCity(Id id) = 0;
  virtual std::optional<Store> FindStore(Id id) = 0;
  virtual std::optional<Product> FindProduct(Id id) = 0;
  virtual std::optional<Team> FindTeam(Id id) = 0;
  // Looks a region or team up by code or name (for --scope on the CLI).
  virtual std::optional<Region> FindRegionByKey(const std::string& code_or_name) = 0;
  virtual std::optional<Team> FindTeamByKey(const std::string& code_or_name) = 0;
};

class AuthRepository {
 public:
  virtual ~AuthRepository() = default;
  virtual void InsertSession(const Session& session) = 0;
  virtual std::optional<Session> FindSession(const std::string& token_digest) = 0;
  virtual void DeleteSession(const std::string& token_digest) = 0;
  virtual void DeleteSessionsOf(Id user_id) = 0;
  virtual Id InsertApiKey(const ApiKey& key) = 0;
  virtual std::optional<ApiKey> FindApiKeyByDigest(const std::string& key_digest) = 0;
  virtual std::optional<ApiKey> FindApiKey(Id id) = 0;
  virtual std::vector<ApiKey> ListApiKeys() = 0;
  virtual void RevokeApiKey(Id id, UnixMillis at) = 0;
};

class NotificationRepository {
 public:
  virtual ~NotificationRepository() = default;
  virtual Id Insert(const Notification& notification) = 0;
  // Newest first, older than `before_id` (0: from the newest); unread only when asked.
  virtual std::vector<Notification> ListFor(Id user_id, bool unread_only, Id before_id,
                                            int limit) = 0;
  // Marks every unread notification of the user read; returns how many.
  virtual int MarkAllRead(Id user_id, UnixMillis at) = 0;
  // Marks the user's notification read; false when it is not theirs or not there.
  virtual bool MarkRead(Id user_id, Id id, UnixMillis at) = 0;
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
  // Newest first; `before_id` 0 = from the newest.
  virtual std::vector<ConfigChange> Changes(Id before_id, int limit) = 0;
};

}  // namespace closeloop::domain
