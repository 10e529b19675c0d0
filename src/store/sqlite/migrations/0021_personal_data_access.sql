-- closeloop schema, version 21: the record of reveals of personal data (issue 17). The web
-- application shows personal data masked; someone whose role may read it reveals it on request,
-- and each reveal is kept: who, whose, on which complaint, why and when.
CREATE TABLE personal_data_access (
  id           INTEGER PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id),
  customer_id  INTEGER REFERENCES customers(id),
  complaint_id INTEGER REFERENCES complaints(id),
  purpose      TEXT NOT NULL DEFAULT '',
  at           INTEGER NOT NULL
);
CREATE INDEX personal_data_access_customer ON personal_data_access(customer_id, id);
