"""Text-to-speech request validation and transcript markup, free of HTTP and audio code.

The simulator "speaks" 60 ms per character; markup is honoured the way the docs describe:
``<break time='400ms'/>`` pauses (clamped to 80 ms-1.2 s), ``<digits>`` speaks digit by digit,
``<phonemes>`` content is spoken as one word; any other tag is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

SECONDS_PER_CHAR = 0.06
MAX_TRANSCRIPT_CHARS = 5_000  # ~5 minutes of audio; bounds the CPU one request costs
MODEL_LANGUAGES: dict[str, frozenset[str]] = {
    "async_flash_v1.0": frozenset(
        {"en", "de", "es", "fr", "it", "pt", "nl", "pl", "ru", "ja", "ko", "zh", "hi", "ar", "tr"}
    ),
    "async_flash_v1.5": frozenset({"en", "de", "es", "fr", "it", "pt"}),
    "async_pro_v1.0": frozenset({"en"}),
}
#: The Models page says only flash v1.0 serves the plain (non-streaming) endpoint.
PLAIN_TTS_MODELS = frozenset({"async_flash_v1.0"})
CONTAINERS = frozenset({"raw", "mp3", "wav"})
STREAM_CONTAINERS = frozenset({"raw", "mp3"})
ENCODINGS = frozenset({"pcm_s16le", "pcm_f32le", "pcm_mulaw"})

_MARKUP = re.compile(
    r"<break\s+time\s*=\s*['\"]?\s*(?P<amount>\d+(?:\.\d+)?)\s*(?P<unit>ms|s)\s*['\"]?\s*/?>"
    r"|<digits>(?P<digits>.*?)</digits>"
    r"|<phonemes>(?P<phonemes>.*?)</phonemes>"
    r"|<[^>]*>",
    re.IGNORECASE | re.DOTALL,
)


class RequestInvalid(Exception):
    """A body the API's validation would reject (FastAPI-style list detail)."""

    def __init__(self, loc: tuple[str | int, ...], msg: str, value: Any = None) -> None:
        super().__init__(msg)
        self.loc = loc
        self.msg = msg
        self.value = value


class LanguageInvalid(Exception):
    """A language the chosen model does not speak (INVALID_LANGUAGE)."""


@dataclass(frozen=True)
class OutputFormat:
    container: str = "mp3"
    sample_rate: int = 44100
    encoding: str = "pcm_s16le"
    bit_rate: int = 128_000


@dataclass(frozen=True)
class Segment:
    """One spoken word (``word`` set) or one pause (``word`` None)."""

    word: str | None
    seconds: float


@dataclass(frozen=True)
class TtsRequest:
    model_id: str
    voice_id: str
    segments: tuple[Segment, ...]
    output: OutputFormat
    language: str | None
    speed: float

    @property
    def words(self) -> list[str]:
        return [segment.word for segment in self.segments if segment.word is not None]

    @property
    def billable_chars(self) -> int:
        return len(" ".join(self.words))


def parse_transcript(transcript: str, speed: float = 1.0) -> tuple[Segment, ...]:
    segments: list[Segment] = []

    def speak(text: str) -> None:
        for word in text.split():
            # each word also pays for the space after it, so the total is ~60 ms per char
            segments.append(Segment(word, SECONDS_PER_CHAR * (len(word) + 1) / speed))

    position = 0
    for match in _MARKUP.finditer(transcript):
        speak(transcript[position : match.start()])
        position = match.end()
        if match.group("amount") is not None:
            amount = float(match.group("amount"))
            seconds = amount / 1000 if match.group("unit").lower() == "ms" else amount
            segments.append(Segment(None, min(max(seconds, 0.08), 1.2)))
        elif match.group("digits") is not None:
            speak(" ".join(ch for ch in match.group("digits") if not ch.isspace()))
        elif match.group("phonemes") is not None:
            phonemes = match.group("phonemes").strip()
            if phonemes:
                speak(phonemes.replace(" ", ""))
    speak(transcript[position:])
    return tuple(segments)


