-- closeloop schema, version 2: traceability (R-1.6), imports, email intake and the mail outbox.

ALTER TABLE products ADD COLUMN lifecycle_stage TEXT NOT NULL DEFAULT '';  -- launch/growth/mature/decline/discontinued
ALTER TABLE products ADD COLUMN launch_date TEXT NOT NULL DEFAULT '';      -- YYYY-MM-DD

-- A production batch of one SKU.
CREATE TABLE batches (
  id              INTEGER PRIMARY KEY,
  batch_no        TEXT NOT NULL UNIQUE,
  product_id      INTEGER NOT NULL REFERENCES products(id),
  production_date TEXT NOT NULL DEFAULT '',  -- YYYY-MM-DD
  plant           TEXT NOT NULL DEFAULT '',
  created_at      INTEGER NOT NULL
);
CREATE INDEX batches_product ON batches(product_id);

-- An order, bought in a store (store_id set) or online (channel names the platform).
CREATE TABLE orders (
  id            INTEGER PRIMARY KEY,
  order_no      TEXT NOT NULL UNIQUE,
  customer_id   INTEGER REFERENCES customers(id),
  store_id      INTEGER REFERENCES stores(id),
  channel       TEXT NOT NULL DEFAULT 'store',
  amount_cents  INTEGER NOT NULL DEFAULT 0,
  shipping_mode TEXT NOT NULL DEFAULT '',
  ordered_at    INTEGER NOT NULL,
  created_at    INTEGER NOT NULL
);
CREATE INDEX orders_customer ON orders(customer_id, ordered_at DESC);

CREATE TABLE order_items (
  id           INTEGER PRIMARY KEY,
  order_id     INTEGER NOT NULL REFERENCES orders(id),
  line_no      INTEGER NOT NULL,
  product_id   INTEGER NOT NULL REFERENCES products(id),
  batch_id     INTEGER REFERENCES batches(id),
  quantity     INTEGER NOT NULL DEFAULT 1,
  amount_cents INTEGER NOT NULL DEFAULT 0,
  UNIQUE (order_id, line_no)
);
CREATE INDEX order_items_batch ON order_items(batch_id) WHERE batch_id IS NOT NULL;

-- The chain complaint -> order -> item -> batch (-> store through the order or the complaint).
ALTER TABLE complaints ADD COLUMN order_id INTEGER REFERENCES orders(id);
ALTER TABLE complaints ADD COLUMN order_item_id INTEGER REFERENCES order_items(id);
ALTER TABLE complaints ADD COLUMN batch_id INTEGER REFERENCES batches(id);
CREATE INDEX complaints_batch ON complaints(batch_id, received_at DESC, id DESC)
  WHERE batch_id IS NOT NULL;

-- Customers imported from another system keep that system's id, so re-running an import
-- skips them.
ALTER TABLE customers ADD COLUMN external_id TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX customers_external ON customers(external_id) WHERE external_id <> '';

-- Files that came with a complaint (email attachments). Size-limited at intake.
CREATE TABLE complaint_attachments (
  id           INTEGER PRIMARY KEY,
  complaint_id INTEGER NOT NULL REFERENCES complaints(id),
  filename     TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size_bytes   INTEGER NOT NULL,
  content      BLOB,  -- NULL when the file was over the limit and only listed
  created_at   INTEGER NOT NULL
);
CREATE INDEX complaint_attachments_complaint ON complaint_attachments(complaint_id);

-- Message-ids of mail we received or sent about a complaint; replies thread through them.
CREATE TABLE mail_threads (
  message_id   TEXT PRIMARY KEY,
  complaint_id INTEGER NOT NULL REFERENCES complaints(id),
  direction    TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  created_at   INTEGER NOT NULL
) WITHOUT ROWID;

-- Mail waiting to be sent, being retried, sent or given up. The recipient is personal data.
CREATE TABLE mail_outbox (
  id              INTEGER PRIMARY KEY,
  complaint_id    INTEGER REFERENCES complaints(id),
  purpose         TEXT NOT NULL,  -- acknowledgement, notification…
  to_sealed       BLOB NOT NULL,
  subject         TEXT NOT NULL,
  body            TEXT NOT NULL,
  message_id      TEXT NOT NULL UNIQUE,
  in_reply_to     TEXT NOT NULL DEFAULT '',
  status          TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error      TEXT NOT NULL DEFAULT '',
  created_at      INTEGER NOT NULL,
  sent_at         INTEGER
);
CREATE INDEX mail_outbox_due ON mail_outbox(next_attempt_at) WHERE status = 'queued';
