-- The members the bot has welcomed (Slack: the first time they open its Messages tab), so the
-- welcome is posted once per member, across restarts. Forget-me deletes their row.
CREATE TABLE welcomes (
    platform TEXT NOT NULL,
    user_id TEXT NOT NULL,
    welcomed_at TEXT NOT NULL,
    PRIMARY KEY (platform, user_id)
);
