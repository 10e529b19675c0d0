-- closeloop schema, version 7: routing (R-3.2, R-3.3). Agents' profiles and skill matrix, and
-- every routing decision with its explanation; staff email addresses (sealed) for notifications.
ALTER TABLE users ADD COLUMN email_sealed BLOB;
CREATE TABLE agent_profiles (
  user_id        INTEGER PRIMARY KEY REFERENCES users(id),
  team_id        INTEGER REFERENCES teams(id),
  region_id      INTEGER REFERENCES regions(id),
  seniority      INTEGER NOT NULL CHECK (seniority BETWEEN 1 AND 3),  -- junior, senior, expert
  capacity       INTEGER NOT NULL CHECK (capacity >= 0),
  available      INTEGER NOT NULL DEFAULT 1,
  shift_calendar TEXT NOT NULL DEFAULT '',  -- an SLA calendar code; '' = always on shift
  updated_at     INTEGER NOT NULL
);
CREATE TABLE agent_skills (
  user_id   INTEGER NOT NULL REFERENCES agent_profiles(user_id),
  dimension TEXT NOT NULL,  -- type, category, product_line, language, channel
  value     TEXT NOT NULL,
  level     INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
  PRIMARY KEY (user_id, dimension, value)
) WITHOUT ROWID;
CREATE TABLE routing_decisions (
  id           INTEGER PRIMARY KEY,
  complaint_id INTEGER NOT NULL REFERENCES complaints(id),
  mode         TEXT NOT NULL,  -- auto, queued, manual, override
  agent_id     INTEGER REFERENCES users(id),
  team_id      INTEGER REFERENCES teams(id),
  score        REAL NOT NULL DEFAULT 0,
  rules_fired  TEXT NOT NULL DEFAULT '',
  explanation  TEXT NOT NULL DEFAULT '',
  actor_id     INTEGER REFERENCES users(id),
  reason       TEXT NOT NULL DEFAULT '',
  decided_at   INTEGER NOT NULL
);
CREATE INDEX routing_decisions_complaint ON routing_decisions(complaint_id, id);
-- Current load per agent: open complaints by assignee. The queries repeat this WHERE clause.
CREATE INDEX complaints_open_assignee ON complaints(assignee_id)
  WHERE assignee_id IS NOT NULL AND status NOT IN ('resolved', 'closed', 'rejected');
-- The waiting queue: open complaints nobody has, oldest first.
CREATE INDEX complaints_waiting ON complaints(received_at, id)
  WHERE assignee_id IS NULL AND status IN ('received', 'classified', 'reopened');
-- Workers claim only the kinds they run (mail delivery apart from the rest).
CREATE INDEX jobs_due_kind ON jobs(kind, run_at) WHERE status IN ('due', 'running');
-- Outbound mail is delivered by "mail.send" jobs: the messages still queued get theirs.
INSERT INTO jobs (kind, job_key, payload, status, run_at, created_at)
  SELECT 'mail.send', 'mail:' || id, CAST(id AS TEXT), 'due', next_attempt_at, created_at
  FROM mail_outbox WHERE status = 'queued';
