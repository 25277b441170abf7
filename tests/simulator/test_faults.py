"""Injected faults: every documented code, odd body shapes, rate limits, latency, hangs."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import aiohttp
import pytest

from simulator import ROUTES, RunningSimulator, SimulatorState
from simulator.errors import CATALOGUE

AVA = "00000000-0000-4000-8000-00000000a001"

# One request per route name, so each can be aimed at.
REQUESTS: dict[str, tuple[str, str, Any]] = {
    "status": ("GET", "/", None),
    "clone": ("POST", "/voices/clone", None),
    "list": ("POST", "/voices", {}),
    "get": ("GET", f"/voices/{AVA}", None),
    "batch": ("POST", "/voices/batch", {"voice_ids": [AVA]}),
    "update": ("PUT", f"/voices/{AVA}", {"name": "x"}),
    "delete": ("DELETE", f"/voices/{AVA}", None),
    "preview": ("GET", f"/voices/preview/{AVA}", None),
    "tts": ("POST", "/text_to_speech", {}),
    "tts_stream": ("POST", "/text_to_speech/streaming", {}),
    "tts_timestamps": ("POST", "/text_to_speech/with_timestamps", {}),
}


async def _call(
    sim: RunningSimulator, http: aiohttp.ClientSession, route: str, **kwargs: Any
) -> aiohttp.ClientResponse:
    method, path, body = REQUESTS[route]
    headers = {"x-api-key": sim.state.api_key, "version": "v1"}
    response = await http.request(method, f"{sim.url}{path}", json=body, headers=headers, **kwargs)
    await response.read()
    response.release()
    return response


def test_every_route_has_a_request() -> None:
    assert set(REQUESTS) | {"*"} == ROUTES


@pytest.mark.parametrize("route", sorted(REQUESTS))
@pytest.mark.parametrize("code", sorted(c for c in CATALOGUE if c != "SERVER_ERROR"))
async def test_each_code_on_each_route_has_the_documented_shape(
    sim: RunningSimulator, http: aiohttp.ClientSession, route: str, code: str
) -> None:
    sim.state.inject(route, code)
    response = await _call(sim, http, route)
    assert response.status == CATALOGUE[code].status
    detail = (await response.json())["detail"]
    assert detail["error_code"] == code
    assert isinstance(detail["message"], str)
    assert isinstance(detail["extra"], dict)
    if code == "VOICE_NOT_FOUND" and route in ("get", "update", "delete", "preview"):
        assert detail["extra"]["voice_id"] == AVA
    assert sim.state.calls[-1] == REQUESTS[route][:2]


async def test_fault_uses_times_then_clears(
    sim: RunningSimulator, http: aiohttp.ClientSession
) -> None:
    sim.state.inject("list", "TOO_MANY_CONCURRENT_REQUESTS", times=2)
    statuses = [(await _call(sim, http, "list")).status for _ in range(3)]
    assert statuses == [429, 429, 200]
    assert sim.state.count("POST", "/voices") == 3
    assert sim.state.faults == {"list": []}


async def test_route_faults_queue_in_order_and_beat_the_wildcard(
    sim: RunningSimulator, http: aiohttp.ClientSession
) -> None:
    sim.state.inject("*", "BAD_SPEECH_QUALITY", times=5)
    sim.state.inject("get", "VOICE_NOT_FOUND")
    sim.state.inject("get", "USAGE_LIMIT_EXCEEDED")
    codes = []
    for route in ("get", "get", "get", "status"):
        response = await _call(sim, http, route)
        codes.append((await response.json())["detail"]["error_code"])
    assert codes == [
        "VOICE_NOT_FOUND",
        "USAGE_LIMIT_EXCEEDED",
        "BAD_SPEECH_QUALITY",
        "BAD_SPEECH_QUALITY",
    ]


async def test_server_error_is_flat(sim: RunningSimulator, http: aiohttp.ClientSession) -> None:
    sim.state.inject("batch", "SERVER_ERROR")
    response = await _call(sim, http, "batch")
    assert response.status == 500
    body = await response.json()
    assert body["method"] == "POST"
    assert body["url"] == "/voices/batch"
    assert isinstance(body["detail"], str)
    assert isinstance(body["message"], str)


async def test_inject_overrides_status_and_extra_and_rejects_nonsense(
    sim: RunningSimulator, http: aiohttp.ClientSession
) -> None:
    sim.state.inject("clone", "VOICE_PREVIEW_NOT_FOUND", status=409, extra={"why": "test"})
    sim.state.inject("clone", "BRAND_NEW_CODE", status=418)
    response = await _call(sim, http, "clone")
    assert response.status == 409
    assert (await response.json())["detail"]["extra"] == {"why": "test"}
    response = await _call(sim, http, "clone")
    assert response.status == 418
    assert (await response.json())["detail"]["error_code"] == "BRAND_NEW_CODE"
    with pytest.raises(ValueError, match="unknown error code"):
        sim.state.inject("clone", "BRAND_NEW_CODE")
    with pytest.raises(ValueError, match="unknown route"):
        sim.state.inject("voices", "VOICE_NOT_FOUND")
    with pytest.raises(ValueError, match="times"):
        sim.state.timeout("get", times=0)


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        ("<html><body>502 Bad Gateway</body></html>", "text/html", b"<html>"),
        (
            {"detail": [{"loc": ["body", "name"], "msg": "Field required"}]},
            None,
            b'{"detail": [{"loc"',
        ),
        ({"detail": "Something broke"}, None, b'{"detail": "Something broke"}'),
        ({"error_code": "RATE_LIMIT_EXCEEDED", "message": "m"}, None, b'{"error_code"'),
        ([1, 2], None, b"[1, 2]"),
        (b"\x00\xffbinary", "application/octet-stream", b"\x00\xffbinary"),
    ],
)
async def test_inject_raw_sends_exactly_that(
    sim: RunningSimulator,
    http: aiohttp.ClientSession,
    body: Any,
    content_type: str | None,
    expected: bytes,
) -> None:
    sim.state.inject_raw(
        "get",
        502,
        body,
        headers={"X-Proxy": "yes"},
        content_type=content_type or "application/json",
    )
    method, path, _ = REQUESTS["get"]
    headers = {"x-api-key": sim.state.api_key, "version": "v1"}
    async with http.request(method, f"{sim.url}{path}", headers=headers) as response:
        assert response.status == 502
        assert response.content_type == (content_type or "application/json")
        assert response.headers["X-Proxy"] == "yes"
        assert (await response.read()).startswith(expected)


async def test_rate_limit_with_and_without_header(
    sim: RunningSimulator, http: aiohttp.ClientSession
) -> None:
    sim.state.rate_limit("tts", retry_after_ms=1500, header=True)
    sim.state.rate_limit("tts", retry_after_ms=50)
    first = await _call(sim, http, "tts")
    assert first.status == 429
    assert first.headers["Retry-After"] == "2"
    detail = (await first.json())["detail"]
    assert detail["error_code"] == "RATE_LIMIT_EXCEEDED"
    assert detail["extra"]["retry_after_ms"] == 1500
    second = await _call(sim, http, "tts")
    assert "Retry-After" not in second.headers
    assert (await second.json())["detail"]["extra"]["retry_after_ms"] == 50


async def test_faults_apply_only_after_the_headers_pass(
    sim: RunningSimulator, http: aiohttp.ClientSession
) -> None:
    sim.state.inject("list", "SERVER_ERROR")
    async with http.post(f"{sim.url}/voices", json={}, headers={"version": "v1"}) as response:
        assert response.status == 401
    assert (await _call(sim, http, "list")).status == 500


async def test_timeout_on_a_read_route_and_server_shuts_down_promptly(
    http: aiohttp.ClientSession,
) -> None:
    from simulator import run_simulator

    started = time.monotonic()
    async with run_simulator() as sim:
        sim.state.timeout("get")
        with pytest.raises(asyncio.TimeoutError):
            await _call(sim, http, "get", timeout=aiohttp.ClientTimeout(total=0.2))
        assert (await _call(sim, http, "get")).status == 200
    assert time.monotonic() - started < 3  # the hung handler did not hold up shutdown


async def test_latency_is_added_to_every_response(http: aiohttp.ClientSession) -> None:
    from simulator import run_simulator

    async with run_simulator(SimulatorState(latency_seconds=0.15)) as sim:
        started = time.monotonic()
        assert (await _call(sim, http, "status")).status == 200
        assert time.monotonic() - started >= 0.15


async def test_reset_restores_the_start_state(
    sim: RunningSimulator, http: aiohttp.ClientSession
) -> None:
    state = sim.state
    await _call(sim, http, "status")
    state.add_custom_voice(
        name="x", description=None, gender=None, accent=None, style=None, speech_seconds=4.0
    )
    state.inject("*", "SERVER_ERROR")
    state.drop_clone_response()
    state.tts_quota_chars = 3
    state.latency_seconds = 1.0
    key = state.api_key
    state.reset()
    assert [v.voice_type for v in state.voices.values()] == ["PREDEFINED", "PREDEFINED"]
    assert state.calls == []
    assert state.faults == {}
    assert state.dropped_clones == []
    assert state.tts_quota_chars is None
    assert state.latency_seconds == 0.0
    assert state.api_key == key
    assert (await _call(sim, http, "status")).status == 200
