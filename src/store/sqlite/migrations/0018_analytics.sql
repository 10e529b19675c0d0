-- closeloop schema, version 18: analytics (R-5). One fact row per complaint holds what the KPIs
-- of docs/kpi.md count, kept up to date from the complaint's change events; KPIs and breakdowns
-- are sums over these rows. The columns named like the complaint's (id, region_id, team_id,
-- assignee_id) let the complaint list's data-scope condition apply unchanged.
CREATE TABLE complaint_facts (
  id                     INTEGER PRIMARY KEY REFERENCES complaints(id),
  received_at            INTEGER NOT NULL,
  day                    TEXT NOT NULL,     -- YYYY-MM-DD in the organisation's time zone
  week                   TEXT NOT NULL,     -- ISO week YYYY-Www of that day
  month                  TEXT NOT NULL,     -- YYYY-MM
  region_id              INTEGER,
  province               TEXT NOT NULL DEFAULT '',
  city_id                INTEGER,
  store_id               INTEGER,
  product_id             INTEGER,
  product_line           TEXT NOT NULL DEFAULT '',
  lifecycle_stage        TEXT NOT NULL DEFAULT '',
  batch_id               INTEGER,
  category               TEXT NOT NULL DEFAULT '',
  type                   TEXT NOT NULL DEFAULT '',
  channel                TEXT NOT NULL,
  channel_group          TEXT NOT NULL,     -- online_own, online_platform, offline
  team_id                INTEGER,
  assignee_id            INTEGER,
  tier                   TEXT NOT NULL DEFAULT '',
  touchpoint             TEXT NOT NULL DEFAULT '',  -- pre_sale, in_sale, after_sale
  status                 TEXT NOT NULL,
  is_open                INTEGER NOT NULL,
  rejected               INTEGER NOT NULL,
  first_response_minutes REAL,
  first_response_business_minutes REAL,
  resolved               INTEGER NOT NULL,  -- resolved or closed now
  resolution_minutes     REAL,
  resolution_business_minutes REAL,
  resolved_within_24h    INTEGER NOT NULL,
  ever_resolved          INTEGER NOT NULL,
  reopened               INTEGER NOT NULL,
  fcr                    INTEGER NOT NULL,
  escalated              INTEGER NOT NULL,
  repeat_7d              INTEGER NOT NULL,
  repeat_30d             INTEGER NOT NULL,
  overdue                INTEGER NOT NULL,
  sla_first_response     INTEGER,           -- 1 met, 0 breached, NULL not decided
  sla_identify           INTEGER,
  sla_analyse            INTEGER,
  sla_resolve            INTEGER,
  tpi                    REAL,
  csat                   INTEGER,
  nps                    INTEGER,
  spm                    INTEGER,
  ces                    INTEGER,
  surveyed               INTEGER NOT NULL,  -- an invitation reached the customer
  answered               INTEGER NOT NULL,
  compensation_cents     INTEGER NOT NULL
);
CREATE INDEX complaint_facts_day ON complaint_facts(day);
CREATE INDEX complaint_facts_region_day ON complaint_facts(region_id, day);
CREATE INDEX complaint_facts_open ON complaint_facts(received_at) WHERE is_open = 1;

-- Complaints whose facts must be recomputed: a change event marks them inside its own
-- transaction, the refresh round recomputes and clears them (RefreshAnalytics).
CREATE TABLE analytics_pending (
  complaint_id INTEGER PRIMARY KEY
);
-- Every complaint stored before this version waits for its first facts.
INSERT INTO analytics_pending (complaint_id) SELECT id FROM complaints;

-- KPI targets and the weights of the composite score (docs/kpi.md); no rows: the defaults.
CREATE TABLE analytics_targets (
  kpi    TEXT PRIMARY KEY,
  target REAL NOT NULL,
  weight REAL NOT NULL
);

-- The promotion calendar (618, 双11 …), a known driver of complaint volume; no rows: the
-- shipped defaults.
CREATE TABLE promotions (
  id        INTEGER PRIMARY KEY,
  name      TEXT NOT NULL,
  starts_on TEXT NOT NULL,  -- YYYY-MM-DD, the organisation's calendar
  ends_on   TEXT NOT NULL   -- inclusive
);
