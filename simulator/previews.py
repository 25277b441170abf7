"""Voice previews: a signed, expiring link to an MP3 served like a CDN (no API key)."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import time
from urllib.parse import quote

from aiohttp import web

from simulator.audio import preview_mp3
from simulator.errors import error_response, json_response
from simulator.request_handling import PUBLIC_URL_KEY, voice_or_404
from simulator.state import STATE_KEY


def _signature(key: bytes, voice_id: str, expires: int) -> str:
    return hmac.new(key, f"{voice_id}:{expires}".encode(), hashlib.sha256).hexdigest()


async def preview(request: web.Request) -> web.Response:
    state = request.app[STATE_KEY]
    voice = voice_or_404(state, request.match_info["voice_id"])
    if not voice.preview_ready():
        return error_response(
            "VOICE_PREVIEW_NOT_FOUND",
            "The preview for this voice is not available yet.",
            {"voice_id": voice.voice_id},
        )
    expires = int(time.time()) + state.preview_link_ttl_seconds
    signature = _signature(state.signing_key, voice.voice_id, expires)
    base = request.app[PUBLIC_URL_KEY] or f"{request.scheme}://{request.host}"
    url = f"{base}/_sim/preview/{quote(voice.voice_id)}.mp3?exp={expires}&sig={signature}"
    return json_response(200, {"signed_url": url})


def _cdn_error(status: int, code: str, message: str) -> web.Response:
    # Object stores answer signed-link failures in XML, not in the API's JSON.
    text = (
        "<?xml version='1.0' encoding='UTF-8'?>"
        f"<Error><Code>{code}</Code><Message>{message}</Message></Error>"
    )
    return web.Response(status=status, text=text, content_type="application/xml")


async def preview_file(request: web.Request) -> web.Response:
    state = request.app[STATE_KEY]
    voice_id = request.match_info["voice_id"]
    try:
        expires = int(request.query.get("exp", ""))
    except ValueError:
        return _cdn_error(403, "AccessDenied", "Missing or malformed expiry.")
    expected = _signature(state.signing_key, voice_id, expires)
    if not hmac.compare_digest(expected, request.query.get("sig", "")):
        return _cdn_error(403, "AccessDenied", "Signature does not match.")
    if expires < time.time():
        return _cdn_error(403, "AccessDenied", "Request has expired.")
    if voice_id not in state.voices:
        return _cdn_error(404, "NoSuchKey", "The specified key does not exist.")
    audio = await asyncio.to_thread(preview_mp3)
    return web.Response(body=audio, content_type="audio/mpeg")
