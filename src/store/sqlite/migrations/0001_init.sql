-- closeloop schema, version 1. Times are UTC milliseconds; money is integer fen.

CREATE TABLE regions (
  id   INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL
);

CREATE TABLE cities (
  id        INTEGER PRIMARY KEY,
  name      TEXT NOT NULL,
  province  TEXT NOT NULL,
  region_id INTEGER NOT NULL REFERENCES regions(id)
);

CREATE TABLE stores (
  id      INTEGER PRIMARY KEY,
  code    TEXT NOT NULL UNIQUE,
  name    TEXT NOT NULL,
  city_id INTEGER NOT NULL REFERENCES cities(id)
);

CREATE TABLE products (
  id           INTEGER PRIMARY KEY,
  sku          TEXT NOT NULL UNIQUE,
  name         TEXT NOT NULL,
  product_line TEXT NOT NULL DEFAULT '',
  category     TEXT NOT NULL DEFAULT ''
);

CREATE TABLE teams (
  id         INTEGER PRIMARY KEY,
  code       TEXT NOT NULL UNIQUE,
  name       TEXT NOT NULL,
  kind       TEXT NOT NULL DEFAULT 'complaints' CHECK (kind IN ('complaints', 'department')),
  region_id  INTEGER REFERENCES regions(id),
  created_at INTEGER NOT NULL
);

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE,
  display_name  TEXT NOT NULL,
  role          TEXT NOT NULL
                CHECK (role IN ('admin', 'manager', 'agent', 'department', 'analyst', 'auditor')),
  password_hash TEXT NOT NULL,
  active        INTEGER NOT NULL DEFAULT 1,
  time_zone     TEXT NOT NULL DEFAULT 'Asia/Shanghai',
  created_at    INTEGER NOT NULL
);

-- A user's data scope; no rows means the whole organisation.
CREATE TABLE user_scopes (
  user_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  region_id INTEGER REFERENCES regions(id),
  team_id   INTEGER REFERENCES teams(id),
  CHECK ((region_id IS NULL) <> (team_id IS NULL))
);
CREATE INDEX user_scopes_user ON user_scopes(user_id);

