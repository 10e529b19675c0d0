// The `closeloop` command. CLI11 is heavy to compile, so it is included here only.
#include <termios.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <iostream>

#include "app/analytics_commands.h"
#include "app/backup_commands.h"
#include "app/complaint_commands.h"
#include "app/dedup_command.h"
#include "app/demo/demo_data.h"
#include "app/import_command.h"
#include "app/job_commands.h"
#include "app/mail_commands.h"
#include "app/model_commands.h"
#include "app/serve.h"
#include "app/simulate_command.h"
#include "app/wiring.h"
#include "core/text.h"
#include "domain/analysis/analysis.h"
#include "domain/analytics/analytics_upkeep.h"
#include "domain/org/admin.h"
#include "security/personal_data_cipher.h"

namespace {

using namespace closeloop;  // NOLINT: main only

// Reads a password: from stdin when it is not a terminal (first line), else prompted twice
// without echo.
std::string ReadPassword() {
  std::string password;
  if (!isatty(STDIN_FILENO)) {
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
    return password;
  }
  termios old_settings{};
  tcgetattr(STDIN_FILENO, &old_settings);
  termios quiet = old_settings;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  std::string again;
  std::fprintf(stderr, "Password: ");
  std::getline(std::cin, password);
  std::fprintf(stderr, "\nRepeat password: ");
  std::getline(std::cin, again);
  std::fprintf(stderr, "\n");
  tcsetattr(STDIN_FILENO, TCSANOW, &old_settings);
  if (password != again) throw std::runtime_error("the passwords differ");
  return password;
}

int AddUser(const app::StoreFlags& flags, const std::string& username, const std::string& role_name,
            const std::vector<std::string>& scopes, const std::string& display_name,
            const std::string& email) {
  auto role = domain::ParseRole(role_name);
  if (!role) {
    std::fprintf(
        stderr,
        "error: --role must be one of admin, manager, agent, department, analyst, auditor\n");
    return 2;
  }
  app::WiringOptions wiring_options = app::WiringFor(flags);
  wiring_options.max_readers = 2;
  wiring_options.clock = nullptr;
  app::Wiring wiring(wiring_options);
  domain::ManageUsers users(wiring.context());
  domain::UserInput input;
  input.username = username;
  input.role = *role;
  if (!display_name.empty()) input.display_name = display_name;
  if (!email.empty()) input.email = email;
  for (const std::string& scope : scopes) {
    domain::UserInput resolved;
    core::Status status = users.ResolveScopeKey(scope, resolved);
    if (!status.ok()) {
      std::fprintf(stderr, "error: %s\n", status.ToString().c_str());
      return 1;
    }
    if (resolved.region_scope) {
      if (!input.region_scope) input.region_scope.emplace();
      input.region_scope->push_back(resolved.region_scope->front());
    }
    if (resolved.team_scope) {
      if (!input.team_scope) input.team_scope.emplace();
      input.team_scope->push_back(resolved.team_scope->front());
    }
  }
  input.password = ReadPassword();
  auto user = users.Create(domain::SystemPrincipal(), input);
  if (!user.ok()) {
    std::fprintf(stderr, "error: %s\n", user.status().ToString().c_str());
    return 1;
  }
  std::printf("user %s (%s) created with id %lld\n", user->username.c_str(),
              domain::ToString(user->role), static_cast<long long>(user->id));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"closeloop — complaint handling and satisfaction tracking"};
  cli.require_subcommand(1);
  app::StoreFlags flags;  // every verb that opens a database shares these
  const std::string& db = flags.db_path;
  auto add_db = [&](CLI::App* cmd) {
    cmd->add_option("--db", flags.db_path, "SQLite database file")->required();
    cmd->add_option("--secret-file", flags.secret_file,
                    "32-byte key file for token digests (default: DB.secret)")
        ->envname("CLOSELOOP_SECRET_FILE");
    cmd->add_option("--keys-file", flags.keys_file, "personal-data key file (default: DB.keys)")
        ->envname("CLOSELOOP_KEYS_FILE");
    cmd->add_option("--user-lexicon", flags.user_lexicons,
                    "extra sentiment words for the analysis, word<TAB>weight (repeatable; or "
                    "CLOSELOOP_USER_LEXICONS=a.tsv:b.tsv)");
    cmd->add_option("--durability", flags.durability,
                    "disk: a write is on disk when acknowledged (one fsync per group commit); "
                    "process: it survives the process being killed, not a power cut (faster)")
        ->check(CLI::IsMember({"disk", "process"}))
        ->capture_default_str();
  };

