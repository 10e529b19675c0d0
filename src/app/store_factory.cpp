#include "app/store_factory.h"

#include "store/sqlite/sqlite_store.h"

namespace closeloop::app {

std::unique_ptr<domain::Database> OpenStore(const std::string& location,
                                            domain::PersonalDataCipher& cipher, int max_readers) {
  return std::make_unique<store::sqlite::SqliteStore>(location, cipher, max_readers);
}

}  // namespace closeloop::app
