// The one place that knows which store backends exist: SQLite today (a PostgreSQL store will be
// chosen here by its URL). Everything else sees domain::Database.
#pragma once

#include <memory>
#include <string>

#include "domain/sealing/cipher.h"
#include "domain/store_admin.h"

namespace closeloop::app {

// Opens (creating when missing) and migrates the store at `location`; throws when it cannot.
// `cipher` seals personal data and must outlive the store.
std::unique_ptr<domain::Database> OpenStore(const std::string& location,
                                            domain::PersonalDataCipher& cipher,
                                            const domain::StoreSettings& settings);

}  // namespace closeloop::app