  app::ServeOptions serve;
  CLI::App* serve_cmd = cli.add_subcommand("serve", "Serve the JSON API");
  add_db(serve_cmd);
  serve_cmd->add_option("--listen", serve.listen, "HOST:PORT to listen on")->capture_default_str();
  serve_cmd->add_option("--tls-cert", serve.tls_cert,
                        "PEM certificate chain: serve TLS 1.3 only (with --tls-key)");
  serve_cmd->add_option("--tls-key", serve.tls_key, "PEM private key of --tls-cert");
  serve_cmd->add_flag("--insecure-http", serve.insecure_http,
                      "allow plain HTTP on a non-loopback address (behind a TLS-terminating "
                      "proxy; logs a warning)");
  serve_cmd->add_option("--threads", serve.threads, "worker threads")
      ->capture_default_str()
      ->check(CLI::Range(1, 512));
  serve_cmd
      ->add_option("--access-log", serve.access_log,
                   "one JSON line per request: '-' (standard output), a file, or 'off'")
      ->capture_default_str();
  serve_cmd->add_option("--metrics-listen", serve.metrics_listen,
                        "HOST:PORT serving GET /metrics without a token (for a scraper on a "
                        "private network)");
  serve_cmd->add_option("--public-url", serve.public_url,
                        "the address customers reach this server at, e.g. "
                        "https://service.example.com (survey links start with it)");
  serve_cmd->add_option("--web-root", serve.web_root,
                        "the built web application to serve at / (web/dist, made by "
                        "scripts/build); none: the API alone");
  serve_cmd->add_option("--cors-origin", serve.cors_origins,
                        "a browser origin allowed to call the API (repeat for more; none: CORS "
                        "off)");

  CLI::App* migrate_cmd = cli.add_subcommand("migrate", "Create or upgrade the database schema");
  add_db(migrate_cmd);

  app::BackupOptions backup;
  CLI::App* backup_cmd = cli.add_subcommand(
      "backup",
      "Copy the database while it is in use, its key files sealed under a passphrase beside it");
  add_db(backup_cmd);
  backup_cmd->add_option("--out,--to", backup.out, "the new file to write (must not exist)")
      ->required();
  backup_cmd->add_option("--passphrase-file", backup.passphrase_file,
                         "seal the key files (OUT.keys) under this file's first line (or "
                         "CLOSELOOP_BACKUP_PASSPHRASE)");
  backup_cmd->add_flag("--without-keys", backup.without_keys,
                       "copy the database only; keep its key files apart yourself");
  app::RestoreOptions restore;
  CLI::App* restore_cmd = cli.add_subcommand(
      "restore", "Put a backup back as a new database (--db must not exist) with its key files");
  add_db(restore_cmd);
  restore_cmd->add_option("--from", restore.from, "a file written by closeloop backup")->required();
  restore_cmd->add_option("--passphrase-file", restore.passphrase_file,
                          "the passphrase the keys were sealed under (or "
                          "CLOSELOOP_BACKUP_PASSPHRASE)");

  CLI::App* user_cmd = cli.add_subcommand("user", "Manage users");
  user_cmd->require_subcommand(1);
  CLI::App* user_add =
      user_cmd->add_subcommand("add", "Add a user; the password is read from stdin or prompted");
  add_db(user_add);
  std::string username, role, display_name, email;
  std::vector<std::string> scopes;
  user_add->add_option("--username", username, "login name")->required();
  user_add->add_option("--role", role, "admin|manager|agent|department|analyst|auditor")
      ->required();
  user_add->add_option("--scope", scopes,
                       "region or team (code or name) the user is limited to; repeatable");
  user_add->add_option("--display-name", display_name, "name shown to others");
  user_add->add_option("--email", email, "work address for SLA warnings, breaches, escalations");

