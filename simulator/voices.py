"""Status check and the voice routes: clone, list, get, batch, update, delete."""

from __future__ import annotations

import asyncio
import base64
import binascii
import json
import logging
from datetime import UTC, datetime
from typing import Any, Final

from aiohttp import BodyPartReader, web

from simulator.audio import UndecodableAudio, measure_speech_seconds
from simulator.errors import ApiError, error_response, json_response, validation_response
from simulator.request_handling import (
    drop_connection,
    hang,
    json_object,
    voice_not_found,
    voice_or_404,
)
from simulator.state import STATE_KEY, SimVoice

log = logging.getLogger(__name__)

MAX_AUDIO_BYTES: Final = 10 * 1024 * 1024
MAX_FIELD_BYTES: Final = 64 * 1024
MIN_SPEECH_SECONDS: Final = 3.0
GENDERS: Final = ("Male", "Female", "Neutral", "Unspecified")
UPDATABLE_FIELDS: Final = frozenset({"name", "description", "gender", "style", "accent"})


async def status(request: web.Request) -> web.Response:
    return json_response(200, {"status": "ok", "version": request.app[STATE_KEY].version})


async def clone(request: web.Request) -> web.StreamResponse:
    state = request.app[STATE_KEY]
    fields, audio = await _read_clone_form(request)
    if audio is None:
        return validation_response(("body", "audio"), "Field required", "missing")
    name = fields.get("name")
    if name is None or not name.strip():
        return validation_response(("body", "name"), "Field required", "missing", name)
    if "language" in fields:
        return error_response(
            "INVALID_LANGUAGE",
            "The language field is no longer accepted: the language is detected from the audio.",
        )
    gender = fields.get("gender")
    if gender is not None and gender not in GENDERS:
        return _bad_gender(("body", "gender"), gender)
    enhance = fields.get("enhance")
    if enhance is not None and enhance.lower() not in ("true", "false", "1", "0", "yes", "no"):
        return validation_response(
            ("body", "enhance"), "Input should be a valid boolean", "bool_parsing", enhance
        )
    if state.clone_limit is not None and state.custom_voice_count() >= state.clone_limit:
        return error_response("VOICE_CLONE_LIMIT_EXCEEDED", extra={"limit": state.clone_limit})
    try:
        seconds = await asyncio.to_thread(measure_speech_seconds, audio)
    except UndecodableAudio:
        return error_response("FORMAT_NOT_RECOGNIZED")
    if seconds < MIN_SPEECH_SECONDS:
        return error_response(
            "SHORT_SPEECH_DURATION", extra={"speech_duration_seconds": round(seconds, 2)}
        )
    voice = state.add_custom_voice(
        name=name,
        description=fields.get("description"),
        gender=gender,
        accent=fields.get("accent"),
        style=fields.get("style"),
        speech_seconds=seconds,
    )
    log.debug("cloned voice %s (%.1f s of speech)", voice.voice_id, seconds)
    dropped = state.take_dropped_clone()
    if dropped is not None:
        if dropped.action == "hang":
            await hang(request)
        return drop_connection(request)
    return json_response(
        200,
        {
            "id": voice.voice_id,
            "name": voice.name,
            "description": voice.description,
            "language": voice.language,
        },
    )


async def _read_clone_form(request: web.Request) -> tuple[dict[str, str], bytes | None]:
    """Stream the multipart form; the audio part is capped at 10 MiB (413 beyond)."""
    if not request.content_type.startswith("multipart/"):
        raise ApiError(validation_response(("body", "audio"), "Field required", "missing"))
    fields: dict[str, str] = {}
    audio: bytes | None = None
    try:
        async for part in await request.multipart():
            if not isinstance(part, BodyPartReader) or part.name is None:
                continue
            data = await _read_part(part, part.name)
            if part.name == "audio":
                audio = data
            else:
                fields[part.name] = data.decode("utf-8", errors="replace")
    except ValueError as exc:  # no boundary, garbage instead of parts
        raise ApiError(
            validation_response(("body",), "There was an error parsing the body", "value_error")
        ) from exc
    return fields, audio


async def _read_part(part: BodyPartReader, name: str) -> bytes:
    limit = MAX_AUDIO_BYTES if name == "audio" else MAX_FIELD_BYTES
    data = bytearray()
    while chunk := await part.read_chunk(64 * 1024):
        data += chunk
        if len(data) > limit:
            # aiohttp drains the rest of the upload before closing, so the client reads this
            if name == "audio":
                raise ApiError(error_response("FILE_TOO_LARGE"))
            raise ApiError(validation_response(("body", name), "Field too long", "string_too_long"))
    return bytes(data)


