"""Text to speech: real audio in every container, markup, quota, streaming and timestamps."""

from __future__ import annotations

import base64
from typing import Any

import aiohttp
import numpy as np
import pytest

from simulator import RunningSimulator

from .conftest import decode

AVA = "00000000-0000-4000-8000-00000000a001"
MARKER = b"--ERROR:QUOTA_EXCEEDED--"


def _body(transcript: str = "Hello there, friend.", **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "model_id": "async_flash_v1.0",
        "transcript": transcript,
        "voice": {"mode": "id", "id": AVA},
        "output_format": {"container": "mp3", "sample_rate": 24000, "bit_rate": 64000},
    }
    body.update(overrides)
    return body


async def _post(
    sim: RunningSimulator,
    http: aiohttp.ClientSession,
    headers: dict[str, str],
    path: str,
    body: dict[str, Any],
) -> tuple[int, str, bytes]:
    async with http.post(f"{sim.url}{path}", json=body, headers=headers) as response:
        return response.status, response.content_type, await response.read()


@pytest.mark.parametrize("container", ["mp3", "wav"])
async def test_tts_returns_decodable_audio_about_60ms_per_char(
    sim: RunningSimulator, http: aiohttp.ClientSession, headers: dict[str, str], container: str
) -> None:
    text = "The quick brown fox jumps over the lazy dog"
    body = _body(text, output_format={"container": container, "sample_rate": 16000})
    status, content_type, audio = await _post(sim, http, headers, "/text_to_speech", body)
    assert status == 200
    assert content_type == {"mp3": "audio/mpeg", "wav": "audio/wav"}[container]
    samples, rate = decode(audio)
    assert rate == 16000
    assert samples.size / rate == pytest.approx(0.06 * (len(text) + 1), abs=0.1)
    assert float(np.abs(samples).max()) > 0.1


@pytest.mark.parametrize(
    ("encoding", "width"), [("pcm_s16le", 2), ("pcm_f32le", 4), ("pcm_mulaw", 1)]
)
async def test_raw_pcm_encodings(
    sim: RunningSimulator,
    http: aiohttp.ClientSession,
    headers: dict[str, str],
    encoding: str,
    width: int,
) -> None:
    fmt = {"container": "raw", "sample_rate": 8000, "encoding": encoding}
    status, content_type, audio = await _post(
        sim, http, headers, "/text_to_speech", _body("abcd", output_format=fmt)
    )
    assert status == 200
    assert content_type == "application/octet-stream"
    assert len(audio) == round(0.3 * 8000) * width  # 5 chars * 60 ms at 8 kHz


async def test_markup_is_honoured(
    sim: RunningSimulator, http: aiohttp.ClientSession, headers: dict[str, str]
) -> None:
    fmt = {"container": "raw", "sample_rate": 8000, "encoding": "pcm_s16le"}
    plain = _body("ab", output_format=fmt)
    paused = _body("ab <break time='400ms'/> <emphasis>ab</emphasis>", output_format=fmt)
    lengths = []
    for body in (plain, paused):
        status, _, audio = await _post(sim, http, headers, "/text_to_speech", body)
        assert status == 200
        lengths.append(len(audio) / 2 / 8000)
    assert lengths[1] - 2 * lengths[0] == pytest.approx(0.4, abs=0.01)


async def test_timestamps_align_words_and_digits(
    sim: RunningSimulator, http: aiohttp.ClientSession, headers: dict[str, str]
) -> None:
    text = 'Call <digits>42</digits> <break time="1s"/> <phonemes>ˈhɛloʊ</phonemes> now'
    status, _, raw = await _post(sim, http, headers, "/text_to_speech/with_timestamps", _body(text))
    assert status == 200
    import json

    body = json.loads(raw)
    alignment = body["alignment"]
    assert alignment["words"] == ["Call", "4", "2", "ˈhɛloʊ", "now"]
    starts = alignment["word_start_times_milliseconds"]
    ends = alignment["word_end_times_milliseconds"]
    assert starts[0] == 0
    assert all(s < e for s, e in zip(starts, ends, strict=True))
    assert all(e <= s for e, s in zip(ends, starts[1:], strict=False))
    assert starts[3] - ends[2] >= 1000  # the break
    samples, rate = decode(base64.b64decode(body["audio_base64"]))
    assert samples.size / rate * 1000 >= ends[-1]


async def test_streaming_sends_several_chunks(
    sim: RunningSimulator, http: aiohttp.ClientSession, headers: dict[str, str]
) -> None:
    body = _body("streaming " * 30, output_format={"container": "raw", "sample_rate": 16000})
    async with http.post(
        f"{sim.url}/text_to_speech/streaming", json=body, headers=headers
    ) as response:
        assert response.status == 200
        assert response.headers.get("Transfer-Encoding") == "chunked"
        chunks = [chunk async for chunk, _ in response.content.iter_chunks()]
    audio = b"".join(chunk for chunk in chunks)
    assert len([c for c in chunks if c]) >= 3
    assert len(audio) == 30 * round(0.06 * 10 * 16000) * 2  # 60 ms per char and space
    assert MARKER not in audio


