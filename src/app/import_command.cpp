#include "app/import_command.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>

#include "app/wiring.h"
#include "core/csv.h"
#include "domain/analysis/analysis.h"
#include "domain/analytics/analytics_upkeep.h"
#include "domain/intake/bulk_import.h"
#include "ingest/record_readers.h"

namespace closeloop::app {

namespace d = domain;
using core::CsvCell;

namespace {

int Fail(const core::Status& status) {
  std::fprintf(stderr, "error: %s\n", status.ToString().c_str());
  return 1;
}

// Writes rejects as CSV (row, field, reason) and draws progress on stderr when it is a terminal.
class CommandObserver final : public d::ImportObserver {
 public:
  CommandObserver(const std::string& reject_path, bool progress)
      : reject_path_(reject_path), progress_(progress), start_(Clock::now()) {}

  void OnReject(const d::ImportReject& reject) override {
    // row, field, reason, then the row itself under its own column names: delete the first
    // three columns, fix the rest and import the file again.
    if (!rejects_.is_open()) {
      rejects_.open(reject_path_, std::ios::trunc);
      rejects_ << "row,field,reason";
      columns_ = reject.names;
      for (const std::string& name : columns_) rejects_ << ',' << CsvCell(name);
      rejects_ << '\n';
    }
    rejects_ << reject.row << ',' << CsvCell(reject.field) << ',' << CsvCell(reject.reason);
    for (const std::string& name : columns_) {
      std::string value;
      for (size_t i = 0; i < reject.names.size() && i < reject.values.size(); ++i) {
        if (reject.names[i] == name) value = reject.values[i];
      }
      rejects_ << ',' << CsvCell(value);
    }
    rejects_ << '\n';
  }

  void OnProgress(const d::ImportSummary& s, std::int64_t bytes, std::int64_t total) override {
    if (!progress_) return;
    const double secs = Seconds();
    const double rate = secs > 0 ? static_cast<double>(s.rows) / secs : 0;
    std::string bar;
    if (total > 0) {
      const double done = static_cast<double>(bytes) / static_cast<double>(total);
      const int filled = static_cast<int>(done * 30);
      bar = "[" + std::string(filled, '#') + std::string(30 - filled, '.') + "] ";
      const double eta = done > 0 ? secs * (1 - done) / done : 0;
      std::fprintf(stderr, "\r%s%3.0f%%  %lld rows  %.0f rows/s  ETA %.0fs   ", bar.c_str(),
                   done * 100, static_cast<long long>(s.rows), rate, eta);
    } else {
      std::fprintf(stderr, "\r%lld rows  %.0f rows/s   ", static_cast<long long>(s.rows), rate);
    }
    std::fflush(stderr);
  }

  double Seconds() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }
  bool wrote_rejects() const { return rejects_.is_open(); }
  bool progress() const { return progress_; }

 private:
  using Clock = std::chrono::steady_clock;
  std::string reject_path_;
  std::ofstream rejects_;
  std::vector<std::string> columns_;  // of the first rejected row
  bool progress_;
  Clock::time_point start_;
};

}  // namespace

int RunImportCommand(const ImportCommand& cmd) {
  auto kind = d::ParseImportKind(cmd.kind);
  if (!kind) {
    return Fail(core::Status::Invalid(
        "kind", "kind must be complaints, customers, products, batches, stores or orders"));
  }
  ingest::ReaderOptions options;
  options.format = cmd.format.empty() ? ingest::FormatFromFileName(cmd.file) : cmd.format;
  if (options.format.empty()) {
    return Fail(core::Status::Invalid("--format", "cannot tell the format from '" + cmd.file +
                                                      "': give --format csv, tsv or jsonl"));
  }
  options.encoding = cmd.encoding;
  auto header_map = ingest::ParseHeaderMap(cmd.header_map);
  if (!header_map.ok()) return Fail(header_map.status());
  options.header_map = std::move(header_map.value());

  std::ifstream in(cmd.file, std::ios::binary);
  if (!in) return Fail(core::Status::Invalid("FILE", "cannot open " + cmd.file));
  in.seekg(0, std::ios::end);
  const std::int64_t total = static_cast<std::int64_t>(in.tellg());
  in.seekg(0);
  auto source = ingest::OpenRecordSource(in, total, *kind, options);
  if (!source.ok()) return Fail(source.status());

  WiringOptions wiring_options = WiringFor(cmd.store);
  wiring_options.max_readers = 2;
  Wiring wiring(wiring_options);
  wiring.TuneForBulkLoad(cmd.cache_mib);
  const d::Context& ctx = wiring.context();
  d::Principal who = d::SystemPrincipal();
  if (!cmd.as_user.empty()) {
    auto acting = ActiveUserPrincipal(ctx, cmd.as_user);
    if (!acting.ok()) return Fail(acting.status());
    who = *acting;
  }
  const std::string reject_path =
      cmd.reject_file.empty() ? cmd.file + ".rejects.csv" : cmd.reject_file;
  CommandObserver observer(reject_path, !cmd.quiet && isatty(STDERR_FILENO));
  auto summary =
      d::BulkImport(ctx).Run(who, *kind, **source, observer, static_cast<size_t>(cmd.batch_rows));
  if (observer.progress()) std::fprintf(stderr, "\n");
  if (!summary.ok()) return Fail(summary.status());
  const double secs = observer.Seconds();
  std::printf(
      "%s: %lld rows read, %lld imported, %lld skipped (already imported), %lld rejected "
      "in %.1f s (%.0f rows/s)\n",
      d::ToString(*kind), static_cast<long long>(summary->rows),
      static_cast<long long>(summary->imported), static_cast<long long>(summary->skipped),
      static_cast<long long>(summary->rejected), secs,
      secs > 0 ? static_cast<double>(summary->rows) / secs : 0.0);
  if (observer.wrote_rejects()) std::printf("rejected rows: %s\n", reject_path.c_str());
  std::fflush(stdout);
  if (*kind == d::ImportKind::kComplaints && !cmd.skip_analysis) {
    // Imported complaints go through the same text analysis as every other intake.
    const auto start = std::chrono::steady_clock::now();
    auto analysed = d::AnalyzeNewComplaints(ctx).RunToEnd();
    if (!analysed.ok()) return Fail(analysed.status());
    const double took =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("text analysis: %lld complaints in %.1f s\n", static_cast<long long>(*analysed),
                took);
  }
  // Imported complaints, customers and orders count in the dashboards at once.
  if (auto facts = d::RefreshAnalytics(ctx).UntilDone(); !facts.ok()) return Fail(facts.status());
  return summary->rejected > 0 ? 3 : 0;
}

}  // namespace closeloop::app
