-- closeloop schema, version 8: the defects of a newcomer's day and a security probe (issue 12).
-- A complaint whose intake matched a customer the filer could not see keeps the link (customer
-- 360) but names the identity that matched; such a link grants no sight of the customer.
ALTER TABLE complaints ADD COLUMN customer_match TEXT NOT NULL DEFAULT '';

-- Every change of configuration (lifecycle, rules, SLA, intake sources), with who and
-- when: configuration that applies to all regions is changed by unscoped staff only.
CREATE TABLE config_changes (
  id       INTEGER PRIMARY KEY,
  area     TEXT NOT NULL,  -- lifecycle, routing_rules, text_rules:type, sla_policies, ...
  summary  TEXT NOT NULL,
  actor_id INTEGER REFERENCES users(id),
  at       INTEGER NOT NULL
);
CREATE INDEX config_changes_at ON config_changes(at);

-- Messages to customers on channels other than email (SMS, platform messages): the channel's
-- integration fetches pending ones (GET /api/v1/outbound-messages) and marks them delivered.
-- The recipient is read from the customer record when fetched, so nothing personal is copied.
CREATE TABLE outbound_messages (
  id           INTEGER PRIMARY KEY,
  complaint_id INTEGER NOT NULL REFERENCES complaints(id),
  channel      TEXT NOT NULL,
  purpose      TEXT NOT NULL,  -- reply, update, survey
  body         TEXT NOT NULL,
  status       TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered')),
  created_at   INTEGER NOT NULL,
  delivered_at INTEGER
);
CREATE INDEX outbound_messages_pending ON outbound_messages(channel, id) WHERE status = 'pending';

-- Where a complaint stands against its SLA, kept by the SLA check (sla.check jobs): the state
-- ('' not watched, ok, at_risk, breached, paused) and the due time of its current phase, so that
-- "my open complaints, most urgent first" is one indexed query.
ALTER TABLE complaints ADD COLUMN sla_state TEXT NOT NULL DEFAULT '';
ALTER TABLE complaints ADD COLUMN sla_due_at INTEGER;
CREATE INDEX complaints_sla_due ON complaints(sla_due_at, id) WHERE sla_due_at IS NOT NULL;

-- The language staff read closeloop in (notifications, mail to them): zh-CN or en.
ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT 'zh-CN';
CREATE INDEX notifications_user ON notifications(user_id, id);
