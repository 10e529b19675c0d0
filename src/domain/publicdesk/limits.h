// How much the public desk takes from one client address and for one reference (public_desk.h).
#pragma once

#include <cstddef>

namespace closeloop::domain {

struct PublicDeskLimits {
  int filings_per_hour = 5;          // per client address
  int lookups_per_ten_minutes = 30;  // per client address
  int misses_per_hour = 5;           // wrong contacts per reference and client address
  int all_misses_per_hour = 50;      // wrong contacts per reference from all addresses
  std::size_t max_description = 5000;
};

}  // namespace closeloop::domain
