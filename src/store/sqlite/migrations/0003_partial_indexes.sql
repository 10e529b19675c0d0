-- closeloop schema, version 3: complaints without an assignee or a team (most new and imported
-- ones) stay out of those indexes. Lookups by a given assignee or team still use them: a
-- comparison on a column implies that it is not NULL.
DROP INDEX complaints_assignee;
CREATE INDEX complaints_assignee ON complaints(assignee_id, received_at DESC, id DESC)
  WHERE assignee_id IS NOT NULL;
DROP INDEX complaints_team;
CREATE INDEX complaints_team ON complaints(team_id, received_at DESC, id DESC)
  WHERE team_id IS NOT NULL;
