// `closeloop simulate`: replays generated demand through the real routing, SLA timers and job
// worker on a fresh SQLite file with the fake clock, and reports how the service levels held.
#pragma once

#include <string>

namespace closeloop::app {

struct SimulateOptions {
  int days = 30;
  int per_day = 150;        // complaints a day on average
  int agents_per_team = 6;  // three regional teams
  unsigned seed = 7;
  std::string db_path;  // empty: a temporary file, removed afterwards
};

// Prints % within each phase target, breaches, escalations, agent load spread (max / mean) and
// the predicted-vs-actual handling time error; returns the process exit code.
int RunSimulate(const SimulateOptions& options);

}  // namespace closeloop::app
