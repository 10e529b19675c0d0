-- closeloop: rebuilds tables
-- closeloop schema, version 14: relationship surveys (R-4.6, issue 15). The line above makes
-- the migration runner turn foreign keys off around this file and check them before it commits
-- (SQLite's procedure for changing a column's constraints: build the new table, copy, drop the
-- old one, rename).

-- An NPS campaign to a customer segment: customers of a tier, of a region (they complained
-- there), who complained in the last `within_days` days or did not ('any': both).
CREATE TABLE survey_campaigns (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  template    TEXT NOT NULL,
  tier        TEXT NOT NULL DEFAULT '',
  region_id   INTEGER REFERENCES regions(id),
  complained  TEXT NOT NULL DEFAULT 'any' CHECK (complained IN ('any', 'yes', 'no')),
  within_days INTEGER NOT NULL DEFAULT 90,
  status      TEXT NOT NULL CHECK (status IN ('draft', 'running', 'closed')),
  created_by  INTEGER REFERENCES users(id),
  created_at  INTEGER NOT NULL,
  started_at  INTEGER,
  closed_at   INTEGER
);

-- Invitations of a campaign have no complaint: complaint_id becomes optional, campaign_id new.
CREATE TABLE survey_invitations_v14 (
  id               INTEGER PRIMARY KEY,
  complaint_id     INTEGER REFERENCES complaints(id),
  campaign_id      INTEGER REFERENCES survey_campaigns(id),
  customer_id      INTEGER REFERENCES customers(id),
  purpose          TEXT NOT NULL DEFAULT 'resolution',  -- resolution, recovery, relationship
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
  created_at       INTEGER NOT NULL,
  CHECK (complaint_id IS NOT NULL OR campaign_id IS NOT NULL)
);
INSERT INTO survey_invitations_v14 (id, complaint_id, customer_id, purpose, template,
  template_version, channel, language, status, reason, send_at, sent_at, reminded_at, expires_at,
  answered_at, created_at)
SELECT id, complaint_id, customer_id, purpose, template, template_version, channel, language,
  status, reason, send_at, sent_at, reminded_at, expires_at, answered_at, created_at
FROM survey_invitations;
DROP TABLE survey_invitations;
ALTER TABLE survey_invitations_v14 RENAME TO survey_invitations;
CREATE INDEX survey_invitations_complaint ON survey_invitations(complaint_id);
CREATE INDEX survey_invitations_customer ON survey_invitations(customer_id, sent_at)
  WHERE sent_at IS NOT NULL;
CREATE INDEX survey_invitations_campaign ON survey_invitations(campaign_id, status)
  WHERE campaign_id IS NOT NULL;

-- Answers to a relationship survey have no complaint; every answer names its customer, so that
-- NPS before and after handling is compared per customer.
CREATE TABLE survey_responses_v14 (
  id                INTEGER PRIMARY KEY,
  complaint_id      INTEGER REFERENCES complaints(id),
  customer_id       INTEGER REFERENCES customers(id),
  csat              INTEGER CHECK (csat BETWEEN 1 AND 5),
  nps               INTEGER CHECK (nps BETWEEN 0 AND 10),
  spm               INTEGER CHECK (spm BETWEEN 1 AND 5),
  effort            INTEGER CHECK (effort BETWEEN 1 AND 5),
  comment           TEXT NOT NULL DEFAULT '',
  comment_sentiment REAL NOT NULL DEFAULT 0,
  comment_agitation INTEGER NOT NULL DEFAULT 0,
  source            TEXT NOT NULL DEFAULT 'survey',
  answered_at       INTEGER NOT NULL,
  invitation_id     INTEGER REFERENCES survey_invitations(id),
  taken_by          INTEGER REFERENCES users(id)
);
INSERT INTO survey_responses_v14 (id, complaint_id, customer_id, csat, nps, spm, effort, comment,
  comment_sentiment, comment_agitation, source, answered_at, invitation_id, taken_by)
SELECT r.id, r.complaint_id, c.customer_id, r.csat, r.nps, r.spm, r.effort, r.comment,
  r.comment_sentiment, r.comment_agitation, r.source, r.answered_at, r.invitation_id, r.taken_by
FROM survey_responses r LEFT JOIN complaints c ON c.id = r.complaint_id;
DROP TABLE survey_responses;
ALTER TABLE survey_responses_v14 RENAME TO survey_responses;
CREATE INDEX survey_responses_complaint ON survey_responses(complaint_id, answered_at);
CREATE INDEX survey_responses_customer ON survey_responses(customer_id, answered_at)
  WHERE customer_id IS NOT NULL;
CREATE UNIQUE INDEX survey_responses_invitation ON survey_responses(invitation_id)
  WHERE invitation_id IS NOT NULL;

-- A relationship survey by SMS is an outbound message with no complaint: it names the customer.
CREATE TABLE outbound_messages_v14 (
  id           INTEGER PRIMARY KEY,
  complaint_id INTEGER REFERENCES complaints(id),
  customer_id  INTEGER REFERENCES customers(id),
  channel      TEXT NOT NULL,
  purpose      TEXT NOT NULL,  -- reply, update, survey
  body         TEXT NOT NULL,
  status       TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered')),
  created_at   INTEGER NOT NULL,
  delivered_at INTEGER,
  CHECK (complaint_id IS NOT NULL OR customer_id IS NOT NULL)
);
INSERT INTO outbound_messages_v14 (id, complaint_id, channel, purpose, body, status, created_at,
  delivered_at)
SELECT id, complaint_id, channel, purpose, body, status, created_at, delivered_at
FROM outbound_messages;
DROP TABLE outbound_messages;
ALTER TABLE outbound_messages_v14 RENAME TO outbound_messages;
CREATE INDEX outbound_messages_pending ON outbound_messages(channel, id) WHERE status = 'pending';

-- Tiered contact strategies (R-4.4), part of the survey policy: a VIP who complained in the
-- last year gets a deep-interview task every `vip_interview_days`; a customer whose complaint of
-- the last `recontact_days` is unresolved after `recontact_unresolved_after_days` or was scored
-- low is re-contacted within `recontact_days` (0: the strategy is off).
ALTER TABLE survey_policy ADD COLUMN vip_interview_days INTEGER NOT NULL DEFAULT 90;
ALTER TABLE survey_policy ADD COLUMN recontact_days INTEGER NOT NULL DEFAULT 30;
ALTER TABLE survey_policy ADD COLUMN recontact_unresolved_after_days INTEGER NOT NULL DEFAULT 7;
CREATE INDEX department_tasks_kind ON department_tasks(kind, created_at)
  WHERE kind IN ('recontact', 'deep_interview');
