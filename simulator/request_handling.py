"""What the route modules share: hanging and dropping requests, JSON bodies, voice lookup."""

from __future__ import annotations

import asyncio
import contextlib
import json
from typing import Any, Final

from aiohttp import web

from simulator.errors import ApiError, error_response, validation_response
from simulator.state import SimulatorState, SimVoice

HANG_SECONDS: Final = 3600.0
STOP_KEY: Final = web.AppKey("simulator_stop", asyncio.Event)
PUBLIC_URL_KEY: Final = web.AppKey("simulator_public_url", str)


async def hang(request: web.Request) -> None:
    """Never answer (well, for an hour), but let the server shut down promptly."""
    stop = request.app[STOP_KEY]
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), HANG_SECONDS)


def drop_connection(request: web.Request) -> web.Response:
    """Close the socket with no response; aiohttp then quietly skips writing the returned one."""
    transport = request.transport
    if transport is not None:
        transport.abort()
    return web.Response(status=204)


async def release_hung_requests(app: web.Application) -> None:
    app[STOP_KEY].set()


async def json_object(request: web.Request, *, allow_empty: bool = False) -> dict[str, Any]:
    raw = await request.read()
    if not raw.strip():
        if allow_empty:
            return {}
        raise ApiError(validation_response(("body",), "Field required", "missing"))
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise ApiError(
            validation_response(("body", 0), f"JSON decode error: {exc}", "json_invalid")
        ) from exc
    if not isinstance(data, dict):
        raise ApiError(
            validation_response(("body",), "Input should be a valid dictionary", "dict_type", data)
        )
    return data


def voice_or_404(state: SimulatorState, voice_id: str) -> SimVoice:
    voice = state.voices.get(voice_id)
    if voice is None:
        raise ApiError(voice_not_found(voice_id))
    return voice


def voice_not_found(voice_id: str) -> web.Response:
    return error_response("VOICE_NOT_FOUND", f"Voice {voice_id} not found.", {"voice_id": voice_id})
