// SQLite repository for webhook intake sources.
#include "core/text.h"
#include "domain/intake/entities.h"
#include "domain/model/ids.h"
#include "store/sqlite/query_helpers.h"
#include "store/sqlite/repositories.h"

namespace closeloop::store::sqlite {
namespace {

constexpr const char* kColumns =
    "SELECT id, name, channel, user_id, secret_sealed, mapping, active, created_at, delivery_url "
    "FROM intake_sources";

std::string EncodeMapping(const std::vector<std::pair<std::string, std::string>>& mapping) {
  std::string out;
  for (const auto& [field, pointer] : mapping) out += field + "\t" + pointer + "\n";
  return out;
}

std::vector<std::pair<std::string, std::string>> DecodeMapping(const std::string& text) {
  std::vector<std::pair<std::string, std::string>> mapping;
  for (const std::string& line : core::Split(text, '\n')) {
    size_t tab = line.find('\t');
    if (tab != std::string::npos) mapping.emplace_back(line.substr(0, tab), line.substr(tab + 1));
  }
  return mapping;
}

}  // namespace

domain::IntakeSource SqliteIntakeSources::Read(const Query& q) {
  domain::IntakeSource s;
  s.id = q.Int(0);
  s.name = q.Text(1);
  s.channel = domain::ParseChannel(q.Text(2)).value_or(domain::Channel::kEcommerce);
  s.user_id = q.Int(3);
  s.secret = cipher_.Open("intake_secret", q.Blob(4));
  s.mapping = DecodeMapping(q.Text(5));
  s.active = q.Int(6) != 0;
  s.created_at = q.Int(7);
  s.delivery_url = q.Text(8);
  return s;
}

Id SqliteIntakeSources::Insert(const domain::IntakeSource& s) {
  Query q(c_,
          "INSERT INTO intake_sources (name, channel, user_id, secret_sealed, mapping, active, "
          "created_at, delivery_url) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  q.Bind(s.name)
      .Bind(ToString(s.channel))
      .Bind(s.user_id)
      .BindBlobOrNull(cipher_.Seal("intake_secret", s.secret))
      .Bind(EncodeMapping(s.mapping))
      .Bind(s.active)
      .Bind(s.created_at)
      .Bind(s.delivery_url);
  q.Run();
  return c_.LastInsertId();
}

std::optional<domain::IntakeSource> SqliteIntakeSources::FindByName(const std::string& name) {
  return QueryOne<domain::IntakeSource>(c_, std::string(kColumns) + " WHERE name = ?", name,
                                        [this](const Query& q) { return Read(q); });
}

std::optional<domain::IntakeSource> SqliteIntakeSources::FindById(Id id) {
  return QueryOne<domain::IntakeSource>(c_, std::string(kColumns) + " WHERE id = ?", id,
                                        [this](const Query& q) { return Read(q); });
}

void SqliteIntakeSources::Update(const domain::IntakeSource& s) {
  Query q(c_,
          "UPDATE intake_sources SET channel = ?, user_id = ?, secret_sealed = ?, mapping = ?, "
          "active = ?, delivery_url = ? WHERE id = ?");
  q.Bind(ToString(s.channel))
      .Bind(s.user_id)
      .BindBlobOrNull(cipher_.Seal("intake_secret", s.secret))
      .Bind(EncodeMapping(s.mapping))
      .Bind(s.active)
      .Bind(s.delivery_url)
      .Bind(s.id);
  q.Run();
}

std::vector<domain::IntakeSource> SqliteIntakeSources::List() {
  return QueryAll<domain::IntakeSource>(c_, std::string(kColumns) + " ORDER BY id",
                                        [this](const Query& q) { return Read(q); });
}

void SqliteIntakeSources::Deactivate(Id id) {
  Query q(c_, "UPDATE intake_sources SET active = 0 WHERE id = ?");
  q.Bind(id);
  q.Run();
}

}  // namespace closeloop::store::sqlite
