-- closeloop schema, version 11: improvement actions (issue 15, R-4.5): problem → department →
-- measure → owner → deadline, PDCA stages with their dates, what motivated the action, its A3
-- record and the effect check.
CREATE TABLE improvement_actions (
  id                INTEGER PRIMARY KEY,
  problem           TEXT NOT NULL,
  team_id           INTEGER NOT NULL REFERENCES teams(id),
  measure           TEXT NOT NULL DEFAULT '',
  owner_id          INTEGER NOT NULL REFERENCES users(id),
  deadline          INTEGER NOT NULL,
  region_id         INTEGER REFERENCES regions(id),
  category          TEXT NOT NULL DEFAULT '',
  product_line      TEXT NOT NULL DEFAULT '',
  store_id          INTEGER REFERENCES stores(id),
  stage             TEXT NOT NULL CHECK (stage IN ('plan', 'do', 'check', 'act', 'closed')),
  plan_at           INTEGER,
  do_at             INTEGER,
  check_at          INTEGER,
  act_at            INTEGER,
  closed_at         INTEGER,
  -- A3 (seed 003 p22); whys one per line
  a3_background     TEXT NOT NULL DEFAULT '',
  a3_current_state  TEXT NOT NULL DEFAULT '',
  a3_goal           TEXT NOT NULL DEFAULT '',
  a3_whys           TEXT NOT NULL DEFAULT '',
  a3_countermeasures TEXT NOT NULL DEFAULT '',
  a3_follow_up      TEXT NOT NULL DEFAULT '',
  -- the effect check: complaints of its kind in the weeks before and after the move to "do"
  effect_weeks      INTEGER,
  effect_pivot      INTEGER,
  effect_before     INTEGER,
  effect_after      INTEGER,
  effect_checked_at INTEGER,
  created_by        INTEGER REFERENCES users(id),
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL
);
CREATE INDEX improvement_actions_team ON improvement_actions(team_id, stage, id);
-- Fishbone causes of the A3 record, by category (man, machine, material, method, environment,
-- measurement).
CREATE TABLE improvement_causes (
  action_id INTEGER NOT NULL REFERENCES improvement_actions(id),
  position  INTEGER NOT NULL,
  category  TEXT NOT NULL,
  cause     TEXT NOT NULL,
  PRIMARY KEY (action_id, position)
) WITHOUT ROWID;
-- What motivated an action: complaints, survey answers, root-cause tasks.
CREATE TABLE improvement_links (
  action_id INTEGER NOT NULL REFERENCES improvement_actions(id),
  kind      TEXT NOT NULL CHECK (kind IN ('complaint', 'survey_response', 'task')),
  ref_id    INTEGER NOT NULL,
  PRIMARY KEY (action_id, kind, ref_id)
) WITHOUT ROWID;
-- The effect check counts complaints over a time range through complaints_received (no index of
-- its own: it runs once per action, and creates stay as cheap as they were).
