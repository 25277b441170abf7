"""Slack takes at most 50 blocks in a message."""

from __future__ import annotations

from adapters.slack.voices import voices_list
from bot.i18n import messages_for
from tests.core.voice_records import many_voices


def test_a_long_voice_list_fits_in_a_message() -> None:
    text, blocks = voices_list(messages_for("en", "slack"), many_voices(100))
    assert len(blocks) <= 50
    assert "100" in text
    assert "and 80 more" in str(blocks[-1].to_dict())
