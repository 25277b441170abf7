"""The API client against the simulator, and a tiny capture server for what the simulator
can't show (exact request fields and headers, odd pagination, split stream chunks)."""

from __future__ import annotations

import io
import wave
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pytest
from aiohttp import web
from pydantic import SecretStr

from bot.api import ApiConfig, AsyncVoiceClient
from simulator.server import RunningSimulator

TEST_KEY = "sk_test_capture_0123456789abcdef"


def voiced_wav(seconds: float = 5.0, rate: int = 16_000) -> bytes:
    """Speech-like audio: a harmonic tone with a moving pitch, amplitude-modulated at ~4 Hz
    like syllables; 16 kHz mono PCM16 WAV."""
    t = np.arange(int(seconds * rate)) / rate
    pitch = 140.0 + 15.0 * np.sin(2 * np.pi * 0.5 * t)
    phase = 2 * np.pi * np.cumsum(pitch) / rate
    tone = sum(np.sin(k * phase) / k for k in range(1, 11))
    envelope = 0.55 + 0.45 * np.sin(2 * np.pi * 4.0 * t)
    samples = 0.5 * tone / np.max(np.abs(tone)) * envelope
    pcm = (samples * 32767).astype("<i2")
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm.tobytes())
    return buffer.getvalue()


@pytest.fixture(scope="session")
def wav() -> bytes:
    return voiced_wav()


def make_config(base_url: str, api_key: str, **overrides: Any) -> ApiConfig:
    """Small timeouts and backoff so failure paths stay fast."""
    values: dict[str, Any] = {
        "timeout_seconds": 5.0,
        "max_attempts": 3,
        "retry_max_seconds": 5.0,
        "backoff_base_seconds": 0.01,
        "backoff_max_seconds": 0.05,
    }
    values.update(overrides)
    return ApiConfig(base_url=base_url, api_key=SecretStr(api_key), **values)


@pytest.fixture
async def api(sim: RunningSimulator) -> AsyncIterator[AsyncVoiceClient]:
    async with AsyncVoiceClient(make_config(sim.url, sim.state.api_key)) as client:
        yield client


@dataclass
class RecordingObserver:
    responses: list[tuple[str, int]] = field(default_factory=list)
    retries: list[tuple[str, str]] = field(default_factory=list)

    def on_response(self, endpoint: str, status: int, seconds: float) -> None:
        assert seconds >= 0
        self.responses.append((endpoint, status))

    def on_retry(self, endpoint: str, reason: str) -> None:
        self.retries.append((endpoint, reason))


@dataclass
class Captured:
    method: str
    path: str
    raw_path: str
    query: dict[str, str]
    headers: dict[str, str]
    json: Any = None
    form: dict[str, str] = field(default_factory=dict)
    files: dict[str, tuple[str | None, str, bytes]] = field(default_factory=dict)


Handler = Callable[[web.Request, Captured], Any]


@dataclass
class CaptureServer:
    url: str
    requests: list[Captured]


@asynccontextmanager
async def capture_server(
    routes: Mapping[tuple[str, str], Handler],
) -> AsyncIterator[CaptureServer]:
    """A real local HTTP server: records every request, answers with ``routes[(method,
    path)](request, captured)``."""
    requests: list[Captured] = []

    async def handle(request: web.Request) -> web.StreamResponse:
        captured = Captured(
            method=request.method,
            path=request.path,
            raw_path=request.raw_path,
            query=dict(request.query),
            headers={key.lower(): value for key, value in request.headers.items()},
        )
        if request.content_type == "application/json":
            captured.json = await request.json()
        elif request.content_type == "multipart/form-data":
            for name, value in (await request.post()).items():
                if isinstance(value, web.FileField):
                    captured.files[name] = (value.filename, value.content_type, value.file.read())
                else:
                    captured.form[name] = str(value)
        requests.append(captured)
        handler = routes.get((request.method, request.path))
        if handler is None:
            return web.json_response({"detail": "Not Found"}, status=404)
        response: web.StreamResponse = await handler(request, captured)
        return response

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    try:
        yield CaptureServer(url=f"http://{host}:{port}", requests=requests)
    finally:
        await runner.cleanup()


@asynccontextmanager
async def client_against(
    routes: Mapping[tuple[str, str], Handler], key: str = TEST_KEY, **config: Any
) -> AsyncIterator[tuple[CaptureServer, AsyncVoiceClient]]:
    """A capture server and a client pointed at it."""
    async with (
        capture_server(routes) as server,
        AsyncVoiceClient(make_config(server.url, key, **config)) as client,
    ):
        yield server, client
