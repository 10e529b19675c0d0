-- closeloop schema, version 4: what text analysis (R-2) found in each complaint. Analysis runs
-- after intake, in a background pipeline behind a watermark (like the search index), so intake
-- stays fast; routing (R-3) runs after it.
CREATE TABLE complaint_analysis (
  complaint_id        INTEGER PRIMARY KEY REFERENCES complaints(id),
  sentiment           REAL NOT NULL,
  agitation           INTEGER NOT NULL,
  suggested_type      TEXT,
  type_confidence     REAL NOT NULL DEFAULT 0,
  suggested_category  TEXT NOT NULL DEFAULT '',
  category_confidence REAL NOT NULL DEFAULT 0,
  flags               TEXT NOT NULL DEFAULT '',  -- space-separated, e.g. "high_agitation"
  rules_fired         TEXT NOT NULL DEFAULT '',  -- space-separated "label:keyword"
  fingerprint         INTEGER NOT NULL DEFAULT 0,  -- 64-bit SimHash of the text
  duplicate_of        INTEGER REFERENCES complaints(id),  -- an earlier near-identical complaint
  analyzed_at         INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX complaint_analysis_duplicate ON complaint_analysis(duplicate_of)
  WHERE duplicate_of IS NOT NULL;
CREATE TABLE analysis_state (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  analyzed_upto INTEGER NOT NULL  -- every complaint with id <= this has been analysed
);
INSERT INTO analysis_state (id, analyzed_upto) VALUES (1, 0);
