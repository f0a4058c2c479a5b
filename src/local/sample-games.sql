-- Sample rows for silver.ml_game_features as dbt builds them: today's slate (psql variable
-- run_date), one row that real data also shows (top players = -1, rejected), and one stale row.
DELETE FROM silver.ml_game_features;
INSERT INTO silver.ml_game_features (
    home_team, away_team, home_moneyline, away_moneyline, game_date,
    home_team_rank, home_days_rest, home_team_avg_pts_scored, home_team_avg_pts_scored_opp,
    home_team_win_pct, home_team_win_pct_last10, home_is_top_players,
    away_team_rank, away_days_rest, away_team_avg_pts_scored, away_team_avg_pts_scored_opp,
    away_team_win_pct, away_team_win_pct_last10, away_is_top_players, outcome)
VALUES
    ('Boston Celtics', 'Miami Heat', -380, 310, :'run_date', 1, 1, 117.9, 109.4, 0.745, 0.8, 2, 14, 0, 109.8, 109.5, 0.512, 0.5, 2, NULL),
    ('Denver Nuggets', 'Los Angeles Lakers', -240, 198, :'run_date', 2, 2, 115.8, 111.6, 0.671, 0.6, 2, 16, 1, 117.2, 116.6, 0.494, 0.7, 1, NULL),
    ('Phoenix Suns', 'Golden State Warriors', -135, 115, :'run_date', 8, 1, 113.6, 111.1, 0.545, 0.6, 2, 9, 1, 118.9, 118.1, 0.537, 0.4, 2, NULL),
    ('Sacramento Kings', 'Dallas Mavericks', -175, 150, :'run_date', 5, 2, 120.7, 118.1, 0.585, 0.7, 2, 20, 2, 114.2, 114.1, 0.463, 0.3, 1, NULL),
    ('Milwaukee Bucks', 'Chicago Bulls', -300, 245, :'run_date', 3, 1, 116.9, 113.3, 0.707, 0.8, 1, 18, 1, 113.1, 111.8, 0.488, 0.5, 2, NULL),
    ('Memphis Grizzlies', 'New Orleans Pelicans', -155, 132, :'run_date', 4, 0, 116.9, 113.0, 0.622, 0.5, 2, 15, 2, 114.4, 112.5, 0.512, 0.6, 1, NULL),
    ('Detroit Pistons', 'Cleveland Cavaliers', 420, -550, :'run_date', 30, 1, 110.3, 118.5, 0.207, 0.1, 2, 6, 1, 112.3, 106.9, 0.622, 0.6, 2, NULL),
    ('Orlando Magic', 'Toronto Raptors', NULL, NULL, :'run_date', 22, 3, 111.4, 114.0, 0.415, 0.5, 2, 19, 0, 112.9, 111.4, 0.488, 0.4, 2, NULL),
    ('Portland Trail Blazers', 'Utah Jazz', 110, -130, :'run_date', 24, 1, 113.4, 117.4, 0.402, 0.2, -1, 21, 1, 117.1, 118.0, 0.451, 0.3, 2, NULL),
    ('Atlanta Hawks', 'Houston Rockets', -400, 320, (:'run_date'::date - 1), 13, 1, 118.4, 118.1, 0.5, 0.5, 2, 29, 1, 110.7, 118.6, 0.268, 0.3, 2, NULL);
