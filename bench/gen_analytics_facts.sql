-- N synthetic complaints with their analytics facts over three years, for bench/run_analytics.sh
-- (the `.parameter set :n N` line comes first). Dimensions are drawn like the demo's (7 regions,
-- 26 cities, 20 products, 5 categories, 9 channels, 3 tiers); the KPI columns are filled so
-- that every KPI has a value. Bulk SQL, not the use cases: this measures the query side.
PRAGMA foreign_keys = OFF;
PRAGMA synchronous = OFF;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :n)
INSERT INTO complaints (id, reference, status, channel, title, description, severity, priority,
                        received_at, updated_at)
SELECT 1000000 + i, 'BENCH-' || i, 'resolved', 'web', 't', 'd', 'low', 'normal',
       1704067200000 + i * (94608000000 / :n), 1704067200000 + i * (94608000000 / :n)
FROM n;
INSERT INTO complaint_facts (id, received_at, day, week, month, region_id, province, city_id,
  store_id, product_id, product_line, lifecycle_stage, batch_id, category, type, channel,
  channel_group, team_id, assignee_id, tier, touchpoint, status, is_open, rejected,
  first_response_minutes, first_response_business_minutes, resolved, resolution_minutes,
  resolution_business_minutes, resolved_within_24h, ever_resolved, reopened, fcr, escalated,
  repeat_7d, repeat_30d, overdue, sla_first_response, sla_identify, sla_analyse, sla_resolve, tpi,
  csat, nps, spm, ces, surveyed, answered, compensation_cents)
SELECT id, received_at, date(received_at / 1000 + 28800, 'unixepoch') AS d,
       strftime('%Y-W%W', received_at / 1000 + 28800, 'unixepoch'),
       substr(date(received_at / 1000 + 28800, 'unixepoch'), 1, 7),
       1 + id % 7, 'p' || (id % 7), 1 + id % 26, 1 + id % 60, 1 + id % 20, 'line' || (id % 5),
       'mature', NULL, CASE id % 5 WHEN 0 THEN 'product_quality' WHEN 1 THEN 'logistics'
       WHEN 2 THEN 'after_sales' WHEN 3 THEN 'price_advertising' ELSE 'other' END,
       'quality', CASE id % 9 WHEN 0 THEN 'web' WHEN 1 THEN 'email' WHEN 2 THEN 'phone'
       WHEN 3 THEN 'store' WHEN 4 THEN 'ecommerce' WHEN 5 THEN 'social' WHEN 6 THEN 'chat'
       WHEN 7 THEN 'api' ELSE 'import' END, 'online_own', 1 + id % 21, 1 + id % 120,
       CASE id % 3 WHEN 0 THEN 'vip' WHEN 1 THEN 'regular' ELSE 'new' END, 'after_sale',
       'resolved', id % 50 = 0, id % 100 = 0, 30 + id % 200, 30 + id % 200, 1, 600 + id % 2000,
       600 + id % 2000, id % 3 > 0, 1, id % 20 = 0, id % 4 > 0, id % 15 = 0, id % 30 = 0,
       id % 12 = 0, id % 25 = 0, id % 10 > 0, 1, 1, id % 8 > 0, 0.5, 1 + id % 5, id % 11,
       1 + id % 5, 1 + id % 5, id % 2, id % 4 = 0, (id % 10) * 100
FROM complaints WHERE id > 1000000;
COMMIT;
ANALYZE;
