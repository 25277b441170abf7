"""Long lists and long texts still fit in one Discord message (2,000 characters)."""

from __future__ import annotations

from adapters.discord.voices import voices_text
from bot.i18n import messages_for
from bot.speech.say import Speech
from tests.core.voice_records import many_voices


def test_a_long_voice_list_fits_in_a_message() -> None:
    text = voices_text(messages_for("en", "discord"), many_voices(100))
    assert len(text) <= 2000
    assert "…and" in text and "more." in text
    assert "000" in text  # the first voices are shown


def test_the_say_label_fits_in_a_message() -> None:
    [voice] = many_voices(1)
    label = Speech(b"", "audio/mpeg", "s.mp3", voice, "word " * 1000).label("A" * 32)
    assert len(label) < 500
    assert label.startswith("🔊 AI voice clone of " + "A" * 32)
    assert label.endswith("…")
