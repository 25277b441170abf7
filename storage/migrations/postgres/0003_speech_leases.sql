-- One row per utterance being synthesised or played (``voice_id`` set), written before the
-- first byte is fetched: every process checks that its row is still there, and not revoked,
-- while it plays, and writes the ``say`` audit entry only in the transaction that removes it.
-- Forget-me revokes a member's rows, adds a revoked marker (``voice_id`` empty) that refuses
-- new speech while the erase runs, waits for the speakers to remove theirs, then deletes them
-- all with the rest of the member's rows.
CREATE TABLE speech_leases (
    lease_id TEXT PRIMARY KEY,
    platform TEXT NOT NULL,
    user_id TEXT NOT NULL,
    voice_id TEXT NOT NULL,
    owner TEXT NOT NULL,
    revoked BOOLEAN NOT NULL DEFAULT FALSE,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX speech_leases_member ON speech_leases (platform, user_id);