def parse_tts_request(body: Any, *, endpoint: str) -> TtsRequest:
    """Validate a TTS body for ``endpoint`` ("tts", "tts_stream" or "tts_timestamps")."""
    if not isinstance(body, dict):
        raise RequestInvalid(("body",), "Input should be a valid dictionary", body)
    model_id = body.get("model_id")
    if model_id is None:
        raise RequestInvalid(("body", "model_id"), "Field required")
    if model_id not in MODEL_LANGUAGES:
        raise RequestInvalid(
            ("body", "model_id"), f"Input should be one of {sorted(MODEL_LANGUAGES)}", model_id
        )
    if endpoint == "tts" and model_id not in PLAIN_TTS_MODELS:
        raise RequestInvalid(
            ("body", "model_id"),
            f"Model {model_id} is not available on this endpoint; use async_flash_v1.0",
            model_id,
        )
    transcript = body.get("transcript")
    if not isinstance(transcript, str):
        raise RequestInvalid(("body", "transcript"), "Field required", transcript)
    if len(transcript) > MAX_TRANSCRIPT_CHARS:
        raise RequestInvalid(
            ("body", "transcript"),
            f"String should have at most {MAX_TRANSCRIPT_CHARS} characters",
            len(transcript),
        )
    voice_id = _voice_id(body.get("voice"))
    output = _output_format(body.get("output_format"), endpoint)
    speed = _number(body, "speed_control", 0.7, 2.0, default=1.0)
    _number(body, "stability", 0, 100, default=50)
    language = body.get("language")
    if language is not None:
        if not isinstance(language, str):
            raise RequestInvalid(("body", "language"), "Input should be a valid string", language)
        if language.lower() not in MODEL_LANGUAGES[model_id]:
            raise LanguageInvalid(f"Language '{language}' is not supported by model {model_id}.")
    segments = parse_transcript(transcript, speed)
    if not segments:
        raise RequestInvalid(("body", "transcript"), "Transcript has nothing to speak", transcript)
    return TtsRequest(model_id, voice_id, segments, output, language, speed)


def _voice_id(voice: Any) -> str:
    if not isinstance(voice, dict):
        raise RequestInvalid(("body", "voice"), "Field required", voice)
    if voice.get("mode", "id") != "id":
        raise RequestInvalid(("body", "voice", "mode"), "Input should be 'id'", voice.get("mode"))
    voice_id = voice.get("id")
    if not isinstance(voice_id, str) or not voice_id:
        raise RequestInvalid(("body", "voice", "id"), "Field required", voice_id)
    return voice_id


def _output_format(raw: Any, endpoint: str) -> OutputFormat:
    if raw is None:
        return OutputFormat()
    if not isinstance(raw, dict):
        raise RequestInvalid(("body", "output_format"), "Input should be a valid dictionary", raw)
    loc = ("body", "output_format")
    container = raw.get("container", "mp3")
    allowed = STREAM_CONTAINERS if endpoint == "tts_stream" else CONTAINERS
    if container not in allowed:
        raise RequestInvalid((*loc, "container"), f"Input should be one of {sorted(allowed)}")
    sample_rate = raw.get("sample_rate", 44100)
    if type(sample_rate) is not int or not 8000 <= sample_rate <= 48000:
        raise RequestInvalid(
            (*loc, "sample_rate"), "Input should be an integer from 8000 to 48000", sample_rate
        )
    encoding = raw.get("encoding") or "pcm_s16le"
    if encoding not in ENCODINGS:
        raise RequestInvalid((*loc, "encoding"), f"Input should be one of {sorted(ENCODINGS)}")
    bit_rate = raw.get("bit_rate") or 128_000
    if type(bit_rate) is not int or not 32_000 <= bit_rate <= 320_000:
        raise RequestInvalid(
            (*loc, "bit_rate"), "Input should be an integer from 32000 to 320000", bit_rate
        )
    return OutputFormat(container, sample_rate, encoding, bit_rate)


def _number(body: dict[str, Any], key: str, low: float, high: float, default: float) -> float:
    value = body.get(key)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise RequestInvalid(("body", key), f"Input should be from {low} to {high}", value)
    return float(value)
