-- 15 valid upcoming games for the run date (psql variable run_date): a full NBA evening, generated.
DELETE FROM silver.ml_game_features;
INSERT INTO silver.ml_game_features (
    home_team, away_team, home_moneyline, away_moneyline, game_date,
    home_team_rank, home_days_rest, home_team_avg_pts_scored, home_team_avg_pts_scored_opp,
    home_team_win_pct, home_team_win_pct_last10, home_is_top_players,
    away_team_rank, away_days_rest, away_team_avg_pts_scored, away_team_avg_pts_scored_opp,
    away_team_win_pct, away_team_win_pct_last10, away_is_top_players, outcome)
SELECT 'Team ' || lpad((2 * g - 1)::text, 2, '0'), 'Team ' || lpad((2 * g)::text, 2, '0'),
       CASE WHEN g % 2 = 0 THEN -110 - 15 * g ELSE 100 + 12 * g END,
       CASE WHEN g % 2 = 0 THEN 100 + 12 * g ELSE -110 - 15 * g END,
       :'run_date'::date,
       g, g % 3, 110 + g * 0.4, 112 - g * 0.3, 0.30 + g * 0.02, (g % 10) / 10.0, 2,
       31 - g, (g + 1) % 3, 113 - g * 0.2, 111 + g * 0.1, 0.62 - g * 0.015, ((g + 3) % 10) / 10.0, 1 + g % 2,
       NULL
FROM generate_series(1, 15) AS g;
