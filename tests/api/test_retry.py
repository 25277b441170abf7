"""The retry policy, counted on the simulator's call log."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from aiohttp import web

from bot.api import (
    ApiConnectionError,
    ApiError,
    ApiRateLimited,
    ApiUnavailable,
    AsyncVoiceClient,
)
from bot.api.errors import ApiMisconfigured, ApiQuotaExhausted
from bot.api.retry import RetryPolicy, retry_reason
from bot.api.translate import user_error
from simulator.server import RunningSimulator
from tests.api.conftest import TEST_KEY, Captured, RecordingObserver, capture_server, make_config

AVA = "00000000-0000-4000-8000-00000000a001"


def client_for(sim: RunningSimulator, **overrides: Any) -> AsyncVoiceClient:
    return AsyncVoiceClient(make_config(sim.url, sim.state.api_key, **overrides))


def get_calls(sim: RunningSimulator) -> int:
    return sim.state.count("GET", f"/voices/{AVA}")


async def test_rate_limit_waits_the_delay_the_api_asks_for(sim: RunningSimulator) -> None:
    sim.state.rate_limit("get", times=2, retry_after_ms=150)
    observer = RecordingObserver()
    config = make_config(sim.url, sim.state.api_key)
    async with AsyncVoiceClient(config, observer=observer) as client:
        started = time.monotonic()
        voice = await client.get_voice(AVA)
        elapsed = time.monotonic() - started
    assert voice.voice_id == AVA
    assert elapsed >= 0.3
    assert get_calls(sim) == 3
    assert observer.retries == [("get", "rate_limit_exceeded")] * 2
    assert observer.responses == [("get", 429), ("get", 429), ("get", 200)]


async def test_retry_after_header_is_honoured(sim: RunningSimulator) -> None:
    body = {"detail": {"error_code": "RATE_LIMIT_EXCEEDED", "message": "slow", "extra": {}}}
    sim.state.inject_raw("get", 429, body, headers={"Retry-After": "1"})
    async with client_for(sim) as client:
        started = time.monotonic()
        await client.get_voice(AVA)
        assert time.monotonic() - started >= 1.0
    assert get_calls(sim) == 2


async def test_a_delay_beyond_the_time_budget_fails_at_once(sim: RunningSimulator) -> None:
    sim.state.rate_limit("get", retry_after_ms=5000)
    async with client_for(sim, retry_max_seconds=1.0) as client:
        started = time.monotonic()
        with pytest.raises(ApiRateLimited) as caught:
            await client.get_voice(AVA)
        assert time.monotonic() - started < 1.0
    assert caught.value.retry_after == 5.0
    assert user_error(caught.value).code == "busy"
    assert get_calls(sim) == 1


@pytest.mark.parametrize(
    "fault",
    [
        ("inject", "TOO_MANY_CONCURRENT_REQUESTS"),
        ("inject", "SERVER_ERROR"),
        ("raw", 502),
        ("raw", 503),
    ],
)
async def test_transient_failures_are_retried_then_succeed(
    sim: RunningSimulator, fault: tuple[str, Any]
) -> None:
    kind, what = fault
    if kind == "inject":
        sim.state.inject("get", what, times=2)
    else:
        sim.state.inject_raw(
            "get", what, "<html><h1>Bad Gateway</h1></html>", times=2, content_type="text/html"
        )
    async with client_for(sim) as client:
        assert (await client.get_voice(AVA)).voice_id == AVA
    assert get_calls(sim) == 3


async def test_attempts_are_bounded(sim: RunningSimulator) -> None:
    sim.state.inject("get", "SERVER_ERROR", times=10)
    async with client_for(sim, max_attempts=3) as client:
        with pytest.raises(ApiUnavailable) as caught:
            await client.get_voice(AVA)
    assert caught.value.status == 500
    assert user_error(caught.value).code == "service_unavailable"
    assert get_calls(sim) == 3


async def test_concurrency_limit_exhausted_is_busy(sim: RunningSimulator) -> None:
    sim.state.inject("get", "TOO_MANY_CONCURRENT_REQUESTS", times=10)
    async with client_for(sim, max_attempts=2) as client:
        with pytest.raises(ApiRateLimited) as caught:
            await client.get_voice(AVA)
    assert caught.value.api_code == "TOO_MANY_CONCURRENT_REQUESTS"
    assert get_calls(sim) == 2


@pytest.mark.parametrize(
    ("api_code", "status"),
    [
        ("INVALID_LANGUAGE", None),
        ("BAD_SPEECH_QUALITY", None),
        ("INVALID_API_KEY", None),
        ("VOICE_NOT_FOUND", None),
        ("FILE_TOO_LARGE", None),
        ("USAGE_LIMIT_EXCEEDED", None),
        ("VOICE_CLONE_LIMIT_EXCEEDED", None),
    ],
)
async def test_never_retried(
    sim: RunningSimulator, wav: bytes, api_code: str, status: int | None
) -> None:
    sim.state.inject("clone", api_code, times=5)
    async with client_for(sim) as client:
        with pytest.raises(ApiError) as caught:
            await client.clone_voice(
                wav, filename="a.wav", content_type="audio/wav", name="n", marker="m"
            )
    assert caught.value.api_code == api_code
    assert retry_reason(caught.value) is None
    assert sim.state.count("POST", "/voices/clone") == 1
    assert sim.state.count("POST", "/voices") == 1  # no marker lookup either


async def test_unknown_4xx_bodies_are_not_retried(sim: RunningSimulator) -> None:
    sim.state.inject_raw("get", 400, {"detail": [{"loc": ["body"], "msg": "bad"}]})
    async with client_for(sim) as client:
        with pytest.raises(ApiUnavailable):
            await client.get_voice(AVA)
    assert get_calls(sim) == 1


async def test_timeouts_are_retried(sim: RunningSimulator) -> None:
    sim.state.timeout("get")
    async with client_for(sim, timeout_seconds=0.3) as client:
        assert (await client.get_voice(AVA)).voice_id == AVA
    assert get_calls(sim) == 2


async def test_timeouts_exhausted_are_service_unavailable(sim: RunningSimulator) -> None:
    sim.state.timeout("get", times=5)
    async with client_for(sim, timeout_seconds=0.2, max_attempts=2) as client:
        with pytest.raises(ApiConnectionError) as caught:
            await client.get_voice(AVA)
    assert user_error(caught.value).code == "service_unavailable"
    assert caught.value.outcome_unknown
    assert get_calls(sim) == 2


async def test_connection_refused_is_retried_and_bounded() -> None:
    # Grab a free port, then close it so nothing listens there.
    server = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    server.close()
    await server.wait_closed()
    observer = RecordingObserver()
    config = make_config(f"http://127.0.0.1:{port}", TEST_KEY)
    async with AsyncVoiceClient(config, observer=observer) as client:
        with pytest.raises(ApiConnectionError) as caught:
            await client.get_voice(AVA)
    assert not caught.value.outcome_unknown
    assert observer.retries == [("get", "connect_failed")] * 2


async def test_quota_and_key_errors_on_tts_are_final(sim: RunningSimulator) -> None:
    sim.state.tts_quota_chars = 3
    async with client_for(sim) as client:
        with pytest.raises(ApiQuotaExhausted):
            await client.text_to_speech(voice_id=AVA, transcript="far too long for the quota")
    assert sim.state.count("POST", "/text_to_speech") == 1
    async with client_for(sim) as client:
        sim.state.api_key = "sk_rotated_key_999999"
        with pytest.raises(ApiMisconfigured):
            await client.text_to_speech(voice_id=AVA, transcript="hi")
    assert sim.state.count("POST", "/text_to_speech") == 2


async def test_semaphore_caps_requests_in_flight() -> None:
    in_flight = 0
    peak = 0

    async def slow(request: web.Request, captured: Captured) -> web.Response:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        await asyncio.sleep(0.05)
        in_flight -= 1
        return web.json_response({"voice_id": "v"})

    async with capture_server({("GET", "/voices/v"): slow}) as server:
        config = make_config(server.url, TEST_KEY, max_concurrency=2)
        async with AsyncVoiceClient(config) as client:
            await asyncio.gather(*(client.get_voice("v") for _ in range(6)))
    assert peak == 2
    assert len(server.requests) == 6


async def test_the_semaphore_is_free_while_waiting_to_retry(sim: RunningSimulator) -> None:
    sim.state.rate_limit("get", retry_after_ms=800)
    async with client_for(sim, max_concurrency=1) as client:
        started = time.monotonic()
        waiting = asyncio.create_task(client.get_voice(AVA))
        await asyncio.sleep(0.1)
        await client.status()  # would queue behind the sleeping retry if it held the slot
        assert time.monotonic() - started < 0.7
        assert not waiting.done()
        await waiting
        assert time.monotonic() - started >= 0.8


def test_backoff_grows_with_jitter_and_is_capped() -> None:
    policy = RetryPolicy(backoff_base_seconds=0.5, backoff_max_seconds=4.0)
    for attempt, ceiling in [(1, 0.5), (2, 1.0), (3, 2.0), (4, 4.0), (9, 4.0)]:
        waits = {policy.backoff(attempt) for _ in range(20)}
        assert all(ceiling / 2 <= wait <= ceiling for wait in waits)
        assert len(waits) > 1
