#include "domain/sealing/reseal.h"

#include "domain/sealing/repository.h"

namespace closeloop::domain {

const std::vector<SealedKind>& AllSealedKinds() {
  static const std::vector<SealedKind> kKinds = {
      SealedKind::kCustomer, SealedKind::kCustomerAccount, SealedKind::kOutboxMail,
      SealedKind::kIntakeSource, SealedKind::kStaffUser};
  return kKinds;
}

const std::vector<std::string>& SealedFieldsOf(SealedKind kind) {
  static const std::vector<std::string> kCustomer = {"phone", "email", "address", "id_card"};
  static const std::vector<std::string> kAccount = {"account"};
  static const std::vector<std::string> kOutbox = {"email"};
  static const std::vector<std::string> kIntake = {"intake_secret"};
  static const std::vector<std::string> kStaff = {"staff_email"};
  switch (kind) {
    case SealedKind::kCustomer:
      return kCustomer;
    case SealedKind::kCustomerAccount:
      return kAccount;
    case SealedKind::kOutboxMail:
      return kOutbox;
    case SealedKind::kIntakeSource:
      return kIntake;
    case SealedKind::kStaffUser:
      return kStaff;
  }
  return kCustomer;
}

core::Result<size_t> ResealPersonalData(TransactionRunner& store, PersonalDataCipher& cipher) {
  constexpr int kBatch = 500;
  const std::uint32_t current = cipher.CurrentKeyId();
  size_t changed = 0;
  for (SealedKind kind : AllSealedKinds()) {
    Id after = 0;
    for (bool more = true; more;) {
      CL_RETURN_IF_ERROR(store.Write([&](Repositories& repos) {
        std::vector<SealedRecord> batch = repos.sealed().SealedRecords(kind, after, kBatch);
        more = batch.size() == static_cast<size_t>(kBatch);
        for (SealedRecord& record : batch) {
          after = record.id;
          SealedRecord stale{record.id, {}};
          for (auto& [field, sealed] : record.values) {
            const std::uint32_t key = cipher.KeyIdOf(sealed);
            if (key == 0 || key == current) continue;
            stale.values[field] = cipher.Seal(field, cipher.Open(field, sealed));
          }
          if (stale.values.empty()) continue;
          repos.sealed().ReplaceSealed(kind, stale);
          ++changed;
        }
        return core::Status::Ok();
      }));
    }
  }
  return changed;
}

}  // namespace closeloop::domain
