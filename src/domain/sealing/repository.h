// Storage of sealed personal data as raw sealed values, record by record, for re-sealing after
// a key rotation. The store maps each kind and field to where it keeps them.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "domain/model/ids.h"

namespace closeloop::domain {

// Each kind of record that holds personal data sealed at rest (PIPL Art. 51).
enum class SealedKind { kCustomer, kCustomerAccount, kOutboxMail, kIntakeSource, kStaffUser };

// One record's sealed values by the cipher's field name ("phone" …); an empty value is absent.
struct SealedRecord {
  Id id = 0;
  std::map<std::string, std::string> values;
};

class SealedDataRepository {
 public:
  virtual ~SealedDataRepository() = default;
  // Up to `limit` records of `kind` with an id above `after`, in id order, with every field of
  // SealedFieldsOf(kind).
  virtual std::vector<SealedRecord> SealedRecords(SealedKind kind, Id after, int limit) = 0;
  // Stores the record's values (those it names) in place of what was stored.
  virtual void ReplaceSealed(SealedKind kind, const SealedRecord& record) = 0;
};

}  // namespace closeloop::domain
