"""One "does this label say audio" check and one file naming, for every platform."""

from __future__ import annotations

import pytest

from bot.audio.http_source import audio_file_name, label_says_audio


@pytest.mark.parametrize(
    ("content_type", "name"),
    [
        ("audio/ogg", "voice-message.ogg"),
        ("video/mp4", "clip.mp4"),  # AAC audio in MP4, labelled as video
        ("application/octet-stream", "x.bin"),
        (None, "recording.M4A"),
        ("text/plain", "m4a"),  # Slack's filetype is a bare extension
        ("audio/mpeg; charset=binary", ""),
    ],
)
def test_labels_that_may_be_audio(content_type: str | None, name: str) -> None:
    assert label_says_audio(content_type, name)


@pytest.mark.parametrize(
    ("content_type", "name"), [("image/png", "screenshot.png"), ("application/pdf", "doc.pdf")]
)
def test_labels_that_say_something_else(content_type: str, name: str) -> None:
    assert not label_says_audio(content_type, name)


def test_audio_file_names_follow_the_content_type_and_stay_safe() -> None:
    assert audio_file_name("say", "audio/mpeg") == "say.mp3"
    assert audio_file_name("preview", "audio/ogg") == "preview.ogg"
    assert audio_file_name("My voice/../x", "audio/wav") == "My-voice-..-x.wav"
    assert audio_file_name("", None) == "audio.mp3"