CREATE TABLE sessions (
  token_digest TEXT PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at   INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_keys (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  user_id    INTEGER NOT NULL REFERENCES users(id),
  key_digest TEXT NOT NULL UNIQUE,
  prefix     TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);

-- Personal data is sealed (XChaCha20-Poly1305, see security/personal_data_cipher.h) and found
-- through keyed blind indexes; the clear values never reach this file.
CREATE TABLE customers (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL DEFAULT '',
  phone_sealed  BLOB,
  phone_index   TEXT,
  email_sealed  BLOB,
  email_index   TEXT,
  address_sealed BLOB,
  id_card_sealed BLOB,
  id_card_index TEXT,
  tier          TEXT NOT NULL DEFAULT 'new' CHECK (tier IN ('vip', 'regular', 'new')),
  merged_into   INTEGER REFERENCES customers(id),  -- a merged record keeps its id for history
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
);
CREATE INDEX customers_phone ON customers(phone_index) WHERE phone_index IS NOT NULL;
CREATE INDEX customers_email ON customers(email_index) WHERE email_index IS NOT NULL;
CREATE INDEX customers_id_card ON customers(id_card_index) WHERE id_card_index IS NOT NULL;

-- A customer's identities on platforms; the account id is sealed and found by blind index.
CREATE TABLE customer_accounts (
  id             INTEGER PRIMARY KEY,
  customer_id    INTEGER NOT NULL REFERENCES customers(id),
  platform       TEXT NOT NULL,
  account_index  TEXT NOT NULL,
  account_sealed BLOB NOT NULL,
  created_at     INTEGER NOT NULL,
  UNIQUE (platform, account_index)
);
CREATE INDEX customer_accounts_customer ON customer_accounts(customer_id);

-- Last reference-number sequence handed out per organisation-local day.
CREATE TABLE reference_counters (
  day  TEXT PRIMARY KEY,
  last INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE complaints (
  id                   INTEGER PRIMARY KEY,
  reference            TEXT NOT NULL UNIQUE,
  status               TEXT NOT NULL,
  channel              TEXT NOT NULL,
  external_id          TEXT NOT NULL DEFAULT '',
  customer_id          INTEGER REFERENCES customers(id),
  title                TEXT NOT NULL,
  description          TEXT NOT NULL,
  type                 TEXT,
  category             TEXT NOT NULL DEFAULT '',
  severity             TEXT NOT NULL,
  safety_flag          INTEGER NOT NULL DEFAULT 0,
  remedy               TEXT,
  remedy_detail        TEXT NOT NULL DEFAULT '',
  amount_claimed_cents INTEGER,
  order_amount_cents   INTEGER,
  region_id            INTEGER REFERENCES regions(id),
  city_id              INTEGER REFERENCES cities(id),
  store_id             INTEGER REFERENCES stores(id),
  product_id           INTEGER REFERENCES products(id),
  order_ref            TEXT NOT NULL DEFAULT '',
  priority             TEXT NOT NULL,
  team_id              INTEGER REFERENCES teams(id),
  assignee_id          INTEGER REFERENCES users(id),
  escalation_level     INTEGER NOT NULL DEFAULT 0,
  reopen_count         INTEGER NOT NULL DEFAULT 0,
  rejection_reason     TEXT NOT NULL DEFAULT '',
  created_by           INTEGER REFERENCES users(id),
  received_at          INTEGER NOT NULL,
  occurred_at          INTEGER,
  acknowledged_at      INTEGER,
  first_response_at    INTEGER,
  resolved_at          INTEGER,
  closed_at            INTEGER,
  updated_at           INTEGER NOT NULL
);
CREATE INDEX complaints_received ON complaints(received_at DESC, id DESC);
CREATE INDEX complaints_status ON complaints(status, received_at DESC, id DESC);
CREATE INDEX complaints_assignee ON complaints(assignee_id, received_at DESC, id DESC);
CREATE INDEX complaints_team ON complaints(team_id, received_at DESC, id DESC);
CREATE INDEX complaints_region ON complaints(region_id, received_at DESC, id DESC);
CREATE INDEX complaints_customer ON complaints(customer_id, received_at DESC, id DESC);
CREATE INDEX complaints_external ON complaints(channel, external_id) WHERE external_id <> '';

-- Full-text index over title and description; trigrams work for Chinese without a segmenter.
-- Indexing a row costs ~70 us, so it is kept off the request path: a background indexer adds
-- rows above the watermark in batches (SqliteStore::IndexPendingText), and searches scan the
-- rows above the watermark directly. Terms under three characters are matched with instr()
-- (see toolchain.md: trigram MATCH needs three characters).
CREATE VIRTUAL TABLE complaints_fts USING fts5(
  title, description, content = 'complaints', content_rowid = 'id', tokenize = 'trigram');
CREATE TABLE search_index_state (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  indexed_upto INTEGER NOT NULL  -- every complaint with id <= this is in complaints_fts
);
INSERT INTO search_index_state (id, indexed_upto) VALUES (1, 0);
CREATE TRIGGER complaints_fts_update AFTER UPDATE OF title, description ON complaints
  WHEN (old.title IS NOT new.title OR old.description IS NOT new.description)
   AND old.id <= (SELECT indexed_upto FROM search_index_state WHERE id = 1) BEGIN
  INSERT INTO complaints_fts(complaints_fts, rowid, title, description)
    VALUES ('delete', old.id, old.title, old.description);
  INSERT INTO complaints_fts(rowid, title, description)
    VALUES (new.id, new.title, new.description);
END;
CREATE TRIGGER complaints_fts_delete AFTER DELETE ON complaints
  WHEN old.id <= (SELECT indexed_upto FROM search_index_state WHERE id = 1) BEGIN
  INSERT INTO complaints_fts(complaints_fts, rowid, title, description)
    VALUES ('delete', old.id, old.title, old.description);
END;

-- The history of every complaint. Append-only: the triggers refuse updates and deletes.
CREATE TABLE complaint_events (
  id           INTEGER PRIMARY KEY,
  complaint_id INTEGER NOT NULL REFERENCES complaints(id),
  kind         TEXT NOT NULL,
  actor_id     INTEGER REFERENCES users(id),
  from_status  TEXT,
  to_status    TEXT,
  note         TEXT NOT NULL DEFAULT '',
  at           INTEGER NOT NULL
);
CREATE INDEX complaint_events_complaint ON complaint_events(complaint_id, id);

CREATE TABLE complaint_event_changes (
  event_id  INTEGER NOT NULL REFERENCES complaint_events(id),
  field     TEXT NOT NULL,
  old_value TEXT NOT NULL,
  new_value TEXT NOT NULL
);
CREATE INDEX complaint_event_changes_event ON complaint_event_changes(event_id);

CREATE TRIGGER complaint_events_append_only_u BEFORE UPDATE ON complaint_events BEGIN
  SELECT RAISE(ABORT, 'complaint history is append-only');
END;
CREATE TRIGGER complaint_events_append_only_d BEFORE DELETE ON complaint_events BEGIN
  SELECT RAISE(ABORT, 'complaint history is append-only');
END;
CREATE TRIGGER complaint_event_changes_append_only_u BEFORE UPDATE ON complaint_event_changes BEGIN
  SELECT RAISE(ABORT, 'complaint history is append-only');
END;
CREATE TRIGGER complaint_event_changes_append_only_d BEFORE DELETE ON complaint_event_changes BEGIN
  SELECT RAISE(ABORT, 'complaint history is append-only');
END;

CREATE TABLE complaint_notes (
  id           INTEGER PRIMARY KEY,
  complaint_id INTEGER NOT NULL REFERENCES complaints(id),
  author_id    INTEGER REFERENCES users(id),
  visibility   TEXT NOT NULL CHECK (visibility IN ('internal', 'public')),
  body         TEXT NOT NULL,
  created_at   INTEGER NOT NULL
);
CREATE INDEX complaint_notes_complaint ON complaint_notes(complaint_id, id);

CREATE TABLE idempotency_keys (
  user_id      INTEGER NOT NULL,
  key          TEXT NOT NULL,
  fingerprint  TEXT NOT NULL,
  complaint_id INTEGER NOT NULL REFERENCES complaints(id),
  created_at   INTEGER NOT NULL,
  PRIMARY KEY (user_id, key)
) WITHOUT ROWID;

-- The lifecycle table when an admin replaced the default; empty means the default applies.
CREATE TABLE lifecycle_transitions (
  position     INTEGER PRIMARY KEY,
  from_status  TEXT NOT NULL,
  to_status    TEXT NOT NULL,
  permission   TEXT NOT NULL,
  requirements TEXT NOT NULL DEFAULT ''
);

-- Platforms that post complaints by signed webhook; the secret is sealed like personal data.
CREATE TABLE intake_sources (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE,
  channel       TEXT NOT NULL,
  user_id       INTEGER NOT NULL REFERENCES users(id),
  secret_sealed BLOB NOT NULL,
  mapping       TEXT NOT NULL,  -- one "field<TAB>pointer" a line
  active        INTEGER NOT NULL DEFAULT 1,
  created_at    INTEGER NOT NULL
);
