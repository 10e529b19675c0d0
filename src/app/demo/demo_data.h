#pragma once

#include <string>

#include "app/store_flags.h"

namespace closeloop::app::demo {

struct DemoOptions {
  StoreFlags store;  // --db, --secret-file, --keys-file, --user-lexicon
  int complaints = 3000;
  unsigned seed = 20261122;
  int days = 90;
};

// The password every demo user has (printed by `closeloop demo`).
constexpr const char* kDemoPassword = "closeloop-demo";

// Fills a database (which must have no complaints yet) with the demo organisation and
// `complaints` complaints spread over the last `days` days, each driven through the real use
// cases on a fake clock so its history is complete. Returns a process exit code.
int FillDemoData(const DemoOptions& options);

}  // namespace closeloop::app::demo
