-- :rows generated history rows (1,000 games a day), realistic ranges, fixed seed: the backfill's input.
DROP TABLE IF EXISTS silver.bench_history;
CREATE TABLE silver.bench_history (LIKE silver.ml_game_features);
SELECT setseed(0.42);
INSERT INTO silver.bench_history
SELECT 'Home ' || g, 'Away ' || g,
       CASE WHEN r < 0.5 THEN -110 - round(r * 400) ELSE 100 + round(r * 300) END,
       CASE WHEN r < 0.5 THEN 100 + round(r * 300) ELSE -110 - round(r * 400) END,
       date '2000-01-01' + (i / 1000),
       1 + (i % 30), i % 4, 100 + r * 20, 100 + (1 - r) * 20, r, round(r::numeric, 1), 2,
       30 - (i % 30), (i + 1) % 4, 105 + r * 10, 110 - r * 8, 1 - r, round((1 - r)::numeric, 1), 1 + i % 2,
       NULL
FROM (SELECT i, i % 1000 AS g, random() AS r FROM generate_series(0, :rows - 1) AS i) s;
ANALYZE silver.bench_history;
