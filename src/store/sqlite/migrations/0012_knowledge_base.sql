-- closeloop schema, version 12: the knowledge base grows up (issue 15, R-6.1): levels, product
-- lines, drafts (a resolved complaint promoted in one step), every version with who changed it,
-- and how articles are used.
ALTER TABLE knowledge_articles ADD COLUMN level TEXT NOT NULL DEFAULT 'basic';
ALTER TABLE knowledge_articles ADD COLUMN product_line TEXT NOT NULL DEFAULT '';
-- A draft is not active (so never suggested or found by agents) and not archived either.
ALTER TABLE knowledge_articles ADD COLUMN draft INTEGER NOT NULL DEFAULT 0;
ALTER TABLE knowledge_articles ADD COLUMN source_complaint_id INTEGER REFERENCES complaints(id);
ALTER TABLE knowledge_articles ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
CREATE TABLE knowledge_versions (
  article_id   INTEGER NOT NULL REFERENCES knowledge_articles(id),
  version      INTEGER NOT NULL,
  title        TEXT NOT NULL,
  body         TEXT NOT NULL,
  category     TEXT NOT NULL,
  tags         TEXT NOT NULL,
  level        TEXT NOT NULL,
  product_line TEXT NOT NULL,
  state        TEXT NOT NULL,  -- draft, published, archived
  changed_by   INTEGER REFERENCES users(id),
  changed_at   INTEGER NOT NULL,
  PRIMARY KEY (article_id, version)
) WITHOUT ROWID;
INSERT INTO knowledge_versions
  SELECT id, 1, title, body, category, tags, 'basic', '',
         CASE WHEN active = 1 THEN 'published' ELSE 'archived' END, author_id, updated_at
  FROM knowledge_articles;
-- How articles are used on complaints: opened by an agent, used in a reply (the web application
-- reports both); "helped" is read off the survey of the complaints that used an article.
CREATE TABLE knowledge_usage (
  article_id   INTEGER NOT NULL REFERENCES knowledge_articles(id),
  complaint_id INTEGER NOT NULL REFERENCES complaints(id),
  kind         TEXT NOT NULL CHECK (kind IN ('opened', 'used')),
  user_id      INTEGER REFERENCES users(id),
  at           INTEGER NOT NULL,
  PRIMARY KEY (article_id, kind, complaint_id)
) WITHOUT ROWID;
