"""``/_sim/*``: drive the simulator over HTTP when the bot runs as a subprocess.

No API key: these routes are for tests and operators on 127.0.0.1 and are not part of the API.
Every body and answer is JSON; mistakes answer 400 ``{"error": "..."}``.
"""

from __future__ import annotations

import json
import time
from typing import Any

from aiohttp import web

from simulator.state import STATE_KEY, SimulatorState

_CONFIG_KEYS = ("latency_seconds", "preview_delay_seconds", "clone_limit", "tts_quota_chars")


def add_control_routes(app: web.Application) -> None:
    app.router.add_post("/_sim/faults", _add_fault, name="sim_faults")
    app.router.add_delete("/_sim/faults", _clear_faults, name="sim_faults_clear")
    app.router.add_get("/_sim/calls", _calls, name="sim_calls", allow_head=False)
    app.router.add_get("/_sim/voices", _voices, name="sim_voices", allow_head=False)
    app.router.add_post("/_sim/reset", _reset, name="sim_reset")
    app.router.add_get("/_sim/config", _config, name="sim_config", allow_head=False)
    app.router.add_post("/_sim/config", _set_config, name="sim_config_set")


def _reply(body: Any, status: int = 200) -> web.Response:
    return web.Response(status=status, text=json.dumps(body), content_type="application/json")


async def _body(request: web.Request) -> dict[str, Any]:
    try:
        data = await request.json()
    except ValueError as exc:
        raise web.HTTPBadRequest(
            text=json.dumps({"error": f"invalid JSON: {exc}"}), content_type="application/json"
        ) from exc
    if not isinstance(data, dict):
        raise web.HTTPBadRequest(
            text=json.dumps({"error": "expected a JSON object"}), content_type="application/json"
        )
    return data


def apply_fault_request(state: SimulatorState, body: dict[str, Any]) -> None:
    """Map one ``POST /_sim/faults`` body onto the state's fault methods."""
    kind = body.get("kind") or ("raw" if "body" in body else "error")
    route = str(body.get("route", "*"))
    times = int(body.get("times", 1))
    if kind == "error":
        state.inject(
            route,
            str(body["error_code"]),
            times=times,
            status=int(body["status"]) if body.get("status") is not None else None,
            extra=body.get("extra"),
        )
    elif kind == "raw":
        state.inject_raw(
            route,
            int(body["status"]),
            body["body"],
            times=times,
            content_type=str(body.get("content_type", "application/json")),
            headers={str(k): str(v) for k, v in (body.get("headers") or {}).items()},
        )
    elif kind == "rate_limit":
        state.rate_limit(
            route,
            times=times,
            retry_after_ms=int(body.get("retry_after_ms", 200)),
            header=bool(body.get("header", False)),
        )
    elif kind == "drop_clone":
        mode = body.get("mode", "reset")
        if mode not in ("reset", "hang"):
            raise ValueError("mode must be 'reset' or 'hang'")
        state.drop_clone_response(times, mode=mode)
    elif kind == "timeout":
        state.timeout(route, times=times)
    else:
        raise ValueError(f"unknown kind {kind!r}")


async def _add_fault(request: web.Request) -> web.Response:
    body = await _body(request)
    try:
        apply_fault_request(request.app[STATE_KEY], body)
    except (KeyError, ValueError, TypeError, AttributeError) as exc:
        return _reply({"error": f"bad fault: {exc!r}"}, 400)
    return _reply({"ok": True})


async def _clear_faults(request: web.Request) -> web.Response:
    request.app[STATE_KEY].clear_faults()
    return _reply({"ok": True})


async def _calls(request: web.Request) -> web.Response:
    return _reply({"calls": [list(call) for call in request.app[STATE_KEY].calls]})


async def _voices(request: web.Request) -> web.Response:
    now = time.monotonic()
    voices = [
        {
            **voice.to_api(),
            "speech_seconds": voice.speech_seconds,
            "preview_ready": voice.preview_ready(now),
        }
        for voice in request.app[STATE_KEY].voices.values()
    ]
    return _reply({"voices": voices})


async def _reset(request: web.Request) -> web.Response:
    request.app[STATE_KEY].reset()
    return _reply({"ok": True})


def _current_config(state: SimulatorState) -> dict[str, Any]:
    return {key: getattr(state, key) for key in _CONFIG_KEYS}


async def _config(request: web.Request) -> web.Response:
    return _reply(_current_config(request.app[STATE_KEY]))


async def _set_config(request: web.Request) -> web.Response:
    state = request.app[STATE_KEY]
    body = await _body(request)
    unknown = set(body) - set(_CONFIG_KEYS)
    if unknown:
        return _reply({"error": f"unknown settings {sorted(unknown)}"}, 400)
    try:
        for key in ("latency_seconds", "preview_delay_seconds"):
            if key in body:
                setattr(state, key, max(0.0, float(body[key])))
        for key in ("clone_limit", "tts_quota_chars"):
            if key in body:
                setattr(state, key, None if body[key] is None else int(body[key]))
    except (TypeError, ValueError) as exc:
        return _reply({"error": f"bad setting: {exc!r}"}, 400)
    return _reply(_current_config(state))
