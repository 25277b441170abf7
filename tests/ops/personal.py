"""Personal data and secrets planted in errors: none of it may reach a report."""

from __future__ import annotations

MEMBER_ID = "123456789012345678"
SLACK_MEMBER = "U04ABCDEF12"
VOICE_NAME = "Grandma Rosa bedtime voice"
SAY_TEXT = "meet me at the old bakery at noon"
FILE_NAME = "rosa_birthday_message.ogg"
AUDIO = b"OggS\x00\x02\x00\x00opus-bytes-of-rosa"
API_KEY = "sk_live_9f8e7d6c5b4a3f2e1d0c"
DISCORD_TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB"
SLACK_TOKEN = "xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx"
DB_PASSWORD = "hunter2pw"
DB_URL = f"postgresql://voicebot:{DB_PASSWORD}@db.internal.example:5432/voices"

#: What a test looks for in the raw bytes a receiver got.
PLANTED = [
    MEMBER_ID,
    SLACK_MEMBER,
    VOICE_NAME,
    "Grandma Rosa",
    SAY_TEXT,
    "old bakery",
    FILE_NAME,
    "rosa_birthday",
    "opus-bytes-of-rosa",
    API_KEY,
    DISCORD_TOKEN,
    SLACK_TOKEN,
    DB_PASSWORD,
    "db.internal.example",
]


def leaked(raw: bytes | str) -> list[str]:
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
    return [value for value in PLANTED if value in text]


def personal_exception() -> ValueError:
    """An exception whose text holds everything a report must not: its message would be
    the obvious leak."""
    return ValueError(
        f"clone of {VOICE_NAME!r} for member {MEMBER_ID} ({SLACK_MEMBER}) from {FILE_NAME} "
        f"said {SAY_TEXT!r}; key {API_KEY}; db {DB_URL}; tokens {DISCORD_TOKEN} {SLACK_TOKEN}; "
        f"audio {AUDIO!r}"
    )
