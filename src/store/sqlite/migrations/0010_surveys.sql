-- closeloop schema, version 10: satisfaction surveys and the closed loop (issue 15).
-- The survey policy admins set (GET/PUT /api/v1/config/surveys): one row, absent = defaults.
CREATE TABLE survey_policy (
  id                     INTEGER PRIMARY KEY CHECK (id = 1),
  delay_minutes          INTEGER NOT NULL,
  expiry_days            INTEGER NOT NULL,
  reminder_after_hours   INTEGER NOT NULL,  -- 0: no reminder
  callback_hours         INTEGER NOT NULL,
  max_per_period         INTEGER NOT NULL,  -- 0: no limit
  period_days            INTEGER NOT NULL,
  min_gap_days           INTEGER NOT NULL,
  low_csat_at_most       INTEGER NOT NULL,
  low_nps_at_most        INTEGER NOT NULL,
  negative_comment_below REAL NOT NULL,
  resurvey_recovered     INTEGER NOT NULL,
  default_template       TEXT NOT NULL,
  first_time_template    TEXT NOT NULL
);
-- Which template a complaint's survey uses: the first rule that matches ('' matches any).
CREATE TABLE survey_template_rules (
  position INTEGER PRIMARY KEY,
  channel  TEXT NOT NULL,
  type     TEXT NOT NULL,
  tier     TEXT NOT NULL,
  template TEXT NOT NULL
);
-- Per channel, the share of resolved complaints that are surveyed (absent: all).
CREATE TABLE survey_sampling (
  channel TEXT PRIMARY KEY,
  percent INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100)
) WITHOUT ROWID;

-- One invitation per survey of a resolved complaint: scheduled at resolution, sent after the
-- delay, reminded once, then answered, expired, cancelled (reopened) or skipped (with a reason).
CREATE TABLE survey_invitations (
  id               INTEGER PRIMARY KEY,
  complaint_id     INTEGER NOT NULL REFERENCES complaints(id),
  customer_id      INTEGER REFERENCES customers(id),
  purpose          TEXT NOT NULL DEFAULT 'resolution',  -- resolution, recovery (after a callback)
  template         TEXT NOT NULL,
  template_version INTEGER NOT NULL,
  channel          TEXT NOT NULL,
  language         TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('scheduled', 'sent', 'reminded', 'answered',
                                                   'expired', 'cancelled', 'skipped')),
  reason           TEXT NOT NULL DEFAULT '',
  send_at          INTEGER NOT NULL,
  sent_at          INTEGER,
  reminded_at      INTEGER,
  expires_at       INTEGER,
  answered_at      INTEGER,
  created_at       INTEGER NOT NULL
);
CREATE INDEX survey_invitations_complaint ON survey_invitations(complaint_id);
CREATE INDEX survey_invitations_customer ON survey_invitations(customer_id, sent_at)
  WHERE sent_at IS NOT NULL;
-- The links' secrets, as keyed digests (the secret itself is only in the message sent): the
-- first message and the reminder each carry their own.
CREATE TABLE survey_tokens (
  digest        TEXT PRIMARY KEY,
  invitation_id INTEGER NOT NULL REFERENCES survey_invitations(id),
  created_at    INTEGER NOT NULL
) WITHOUT ROWID;
-- The answer per question of a response (scores and reason codes; the comment stays on the
-- response, where its emotion is scored).
CREATE TABLE survey_answers (
  response_id INTEGER NOT NULL REFERENCES survey_responses(id),
  question    TEXT NOT NULL,
  score       INTEGER,
  choice      TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (response_id, question, choice)
) WITHOUT ROWID;
ALTER TABLE survey_responses ADD COLUMN invitation_id INTEGER REFERENCES survey_invitations(id);
ALTER TABLE survey_responses ADD COLUMN taken_by INTEGER REFERENCES users(id);
-- An invitation is answered once, whatever races.
CREATE UNIQUE INDEX survey_responses_invitation ON survey_responses(invitation_id)
  WHERE invitation_id IS NOT NULL;
-- Customers who asked not to be surveyed again.
CREATE TABLE survey_opt_outs (
  customer_id INTEGER PRIMARY KEY REFERENCES customers(id),
  at          INTEGER NOT NULL,
  via         TEXT NOT NULL  -- link, staff
);

-- Department tasks of other kinds: the callback a low answer opens (a specialist wins the
-- customer back) and the root-cause item it pushes to the owner of the product or store.
ALTER TABLE department_tasks ADD COLUMN kind TEXT NOT NULL DEFAULT 'department';
ALTER TABLE department_tasks ADD COLUMN survey_response_id INTEGER REFERENCES survey_responses(id);
ALTER TABLE department_tasks ADD COLUMN details TEXT NOT NULL DEFAULT '';
ALTER TABLE department_tasks ADD COLUMN outcome TEXT NOT NULL DEFAULT '';
