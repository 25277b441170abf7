-- Reading members' messages aloud: the community's rules. Communities that saved settings
-- before this get the defaults every new community starts with.
ALTER TABLE community_settings ADD COLUMN read_enabled BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE community_settings ADD COLUMN read_channel TEXT;
ALTER TABLE community_settings ADD COLUMN read_max_chars INTEGER NOT NULL DEFAULT 300;
ALTER TABLE community_settings ADD COLUMN read_ignore_prefixes JSONB NOT NULL DEFAULT '["!", ";", "/", "."]';
ALTER TABLE community_settings ADD COLUMN read_emoji TEXT NOT NULL DEFAULT 'names';
ALTER TABLE community_settings ADD COLUMN read_announce TEXT NOT NULL DEFAULT 'off';
ALTER TABLE community_settings ADD COLUMN read_member_chars_per_minute INTEGER NOT NULL DEFAULT 1000;
ALTER TABLE community_settings ADD COLUMN read_community_chars_per_minute INTEGER NOT NULL DEFAULT 5000;
