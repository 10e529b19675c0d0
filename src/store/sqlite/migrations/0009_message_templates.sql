-- Message templates admins edit (reply drafts; survey mails and pages later): one row per part of
-- a template in one language. No rows for a template and language: the shipped defaults apply.
CREATE TABLE message_templates (
  name       TEXT NOT NULL,  -- reply_draft
  language   TEXT NOT NULL,  -- zh-CN, en
  part       TEXT NOT NULL,  -- subject, body, type:quality, category:logistics, ...
  body       TEXT NOT NULL,
  updated_by INTEGER REFERENCES users(id),
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (name, language, part)
) WITHOUT ROWID;
