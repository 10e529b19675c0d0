// SQLite repositories for the organisation (regions, cities, stores, products, teams) and for
// stored configuration (the lifecycle table).
#include "core/text.h"
#include "domain/customer/entities.h"
#include "domain/model/ids.h"
#include "domain/org/entities.h"
#include "store/sqlite/query_helpers.h"
#include "store/sqlite/repositories.h"

namespace closeloop::store::sqlite {
namespace {

Region ReadRegion(const Query& q) { return {q.Int(0), q.Text(1), q.Text(2)}; }
City ReadCity(const Query& q) { return {q.Int(0), q.Text(1), q.Text(2), q.Int(3)}; }
Store ReadStore(const Query& q) { return {q.Int(0), q.Text(1), q.Text(2), q.Int(3)}; }
Product ReadProduct(const Query& q) {
  return {q.Int(0), q.Text(1), q.Text(2), q.Text(3), q.Text(4), q.Text(5), q.Text(6)};
}
Team ReadTeam(const Query& q) {
  Team t;
  t.id = q.Int(0);
  t.code = q.Text(1);
  t.name = q.Text(2);
  t.kind = q.Text(3);
  t.region_id = q.OptInt(4);
  t.created_at = q.Int(5);
  return t;
}

constexpr const char* kRegionSql = "SELECT id, code, name FROM regions";
constexpr const char* kCitySql = "SELECT id, name, province, region_id FROM cities";
constexpr const char* kStoreSql = "SELECT id, code, name, city_id FROM stores";
constexpr const char* kProductSql =
    "SELECT id, sku, name, product_line, category, lifecycle_stage, launch_date FROM products";
constexpr const char* kTeamSql = "SELECT id, code, name, kind, region_id, created_at FROM teams";

}  // namespace

Id SqliteOrg::InsertRegion(const Region& r) {
  Query q(c_, "INSERT INTO regions (code, name) VALUES (?, ?)");
  q.Bind(r.code).Bind(r.name);
  q.Run();
  return c_.LastInsertId();
}

Id SqliteOrg::InsertCity(const City& city) {
  Query q(c_, "INSERT INTO cities (name, province, region_id) VALUES (?, ?, ?)");
  q.Bind(city.name).Bind(city.province).Bind(city.region_id);
  q.Run();
  return c_.LastInsertId();
}

Id SqliteOrg::InsertStore(const Store& s) {
  Query q(c_, "INSERT INTO stores (code, name, city_id) VALUES (?, ?, ?)");
  q.Bind(s.code).Bind(s.name).Bind(s.city_id);
  q.Run();
  return c_.LastInsertId();
}

Id SqliteOrg::InsertProduct(const Product& p) {
  Query q(c_,
          "INSERT INTO products (sku, name, product_line, category, lifecycle_stage, launch_date) "
          "VALUES (?, ?, ?, ?, ?, ?)");
  q.Bind(p.sku)
      .Bind(p.name)
      .Bind(p.product_line)
      .Bind(p.category)
      .Bind(p.lifecycle_stage)
      .Bind(p.launch_date);
  q.Run();
  return c_.LastInsertId();
}

Id SqliteOrg::InsertTeam(const Team& t) {
  Query q(c_, "INSERT INTO teams (code, name, kind, region_id, created_at) VALUES (?, ?, ?, ?, ?)");
  q.Bind(t.code).Bind(t.name).Bind(t.kind).Bind(t.region_id).Bind(t.created_at);
  q.Run();
  return c_.LastInsertId();
}

void SqliteOrg::UpdateTeam(const Team& t) {
  Query q(c_, "UPDATE teams SET code = ?, name = ?, kind = ?, region_id = ? WHERE id = ?");
  q.Bind(t.code).Bind(t.name).Bind(t.kind).Bind(t.region_id).Bind(t.id);
  q.Run();
}

std::vector<Region> SqliteOrg::Regions() {
  return QueryAll<Region>(c_, std::string(kRegionSql) + " ORDER BY id", ReadRegion);
}
std::vector<City> SqliteOrg::Cities() {
  return QueryAll<City>(c_, std::string(kCitySql) + " ORDER BY id", ReadCity);
}
std::vector<Store> SqliteOrg::Stores() {
  return QueryAll<Store>(c_, std::string(kStoreSql) + " ORDER BY id", ReadStore);
}
std::vector<Product> SqliteOrg::Products() {
  return QueryAll<Product>(c_, std::string(kProductSql) + " ORDER BY id", ReadProduct);
}
std::vector<Team> SqliteOrg::Teams() {
  return QueryAll<Team>(c_, std::string(kTeamSql) + " ORDER BY id", ReadTeam);
}

std::optional<Region> SqliteOrg::FindRegion(Id id) {
  return QueryOne<Region>(c_, std::string(kRegionSql) + " WHERE id = ?", id, ReadRegion);
}
std::optional<City> SqliteOrg::FindCity(Id id) {
  return QueryOne<City>(c_, std::string(kCitySql) + " WHERE id = ?", id, ReadCity);
}
std::optional<Store> SqliteOrg::FindStore(Id id) {
  return QueryOne<Store>(c_, std::string(kStoreSql) + " WHERE id = ?", id, ReadStore);
}
std::optional<Product> SqliteOrg::FindProduct(Id id) {
  return QueryOne<Product>(c_, std::string(kProductSql) + " WHERE id = ?", id, ReadProduct);
}
std::optional<Team> SqliteOrg::FindTeam(Id id) {
  return QueryOne<Team>(c_, std::string(kTeamSql) + " WHERE id = ?", id, ReadTeam);
}

std::optional<Region> SqliteOrg::FindRegionByKey(const std::string& key) {
  Query q(c_, std::string(kRegionSql) + " WHERE code = ? OR name = ? ORDER BY id LIMIT 1");
  q.Bind(key).Bind(key);
  if (!q.Next()) return std::nullopt;
  return ReadRegion(q);
}

std::optional<Team> SqliteOrg::FindTeamByKey(const std::string& key) {
  Query q(c_, std::string(kTeamSql) + " WHERE code = ? OR name = ? ORDER BY id LIMIT 1");
  q.Bind(key).Bind(key);
  if (!q.Next()) return std::nullopt;
  return ReadTeam(q);
}

std::optional<std::vector<Transition>> SqliteConfig::LoadLifecycle() {
  Query q(c_,
          "SELECT from_status, to_status, permission, requirements FROM lifecycle_transitions "
          "ORDER BY position");
  std::vector<Transition> out;
  while (q.Next()) {
    auto from = domain::ParseComplaintStatus(q.Text(0));
    auto to = domain::ParseComplaintStatus(q.Text(1));
    auto permission = domain::ParsePermission(q.Text(2));
    if (!from || !to || !permission) throw StoreError("corrupt lifecycle_transitions row");
    Transition t{*from, *to, *permission, {}};
    std::string requirements = q.Text(3);
    if (!requirements.empty()) {
      for (const std::string& name : core::Split(requirements, ',')) {
        auto r = domain::ParseRequirement(name);
        if (!r) throw StoreError("corrupt lifecycle requirement " + name);
        t.requirements.push_back(*r);
      }
    }
    out.push_back(std::move(t));
  }
  if (out.empty()) return std::nullopt;
  return out;
}

void SqliteConfig::SaveLifecycle(const std::vector<Transition>& transitions) {
  c_.Exec("DELETE FROM lifecycle_transitions");
  int position = 0;
  for (const Transition& t : transitions) {
    std::string requirements;
    for (domain::Requirement r : t.requirements) {
      requirements += (requirements.empty() ? "" : ",") + std::string(ToString(r));
    }
    Query q(c_,
            "INSERT INTO lifecycle_transitions (position, from_status, to_status, permission, "
            "requirements) VALUES (?, ?, ?, ?, ?)");
    q.Bind(++position)
        .Bind(ToString(t.from))
        .Bind(ToString(t.to))
        .Bind(ToString(t.permission))
        .Bind(requirements);
    q.Run();
  }
}

std::optional<std::string> SqliteConfig::LoadTextRules(const std::string& rule_set) {
  return QueryOne<std::string>(c_, "SELECT body FROM text_rules WHERE rule_set = ?", rule_set,
                               [](const Query& q) { return q.Text(0); });
}

void SqliteConfig::SaveTextRules(const std::string& rule_set, const std::string& body,
                                 std::optional<Id> by, UnixMillis at) {
  Query q(c_,
          "INSERT INTO text_rules (rule_set, body, updated_by, updated_at) VALUES (?, ?, ?, ?) "
          "ON CONFLICT (rule_set) DO UPDATE SET body = excluded.body, "
          "updated_by = excluded.updated_by, updated_at = excluded.updated_at");
  q.Bind(rule_set).Bind(body).Bind(by).Bind(at).Run();
}

void SqliteConfig::RecordChange(const domain::ConfigChange& change) {
  Query q(c_, "INSERT INTO config_changes (area, summary, actor_id, at) VALUES (?, ?, ?, ?)");
  q.Bind(change.area).Bind(change.summary).Bind(change.actor_id).Bind(change.at).Run();
}

std::vector<domain::ConfigChange> SqliteConfig::Changes(Id before_id, int limit) {
  Query q(c_,
          "SELECT g.id, g.area, g.summary, g.actor_id, COALESCE(u.username, ''), g.at "
          "FROM config_changes g LEFT JOIN users u ON u.id = g.actor_id "
          "WHERE (? = 0 OR g.id < ?) ORDER BY g.id DESC LIMIT ?");
  q.Bind(before_id).Bind(before_id).Bind(limit);
  std::vector<domain::ConfigChange> out;
  while (q.Next()) {
    out.push_back({q.Int(0), q.Text(1), q.Text(2), q.OptInt(3), q.Text(4), q.Int(5)});
  }
  return out;
}

std::optional<domain::DashboardMap> SqliteConfig::LoadDashboardMap(bool with_geometry) {
  Query q(c_, std::string("SELECT name, approval_no, regions, ") +
                  (with_geometry ? "geojson" : "''") +
                  ", updated_by, updated_at FROM dashboard_map WHERE id = 1");
  if (!q.Next()) return std::nullopt;
  return domain::DashboardMap{q.Text(0), q.Text(1),   static_cast<int>(q.Int(2)),
                              q.Text(3), q.OptInt(4), q.Int(5)};
}

void SqliteConfig::SaveDashboardMap(const domain::DashboardMap& map) {
  Query q(c_,
          "INSERT OR REPLACE INTO dashboard_map (id, name, approval_no, regions, geojson, "
          "updated_by, updated_at) VALUES (1, ?, ?, ?, ?, ?, ?)");
  q.Bind(map.name)
      .Bind(map.approval_no)
      .Bind(map.regions)
      .Bind(map.geojson)
      .Bind(map.updated_by)
      .Bind(map.updated_at)
      .Run();
}

void SqliteConfig::DeleteDashboardMap() { Query(c_, "DELETE FROM dashboard_map").Run(); }

void SqliteConfig::DeleteTextRules(const std::string& rule_set) {
  Query q(c_, "DELETE FROM text_rules WHERE rule_set = ?");
  q.Bind(rule_set).Run();
}

std::optional<SqliteConfig::TemplateParts> SqliteConfig::LoadTemplate(const std::string& name,
                                                                      const std::string& language) {
  Query q(c_,
          "SELECT part, body FROM message_templates WHERE name = ? AND language = ? "
          "ORDER BY part");
  q.Bind(name).Bind(language);
  TemplateParts parts;
  while (q.Next()) parts[q.Text(0)] = q.Text(1);
  if (parts.empty()) return std::nullopt;
  return parts;
}

void SqliteConfig::SaveTemplate(const std::string& name, const std::string& language,
                                const TemplateParts& parts, std::optional<Id> by, UnixMillis at) {
  DeleteTemplate(name, language);
  for (const auto& [part, body] : parts) {
    Query q(c_,
            "INSERT INTO message_templates (name, language, part, body, updated_by, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?)");
    q.Bind(name).Bind(language).Bind(part).Bind(body).Bind(by).Bind(at).Run();
  }
}

void SqliteConfig::DeleteTemplate(const std::string& name, const std::string& language) {
  Query q(c_, "DELETE FROM message_templates WHERE name = ? AND language = ?");
  q.Bind(name).Bind(language).Run();
}

}  // namespace closeloop::store::sqlite
