"""Replies read into :mod:`bot.api.models`; an answer we can't read is :class:`ApiUnavailable`
(never a pydantic error, whose text would quote the response)."""

from __future__ import annotations

import json
import logging
from typing import Any, TypeVar

from pydantic import ValidationError

from bot.api.errors import ApiUnavailable
from bot.api.models import ApiStatus, ClonedVoice, TimestampedSpeech, Voice
from bot.api.transport import Reply

log = logging.getLogger(__name__)

M = TypeVar("M", ApiStatus, Voice, ClonedVoice, TimestampedSpeech)


def parse_json(reply: Reply, endpoint: str) -> Any:
    try:
        return json.loads(reply.body)
    except ValueError:
        raise ApiUnavailable(
            status=reply.status, api_message=f"{endpoint}: response is not JSON"
        ) from None


def parse_model(model: type[M], reply: Reply, endpoint: str) -> M:
    data = parse_json(reply, endpoint)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        # The error's text quotes the input; the count is enough for the log.
        raise ApiUnavailable(
            status=reply.status,
            api_message=f"{endpoint}: unexpected response ({exc.error_count()} problems)",
        ) from None


def parse_voices(items: Any, endpoint: str) -> list[Voice]:
    if not isinstance(items, list):
        raise ApiUnavailable(api_message=f"{endpoint}: no list of voices")
    voices: list[Voice] = []
    for item in items:
        try:
            voices.append(Voice.model_validate(item))
        except ValidationError:
            # One malformed voice must not hide all the others.
            log.warning("Async API %s: skipped a malformed voice", endpoint)
    return voices


def voice_page(data: Any) -> tuple[Any, str | None]:
    """``(voices, next cursor)`` from a list response; a bare array is one last page."""
    if isinstance(data, list):
        return data, None
    if not isinstance(data, dict):
        return None, None
    cursor = data.get("next_cursor", data.get("cursor"))
    return data.get("voices"), cursor if isinstance(cursor, str) and cursor else None
