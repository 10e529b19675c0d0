-- closeloop schema, version 20: the dashboard's map (issue 17). No row: the province tile grid.
-- One row: a GeoJSON of the provinces an admin uploaded, with its approval number (审图号).
CREATE TABLE dashboard_map (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  name        TEXT NOT NULL,
  approval_no TEXT NOT NULL,
  regions     INTEGER NOT NULL,
  geojson     TEXT NOT NULL,
  updated_by  INTEGER REFERENCES users(id),
  updated_at  INTEGER NOT NULL
);
