// The organisation and its catalogue: regions, cities, stores, teams, users with their sessions
// and API keys, notifications, recorded configuration changes; products and production batches.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/model/enums.h"
#include "domain/model/ids.h"

namespace closeloop::domain {

struct Region {
  Id id = 0;
  std::string code;  // e.g. "east"
  std::string name;  // e.g. "华东大区"
};

struct City {
  Id id = 0;
  std::string name;
  std::string province;
  Id region_id = 0;
};

struct Store {
  Id id = 0;
  std::string code;
  std::string name;
  Id city_id = 0;
};

// A team works a queue (complaint teams) or receives tasks (department teams: QC, logistics…).
struct Team {
  Id id = 0;
  std::string code;
  std::string name;
  std::string kind = "complaints";  // "complaints" or "department"
  std::optional<Id> region_id;
  UnixMillis created_at = 0;
};

struct User {
  Id id = 0;
  std::string username;
  std::string display_name;
  Role role = Role::kAgent;
  std::string password_hash;
  bool active = true;
  std::string time_zone = "Asia/Shanghai";
  std::string language = "zh-CN";  // zh-CN or en: notifications and mail to them
  std::string email;               // work address for notifications; personal data (sealed at rest)
  // Data scope: empty lists on both mean the whole organisation.
  std::vector<Id> region_scope;
  std::vector<Id> team_scope;
  UnixMillis created_at = 0;
};

struct Session {
  std::string token_digest;
  Id user_id = 0;
  UnixMillis created_at = 0;
  UnixMillis expires_at = 0;
};

struct ApiKey {
  Id id = 0;
  std::string name;
  Id user_id = 0;  // the key acts with this user's role and scope
  std::string key_digest;
  std::string prefix;  // first characters, shown so people can tell keys apart
  UnixMillis created_at = 0;
  std::optional<UnixMillis> revoked_at;
};

// One recorded change of configuration: what, by whom (none: a local tool), when.
struct ConfigChange {
  Id id = 0;
  std::string area;
  std::string summary;
  std::optional<Id> actor_id;
  std::string actor_name;  // filled when read
  UnixMillis at = 0;
};

// A message for one user in the application (SLA warnings, breaches, escalations).
struct Notification {
  Id id = 0;
  Id user_id = 0;
  std::optional<Id> complaint_id;
  std::string kind;
  std::string message;
  UnixMillis created_at = 0;
  std::optional<UnixMillis> read_at;
};

struct Product {
  Id id = 0;
  std::string sku;
  std::string name;
  std::string product_line;
  std::string category;
  std::string lifecycle_stage;  // launch, growth, mature, decline, discontinued
  std::string launch_date;      // YYYY-MM-DD
};

// A production batch of one SKU (R-1.6 traceability).
struct Batch {
  Id id = 0;
  std::string batch_no;  // e.g. "B2026-0311"
  Id product_id = 0;
  std::string production_date;  // YYYY-MM-DD
  std::string plant;
  UnixMillis created_at = 0;
};

}  // namespace closeloop::domain