  app::demo::DemoOptions demo;
  CLI::App* demo_cmd =
      cli.add_subcommand("demo", "Fill a new database with demo data (a pet-supplies chain)");
  add_db(demo_cmd);
  demo_cmd->add_option("--complaints", demo.complaints, "number of complaints")
      ->capture_default_str()
      ->check(CLI::Range(0, 1000000));
  demo_cmd->add_option("--days", demo.days, "spread over this many past days")
      ->capture_default_str()
      ->check(CLI::Range(1, 3650));
  demo_cmd->add_option("--seed", demo.seed, "random seed")->capture_default_str();

  CLI::App* keys_cmd = cli.add_subcommand("keys", "Manage the keys that seal personal data");
  keys_cmd->require_subcommand(1);
  CLI::App* keys_rotate = keys_cmd->add_subcommand(
      "rotate", "Add a new data key and re-seal all personal data with it");
  add_db(keys_rotate);

  app::ComplaintCommand complaint;
  CLI::App* complaint_cmd =
      cli.add_subcommand("complaint", "Work with complaints as a user (--as)");
  complaint_cmd->require_subcommand(1);
  auto common = [&](CLI::App* cmd) {
    add_db(cmd);
    cmd->add_option("--as", complaint.as_user, "act as this user")->required();
    cmd->add_flag("--json", complaint.json, "print the API's JSON");
  };
  CLI::App* c_create = complaint_cmd->add_subcommand("create", "File a complaint");
  common(c_create);
  c_create
      ->add_option("--channel", complaint.channel,
                   "api|web|email|phone|store|ecommerce|social|chat|import")
      ->capture_default_str();
  c_create->add_option("--description", complaint.description, "what happened")->required();
  c_create->add_option("--title", complaint.title, "short title");
  c_create->add_option("--customer-name", complaint.customer_name);
  c_create->add_option("--customer-phone", complaint.customer_phone);
  c_create->add_option("--customer-email", complaint.customer_email);
  c_create->add_option("--type", complaint.type, "inquiry|quality|service|suggestion|malicious");
  c_create->add_option("--category", complaint.category,
                       "product_quality|logistics|after_sales|price_advertising|other");
  CLI::App* c_list =
      complaint_cmd->add_subcommand("list", "List and search complaints, newest first");
  common(c_list);
  c_list->add_option("--status", complaint.status, "comma-separated statuses");
  c_list->add_option("--q", complaint.text, "words in title or description (Chinese or English)");
  c_list->add_option("--limit", complaint.limit, "page size")
      ->capture_default_str()
      ->check(CLI::Range(1, 200));
  c_list->add_option("--cursor", complaint.cursor, "next page cursor");
  c_list->add_option("--type", complaint.type, "inquiry|quality|service|suggestion|malicious");
  c_list->add_option("--category", complaint.category, "a category of the taxonomy");
  c_list->add_option("--assignee", complaint.assignee, "a username, or me");
  c_list->add_option("--channel", complaint.channel_filter, "api|web|email|phone|store|...");
  c_list->add_option("--priority", complaint.priority, "low|normal|high|urgent");
  c_list->add_option("--sla", complaint.sla, "comma-separated: ok, at_risk, breached, paused");
  c_list->add_option("--sort", complaint.sort, "received (newest first) or sla_due (most urgent)");
  CLI::App* c_update =
      complaint_cmd->add_subcommand("update", "Set type, category or priority of a complaint");
  common(c_update);
  c_update->add_option("key", complaint.key, "id or reference")->required();
  c_update->add_option("--type", complaint.type, "inquiry|quality|service|suggestion|malicious");
  c_update->add_option("--category", complaint.category, "a category of the taxonomy");
  c_update->add_option("--priority", complaint.priority, "low|normal|high|urgent");
  CLI::App* c_show = complaint_cmd->add_subcommand("show", "Show one complaint");
  common(c_show);
  c_show->add_option("key", complaint.key, "id or reference")->required();
  CLI::App* c_move =
      complaint_cmd->add_subcommand("transition", "Move a complaint along its lifecycle");
  common(c_move);
  c_move->add_option("key", complaint.key, "id or reference")->required();
  c_move->add_option("--to", complaint.to, "target status")->required();
  c_move->add_option("--note", complaint.note, "note (required for reject and reopen)");
  c_move->add_option("--assignee", complaint.assignee, "username (with --to assigned)");
  c_move->add_option(
      "--remedy", complaint.remedy,
      "resolution: refund|replacement|repair|compensation|apology|explanation|other");
  c_move->add_option("--compensation", complaint.compensation, "resolution: amount paid (yuan)");
  c_move->add_option("--summary", complaint.summary, "resolution: what was done");
  c_move->add_flag("--override-tasks", complaint.override_tasks,
                   "resolve although blocking department tasks are open (task.override)");
  CLI::App* c_note = complaint_cmd->add_subcommand("note", "Add a note");
  common(c_note);
  c_note->add_option("key", complaint.key, "id or reference")->required();
  c_note->add_option("--body", complaint.note, "note text")->required();
  c_note->add_flag("--public", complaint.public_note, "visible to the customer (default internal)");
  CLI::App* c_history = complaint_cmd->add_subcommand("history", "Show the full history");
  common(c_history);
  c_history->add_option("key", complaint.key, "id or reference")->required();

