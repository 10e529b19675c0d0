// The command-line flags every verb that opens a database shares; main.cpp fills them once
// (with their environment fallbacks) and each command builds its wiring from them.
#pragma once

#include <string>
#include <vector>

namespace closeloop::app {

struct StoreFlags {
  std::string db_path;                     // --db
  std::string secret_file;                 // --secret-file (CLOSELOOP_SECRET_FILE); "" = DB.secret
  std::string keys_file;                   // --keys-file (CLOSELOOP_KEYS_FILE); "" = DB.keys
  std::vector<std::string> user_lexicons;  // --user-lexicon (CLOSELOOP_USER_LEXICONS, a:b)
  std::string durability = "disk";         // --durability disk|process
};

}  // namespace closeloop::app
