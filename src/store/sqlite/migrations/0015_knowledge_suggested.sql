-- closeloop: rebuilds tables
-- closeloop schema, version 15: knowledge usage counts "suggested" too (issue 15, R-6.1): an
-- article shown among a complaint's suggestions is counted once per complaint. The kind's CHECK
-- changes, so the table is rebuilt (see 0014 for the procedure).
CREATE TABLE knowledge_usage_v15 (
  article_id   INTEGER NOT NULL REFERENCES knowledge_articles(id),
  complaint_id INTEGER NOT NULL REFERENCES complaints(id),
  kind         TEXT NOT NULL CHECK (kind IN ('suggested', 'opened', 'used')),
  user_id      INTEGER REFERENCES users(id),
  at           INTEGER NOT NULL,
  PRIMARY KEY (article_id, kind, complaint_id)
) WITHOUT ROWID;
INSERT INTO knowledge_usage_v15 SELECT article_id, complaint_id, kind, user_id, at
FROM knowledge_usage;
DROP TABLE knowledge_usage;
ALTER TABLE knowledge_usage_v15 RENAME TO knowledge_usage;
CREATE INDEX knowledge_usage_complaint ON knowledge_usage(complaint_id, kind);
