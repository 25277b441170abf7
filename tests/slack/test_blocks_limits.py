"""Slack takes at most 50 blocks in a message."""

from __future__ import annotations

from dataclasses import replace

from adapters.slack.blocks import VOICE_DELETE
from adapters.slack.voices import voices_list
from bot.i18n import messages_for
from tests.core.voice_records import many_voices
from tests.slack.harness import find_button


def test_a_long_voice_list_fits_in_a_message() -> None:
    text, blocks = voices_list(messages_for("en", "slack"), many_voices(100))
    assert len(blocks) <= 50
    assert "100" in text
    assert "and 80 more" in str(blocks[-1].to_dict())


def test_a_voice_named_with_80_ampersands_still_lists_in_every_language() -> None:
    # Escaped, the name is 400 characters: over the 300 a delete confirmation takes.
    voice = replace(many_voices(1)[0], name="&" * 80)
    for language in ("en", "fr", "de", "es", "it"):
        _, blocks = voices_list(messages_for(language, "slack"), [voice])
        button = find_button([block.to_dict() for block in blocks], VOICE_DELETE)
        assert "&amp;" in button["confirm"]["text"]["text"]
        assert "&amp;" * 80 in str(blocks[1].to_dict())  # the listing shows the whole name