  app::ImportCommand import;
  CLI::App* import_cmd = cli.add_subcommand(
      "import", "Bulk import complaints, customers, products, batches, stores or orders");
  add_db(import_cmd);
  import_cmd->add_option("kind", import.kind, "complaints|customers|products|batches|stores|orders")
      ->required();
  import_cmd->add_option("file", import.file, "CSV, TSV or JSONL file")->required();
  import_cmd->add_option("--format", import.format, "csv|tsv|jsonl (default: from the file name)");
  import_cmd->add_option("--encoding", import.encoding, "utf-8|gbk|gb18030|big5|auto")
      ->capture_default_str();
  import_cmd->add_option("--map", import.header_map,
                         "column names to fields, e.g. '单号=external_id,问题=description'");
  import_cmd->add_option("--rejects", import.reject_file,
                         "where rejected rows go (default: FILE.rejects.csv)");
  import_cmd->add_option("--as", import.as_user, "import as this user (default: system)");
  import_cmd->add_option("--batch", import.batch_rows, "rows a transaction")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  import_cmd->add_flag("--quiet", import.quiet, "no progress bar");
  import_cmd->add_flag("--skip-analysis", import.skip_analysis,
                       "do not analyse the imported complaints now (a server will)");
  import_cmd
      ->add_option("--cache-mib", import.cache_mib, "page cache of the writer during the load")
      ->envname("CLOSELOOP_IMPORT_CACHE_MIB")
      ->capture_default_str()
      ->check(CLI::Range(2, 4096));

  app::MailIngestCommand mail_ingest;
  CLI::App* mail_ingest_cmd = cli.add_subcommand(
      "mail-ingest", "File complaints from email: one message on stdin, or a Maildir's new/");
  add_db(mail_ingest_cmd);
  mail_ingest_cmd->add_option("--maildir", mail_ingest.maildir,
                              "Maildir to read new/ from; handled messages move to cur/");
  mail_ingest_cmd
      ->add_option("--max-attachment-mb", mail_ingest.max_attachment_mib,
                   "larger attachments are listed, not stored")
      ->capture_default_str()
      ->check(CLI::Range(0, 100));
  mail_ingest_cmd
      ->add_option("--reply-after-resolved", mail_ingest.reply_after_resolved,
                   "a customer's reply to a resolved complaint: reopen (default) or follow_up")
      ->check(CLI::IsMember({"reopen", "follow_up"}));
  mail_ingest_cmd
      ->add_option("--reply-after-closed", mail_ingest.reply_after_closed,
                   "a customer's reply to a closed complaint: follow_up (default) or reopen")
      ->check(CLI::IsMember({"reopen", "follow_up"}));

