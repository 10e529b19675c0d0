-- closeloop schema, version 16: outbound messages pushed to the channel's integration as signed
-- webhooks (issue 15): the intake source of a channel names where ("" = it fetches them).
ALTER TABLE intake_sources ADD COLUMN delivery_url TEXT NOT NULL DEFAULT '';
