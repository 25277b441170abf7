"""Streaming TTS: the in-band quota marker, retries before the first byte only."""

from __future__ import annotations

import asyncio

import pytest
from aiohttp import web

from bot.api import QUOTA_MARKER, ApiQuotaExhausted, AsyncVoiceClient
from bot.api.translate import user_error
from simulator.server import RunningSimulator
from tests.api.conftest import Captured, client_against, make_config

AVA = "00000000-0000-4000-8000-00000000a001"


async def collect(
    client: AsyncVoiceClient, transcript: str
) -> tuple[list[bytes], BaseException | None]:
    chunks: list[bytes] = []
    try:
        async for chunk in client.stream_text_to_speech(
            voice_id=AVA, transcript=transcript, container="raw", encoding="pcm_s16le"
        ):
            chunks.append(chunk)
    except ApiQuotaExhausted as exc:
        return chunks, exc
    return chunks, None


def assert_no_marker_bytes(data: bytes) -> None:
    assert b"--ERROR" not in data
    for length in range(1, len(QUOTA_MARKER)):
        assert not data.endswith(QUOTA_MARKER[:length]), length


@pytest.mark.parametrize("calls_before", range(4))
async def test_quota_marker_mid_stream_from_the_simulator(
    sim: RunningSimulator, calls_before: int
) -> None:
    # The simulator moves the split point of the marker with its call count.
    sim.state.calls.extend([("GET", "/x")] * calls_before)
    sim.state.tts_quota_chars = 10
    async with AsyncVoiceClient(make_config(sim.url, sim.state.api_key)) as client:
        chunks, error = await collect(client, "This sentence is longer than the quota allows.")
    assert isinstance(error, ApiQuotaExhausted)
    assert user_error(error).code == "quota_exhausted"
    audio = b"".join(chunks)
    assert audio
    assert_no_marker_bytes(audio)
    assert len(audio) % 2 == 0


async def test_marker_split_over_many_writes() -> None:
    pieces = [b"\x01\x02" * 300, QUOTA_MARKER[:3], QUOTA_MARKER[3:12], QUOTA_MARKER[12:], b"junk"]

    async def stream(request: web.Request, captured: Captured) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "application/octet-stream"})
        response.enable_chunked_encoding()
        await response.prepare(request)
        for piece in pieces:
            await response.write(piece)
            await asyncio.sleep(0.01)
        await response.write_eof()
        return response

    async with client_against({("POST", "/text_to_speech/streaming"): stream}) as (_server, client):
        chunks, error = await collect(client, "hello")
    assert isinstance(error, ApiQuotaExhausted)
    assert b"".join(chunks) == pieces[0]


async def test_marker_in_a_plain_tts_answer_is_quota() -> None:
    async def tts(request: web.Request, captured: Captured) -> web.Response:
        return web.Response(body=b"ID3 partial" + QUOTA_MARKER, content_type="audio/mpeg")

    async with client_against({("POST", "/text_to_speech"): tts}) as (_server, client):
        with pytest.raises(ApiQuotaExhausted):
            await client.text_to_speech(voice_id=AVA, transcript="hi")


async def test_a_stream_within_quota_is_complete(sim: RunningSimulator) -> None:
    sim.state.tts_quota_chars = 1000
    async with AsyncVoiceClient(make_config(sim.url, sim.state.api_key)) as client:
        chunks, error = await collect(client, "Short one.")
    assert error is None
    assert len(b"".join(chunks)) > 1000


async def test_opening_the_stream_is_retried(sim: RunningSimulator) -> None:
    sim.state.inject("tts_stream", "SERVER_ERROR")
    sim.state.rate_limit("tts_stream", retry_after_ms=50)
    async with AsyncVoiceClient(make_config(sim.url, sim.state.api_key)) as client:
        chunks, error = await collect(client, "Hello")
    assert error is None
    assert chunks
    assert sim.state.count("POST", "/text_to_speech/streaming") == 3


async def test_quota_already_used_up_fails_before_streaming(sim: RunningSimulator) -> None:
    sim.state.tts_quota_chars = 0
    async with AsyncVoiceClient(make_config(sim.url, sim.state.api_key)) as client:
        chunks, error = await collect(client, "Hello")
    assert isinstance(error, ApiQuotaExhausted)
    assert error.status == 429
    assert chunks == []
    assert sim.state.count("POST", "/text_to_speech/streaming") == 1


async def test_stopping_early_frees_the_slot(sim: RunningSimulator) -> None:
    config = make_config(sim.url, sim.state.api_key, max_concurrency=1)
    async with AsyncVoiceClient(config) as client:
        stream = client.stream_text_to_speech(voice_id=AVA, transcript="A long sentence " * 5)
        assert isinstance(stream, object)
        iterator = aiter(stream)
        await anext(iterator)
        await iterator.aclose()  # type: ignore[attr-defined]
        # With the only slot still taken this would wait forever.
        status = await asyncio.wait_for(client.status(), 2)
    assert status.ok
