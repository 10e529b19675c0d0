-- closeloop schema, version 6: the durable job scheduler. Due work (retraining, later SLA
-- warnings and breaches, survey sending, reports) is a row here with its run-at time; workers
-- claim due rows with a lease, so a worker that dies leaves its jobs to be claimed again.
CREATE TABLE jobs (
  id           INTEGER PRIMARY KEY,
  kind         TEXT NOT NULL,            -- e.g. "model.retrain"
  job_key      TEXT NOT NULL DEFAULT '', -- at most one unfinished job per kind and key
  payload      TEXT NOT NULL DEFAULT '',
  status       TEXT NOT NULL,            -- due, running, done, parked
  run_at       INTEGER NOT NULL,
  attempts     INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL DEFAULT 5,
  last_error   TEXT NOT NULL DEFAULT '',
  claimed_by   TEXT NOT NULL DEFAULT '',
  lease_until  INTEGER,
  created_at   INTEGER NOT NULL,
  finished_at  INTEGER
);
-- Only unfinished jobs are indexed, so claiming costs what is due, not the whole history.
CREATE INDEX jobs_due ON jobs(run_at) WHERE status IN ('due', 'running');
CREATE UNIQUE INDEX jobs_unfinished_key ON jobs(kind, job_key)
  WHERE status IN ('due', 'running') AND job_key <> '';
-- Trained text models (R-2.2): versions per task, where the file is, how it did on held-out
-- examples against the rules, and which version the analysis uses.
CREATE TABLE text_models (
  id               INTEGER PRIMARY KEY,
  task             TEXT NOT NULL,     -- type, category, sentiment
  version          INTEGER NOT NULL,
  path             TEXT NOT NULL,
  source           TEXT NOT NULL,     -- retrain (from agents' labels) or install (a file)
  training_rows    INTEGER NOT NULL DEFAULT 0,
  holdout_rows     INTEGER NOT NULL DEFAULT 0,
  holdout_accuracy REAL,
  rules_accuracy   REAL,              -- the rules on the same held-out examples
  threshold        REAL NOT NULL DEFAULT 0.6,
  active           INTEGER NOT NULL DEFAULT 0,
  created_at       INTEGER NOT NULL,
  UNIQUE (task, version)
);
-- Where each analysis result came from: "type:model-v3 category:rules".
ALTER TABLE complaint_analysis ADD COLUMN sources TEXT NOT NULL DEFAULT '';
-- SLA configuration (R-3.4): business calendars and the ordered SLA policies. Nothing stored
-- means the shipped defaults apply.
CREATE TABLE sla_calendars (
  code               TEXT PRIMARY KEY,
  name               TEXT NOT NULL,
  utc_offset_minutes INTEGER NOT NULL,
  always_open        INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE TABLE sla_calendar_periods (
  calendar     TEXT NOT NULL REFERENCES sla_calendars(code) ON DELETE CASCADE,
  weekday      INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),  -- 0 = Monday
  start_minute INTEGER NOT NULL,
  end_minute   INTEGER NOT NULL
);
CREATE TABLE sla_calendar_days (
  calendar TEXT NOT NULL REFERENCES sla_calendars(code) ON DELETE CASCADE,
  day      TEXT NOT NULL,                                      -- YYYY-MM-DD
  kind     TEXT NOT NULL CHECK (kind IN ('holiday', 'makeup')),
  PRIMARY KEY (calendar, day)
) WITHOUT ROWID;
CREATE TABLE sla_policies (
  position        INTEGER PRIMARY KEY,
  code            TEXT NOT NULL UNIQUE,
  name            TEXT NOT NULL,
  priorities      TEXT NOT NULL DEFAULT '',  -- space-separated wire names; empty: any
  tiers           TEXT NOT NULL DEFAULT '',
  channels        TEXT NOT NULL DEFAULT '',
  types           TEXT NOT NULL DEFAULT '',
  calendar        TEXT NOT NULL,
  first_response  INTEGER NOT NULL,          -- milliseconds of working time
  identify        INTEGER NOT NULL,
  analyse         INTEGER NOT NULL,
  resolve         INTEGER NOT NULL,
  warn_at_percent INTEGER NOT NULL,
  update_every    INTEGER NOT NULL,
  survey_within   INTEGER NOT NULL
);
-- In-app notifications (SLA warnings, breaches and escalations for now).
CREATE TABLE notifications (
  id           INTEGER PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id),
  complaint_id INTEGER REFERENCES complaints(id),
  kind         TEXT NOT NULL,  -- sla_warning, sla_breach, escalated
  message      TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  read_at      INTEGER
);
CREATE INDEX notifications_unread ON notifications(user_id, id) WHERE read_at IS NULL;
-- Cross-department tasks (R-3.6): a department team (QC, logistics, product, store operations)
-- must act on a complaint; a blocking task keeps the complaint from being resolved.
CREATE TABLE department_tasks (
  id           INTEGER PRIMARY KEY,
  complaint_id INTEGER NOT NULL REFERENCES complaints(id),
  team_id      INTEGER NOT NULL REFERENCES teams(id),
  title        TEXT NOT NULL,
  status       TEXT NOT NULL,  -- open, in_progress, done, cancelled
  blocking     INTEGER NOT NULL DEFAULT 1,
  owner_id     INTEGER REFERENCES users(id),
  due_at       INTEGER NOT NULL,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  closed_at    INTEGER
);
CREATE INDEX department_tasks_team ON department_tasks(team_id, status, id);
CREATE INDEX department_tasks_complaint ON department_tasks(complaint_id);
