-- closeloop: rebuilds tables
-- closeloop schema, version 19: regional customer records (issue 12, item 1). A scoped caller who
-- gives the phone, email or account of a person known only outside their scope gets a record of
-- their own for that person, holding only what they gave; it names the person's main record in
-- person_id, so that the customer's 360 view (for whoever may see both) is still one person and
-- the answer looks like the answer for a new customer. A record made by a scoped caller belongs
-- to their scope (home_region_id or home_team_id) and is visible there at once.

ALTER TABLE customers ADD COLUMN person_id INTEGER REFERENCES customers(id);
ALTER TABLE customers ADD COLUMN home_region_id INTEGER REFERENCES regions(id);
ALTER TABLE customers ADD COLUMN home_team_id INTEGER REFERENCES teams(id);
CREATE INDEX customers_person ON customers(person_id) WHERE person_id IS NOT NULL;

-- An account may now be linked to several records of one person (their main record and the
-- regional ones): unique per record instead of per platform account.
CREATE TABLE customer_accounts_v19 (
  id             INTEGER PRIMARY KEY,
  customer_id    INTEGER NOT NULL REFERENCES customers(id),
  platform       TEXT NOT NULL,
  account_index  TEXT NOT NULL,
  account_sealed BLOB NOT NULL,
  created_at     INTEGER NOT NULL,
  UNIQUE (platform, account_index, customer_id)
);
INSERT INTO customer_accounts_v19 (id, customer_id, platform, account_index, account_sealed,
                                   created_at)
  SELECT id, customer_id, platform, account_index, account_sealed, created_at
  FROM customer_accounts;
DROP TABLE customer_accounts;
ALTER TABLE customer_accounts_v19 RENAME TO customer_accounts;
CREATE INDEX customer_accounts_customer ON customer_accounts(customer_id);