async def test_streaming_quota_runs_out_mid_stream_with_a_split_marker(
    sim: RunningSimulator, http: aiohttp.ClientSession, headers: dict[str, str]
) -> None:
    text = "word " * 40  # 199 billable characters
    sim.state.tts_quota_chars = 100
    async with http.post(
        f"{sim.url}/text_to_speech/streaming", json=_body(text), headers=headers
    ) as response:
        assert response.status == 200
        chunks = [chunk async for chunk, _ in response.content.iter_chunks()]
    data = b"".join(chunks)
    assert data.endswith(MARKER)
    assert not any(MARKER in chunk for chunk in chunks)  # it straddles a chunk boundary
    audio = data[: -len(MARKER)]
    assert audio[:3] == b"ID3" or audio[:2] == b"\xff\xfb"
    assert sim.state.tts_quota_chars == 0
    # with nothing left, the next request is refused up front
    status, _, raw = await _post(sim, http, headers, "/text_to_speech/streaming", _body("hi"))
    assert status == 429
    assert b"USAGE_LIMIT_EXCEEDED" in raw


async def test_plain_tts_over_quota_is_429_and_charges_nothing(
    sim: RunningSimulator, http: aiohttp.ClientSession, headers: dict[str, str]
) -> None:
    sim.state.tts_quota_chars = 10
    for path in ("/text_to_speech", "/text_to_speech/with_timestamps"):
        status, _, raw = await _post(sim, http, headers, path, _body("far too long for it"))
        assert status == 429
        assert b"USAGE_LIMIT_EXCEEDED" in raw
    assert sim.state.tts_quota_chars == 10
    status, _, _ = await _post(sim, http, headers, "/text_to_speech", _body("five!"))
    assert status == 200
    assert sim.state.tts_quota_chars == 5


@pytest.mark.parametrize(
    ("path", "model", "language", "code"),
    [
        ("/text_to_speech", "async_flash_v1.0", "tr", None),
        ("/text_to_speech", "async_flash_v1.0", "sv", "INVALID_LANGUAGE"),
        ("/text_to_speech/streaming", "async_flash_v1.5", "pt", None),
        ("/text_to_speech/streaming", "async_flash_v1.5", "ja", "INVALID_LANGUAGE"),
        ("/text_to_speech/with_timestamps", "async_pro_v1.0", "en", None),
        ("/text_to_speech/with_timestamps", "async_pro_v1.0", "de", "INVALID_LANGUAGE"),
    ],
)
async def test_languages_per_model(
    sim: RunningSimulator,
    http: aiohttp.ClientSession,
    headers: dict[str, str],
    path: str,
    model: str,
    language: str,
    code: str | None,
) -> None:
    status, _, raw = await _post(
        sim, http, headers, path, _body("hola", model_id=model, language=language)
    )
    if code is None:
        assert status == 200
    else:
        assert status == 400
        assert code.encode() in raw


async def test_plain_endpoint_only_serves_flash_v1_0(
    sim: RunningSimulator, http: aiohttp.ClientSession, headers: dict[str, str]
) -> None:
    for model in ("async_flash_v1.5", "async_pro_v1.0"):
        status, _, _ = await _post(sim, http, headers, "/text_to_speech", _body(model_id=model))
        assert status == 400


@pytest.mark.parametrize(
    "overrides",
    [
        {"model_id": "nope"},
        {"transcript": None},
        {"voice": None},
        {"output_format": {"container": "ogg"}},
        {"output_format": {"container": "raw", "sample_rate": 4000}},
        {"output_format": {"container": "raw", "encoding": "pcm_alaw"}},
        {"output_format": {"container": "mp3", "bit_rate": 1}},
        {"speed_control": 3},
        {"transcript": "x" * 5001},
    ],
)
async def test_bad_bodies_are_400_list_detail(
    sim: RunningSimulator,
    http: aiohttp.ClientSession,
    headers: dict[str, str],
    overrides: dict[str, Any],
) -> None:
    status, _, raw = await _post(sim, http, headers, "/text_to_speech", _body(**overrides))
    assert status == 400
    assert raw.startswith(b'{"detail": [')


async def test_streaming_refuses_wav(
    sim: RunningSimulator, http: aiohttp.ClientSession, headers: dict[str, str]
) -> None:
    body = _body(output_format={"container": "wav"})
    status, _, _ = await _post(sim, http, headers, "/text_to_speech/streaming", body)
    assert status == 400


async def test_unknown_voice_is_voice_not_found(
    sim: RunningSimulator, http: aiohttp.ClientSession, headers: dict[str, str]
) -> None:
    body = _body(voice={"mode": "id", "id": "ghost"})
    for path in ("/text_to_speech", "/text_to_speech/streaming", "/text_to_speech/with_timestamps"):
        status, _, raw = await _post(sim, http, headers, path, body)
        assert status == 404
        assert b'"voice_id": "ghost"' in raw
