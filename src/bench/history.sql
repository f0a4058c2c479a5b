-- :rows generated history rows (1,000 games a day), fixed seed: the backfill's input. Realistic ranges and
-- precision, as dbt writes them (see ../shared/data/legacy_pipeline_games_2022-23.csv): points to 1
-- decimal, win % to 3, last-10 win % to 1, whole moneylines.
DROP TABLE IF EXISTS silver.bench_history;
-- shaped as dbt's audit table: the backfill keeps the latest copy of each game by audit_inserted_at
CREATE TABLE silver.bench_history (LIKE silver.ml_game_features_audit INCLUDING DEFAULTS);
SELECT setseed(0.42);
INSERT INTO silver.bench_history
SELECT 'Home ' || g, 'Away ' || g,
       CASE WHEN r < 0.5 THEN -110 - round(r * 400) ELSE 100 + round(r * 300) END,
       CASE WHEN r < 0.5 THEN 100 + round(r * 300) ELSE -110 - round(r * 400) END,
       date '2000-01-01' + (i / 1000),
       1 + (i % 30), i % 4, round((100 + r * 20)::numeric, 1), round((100 + (1 - r) * 20)::numeric, 1),
       round(r::numeric, 3), round(r::numeric, 1), 2,
       30 - (i % 30), (i + 1) % 4, round((105 + r * 10)::numeric, 1), round((110 - r * 8)::numeric, 1),
       round((1 - r)::numeric, 3), round((1 - r)::numeric, 1), 1 + i % 2,
       NULL, timestamp '2026-01-01' + (i % 7) * interval '1 hour'
FROM (SELECT i, i % 1000 AS g, random() AS r FROM generate_series(0, :rows - 1) AS i) s;
ANALYZE silver.bench_history;