def _bad_gender(loc: tuple[str, ...], value: Any) -> web.Response:
    return validation_response(
        loc, "Input should be 'Male', 'Female', 'Neutral' or 'Unspecified'", "enum", value
    )


async def list_voices(request: web.Request) -> web.Response:
    state = request.app[STATE_KEY]
    body = await json_object(request, allow_empty=True)
    limit = body.get("limit", 10)
    if type(limit) is not int or not 1 <= limit <= 100:
        return validation_response(
            ("body", "limit"), "Input should be from 1 to 100", "int_range", limit
        )
    voices = [voice for voice in state.voices.values() if _matches(voice, body)]
    cursor_key = "after" if body.get("after") else "cursor"
    cursor = body.get(cursor_key)
    start = 0
    if cursor:
        decoded = _decode_cursor(cursor)
        if decoded is None:
            return validation_response(
                ("body", cursor_key), "Invalid cursor", "value_error", cursor
            )
        last_id, last_pos = decoded
        ids = [voice.voice_id for voice in voices]
        # if the last voice was deleted meanwhile, the next one slid into its place
        start = ids.index(last_id) + 1 if last_id in ids else min(last_pos, len(ids))
    page = voices[start : start + limit]
    end = start + len(page)
    next_cursor = _encode_cursor(page[-1].voice_id, end - 1) if page and end < len(voices) else None
    return json_response(
        200, {"voices": [voice.to_api() for voice in page], "next_cursor": next_cursor}
    )


def _matches(voice: SimVoice, query: dict[str, Any]) -> bool:
    if query.get("my_voice") and voice.voice_type != "CUSTOM":
        return False
    for key in ("gender", "accent"):
        wanted = query.get(key)
        if wanted and (getattr(voice, key) or "").lower() != str(wanted).lower():
            return False
    language = query.get("language")
    if language and str(language).lower() not in voice.language.lower().split(","):
        return False
    style = query.get("style")
    return not style or str(style).lower() in (voice.style or "").lower()


def _encode_cursor(voice_id: str, position: int) -> str:
    raw = json.dumps([voice_id, position]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: Any) -> tuple[str, int] | None:
    if not isinstance(cursor, str):
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        voice_id, position = json.loads(raw)
    except (ValueError, TypeError, binascii.Error):
        return None
    if not isinstance(voice_id, str) or type(position) is not int:
        return None
    return voice_id, position


async def get_voice(request: web.Request) -> web.Response:
    voice = voice_or_404(request.app[STATE_KEY], request.match_info["voice_id"])
    return json_response(200, voice.to_api())


async def batch(request: web.Request) -> web.Response:
    state = request.app[STATE_KEY]
    body = await json_object(request)
    voice_ids = body.get("voice_ids")
    if not isinstance(voice_ids, list) or not all(isinstance(v, str) for v in voice_ids):
        return validation_response(
            ("body", "voice_ids"), "Input should be a valid list of strings", "list_type", voice_ids
        )
    found = [state.voices[v].to_api() for v in voice_ids if v in state.voices]
    return json_response(200, found)


async def update_voice(request: web.Request) -> web.Response:
    state = request.app[STATE_KEY]
    voice = voice_or_404(state, request.match_info["voice_id"])
    body = await json_object(request)
    for key in body:
        if key not in UPDATABLE_FIELDS:
            return error_response(
                "VOICE_FIELD_UPDATE_NOT_ALLOWED",
                f"Field '{key}' cannot be updated.",
                {"field": key},
            )
    if voice.voice_type != "CUSTOM":
        field = next(iter(body), "name")
        return error_response(
            "VOICE_FIELD_UPDATE_NOT_ALLOWED",
            "Predefined voices cannot be updated.",
            {"field": field},
        )
    for key, value in body.items():
        if value is not None and not isinstance(value, str):
            return validation_response(
                ("body", key), "Input should be a valid string", "string_type", value
            )
    if "name" in body and not (body["name"] or "").strip():
        return validation_response(
            ("body", "name"),
            "String should have at least 1 character",
            "string_too_short",
            body["name"],
        )
    if body.get("gender") is not None and body["gender"] not in GENDERS:
        return _bad_gender(("body", "gender"), body["gender"])
    for key, value in body.items():
        setattr(voice, key, value)
    voice.updated_at = datetime.now(UTC)
    return web.Response(status=204)


async def delete_voice(request: web.Request) -> web.Response:
    state = request.app[STATE_KEY]
    voice_id = request.match_info["voice_id"]
    voice = state.voices.get(voice_id)
    if voice is None or voice.voice_type != "CUSTOM":  # predefined voices are nobody's to delete
        return voice_not_found(voice_id)
    del state.voices[voice_id]
    return web.Response(status=204)
