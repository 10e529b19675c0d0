// `closeloop complaint …`: the complaint use cases from the command line, acting as an existing
// user (--as) directly on the database file. Whoever can read the file has the data anyway; the
// use cases still apply that user's permissions and scope.
#pragma once

#include <optional>
#include <string>

namespace closeloop::app {

struct ComplaintCommand {
  std::string verb;  // create, list, show, transition, note, history
  std::string db_path;
  std::string secret_file;
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
  // list
  std::string status;
  std::string text;
  int limit = 20;
  std::string cursor;
  // transition / note
  std::string to;
  std::string note;
  bool public_note = false;
};

// Runs the command, prints the result, returns the exit code (0 ok, 1 refused or failed).
int RunComplaintCommand(const ComplaintCommand& command);

}  // namespace closeloop::app