  app::MailCommand mail;
  CLI::App* mail_cmd = cli.add_subcommand("mail", "The outbound mail outbox");
  mail_cmd->require_subcommand(1);
  auto add_smtp = [](CLI::App* cmd, app::SmtpSettings& smtp) {
    cmd->add_option("--smtp", smtp.url, "SMTP server URL, e.g. smtp://127.0.0.1:25");
    cmd->add_option("--mail-from", smtp.from, "sender address");
    cmd->add_option("--smtp-user", smtp.username, "SMTP user name");
    cmd->add_option("--smtp-password", smtp.password, "SMTP password (or CLOSELOOP_SMTP_PASSWORD)")
        ->envname("CLOSELOOP_SMTP_PASSWORD");
    cmd->add_flag("--smtp-tls", smtp.require_tls, "require TLS (STARTTLS or smtps://)");
  };
  CLI::App* mail_send = mail_cmd->add_subcommand("send", "Deliver the mail that is due, once");
  add_db(mail_send);
  add_smtp(mail_send, mail.smtp);
  CLI::App* mail_outbox = mail_cmd->add_subcommand("outbox", "List the newest outbox messages");
  add_db(mail_outbox);
  for (CLI::App* cmd : {mail_send, mail_outbox}) {
    cmd->add_option("--limit", mail.limit, "how many")->capture_default_str();
  }
  add_smtp(serve_cmd, serve.smtp);

  app::ModelCommand model;
  CLI::App* model_cmd =
      cli.add_subcommand("model", "Text models: train, measure, install and retrain them");
  model_cmd->require_subcommand(1);
  CLI::App* model_eval = model_cmd->add_subcommand(
      "eval", "Accuracy, macro-F1, per-class precision/recall/F1 and the confusion matrix");
  model_eval->add_option("--task", model.task, "sentiment|type|category|gibberish|abusive")
      ->required();
  model_eval->add_option("--model", model.model, "a trained model (default: the built-in one)");
  model_eval->add_option("--data", model.data, "labelled CSV, TSV or JSONL file")->required();
  model_eval->add_option("--text-col", model.text_col, "column with the text")->required();
  model_eval->add_option("--label-col", model.label_col, "column with the label")->required();
  model_eval->add_option("--format", model.format, "csv|tsv|jsonl (default: from the name)");
  model_eval->add_option("--only", model.only, "COL=V1,V2: evaluate only rows with these values");
  model_eval->add_option("--except", model.except, "COL=V1,V2: leave rows with these values out");
  model_eval->add_option("--lexicon", model.lexicons, "extra word<TAB>weight lexicon file");
  model_eval->add_flag("--json", model.json, "print JSON");
  model_eval->add_option("--show-errors", model.show_errors,
                         "built-in sentiment, rules, gibberish, abusive: print up to N wrong rows");
  CLI::App* model_train = model_cmd->add_subcommand(
      "train", "Train a classifier on a labelled file (any task: sentiment, type…)");
  model_train->add_option("--task", model.task, "the label set, e.g. sentiment, type")->required();
  model_train->add_option("--data", model.data, "labelled CSV, TSV or JSONL file")->required();
  model_train->add_option("--text-col", model.text_col, "column with the text")->required();
  model_train->add_option("--label-col", model.label_col, "column with the label")->required();
  model_train->add_option("--out", model.out, "model file to write")->required();
  model_train->add_option("--format", model.format, "csv|tsv|jsonl (default: from the name)");
  model_train->add_option("--only", model.only, "COL=V1,V2: train only on rows with these values");
  model_train->add_option("--except", model.except, "COL=V1,V2: leave rows with these values out");
  model_train->add_option("--epoch", model.epoch, "fastText training passes")
      ->capture_default_str();
  model_train->add_option("--algo", model.algo, "linear (SVM over character n-grams) or fasttext")
      ->capture_default_str();
  model_train
      ->add_option(
          "--solver", model.solver,
          "linear: own (dual coordinate descent) or liblinear (the reference implementation)")
      ->check(CLI::IsMember({"liblinear", "own"}))
      ->capture_default_str();
  model_train->add_option("--adapt-data", model.adapt_data,
                          "linear: unlabelled texts of the target domain, for self-training");
  model_train->add_option("--adapt-text-col", model.adapt_text_col,
                          "column with those texts (default: --text-col)");
  model_train->add_option("--adapt-only", model.adapt_only,
                          "COL=V1,V2: adapt only to --adapt-data rows with these values");
  model_train->add_option("--adapt-split", model.adapt_split,
                          "train|test: adapt only to that side of the fixed split of --adapt-data");
  model_train->add_option("--adapt-db", model.adapt_db,
                          "linear: adapt to the complaints stored in this database");
  model_train->add_option("--adapt-limit", model.adapt_limit, "--adapt-db: the newest N complaints")
      ->capture_default_str();
  for (CLI::App* cmd : {model_eval, model_train}) {
    cmd->add_option("--split", model.split,
                    "train|test: a fixed split, data row i is a test row when i % N == 0");
    cmd->add_option("--test-every", model.test_every, "N for --split")->capture_default_str();
  }

