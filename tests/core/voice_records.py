"""Plain voice records for renderer tests."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.models import VoiceRecord


def many_voices(count: int, name_chars: int = 80) -> list[VoiceRecord]:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    return [
        VoiceRecord(
            voice_id=f"v{i}",
            platform="x",
            user_id="u",
            community_id=None,
            name=f"{i:03d}" + "n" * (name_chars - 3),
            description=None,
            languages=("en", "de"),
            sample_sha256="0" * 64,
            speech_seconds=10.0,
            is_default=i == 0,
            created_at=now,
            updated_at=now,
        )
        for i in range(count)
    ]
