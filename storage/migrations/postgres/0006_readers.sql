-- Members who turned reading aloud on (/read on): which voice, and the language of the phrases
-- said around their messages. Never a message: message text is neither stored nor logged.
-- Forget-me deletes a member's rows; deleting the voice deletes the rows that read in it.
CREATE TABLE readers (
    platform TEXT NOT NULL,
    user_id TEXT NOT NULL,
    community_id TEXT NOT NULL,
    voice_id TEXT NOT NULL,
    locale TEXT NOT NULL,
    since TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (platform, user_id, community_id)
);
CREATE INDEX readers_voice ON readers (voice_id);
