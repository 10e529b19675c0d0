// SQLite repository of sealed personal data as raw values (for re-sealing after key rotation).
#include <stdexcept>

#include "store/sqlite/query_helpers.h"
#include "store/sqlite/repositories.h"

namespace closeloop::store::sqlite {

namespace {

// Where one kind of record keeps its sealed values: the table and, per cipher field, the column.
struct SealedTable {
  const char* table;
  std::vector<std::pair<std::string, std::string>> columns;  // field → column
};

const SealedTable& TableOf(domain::SealedKind kind) {
  static const SealedTable kCustomers{"customers",
                                      {{"phone", "phone_sealed"},
                                       {"email", "email_sealed"},
                                       {"address", "address_sealed"},
                                       {"id_card", "id_card_sealed"}}};
  static const SealedTable kAccounts{"customer_accounts", {{"account", "account_sealed"}}};
  static const SealedTable kOutbox{"mail_outbox", {{"email", "to_sealed"}}};
  static const SealedTable kIntake{"intake_sources", {{"intake_secret", "secret_sealed"}}};
  static const SealedTable kUsers{"users", {{"staff_email", "email_sealed"}}};
  switch (kind) {
    case domain::SealedKind::kCustomer:
      return kCustomers;
    case domain::SealedKind::kCustomerAccount:
      return kAccounts;
    case domain::SealedKind::kOutboxMail:
      return kOutbox;
    case domain::SealedKind::kIntakeSource:
      return kIntake;
    case domain::SealedKind::kStaffUser:
      return kUsers;
  }
  throw std::logic_error("unknown sealed kind");
}

}  // namespace

std::vector<domain::SealedRecord> SqliteSealedData::SealedRecords(domain::SealedKind kind, Id after,
                                                                  int limit) {
  const SealedTable& t = TableOf(kind);
  std::string sql = "SELECT id";
  for (const auto& [field, column] : t.columns) sql += ", " + column;
  sql += std::string(" FROM ") + t.table + " WHERE id > ? ORDER BY id LIMIT ?";
  Query q(c_, sql);
  q.Bind(after).Bind(static_cast<std::int64_t>(limit));
  std::vector<domain::SealedRecord> records;
  while (q.Next()) {
    domain::SealedRecord r{q.Int(0), {}};
    for (size_t i = 0; i < t.columns.size(); ++i) {
      std::string sealed = q.Blob(static_cast<int>(i) + 1);
      if (!sealed.empty()) r.values[t.columns[i].first] = std::move(sealed);
    }
    records.push_back(std::move(r));
  }
  return records;
}

void SqliteSealedData::ReplaceSealed(domain::SealedKind kind, const domain::SealedRecord& record) {
  const SealedTable& t = TableOf(kind);
  for (const auto& [field, sealed] : record.values) {
    const std::string* column = nullptr;
    for (const auto& [f, c] : t.columns) {
      if (f == field) column = &c;
    }
    if (!column) throw std::logic_error(std::string(t.table) + " has no sealed field " + field);
    Query u(c_, std::string("UPDATE ") + t.table + " SET " + *column + " = ? WHERE id = ?");
    u.BindBlob(sealed).Bind(record.id);
    u.Run();
  }
}

}  // namespace closeloop::store::sqlite
