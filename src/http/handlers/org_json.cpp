#include "http/handlers/org_json.h"

#include <cmath>

#include "core/time_format.h"
#include "domain/analysis/entities.h"
#include "domain/model/ids.h"
#include "http/handlers/complaints_json.h"
#include "http/handlers/config_json.h"
#include "http/handlers/customers_json.h"
#include "http/handlers/json_fields.h"
#include "http/json_reader.h"

namespace closeloop::http {

using json = nlohmann::ordered_json;
namespace d = domain;

json ToJson(const d::User& u) {
  return {{"id", u.id},
          {"username", u.username},
          {"display_name", u.display_name},
          {"role", d::ToString(u.role)},
          {"active", u.active},
          {"time_zone", u.time_zone},
          {"language", u.language},
          {"email", u.email},
          {"region_scope", u.region_scope},
          {"team_scope", u.team_scope},
          {"created_at", core::FormatIso8601(u.created_at)}};
}

json ToJson(const d::Team& t) {
  return {{"id", t.id},
          {"code", t.code},
          {"name", t.name},
          {"kind", t.kind},
          {"region_id", Opt(t.region_id)}};
}

json ToJson(const d::ApiKey& k) {
  return {{"id", k.id},
          {"name", k.name},
          {"user_id", k.user_id},
          {"prefix", k.prefix},
          {"created_at", core::FormatIso8601(k.created_at)},
          {"revoked_at", OptTime(k.revoked_at)}};
}

core::Result<d::UserInput> ParseUserInput(const json& body) {
  JsonReader r(body);
  CL_RETURN_IF_ERROR(r.OnlyKnown({"username", "password", "display_name", "role", "active",
                                  "time_zone", "language", "email", "region_scope", "team_scope"}));
  d::UserInput u;
  CL_RETURN_IF_ERROR(r.String("username", u.username));
  CL_RETURN_IF_ERROR(r.String("password", u.password));
  CL_RETURN_IF_ERROR(r.String("display_name", u.display_name));
  CL_RETURN_IF_ERROR(r.Enum("role", u.role, d::ParseRole));
  CL_RETURN_IF_ERROR(r.Bool("active", u.active));
  CL_RETURN_IF_ERROR(r.String("time_zone", u.time_zone));
  CL_RETURN_IF_ERROR(r.String("language", u.language));
  CL_RETURN_IF_ERROR(r.String("email", u.email));
  CL_RETURN_IF_ERROR(r.Ids("region_scope", u.region_scope));
  CL_RETURN_IF_ERROR(r.Ids("team_scope", u.team_scope));
  return u;
}

core::Result<d::TeamInput> ParseTeamInput(const json& body) {
  JsonReader r(body);
  CL_RETURN_IF_ERROR(r.OnlyKnown({"code", "name", "kind", "region_id"}));
  d::TeamInput t;
  CL_RETURN_IF_ERROR(r.String("code", t.code));
  CL_RETURN_IF_ERROR(r.String("name", t.name));
  CL_RETURN_IF_ERROR(r.String("kind", t.kind));
  CL_RETURN_IF_ERROR(r.Id("region_id", t.region_id));
  return t;
}

}  // namespace closeloop::http
