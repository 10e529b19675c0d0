-- closeloop schema, version 8: the defects of a newcomer's day and a security probe (issue 12).
-- A complaint whose intake matched a customer the filer could not see keeps the link (customer
-- 360) but names the identity that matched; such a link grants no sight of the customer.
ALTER TABLE complaints ADD COLUMN customer_match TEXT NOT NULL DEFAULT '';

-- Every change of configuration (lifecycle, rules, SLA, intake sources, models), with who and
-- when: configuration that applies to all regions is changed by unscoped staff only.
CREATE TABLE config_changes (
  id       INTEGER PRIMARY KEY,
  area     TEXT NOT NULL,  -- lifecycle, routing_rules, text_rules:type, sla_policies, ...
  summary  TEXT NOT NULL,
  actor_id INTEGER REFERENCES users(id),
  at       INTEGER NOT NULL
);
CREATE INDEX config_changes_at ON config_changes(at);
