"""Text-to-speech requests: the body every variant shares, and the whole-file variants
(the chunked one is :mod:`bot.api.streaming`)."""

from __future__ import annotations

from typing import Any, Unpack

from bot.api.models import TimestampedSpeech
from bot.api.parsing import parse_model
from bot.api.streaming import QUOTA_MARKER, quota_marker_error
from bot.api.transport import Transport
from bot.models import SpeechOptions

DEFAULT_MODEL = "async_flash_v1.0"


def speech_body(
    voice_id: str,
    transcript: str,
    *,
    model_id: str = DEFAULT_MODEL,
    container: str = "mp3",
    sample_rate: int = 44100,
    bit_rate: int | None = 128000,
    encoding: str | None = None,
    language: str | None = None,
    speed: float | None = None,
    stability: float | None = None,
) -> dict[str, Any]:
    output_format: dict[str, Any] = {"container": container, "sample_rate": sample_rate}
    if encoding:
        output_format["encoding"] = encoding
    if bit_rate is not None and container == "mp3":
        output_format["bit_rate"] = bit_rate
    body: dict[str, Any] = {
        "model_id": model_id,
        "transcript": transcript,
        "voice": {"mode": "id", "id": voice_id},
        "output_format": output_format,
    }
    if language:
        body["language"] = language
    if speed is not None:
        body["speed_control"] = speed
    if stability is not None:
        body["stability"] = stability
    return body


async def text_to_speech(
    transport: Transport, voice_id: str, transcript: str, **options: Unpack[SpeechOptions]
) -> bytes:
    body = speech_body(voice_id, transcript, **options)
    reply = await transport.call("tts", "POST", "/text_to_speech", json_body=body)
    if QUOTA_MARKER in reply.body:
        raise quota_marker_error()
    return reply.body


async def text_to_speech_with_timestamps(
    transport: Transport, voice_id: str, transcript: str, **options: Unpack[SpeechOptions]
) -> TimestampedSpeech:
    body = speech_body(voice_id, transcript, **options)
    reply = await transport.call(
        "tts_timestamps", "POST", "/text_to_speech/with_timestamps", json_body=body
    )
    return parse_model(TimestampedSpeech, reply, "tts_timestamps")
