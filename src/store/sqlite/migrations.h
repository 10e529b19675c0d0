// The schema migrations compiled into the binary, applied in version order at start.
#pragma once

#include <string>
#include <vector>

namespace closeloop::store::sqlite {

struct Migration {
  int version;
  const char* name;
  const char* sql;
};

const std::vector<Migration>& Migrations();

}  // namespace closeloop::store::sqlite