  app::ModelStoreCommand model_store;
  CLI::App* model_list = model_cmd->add_subcommand("list", "The model versions in a database");
  model_list->add_option("--task", model_store.task, "type|category|sentiment");
  CLI::App* model_retrain = model_cmd->add_subcommand(
      "retrain", "Retrain type and category models from the labels agents set, now");
  model_retrain->add_option("--task", model_store.task, "type|category (default: both)");
  CLI::App* model_install = model_cmd->add_subcommand(
      "install", "Register a model file (from `model train`) as the task's next version");
  model_install->add_option("--task", model_store.task, "type|category|sentiment")->required();
  model_install->add_option("--model", model_store.model, "the model file")->required();
  model_install
      ->add_option("--threshold", model_store.threshold, "below this probability the rules decide")
      ->capture_default_str();
  model_install->add_flag("--activate", model_store.activate, "use it in the analysis now");
  CLI::App* model_activate =
      model_cmd->add_subcommand("activate", "Make a model version the one the analysis uses");
  model_activate->add_option("id", model_store.id, "model id (see model list)")->required();
  for (CLI::App* cmd : {model_list, model_retrain, model_install, model_activate}) add_db(cmd);

  app::JobsCommand jobs;
  CLI::App* jobs_cmd = cli.add_subcommand("jobs", "The durable job queue");
  jobs_cmd->require_subcommand(1);
  CLI::App* jobs_list = jobs_cmd->add_subcommand("list", "Jobs, newest first");
  jobs_list->add_option("--status", jobs.status, "due|running|done|parked");
  jobs_list->add_option("--kind", jobs.kind, "e.g. model.retrain");
  jobs_list->add_option("--limit", jobs.limit, "how many")->capture_default_str();
  CLI::App* jobs_run = jobs_cmd->add_subcommand("run", "Run the jobs that are due, once");
  CLI::App* jobs_retry = jobs_cmd->add_subcommand("retry", "Put a parked job back in the queue");
  jobs_retry->add_option("id", jobs.id, "job id")->required();
  for (CLI::App* cmd : {jobs_list, jobs_run, jobs_retry}) add_db(cmd);

