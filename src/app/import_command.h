// `closeloop import KIND FILE`: bulk import from CSV / TSV / JSONL, with a progress bar on a
// terminal, a reject file, and a summary.
#pragma once

#include <string>

#include "app/store_flags.h"

namespace closeloop::app {

struct ImportCommand {
  std::string kind;  // complaints, customers, products, batches, stores, orders
  std::string file;
  StoreFlags store;     // --db, --secret-file, --keys-file, --user-lexicon
  std::string as_user;  // empty: the local system identity
  std::string format;   // csv, tsv, jsonl; default from the file name
  std::string encoding = "auto";
  std::string header_map;   // "列=field,…"
  std::string reject_file;  // default FILE.rejects.csv
  int batch_rows = 100000;  // and at most 48 MiB of row data; see docs/benchmarks.md
  bool quiet = false;
  bool skip_analysis = false;  // leave the text analysis to the server's pipeline
  int cache_mib = 64;          // the writer's page cache for the load (--cache-mib)
};

// Returns the exit code: 0 when every row was imported or skipped, 3 when some were rejected,
// 1 when the import could not run.
int RunImportCommand(const ImportCommand& command);

}  // namespace closeloop::app
