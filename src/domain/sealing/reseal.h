// Re-sealing personal data after a key rotation (`closeloop keys rotate`): every sealed value not
// sealed with the cipher's current key is opened and sealed again with it. Blind indexes use
// their own key and stay as they are.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/sealing/cipher.h"
#include "domain/sealing/repository.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

// The kinds of record with sealed data, and the cipher's field names of each.
const std::vector<SealedKind>& AllSealedKinds();
const std::vector<std::string>& SealedFieldsOf(SealedKind kind);

// Re-seals in batches, one write transaction each, so that serving goes on meanwhile; returns
// how many records changed (a record counts once however many of its fields changed). Running
// it again after it finished changes nothing.
core::Result<size_t> ResealPersonalData(TransactionRunner& store, PersonalDataCipher& cipher);

}  // namespace closeloop::domain
