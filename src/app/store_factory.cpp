#include "app/store_factory.h"

#include "store/sqlite/sqlite_store.h"

namespace closeloop::app {

std::unique_ptr<domain::Database> OpenStore(const std::string& location,
                                            domain::PersonalDataCipher& cipher,
                                            const domain::StoreSettings& settings) {
  return std::make_unique<store::sqlite::SqliteStore>(location, cipher, settings);
}

}  // namespace closeloop::app
