// Identifiers and times shared by every entity.
#pragma once

#include <cstdint>

#include "core/clock.h"

namespace closeloop::domain {

using Id = std::int64_t;
using core::UnixMillis;

}  // namespace closeloop::domain
