"""The response models accept every documented (and tolerated) shape."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta, timezone

import pytest
from pydantic import ValidationError

from bot.api import ApiStatus, ClonedVoice, TimestampedSpeech, Voice
from bot.api.models import marked_description, split_marker


def test_voice_from_list_item_with_naive_timestamps_and_unknown_fields() -> None:
    voice = Voice.model_validate(
        {
            "voice_id": "v1",
            "name": "Ava",
            "description": "warm",
            "language": "en, de,,fr",
            "gender": "Female",
            "accent": "",
            "style": None,
            "created_at": "2024-05-01T09:30:00",
            "updated_at": "2024-05-01T09:30:00.123+02:00",
            "voice_type": "CUSTOM",
            "something_new": {"nested": True},
        }
    )
    assert voice.voice_id == "v1"
    assert voice.languages == ("en", "de", "fr")
    assert voice.accent is None
    assert voice.created_at == datetime(2024, 5, 1, 9, 30, tzinfo=UTC)
    assert voice.updated_at is not None
    assert voice.updated_at.utcoffset() == timedelta(hours=2)
    assert voice.updated_at.tzinfo == timezone(timedelta(hours=2))
    assert voice.voice_type == "CUSTOM"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("de,en", ("de", "en")), (["en", " fr "], ("en", "fr")), (None, ()), ("", ())],
)
def test_languages_from_comma_string_or_list(language: object, expected: tuple[str, ...]) -> None:
    assert Voice.model_validate({"id": "x", "language": language}).languages == expected


def test_unreadable_timestamp_becomes_none_instead_of_failing() -> None:
    voice = Voice.model_validate({"voice_id": "x", "created_at": "yesterday-ish"})
    assert voice.created_at is None


def test_missing_id_is_rejected() -> None:
    with pytest.raises(ValidationError):
        Voice.model_validate({"name": "no id"})


def test_clone_response_uses_id_and_marker_is_stripped() -> None:
    cloned = ClonedVoice.model_validate(
        {"id": "c1", "name": "Me", "description": "mine [vc:req-1]", "language": "de,en"}
    )
    assert cloned.voice_id == "c1"
    assert cloned.description == "mine"
    assert cloned.marker == "req-1"
    assert cloned.languages == ("de", "en")


def test_marker_only_description_becomes_none() -> None:
    voice = Voice.model_validate({"voice_id": "v", "description": "[vc:abc]"})
    assert voice.description is None
    assert voice.marker == "abc"


def test_marked_description_round_trip() -> None:
    assert marked_description(None, "m") == "[vc:m]"
    assert marked_description("  ", "m") == "[vc:m]"
    assert marked_description("hello", "m") == "hello [vc:m]"
    assert split_marker("hello [vc:m]") == ("hello", "m")
    assert split_marker("no marker") == ("no marker", None)
    assert split_marker(None) == (None, None)


def test_status() -> None:
    assert ApiStatus.model_validate({"status": "ok", "version": "v1", "x": 1}).ok
    assert not ApiStatus.model_validate({"status": "degraded"}).ok


def test_timestamped_speech_decodes_audio_and_alignment() -> None:
    speech = TimestampedSpeech.model_validate(
        {
            "audio_base64": base64.b64encode(b"ID3audio").decode(),
            "alignment": {
                "words": ["hi", "there"],
                "word_start_times_milliseconds": [0, 120.5],
                "word_end_times_milliseconds": [100, 300],
            },
        }
    )
    assert speech.audio == b"ID3audio"
    assert speech.words == ["hi", "there"]
    assert speech.start_ms == [0.0, 120.5]
    assert speech.end_ms == [100.0, 300.0]


def test_timestamped_speech_rejects_bad_base64() -> None:
    with pytest.raises(ValidationError):
        TimestampedSpeech.model_validate({"audio_base64": "not base64!!", "alignment": {}})
