-- The first schema. Times are ISO-8601 UTC text with microseconds (they sort as they compare),
-- JSON columns are text, booleans are 0/1. No raw audio and no URLs are stored anywhere.

CREATE TABLE voices (
    voice_id TEXT PRIMARY KEY,
    platform TEXT NOT NULL,
    user_id TEXT NOT NULL,
    community_id TEXT,
    name TEXT NOT NULL,
    description TEXT,
    languages TEXT NOT NULL DEFAULT '[]',
    sample_sha256 TEXT NOT NULL,
    speech_seconds REAL NOT NULL,
    is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX voices_member ON voices (platform, user_id);
-- At most one default per member, whatever the code does.
CREATE UNIQUE INDEX voices_one_default ON voices (platform, user_id) WHERE is_default = 1;

CREATE TABLE clone_requests (
    idempotency_key TEXT PRIMARY KEY,
    platform TEXT NOT NULL,
    user_id TEXT NOT NULL,
    community_id TEXT,
    state TEXT NOT NULL CHECK (state IN ('pending', 'running', 'done', 'failed')),
    marker TEXT NOT NULL,
    options TEXT NOT NULL DEFAULT '{}',
    voice_id TEXT,
    error_code TEXT,
    owner TEXT,
    lease_until TEXT,
    sample_sha256 TEXT,
    speech_seconds REAL,
    -- When it became running: the clone cooldown counts from there.
    started_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX clone_requests_member ON clone_requests (platform, user_id, state);
CREATE INDEX clone_requests_running ON clone_requests (state) WHERE state = 'running';

CREATE TABLE consents (
    idempotency_key TEXT PRIMARY KEY
        REFERENCES clone_requests (idempotency_key) ON DELETE CASCADE,
    platform TEXT NOT NULL,
    user_id TEXT NOT NULL,
    statement_version TEXT NOT NULL,
    given_at TEXT NOT NULL,
    sample_sha256 TEXT
);
CREATE INDEX consents_member ON consents (platform, user_id);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    action TEXT NOT NULL,
    platform TEXT NOT NULL,
    user_id TEXT NOT NULL,
    community_id TEXT,
    voice_id TEXT,
    detail TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_member ON audit_log (platform, user_id);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TABLE community_settings (
    platform TEXT NOT NULL,
    community_id TEXT NOT NULL,
    clone_enabled INTEGER NOT NULL CHECK (clone_enabled IN (0, 1)),
    say_enabled INTEGER NOT NULL CHECK (say_enabled IN (0, 1)),
    required_role TEXT,
    allowed_members TEXT NOT NULL DEFAULT '[]',
    voices_per_member INTEGER NOT NULL,
    cooldown_seconds REAL NOT NULL,
    max_say_chars INTEGER NOT NULL,
    updated_at TEXT,
    PRIMARY KEY (platform, community_id)
);

CREATE TABLE cooldowns (
    platform TEXT NOT NULL,
    user_id TEXT NOT NULL,
    action TEXT NOT NULL,
    last_at TEXT NOT NULL,
    PRIMARY KEY (platform, user_id, action)
);

CREATE TABLE pending_actions (
    token TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    platform TEXT NOT NULL,
    user_id TEXT NOT NULL,
    community_id TEXT,
    payload TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX pending_actions_member ON pending_actions (platform, user_id);
CREATE INDEX pending_actions_expires ON pending_actions (expires_at);

CREATE TABLE seen_events (
    key TEXT PRIMARY KEY,
    seen_at TEXT NOT NULL
);
CREATE INDEX seen_events_seen_at ON seen_events (seen_at);

CREATE TABLE recent_clips (
    platform TEXT NOT NULL,
    user_id TEXT NOT NULL,
    file_id TEXT NOT NULL,
    channel_id TEXT,
    received_at TEXT NOT NULL,
    PRIMARY KEY (platform, user_id, file_id)
);
CREATE INDEX recent_clips_latest ON recent_clips (platform, user_id, received_at);
CREATE INDEX recent_clips_received ON recent_clips (received_at);
