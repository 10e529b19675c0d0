// SQLite repositories for customers, users, sessions and API keys, and idempotency records.
#include "core/text.h"
#include "domain/complaint/repository.h"
#include "domain/customer/entities.h"
#include "domain/customer/repository.h"
#include "domain/model/enums.h"
#include "domain/model/ids.h"
#include "domain/org/entities.h"
#include "store/sqlite/query_helpers.h"
#include "store/sqlite/repositories.h"

namespace closeloop::store::sqlite {
namespace {

constexpr const char* kCustomerColumns =
    "id, name, phone_sealed, email_sealed, address_sealed, id_card_sealed, tier, created_at, "
    "updated_at, merged_into, external_id, person_id, home_region_id, home_team_id";

constexpr const char* kUserColumns =
    "id, username, display_name, role, password_hash, active, time_zone, created_at, "
    "email_sealed, language";

// Without the email (column 8): the caller opens it.
User ReadUser(const Query& q) {
  User u;
  u.id = q.Int(0);
  u.username = q.Text(1);
  u.display_name = q.Text(2);
  u.role = domain::ParseRole(q.Text(3)).value_or(domain::Role::kAgent);
  u.password_hash = q.Text(4);
  u.active = q.Int(5) != 0;
  u.time_zone = q.Text(6);
  u.created_at = q.Int(7);
  u.language = q.Text(9);
  return u;
}

constexpr const char* kApiKeyColumns =
    "id, name, user_id, key_digest, prefix, created_at, revoked_at";

ApiKey ReadApiKey(const Query& q) {
  ApiKey k;
  k.id = q.Int(0);
  k.name = q.Text(1);
  k.user_id = q.Int(2);
  k.key_digest = q.Text(3);
  k.prefix = q.Text(4);
  k.created_at = q.Int(5);
  k.revoked_at = q.OptInt(6);
  return k;
}

std::string Like(const std::string& text) {
  std::string out = "%";
  for (char ch : text) {
    if (ch == '%' || ch == '_' || ch == '\\') out += '\\';
    out += ch;
  }
  return out + "%";
}

}  // namespace

Customer SqliteCustomers::Read(const Query& q) {
  Customer c;
  c.id = q.Int(0);
  c.name = q.Text(1);
  c.phone = cipher_.Open("phone", q.Blob(2));
  c.email = cipher_.Open("email", q.Blob(3));
  c.address = cipher_.Open("address", q.Blob(4));
  c.id_card = cipher_.Open("id_card", q.Blob(5));
  c.tier = domain::ParseCustomerTier(q.Text(6)).value_or(domain::CustomerTier::kNew);
  c.created_at = q.Int(7);
  c.updated_at = q.Int(8);
  c.merged_into = q.OptInt(9);
  c.external_id = q.Text(10);
  c.person_id = q.OptInt(11);
  c.home_region_id = q.OptInt(12);
  c.home_team_id = q.OptInt(13);
  return c;
}

void SqliteCustomers::BindFields(Query& q, const Customer& c) {
  auto index = [&](const char* field, const std::string& value) {
    std::string digest = cipher_.BlindIndex(field, value);
    return digest.empty() ? std::optional<std::string>() : std::optional<std::string>(digest);
  };
  q.Bind(c.name)
      .BindBlobOrNull(cipher_.Seal("phone", c.phone))
      .Bind(index("phone", c.phone))
      .BindBlobOrNull(cipher_.Seal("email", c.email))
      .Bind(index("email", c.email))
      .BindBlobOrNull(cipher_.Seal("address", c.address))
      .BindBlobOrNull(cipher_.Seal("id_card", c.id_card))
      .Bind(index("id_card", c.id_card))
      .Bind(ToString(c.tier))
      .Bind(c.merged_into)
      .Bind(c.external_id)
      .Bind(c.person_id)
      .Bind(c.home_region_id)
      .Bind(c.home_team_id);
}

Id SqliteCustomers::Insert(const Customer& c) {
  Query q(
      c_,
      "INSERT INTO customers (name, phone_sealed, phone_index, email_sealed, email_index, "
      "address_sealed, id_card_sealed, id_card_index, tier, merged_into, external_id, person_id, "
      "home_region_id, home_team_id, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  BindFields(q, c);
  q.Bind(c.created_at).Bind(c.updated_at);
  q.Run();
  return c_.LastInsertId();
}

void SqliteCustomers::Update(const Customer& c) {
  Query q(c_,
          "UPDATE customers SET name = ?, phone_sealed = ?, phone_index = ?, email_sealed = ?, "
          "email_index = ?, address_sealed = ?, id_card_sealed = ?, id_card_index = ?, tier = ?, "
          "merged_into = ?, external_id = ?, person_id = ?, home_region_id = ?, home_team_id = ?, "
          "updated_at = ? WHERE id = ?");
  BindFields(q, c);
  q.Bind(c.updated_at).Bind(c.id);
  q.Run();
}

std::optional<domain::CustomerTier> SqliteCustomers::TierOf(Id id) {
  Query q(c_, "SELECT tier FROM customers WHERE id = ?");
  q.Bind(id);
  if (!q.Next()) return std::nullopt;
  return domain::ParseCustomerTier(q.Text(0));
}

std::optional<Customer> SqliteCustomers::FindById(Id id) {
  return QueryOne<Customer>(
      c_, std::string("SELECT ") + kCustomerColumns + " FROM customers WHERE id = ?", id,
      [this](const Query& q) { return Read(q); });
}

std::optional<Customer> SqliteCustomers::FindByPhone(const std::string& phone) {
  if (phone.empty()) return std::nullopt;
  return QueryOne<Customer>(c_,
                            std::string("SELECT ") + kCustomerColumns +
                                " FROM customers WHERE phone_index = ? AND merged_into IS NULL "
                                "ORDER BY person_id IS NOT NULL, id LIMIT 1",
                            cipher_.BlindIndex("phone", phone),
                            [this](const Query& q) { return Read(q); });
}

std::optional<Customer> SqliteCustomers::FindByEmail(const std::string& email) {
  if (email.empty()) return std::nullopt;
  return QueryOne<Customer>(c_,
                            std::string("SELECT ") + kCustomerColumns +
                                " FROM customers WHERE email_index = ? AND merged_into IS NULL "
                                "ORDER BY person_id IS NOT NULL, id LIMIT 1",
                            cipher_.BlindIndex("email", email),
                            [this](const Query& q) { return Read(q); });
}

std::vector<Customer> SqliteCustomers::Search(const CustomerQuery& query, const Principal& scope) {
  // Personal data is sealed, so it is matched exactly (through its blind index): a whole phone
  // number, email address or ID-card number. Names match by fragment.
  std::string sql =
      std::string("SELECT ") + kCustomerColumns + " FROM customers cu WHERE cu.merged_into IS NULL";
  std::vector<std::int64_t> scope_params;
  std::string scope_condition = VisibleCondition(scope, scope_params);
  const std::string text = core::Trim(query.text);
  const std::string phone = core::NormalizePhone(text);
  const bool looks_like_phone = !text.empty() && phone.size() >= 5 &&
                                text.find_first_not_of("+-() 0123456789") == std::string::npos;
  if (!text.empty()) {
    sql +=
        " AND (cu.name LIKE ? ESCAPE '\\' OR cu.phone_index = ? OR cu.email_index = ? OR "
        "cu.id_card_index = ?)";
  }
  if (query.after_id) sql += " AND cu.id > ?";
  if (!scope_condition.empty()) sql += " AND " + scope_condition;
  sql += " ORDER BY cu.id LIMIT ?";
  Query q(c_, sql);
  if (!text.empty()) {
    std::string id_card = text;
    if (!id_card.empty() && id_card.back() == 'x') id_card.back() = 'X';
    q.Bind(Like(text))
        .Bind(looks_like_phone ? cipher_.BlindIndex("phone", phone) : std::string("-"))
        .Bind(cipher_.BlindIndex("email", core::AsciiLower(text)))
        .Bind(cipher_.BlindIndex("id_card", id_card));
  }
  if (query.after_id) q.Bind(*query.after_id);
  for (std::int64_t p : scope_params) q.Bind(p);
  q.Bind(query.limit);
  std::vector<Customer> out;
  while (q.Next()) out.push_back(Read(q));
  return out;
}

std::vector<Id> SqliteCustomers::MoveComplaints(Id from, Id into) {
  std::vector<Id> moved;
  {
    Query q(c_, "SELECT id FROM complaints WHERE customer_id = ? ORDER BY id");
    q.Bind(from);
    while (q.Next()) moved.push_back(q.Int(0));
  }
  {
    Query q(c_, "UPDATE complaints SET customer_id = ? WHERE customer_id = ?");
    q.Bind(into).Bind(from);
    q.Run();
  }
  Query q(c_, "UPDATE customer_accounts SET customer_id = ? WHERE customer_id = ?");
  q.Bind(into).Bind(from);
  q.Run();
  return moved;
}

std::optional<Customer> SqliteCustomers::FindByAccount(const domain::PlatformAccount& account) {
  if (account.platform.empty() || account.account_id.empty()) return std::nullopt;
  std::optional<Id> owner;
  {
    Query q(c_,
            "SELECT a.customer_id FROM customer_accounts a JOIN customers cu ON cu.id = "
            "a.customer_id WHERE a.platform = ? AND a.account_index = ? AND cu.merged_into IS NULL "
            "ORDER BY cu.person_id IS NOT NULL, cu.id LIMIT 1");
    q.Bind(account.platform)
        .Bind(cipher_.BlindIndex("account:" + account.platform, account.account_id));
    if (q.Next()) owner = q.Int(0);
  }
  if (!owner) return std::nullopt;
  return FindById(*owner);
}

void SqliteCustomers::LinkAccount(Id customer_id, const domain::PlatformAccount& account,
                                  UnixMillis at) {
  const std::string index = cipher_.BlindIndex("account:" + account.platform, account.account_id);
  // Linked already to another person's record: the account stays theirs.
  Query q(c_,
          "INSERT INTO customer_accounts (customer_id, platform, account_index, account_sealed, "
          "created_at) SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM customer_accounts a "
          "JOIN customers cu ON cu.id = a.customer_id, customers me WHERE me.id = ? AND "
          "a.platform = ? AND a.account_index = ? AND coalesce(cu.person_id, cu.id) <> "
          "coalesce(me.person_id, me.id)) ON CONFLICT (platform, account_index, customer_id) DO "
          "NOTHING");
  q.Bind(customer_id)
      .Bind(account.platform)
      .Bind(index)
      .BindBlobOrNull(cipher_.Seal("account", account.account_id))
      .Bind(at)
      .Bind(customer_id)
      .Bind(account.platform)
      .Bind(index);
  q.Run();
}

std::vector<domain::PlatformAccount> SqliteCustomers::AccountsOf(Id customer_id) {
  Query q(
      c_,
      "SELECT platform, account_sealed FROM customer_accounts WHERE customer_id = ? ORDER BY id");
  q.Bind(customer_id);
  std::vector<domain::PlatformAccount> out;
  while (q.Next()) out.push_back({q.Text(0), cipher_.Open("account", q.Blob(1))});
  return out;
}

std::string SqliteCustomers::VisibleCondition(const Principal& scope,
                                              std::vector<std::int64_t>& params) {
  if (scope.Unscoped()) return {};
  auto list = [&](const std::vector<Id>& ids) {
    std::string marks;
    for (Id id : ids) {
      marks += marks.empty() ? "?" : ", ?";
      params.push_back(id);
    }
    return marks;
  };
  std::string cond = "(";
  if (!scope.region_scope.empty())
    cond += "cu.home_region_id IN (" + list(scope.region_scope) + ") OR ";
  if (!scope.team_scope.empty()) cond += "cu.home_team_id IN (" + list(scope.team_scope) + ") OR ";
  // A link made by matching a customer the filer could not see grants no sight of them.
  return cond +
         "EXISTS (SELECT 1 FROM complaints c WHERE c.customer_id = cu.id AND c.customer_match = "
         "'' AND " +
         ScopeCondition(scope, params) + "))";
}

void SqliteCustomers::RecordAccess(const domain::PersonalDataAccess& access) {
  Query q(c_,
          "INSERT INTO personal_data_access (user_id, customer_id, complaint_id, purpose, at) "
          "VALUES (?, ?, ?, ?, ?)");
  q.Bind(access.user_id)
      .Bind(access.customer_id)
      .Bind(access.complaint_id)
      .Bind(access.purpose)
      .Bind(access.at)
      .Run();
}

std::vector<domain::PersonalDataAccess> SqliteCustomers::Accesses(std::optional<Id> customer_id,
                                                                  Id before_id, int limit) {
  Query q(c_,
          "SELECT a.id, a.user_id, coalesce(u.username, ''), a.customer_id, a.complaint_id, "
          "a.purpose, a.at FROM personal_data_access a LEFT JOIN users u ON u.id = a.user_id "
          "WHERE (? IS NULL OR a.customer_id = ?) AND (? = 0 OR a.id < ?) ORDER BY a.id DESC "
          "LIMIT ?");
  q.Bind(customer_id).Bind(customer_id).Bind(before_id).Bind(before_id).Bind(limit);
  std::vector<domain::PersonalDataAccess> out;
  while (q.Next()) {
    out.push_back({q.Int(0), q.Int(1), q.Text(2), q.OptInt(3), q.OptInt(4), q.Text(5), q.Int(6)});
  }
  return out;
}

bool SqliteCustomers::InScope(Id customer_id, const Principal& scope) {
  std::vector<std::int64_t> params;
  std::string condition = VisibleCondition(scope, params);
  std::string sql = "SELECT 1 FROM customers cu WHERE cu.id = ?";
  if (!condition.empty()) sql += " AND " + condition;
  Query q(c_, sql);
  q.Bind(customer_id);
  for (std::int64_t p : params) q.Bind(p);
  return q.Next();
}

std::vector<Id> SqliteCustomers::RecordsOfPerson(Id person_id) {
  Query q(c_,
          "SELECT id FROM customers WHERE (id = ? OR person_id = ?) AND merged_into IS NULL "
          "ORDER BY person_id IS NOT NULL, id");
  q.Bind(person_id).Bind(person_id);
  std::vector<Id> out;
  while (q.Next()) out.push_back(q.Int(0));
  return out;
}

void SqliteCustomers::MovePersonRecords(Id from, Id into) {
  Query q(c_, "UPDATE customers SET person_id = ? WHERE person_id = ? AND id <> ?");
  q.Bind(into).Bind(from).Bind(into).Run();
  Query own(c_, "UPDATE customers SET person_id = NULL WHERE id = ? AND person_id = ?");
  own.Bind(into).Bind(from).Run();
}

Id SqliteUsers::Insert(const User& u) {
  {
    Query q(c_,
            "INSERT INTO users (username, display_name, role, password_hash, active, time_zone, "
            "created_at, email_sealed, language) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q.Bind(u.username)
        .Bind(u.display_name)
        .Bind(ToString(u.role))
        .Bind(u.password_hash)
        .Bind(u.active)
        .Bind(u.time_zone)
        .Bind(u.created_at)
        .BindBlobOrNull(cipher_.Seal("staff_email", u.email))
        .Bind(u.language);
    q.Run();
  }
  User stored = u;
  stored.id = c_.LastInsertId();
  WriteScopes(stored);
  return stored.id;
}

void SqliteUsers::Update(const User& u) {
  {
    Query q(c_,
            "UPDATE users SET username = ?, display_name = ?, role = ?, password_hash = ?, "
            "active = ?, time_zone = ?, email_sealed = ?, language = ? WHERE id = ?");
    q.Bind(u.username)
        .Bind(u.display_name)
        .Bind(ToString(u.role))
        .Bind(u.password_hash)
        .Bind(u.active)
        .Bind(u.time_zone)
        .BindBlobOrNull(cipher_.Seal("staff_email", u.email))
        .Bind(u.language)
        .Bind(u.id);
    q.Run();
  }
  WriteScopes(u);
}

void SqliteUsers::WriteScopes(const User& u) {
  {
    Query q(c_, "DELETE FROM user_scopes WHERE user_id = ?");
    q.Bind(u.id);
    q.Run();
  }
  for (Id region : u.region_scope) {
    Query q(c_, "INSERT INTO user_scopes (user_id, region_id) VALUES (?, ?)");
    q.Bind(u.id).Bind(region);
    q.Run();
  }
  for (Id team : u.team_scope) {
    Query q(c_, "INSERT INTO user_scopes (user_id, team_id) VALUES (?, ?)");
    q.Bind(u.id).Bind(team);
    q.Run();
  }
}

void SqliteUsers::ReadScopes(User& u) {
  Query q(c_, "SELECT region_id, team_id FROM user_scopes WHERE user_id = ? ORDER BY rowid");
  q.Bind(u.id);
  while (q.Next()) {
    if (auto region = q.OptInt(0)) u.region_scope.push_back(*region);
    if (auto team = q.OptInt(1)) u.team_scope.push_back(*team);
  }
}

User SqliteUsers::Read(const Query& q) {
  User u = ReadUser(q);
  u.email = cipher_.Open("staff_email", q.Blob(8));
  return u;
}

std::optional<User> SqliteUsers::FindById(Id id) {
  auto user = QueryOne<User>(c_, std::string("SELECT ") + kUserColumns + " FROM users WHERE id = ?",
                             id, [this](const Query& q) { return Read(q); });
  if (user) ReadScopes(*user);
  return user;
}

std::optional<User> SqliteUsers::FindByUsername(const std::string& username) {
  auto user =
      QueryOne<User>(c_, std::string("SELECT ") + kUserColumns + " FROM users WHERE username = ?",
                     username, [this](const Query& q) { return Read(q); });
  if (user) ReadScopes(*user);
  return user;
}

std::vector<User> SqliteUsers::List() {
  std::vector<User> users;
  {
    Query q(c_, std::string("SELECT ") + kUserColumns + " FROM users ORDER BY id");
    while (q.Next()) users.push_back(Read(q));
  }
  for (User& u : users) ReadScopes(u);
  return users;
}

std::vector<User> SqliteUsers::ActiveWithRole(domain::Role role) {
  std::vector<User> users;
  {
    Query q(c_, std::string("SELECT ") + kUserColumns +
                    " FROM users WHERE role = ? AND active = 1 ORDER BY id");
    q.Bind(ToString(role));
    while (q.Next()) users.push_back(Read(q));
  }
  for (User& u : users) ReadScopes(u);
  return users;
}

void SqliteAuth::InsertSession(const Session& s) {
  Query q(
      c_,
      "INSERT INTO sessions (token_digest, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)");
  q.Bind(s.token_digest).Bind(s.user_id).Bind(s.created_at).Bind(s.expires_at);
  q.Run();
}

std::optional<Session> SqliteAuth::FindSession(const std::string& digest) {
  Query q(
      c_,
      "SELECT token_digest, user_id, created_at, expires_at FROM sessions WHERE token_digest = ?");
  q.Bind(digest);
  if (!q.Next()) return std::nullopt;
  return Session{q.Text(0), q.Int(1), q.Int(2), q.Int(3)};
}

void SqliteAuth::DeleteSession(const std::string& digest) {
  Query q(c_, "DELETE FROM sessions WHERE token_digest = ?");
  q.Bind(digest);
  q.Run();
}

void SqliteAuth::DeleteSessionsOf(Id user_id) {
  Query q(c_, "DELETE FROM sessions WHERE user_id = ?");
  q.Bind(user_id);
  q.Run();
}

Id SqliteAuth::InsertApiKey(const ApiKey& k) {
  Query q(c_,
          "INSERT INTO api_keys (name, user_id, key_digest, prefix, created_at, revoked_at) "
          "VALUES (?, ?, ?, ?, ?, ?)");
  q.Bind(k.name)
      .Bind(k.user_id)
      .Bind(k.key_digest)
      .Bind(k.prefix)
      .Bind(k.created_at)
      .Bind(k.revoked_at);
  q.Run();
  return c_.LastInsertId();
}

std::optional<ApiKey> SqliteAuth::FindApiKeyByDigest(const std::string& digest) {
  return QueryOne<ApiKey>(
      c_, std::string("SELECT ") + kApiKeyColumns + " FROM api_keys WHERE key_digest = ?", digest,
      ReadApiKey);
}

std::optional<ApiKey> SqliteAuth::FindApiKey(Id id) {
  return QueryOne<ApiKey>(
      c_, std::string("SELECT ") + kApiKeyColumns + " FROM api_keys WHERE id = ?", id, ReadApiKey);
}

std::vector<ApiKey> SqliteAuth::ListApiKeys() {
  return QueryAll<ApiKey>(
      c_, std::string("SELECT ") + kApiKeyColumns + " FROM api_keys ORDER BY id", ReadApiKey);
}

void SqliteAuth::RevokeApiKey(Id id, UnixMillis at) {
  Query q(c_, "UPDATE api_keys SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?");
  q.Bind(at).Bind(id);
  q.Run();
}

std::optional<IdempotencyRecord> SqliteIdempotency::Find(Id user_id, const std::string& key) {
  Query q(c_,
          "SELECT user_id, key, fingerprint, complaint_id, created_at FROM idempotency_keys "
          "WHERE user_id = ? AND key = ?");
  q.Bind(user_id).Bind(key);
  if (!q.Next()) return std::nullopt;
  return IdempotencyRecord{q.Int(0), q.Text(1), q.Text(2), q.Int(3), q.Int(4)};
}

void SqliteIdempotency::Insert(const IdempotencyRecord& r) {
  Query q(c_,
          "INSERT INTO idempotency_keys (user_id, key, fingerprint, complaint_id, created_at) "
          "VALUES (?, ?, ?, ?, ?)");
  q.Bind(r.user_id).Bind(r.key).Bind(r.fingerprint).Bind(r.complaint_id).Bind(r.created_at);
  q.Run();
}

}  // namespace closeloop::store::sqlite
