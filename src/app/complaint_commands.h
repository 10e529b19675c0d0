// `closeloop complaint …`: the complaint use cases from the command line, acting as an existing
// user (--as) directly on the database file. Whoever can read the file has the data anyway; the
// use cases still apply that user's permissions and scope.
#pragma once

#include <optional>
#include <string>

#include "app/store_flags.h"

namespace closeloop::app {

struct ComplaintCommand {
  std::string verb;  // create, list, show, transition, note, history
  StoreFlags store;  // --db, --secret-file, --keys-file, --user-lexicon
  std::string as_user;
  bool json = false;
  std::string key;  // id or reference
  // create
  std::string channel = "phone";
  std::string title;
  std::string description;
  std::string customer_name;
  std::string customer_phone;
  std::string customer_email;
  std::string type;
  std::string category;
  // list (and type / category / priority for update)
  std::string status;
  std::string text;
  int limit = 20;
  std::string cursor;
  std::string assignee;  // a username, or "me"
  std::string channel_filter;
  std::string priority;
  std::string sla;   // ok,at_risk,breached,paused
  std::string sort;  // received (default) or sla_due
  // transition / note
  std::string to;
  std::string note;
  bool public_note = false;
  // transition: the resolution given with a move to resolved or closed
  std::string remedy;
  std::string compensation;  // yuan, "35.00"
  std::string summary;
  bool override_tasks = false;
};

// Runs the command, prints the result, returns the exit code (0 ok, 1 refused or failed).
int RunComplaintCommand(const ComplaintCommand& command);

}  // namespace closeloop::app
