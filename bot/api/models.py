"""What the Async Voice API returns, parsed tolerantly.

The API names a voice's id ``id`` in the clone response and ``voice_id`` elsewhere, sends
``language`` as a comma-separated list, and sometimes omits the timezone of timestamps:
the models accept all of that and ignore fields they don't know.
"""

from __future__ import annotations

import base64
import binascii
import re
from datetime import UTC, datetime
from typing import Any

from pydantic import (
    AliasChoices,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidatorFunctionWrapHandler,
    field_validator,
    model_validator,
)

#: The clone marker the client appends to a voice's description: ``[vc:<marker>]``.
MARKER_PATTERN = re.compile(r"\s*\[vc:([A-Za-z0-9_.:\-]{1,80})\]")
VALID_MARKER = re.compile(r"[A-Za-z0-9_.:\-]{1,80}")


def marked_description(description: str | None, marker: str) -> str:
    """The description to send: the caller's text (if any) followed by the marker."""
    text = (description or "").strip()
    return f"{text} [vc:{marker}]" if text else f"[vc:{marker}]"


def split_marker(description: str | None) -> tuple[str | None, str | None]:
    """``(description without markers, first marker)``."""
    if not description:
        return None, None
    match = MARKER_PATTERN.search(description)
    if match is None:
        return description, None
    stripped = MARKER_PATTERN.sub("", description).strip()
    return stripped or None, match.group(1)


class _ApiModel(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True, populate_by_name=True)


class Voice(_ApiModel):
    voice_id: str = Field(validation_alias=AliasChoices("voice_id", "id"), min_length=1)
    name: str = ""
    #: Without the clone marker, which is in ``marker``.
    description: str | None = None
    languages: tuple[str, ...] = Field(
        default=(), validation_alias=AliasChoices("language", "languages")
    )
    gender: str | None = None
    accent: str | None = None
    style: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    voice_type: str | None = None
    #: The idempotency marker the client put into the description when it cloned this voice.
    marker: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _take_marker(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("description"), str):
            description, marker = split_marker(data["description"])
            data = {**data, "description": description}
            if marker is not None and not data.get("marker"):
                data["marker"] = marker
        return data

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, value: Any) -> Any:
        return "" if value is None else value

    @field_validator("description", "gender", "accent", "style", "voice_type", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("languages", mode="before")
    @classmethod
    def _languages(cls, value: Any) -> Any:
        if value is None:
            return ()
        if isinstance(value, str):
            value = value.split(",")
        if isinstance(value, list | tuple):
            return tuple(str(item).strip() for item in value if str(item).strip())
        return value

    @field_validator("created_at", "updated_at", mode="wrap")
    @classmethod
    def _timestamp(cls, value: Any, handler: ValidatorFunctionWrapHandler) -> datetime | None:
        # A timestamp we can't read must not make the whole voice unreadable.
        try:
            parsed = handler(value)
        except ValidationError:
            return None
        if isinstance(parsed, datetime) and parsed.tzinfo is None:
            return parsed.replace(tzinfo=UTC)
        return parsed if isinstance(parsed, datetime) else None


class ClonedVoice(Voice):
    """The clone endpoint's answer (it names the id ``id``)."""


class ApiStatus(_ApiModel):
    status: str
    version: str | None = None

    @property
    def ok(self) -> bool:
        return self.status.lower() == "ok"


class TimestampedSpeech(_ApiModel):
    audio: bytes
    words: list[str] = Field(default_factory=list)
    start_ms: list[float] = Field(default_factory=list)
    end_ms: list[float] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _from_api(cls, data: Any) -> Any:
        if not isinstance(data, dict) or "audio_base64" not in data:
            return data
        encoded = data.get("audio_base64")
        if not isinstance(encoded, str):
            raise ValueError("audio_base64 must be a string")
        try:
            audio = base64.b64decode(encoded, validate=True)
        except binascii.Error as exc:
            raise ValueError("audio_base64 is not valid base64") from exc
        alignment = data.get("alignment")
        if not isinstance(alignment, dict):
            alignment = {}
        return {
            "audio": audio,
            "words": alignment.get("words") or [],
            "start_ms": alignment.get("word_start_times_milliseconds") or [],
            "end_ms": alignment.get("word_end_times_milliseconds") or [],
        }
