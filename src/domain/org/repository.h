// Storage of the organisation: users, regions, cities, stores, teams, sessions and API keys, and
// notifications.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/model/enums.h"
#include "domain/model/ids.h"
#include "domain/org/entities.h"

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

}  // namespace closeloop::domain
