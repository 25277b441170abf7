"""The voice endpoints: clone, list, get, update, delete, and the marker look-up."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

import aiohttp

from bot.api.errors import ApiVoiceNotFound
from bot.api.models import VALID_MARKER, ClonedVoice, Voice, marked_description
from bot.api.parsing import parse_json, parse_model, parse_voices, voice_page
from bot.api.transport import Transport

log = logging.getLogger(__name__)

_MAX_PAGES = 1000
_BATCH_SIZE = 100


async def clone_voice(
    transport: Transport,
    audio: bytes,
    *,
    filename: str,
    content_type: str,
    name: str,
    marker: str,
    description: str | None = None,
    accent: str | None = None,
    gender: str | None = None,
    style: str | None = None,
    enhance: bool | None = None,
    transcript: str | None = None,
) -> ClonedVoice:
    """Send one clone request. ``marker`` (unique per clone request) goes into the
    description, so that :func:`find_voices_by_marker` can find the voice again.

    Failures that surely made nothing (no connection, an error answer) are retried. A request
    whose answer was lost is not sent again: it raises :class:`ApiConnectionError` with
    ``outcome_unknown``, and the caller settles it (the core reconciles by marker).
    """
    if not VALID_MARKER.fullmatch(marker):
        raise ValueError("marker must be 1-80 characters of A-Z a-z 0-9 _ . : -")
    if not name.strip():
        raise ValueError("name must not be blank")
    fields: dict[str, str] = {
        "name": name.strip(),
        "description": marked_description(description, marker),
    }
    optional = {"accent": accent, "gender": gender, "style": style, "transcript": transcript}
    # Unset and blank fields are left out: the API treats "" as a value.
    fields.update(
        {key: value.strip() for key, value in optional.items() if value and value.strip()}
    )
    if enhance is not None:
        fields["enhance"] = "true" if enhance else "false"

    def form() -> aiohttp.FormData:
        # A FormData can be sent once only: every attempt builds its own.
        data = aiohttp.FormData()
        data.add_field("audio", audio, filename=filename, content_type=content_type)
        for key, value in fields.items():
            data.add_field(key, value)
        return data

    async def attempt() -> ClonedVoice:
        reply = await transport.send("clone", "POST", "/voices/clone", form=form)
        return parse_model(ClonedVoice, reply, "clone")

    return await transport.retrying("clone", idempotent=False)(attempt)


async def find_voices_by_marker(transport: Transport, marker: str) -> list[Voice]:
    """The caller's voices whose description carries ``marker`` (normally one at most)."""
    return [voice for voice in await list_voices(transport) if voice.marker == marker]


async def list_voices(
    transport: Transport,
    *,
    my_voice: bool = True,
    page_size: int = 100,
    gender: str | None = None,
    language: str | None = None,
    accent: str | None = None,
    style: str | None = None,
    model_id: str | None = None,
) -> list[Voice]:
    """Every voice matching the filters, following the cursor to the last page."""
    filters = {
        "gender": gender,
        "language": language,
        "accent": accent,
        "style": style,
        "model_id": model_id,
    }
    base: dict[str, Any] = {"limit": max(1, min(100, page_size)), "my_voice": my_voice}
    base.update({key: value for key, value in filters.items() if value})
    voices: list[Voice] = []
    cursor: str | None = None
    seen: set[str] = set()
    for _ in range(_MAX_PAGES):
        body = dict(base)
        if cursor:
            # The docs name it "after", some clients send "cursor": send both.
            body["after"] = cursor
            body["cursor"] = cursor
        reply = await transport.call("list", "POST", "/voices", json_body=body)
        page, cursor = voice_page(parse_json(reply, "list"))
        voices.extend(parse_voices(page, "list"))
        if not cursor:
            return voices
        if cursor in seen:
            log.warning("Async API list: the cursor repeats; stopping")
            return voices
        seen.add(cursor)
    log.warning("Async API list: more than %d pages; stopping", _MAX_PAGES)
    return voices


async def get_voice(transport: Transport, voice_id: str) -> Voice:
    reply = await transport.call("get", "GET", f"/voices/{segment(voice_id)}")
    return parse_model(Voice, reply, "get")


async def get_voices(transport: Transport, voice_ids: Sequence[str]) -> list[Voice]:
    """Several voices in as few calls as possible; unknown ids are simply missing."""
    ids = list(dict.fromkeys(voice_ids))
    voices: list[Voice] = []
    for start in range(0, len(ids), _BATCH_SIZE):
        body = {"voice_ids": ids[start : start + _BATCH_SIZE]}
        reply = await transport.call("batch", "POST", "/voices/batch", json_body=body)
        data = parse_json(reply, "batch")
        page = data.get("voices") if isinstance(data, dict) else data
        voices.extend(parse_voices(page, "batch"))
    return voices


async def update_voice(transport: Transport, voice_id: str, fields: dict[str, str | None]) -> None:
    """Change the fields that are not None. Note: a new description replaces the marker."""
    body = {key: value for key, value in fields.items() if value is not None}
    if body:
        await transport.call("update", "PUT", f"/voices/{segment(voice_id)}", json_body=body)


def segment(voice_id: str) -> str:
    if not voice_id:
        raise ValueError("voice_id must not be empty")
    return quote(voice_id, safe="")


async def delete_voice(transport: Transport, voice_id: str) -> bool:
    """True when deleted now, False when it was already gone."""
    try:
        await transport.call("delete", "DELETE", f"/voices/{segment(voice_id)}")
    except ApiVoiceNotFound:
        return False
    return True
