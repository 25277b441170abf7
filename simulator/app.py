"""The Async Voice API as an aiohttp app: every documented endpoint, status and body shape.

One middleware does what every route shares, in the real API's order as far as we can tell:
record the call (so retries are countable), add latency, check ``version`` and ``x-api-key``,
then apply a queued fault before the handler runs.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from collections.abc import Awaitable, Callable

from aiohttp import web

from simulator import previews, speech, voices
from simulator.control import add_control_routes
from simulator.errors import (
    SERVER_ERROR,
    ApiError,
    error_response,
    json_response,
    server_error_body,
)
from simulator.request_handling import (
    PUBLIC_URL_KEY,
    STOP_KEY,
    drop_connection,
    hang,
    release_hung_requests,
)
from simulator.state import STATE_KEY, Fault, SimulatorState

log = logging.getLogger(__name__)

__all__ = ["STATE_KEY", "create_app"]

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def create_app(
    state: SimulatorState | None = None, *, public_url: str | None = None
) -> web.Application:
    app = web.Application(middlewares=[_api_middleware])
    app[STATE_KEY] = state if state is not None else SimulatorState()
    app[PUBLIC_URL_KEY] = public_url.rstrip("/") if public_url else ""
    app[STOP_KEY] = asyncio.Event()
    app.on_shutdown.append(release_hung_requests)
    router = app.router
    router.add_get("/", voices.status, name="status", allow_head=False)
    router.add_post("/voices/clone", voices.clone, name="clone")
    router.add_post("/voices/batch", voices.batch, name="batch")
    router.add_post("/voices", voices.list_voices, name="list")
    router.add_get("/voices/preview/{voice_id}", previews.preview, name="preview", allow_head=False)
    router.add_get("/voices/{voice_id}", voices.get_voice, name="get", allow_head=False)
    router.add_put("/voices/{voice_id}", voices.update_voice, name="update")
    router.add_delete("/voices/{voice_id}", voices.delete_voice, name="delete")
    router.add_post("/text_to_speech", speech.tts, name="tts")
    router.add_post("/text_to_speech/streaming", speech.tts_stream, name="tts_stream")
    router.add_post("/text_to_speech/with_timestamps", speech.tts_timestamps, name="tts_timestamps")
    router.add_get(
        "/_sim/preview/{voice_id}.mp3", previews.preview_file, name="preview_file", allow_head=False
    )
    add_control_routes(app)
    return app


@web.middleware
async def _api_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    route_name = request.match_info.route.name or ""
    if route_name.startswith("sim_"):
        return await handler(request)
    state = request.app[STATE_KEY]
    state.calls.append((request.method, request.path))
    log.debug("API call %s %s", request.method, request.path)
    if route_name == "preview_file":  # a CDN link: no headers, no latency, no faults
        return await handler(request)
    if state.latency_seconds > 0:
        await asyncio.sleep(state.latency_seconds)
    unmatched = request.match_info.http_exception
    if unmatched is not None:
        return json_response(unmatched.status, {"detail": unmatched.reason})
    version = request.headers.get("version")
    if version != state.version:
        shown = f"'{version}'" if version else "(missing)"
        return error_response("VERSION_NOT_FOUND", f"API version {shown} not found.")
    if route_name != "status" and not _key_ok(request.headers.get("x-api-key"), state.api_key):
        return _invalid_key(request.headers.get("x-api-key"))
    fault = state.take_fault(route_name)
    if fault is not None:
        return await _apply_fault(request, fault)
    try:
        return await handler(request)
    except ApiError as exc:
        return exc.response
    except web.HTTPException:
        raise
    except Exception as exc:
        # A simulator bug still answers in the API's documented 500 shape.
        log.exception("simulator failed on %s %s", request.method, request.path)
        return json_response(500, server_error_body(request.method, request.path, repr(exc)))


def _key_ok(given: str | None, expected: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())


def _invalid_key(given: str | None) -> web.Response:
    # The real API echoes a truncated key; clients must redact it before logging.
    shown = f"{given[:6]}..." if given else "(missing)"
    return error_response("INVALID_API_KEY", f"Invalid API key: {shown}")


async def _apply_fault(request: web.Request, fault: Fault) -> web.StreamResponse:
    if fault.action != "respond":
        if fault.action == "hang":
            await hang(request)
        return drop_connection(request)
    body = fault.body
    if fault.error_code == SERVER_ERROR and isinstance(body, dict):
        body = {**body, "method": request.method, "url": request.path}
    elif fault.error_code == "VOICE_NOT_FOUND" and isinstance(body, dict):
        detail = body["detail"]
        if "voice_id" not in detail["extra"] and "voice_id" in request.match_info:
            extra = {**detail["extra"], "voice_id": request.match_info["voice_id"]}
            body = {"detail": {**detail, "extra": extra}}
    payload = json.dumps(body).encode() if isinstance(body, dict | list) else body
    if isinstance(payload, str):
        payload = payload.encode()
    return web.Response(
        status=fault.status,
        body=payload,
        content_type=fault.content_type,
        headers=fault.headers,
    )
