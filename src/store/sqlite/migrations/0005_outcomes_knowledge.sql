-- closeloop schema, version 5: how complaints ended (resolutions, satisfaction answers) and the
-- knowledge base. Suggestions (R-2.6) learn solution options from resolutions and the
-- satisfaction that followed them; surveys (R-4) will write survey_responses.
CREATE TABLE resolutions (
  seq                INTEGER PRIMARY KEY,  -- grows with every recorded resolution
  complaint_id       INTEGER NOT NULL UNIQUE REFERENCES complaints(id),
  remedy             TEXT NOT NULL,
  compensation_cents INTEGER NOT NULL DEFAULT 0 CHECK (compensation_cents >= 0),
  summary            TEXT NOT NULL DEFAULT '',
  resolved_by        INTEGER REFERENCES users(id),
  resolved_at        INTEGER NOT NULL
);
CREATE TABLE survey_responses (
  id                INTEGER PRIMARY KEY,
  complaint_id      INTEGER NOT NULL REFERENCES complaints(id),
  csat              INTEGER CHECK (csat BETWEEN 1 AND 5),
  nps               INTEGER CHECK (nps BETWEEN 0 AND 10),
  spm               INTEGER CHECK (spm BETWEEN 1 AND 5),
  effort            INTEGER CHECK (effort BETWEEN 1 AND 5),
  comment           TEXT NOT NULL DEFAULT '',
  comment_sentiment REAL NOT NULL DEFAULT 0,
  comment_agitation INTEGER NOT NULL DEFAULT 0,
  source            TEXT NOT NULL DEFAULT 'survey',
  answered_at       INTEGER NOT NULL
);
CREATE INDEX survey_responses_complaint ON survey_responses(complaint_id, answered_at);
CREATE TABLE knowledge_articles (
  id          INTEGER PRIMARY KEY,
  title       TEXT NOT NULL,
  body        TEXT NOT NULL,
  category    TEXT NOT NULL DEFAULT '',
  tags        TEXT NOT NULL DEFAULT '',
  active      INTEGER NOT NULL DEFAULT 1,
  author_id   INTEGER REFERENCES users(id),
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
-- Trigram full-text index for terms of 3+ characters; shorter Chinese terms (退款, 漏) are
-- matched with instr() on the table itself (FTS5 trigram cannot, see docs/architecture.md).
CREATE VIRTUAL TABLE knowledge_fts USING fts5(
  title, body, tags, content='knowledge_articles', content_rowid='id', tokenize='trigram');
CREATE TRIGGER knowledge_fts_insert AFTER INSERT ON knowledge_articles BEGIN
  INSERT INTO knowledge_fts(rowid, title, body, tags) VALUES (new.id, new.title, new.body, new.tags);
END;
CREATE TRIGGER knowledge_fts_update AFTER UPDATE ON knowledge_articles BEGIN
  INSERT INTO knowledge_fts(knowledge_fts, rowid, title, body, tags)
    VALUES ('delete', old.id, old.title, old.body, old.tags);
  INSERT INTO knowledge_fts(rowid, title, body, tags) VALUES (new.id, new.title, new.body, new.tags);
END;
-- Words admins add to the segmenter's domain dictionary (product names, brands, jargon).
CREATE TABLE dictionary_words (
  word       TEXT PRIMARY KEY,
  added_by   INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL
) WITHOUT ROWID;
-- Text rules admins wrote (R-2.2, R-2.3), per rule set ("type", "category"); none stored means
-- the shipped defaults apply.
CREATE TABLE text_rules (
  rule_set   TEXT PRIMARY KEY,
  body       TEXT NOT NULL,
  updated_by INTEGER REFERENCES users(id),
  updated_at INTEGER NOT NULL
) WITHOUT ROWID;
