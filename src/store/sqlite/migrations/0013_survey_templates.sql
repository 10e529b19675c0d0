-- closeloop schema, version 13: survey templates admins edit, as versioned data (issue 15,
-- R-4.2). The shipped templates are version 1 and live in the code; a saved template is the next
-- version, and an invitation keeps the version it was sent with.
CREATE TABLE survey_templates (
  name       TEXT NOT NULL,
  version    INTEGER NOT NULL,
  created_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (name, version)
) WITHOUT ROWID;
CREATE TABLE survey_template_questions (
  name     TEXT NOT NULL,
  version  INTEGER NOT NULL,
  position INTEGER NOT NULL,
  code     TEXT NOT NULL,
  required INTEGER NOT NULL,
  text_zh  TEXT NOT NULL,
  text_en  TEXT NOT NULL,
  PRIMARY KEY (name, version, position)
) WITHOUT ROWID;