  app::SimulateOptions simulate;
  CLI::App* simulate_cmd = cli.add_subcommand(
      "simulate", "Replay generated demand through routing and SLA with a fake clock and report");
  simulate_cmd->add_option("--days", simulate.days, "days of demand")->check(CLI::Range(1, 365));
  simulate_cmd->add_option("--per-day", simulate.per_day, "complaints a day on average")
      ->check(CLI::Range(1, 100000));
  simulate_cmd
      ->add_option("--agents-per-team", simulate.agents_per_team, "agents in each of 3 teams")
      ->check(CLI::Range(1, 1000));
  simulate_cmd->add_option("--seed", simulate.seed, "random seed");
  simulate_cmd->add_option("--db", simulate.db_path,
                           "keep the simulated database here (a new file)");
  int predict_limit = 100000;
  CLI::App* sla_cmd = cli.add_subcommand("sla", "Service levels");
  sla_cmd->require_subcommand(1);
  CLI::App* sla_predict_eval = sla_cmd->add_subcommand(
      "predict-eval", "Error of the predicted handling time on the resolved complaints");
  sla_predict_eval->add_option("--limit", predict_limit, "newest resolved complaints to check")
      ->capture_default_str();
  add_db(sla_predict_eval);

  CLI::App* analyze_cmd = cli.add_subcommand(
      "analyze", "Run the text analysis pipeline until every complaint is analysed");
  add_db(analyze_cmd);

  CLI::App* analytics_cmd = cli.add_subcommand("analytics", "The analytics facts (docs/kpi.md)");
  analytics_cmd->require_subcommand(1);
  for (auto [verb, what] :
       {std::pair{"rebuild", "Recompute every complaint's facts from history"},
        std::pair{"refresh", "Recompute the facts of changed complaints"},
        std::pair{"verify", "Compare the stored facts with a fresh computation"}}) {
    add_db(analytics_cmd->add_subcommand(verb, what));
  }

  app::ReportOptions report;
  CLI::App* report_cmd = cli.add_subcommand(
      "report", "Write the daily, weekly, monthly or year-end report as HTML (and CSV)");
  add_db(report_cmd);
  report_cmd->add_option("--period", report.period, "YYYY-MM-DD, YYYY-Www, YYYY-MM or YYYY")
      ->required();
  report_cmd->add_option("--out", report.out, "the HTML file to write")->required();
  report_cmd->add_option("--csv", report.csv, "also write the figures as CSV here");
  report_cmd->add_option("--lang", report.lang, "zh-CN or en")
      ->check(CLI::IsMember({"zh-CN", "en"}))
      ->capture_default_str();

  app::DedupCommand dedup;
  CLI::App* dedup_cmd = cli.add_subcommand("dedup", "Near-duplicate detection");
  dedup_cmd->require_subcommand(1);
  CLI::App* dedup_eval = dedup_cmd->add_subcommand(
      "eval", "Precision / recall / F1 on labelled pairs, and the best threshold");
  dedup_eval->add_option("--data", dedup.data, "CSV or TSV of labelled pairs")->required();
  dedup_eval->add_option("--a-col", dedup.a_col, "column with the first text")->required();
  dedup_eval->add_option("--b-col", dedup.b_col, "column with the second text")->required();
  dedup_eval->add_option("--label-col", dedup.label_col, "1 = duplicate, 0 = not")->required();
  dedup_eval->add_option("--format", dedup.format, "csv|tsv (default: from the name)");
  dedup_eval->add_option("--threshold", dedup.threshold, "instead of the configured one");
  dedup_eval->add_option("--split", dedup.split,
                         "train|test: data row i is a test row when i % N == 0");
  dedup_eval->add_option("--test-every", dedup.test_every, "N for --split")->capture_default_str();
  dedup_eval->add_flag("--json", dedup.json, "print JSON");

  CLI11_PARSE(cli, argc, argv);
  if (flags.user_lexicons.empty()) {
    if (const char* env = std::getenv("CLOSELOOP_USER_LEXICONS"); env && *env) {
      flags.user_lexicons = core::Split(env, ':');
    }
  }

  // Only migrate, demo, simulate and restore may create a database: a mistyped --db elsewhere
  // would silently start an empty one with fresh keys.
  const bool may_create = migrate_cmd->parsed() || demo_cmd->parsed() || simulate_cmd->parsed() ||
                          restore_cmd->parsed();
  if (!db.empty() && !may_create && !std::filesystem::exists(db)) {
    std::fprintf(stderr, "error: no database at %s (closeloop migrate --db %s creates one)\n",
                 db.c_str(), db.c_str());
    return 2;
  }

  try {
    if (serve_cmd->parsed()) {
      serve.store = flags;
      return app::Serve(serve);
    }
    if (keys_rotate->parsed()) {
      app::WiringOptions options = app::WiringFor(flags);
      std::uint32_t id = security::KeyRing::AddKey(app::KeysFileOf(options));
      app::Wiring wiring(options);
      size_t changed = wiring.ResealPersonalData();
      std::printf("key %u added to %s; %zu records re-sealed with it\n", id,
                  app::KeysFileOf(options).c_str(), changed);
      return 0;
    }
    if (backup_cmd->parsed()) return app::Backup(flags, backup);
    if (restore_cmd->parsed()) return app::Restore(flags, restore);
    if (migrate_cmd->parsed()) {
      app::WiringOptions options = app::WiringFor(flags);
      app::Wiring wiring(options);
      std::printf("database %s at schema version %d\n", db.c_str(), wiring.SchemaVersion());
      return 0;
    }
    if (user_add->parsed()) return AddUser(flags, username, role, scopes, display_name, email);
    if (demo_cmd->parsed()) {
      demo.store = flags;
      int code = app::demo::FillDemoData(demo);
      if (code == 0) {
        std::printf(
            "log in as admin, cx_manager, mgr_east, agent_east_1, analyst or auditor; password: "
            "%s\n",
            app::demo::kDemoPassword);
      }
      return code;
    }
    if (dedup_eval->parsed()) return app::RunDedupEval(dedup);
    if (report_cmd->parsed()) {
      report.store = flags;
      return app::RunReportCommand(report);
    }
    if (analytics_cmd->parsed()) {
      return app::RunAnalyticsCommand(flags, analytics_cmd->get_subcommands().front()->get_name());
    }
    if (analyze_cmd->parsed()) {
      app::WiringOptions options = app::WiringFor(flags);
      app::Wiring wiring(options);
      const auto start = std::chrono::steady_clock::now();
      auto n = domain::AnalyzeNewComplaints(wiring.context()).RunToEnd();
      if (!n.ok()) throw std::runtime_error(n.status().ToString());
      auto facts = domain::RefreshAnalytics(wiring.context()).UntilDone();
      if (!facts.ok()) throw std::runtime_error(facts.status().ToString());
      const double took =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::printf("analysed %lld complaints in %.1f s (%.0f/s)\n", static_cast<long long>(*n), took,
                  took > 0 ? static_cast<double>(*n) / took : 0.0);
      return 0;
    }
    if (model_eval->parsed() || model_train->parsed()) {
      model.verb = model_train->parsed() ? "train" : "eval";
      return app::RunModelCommand(model);
    }
    for (CLI::App* cmd : {model_list, model_retrain, model_install, model_activate}) {
      if (!cmd->parsed()) continue;
      model_store.verb = cmd->get_name();
      model_store.store = flags;
      return app::RunModelStoreCommand(model_store);
    }
    if (sla_predict_eval->parsed()) return app::RunPredictEval(flags, predict_limit);
    if (simulate_cmd->parsed()) return app::RunSimulate(simulate);
    if (jobs_cmd->parsed()) {
      for (CLI::App* sub : jobs_cmd->get_subcommands()) jobs.verb = sub->get_name();
      jobs.store = flags;
      return app::RunJobsCommand(jobs);
    }
    if (mail_ingest_cmd->parsed()) {
      mail_ingest.store = flags;
      return app::RunMailIngest(mail_ingest);
    }
    if (mail_cmd->parsed()) {
      mail.verb = mail_send->parsed() ? "send" : "outbox";
      mail.store = flags;
      return app::RunMailCommand(mail);
    }
    if (import_cmd->parsed()) {
      import.store = flags;
      return app::RunImportCommand(import);
    }
    if (complaint_cmd->parsed()) {
      for (CLI::App* sub : complaint_cmd->get_subcommands()) complaint.verb = sub->get_name();
      complaint.store = flags;
      return app::RunComplaintCommand(complaint);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
  return 0;
}
