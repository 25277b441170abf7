"""Clone Voice: real decoding, every documented rejection, and responses that get lost."""

from __future__ import annotations

import asyncio
import os

import aiohttp
import numpy as np
import pytest

from simulator import RunningSimulator

from .conftest import clone_form, encode, voiced


async def _clone(
    sim: RunningSimulator, http: aiohttp.ClientSession, form: aiohttp.FormData
) -> tuple[int, object]:
    headers = {"x-api-key": sim.state.api_key, "version": "v1"}
    async with http.post(f"{sim.url}/voices/clone", data=form, headers=headers) as response:
        return response.status, await response.json()


def _code(body: object) -> str:
    assert isinstance(body, dict)
    return str(body["detail"]["error_code"])


@pytest.mark.parametrize("fmt", ["wav", "mp3", "flac", "aiff"])
async def test_clone_decodes_each_format_and_creates_a_voice(
    sim: RunningSimulator, http: aiohttp.ClientSession, fmt: str
) -> None:
    audio = encode(voiced(4.0), fmt)
    status, body = await _clone(
        sim, http, clone_form(audio, "Ada", f"clip.{fmt}", description="Mine", gender="Female")
    )
    assert status == 200, body
    assert isinstance(body, dict)
    assert set(body) == {"id", "name", "description", "language"}
    assert body["name"] == "Ada"
    assert body["description"] == "Mine"
    assert body["language"] == "en,de,es,fr,it"
    voice = sim.state.voices[body["id"]]
    assert voice.voice_type == "CUSTOM"
    assert voice.gender == "Female"
    assert 3.5 <= voice.speech_seconds <= 4.1


async def test_optional_fields_are_stored_and_absent_ones_are_none(
    sim: RunningSimulator, http: aiohttp.ClientSession, speech_wav: bytes
) -> None:
    form = clone_form(
        speech_wav, accent="Irish", style="Storytelling", enhance="true", transcript="hi"
    )
    status, body = await _clone(sim, http, form)
    assert status == 200
    assert isinstance(body, dict)
    assert body["description"] is None
    voice = sim.state.voices[body["id"]]
    assert (voice.accent, voice.style, voice.gender) == ("Irish", "Storytelling", None)


async def test_garbage_is_format_not_recognized(
    sim: RunningSimulator, http: aiohttp.ClientSession
) -> None:
    for junk in (b"definitely not audio" * 50, os.urandom(4096), b""):
        status, body = await _clone(sim, http, clone_form(junk))
        assert (status, _code(body)) == (400, "FORMAT_NOT_RECOGNIZED")
    assert sim.state.custom_voice_count() == 0


async def test_silence_and_short_speech_are_short_speech_duration(
    sim: RunningSimulator, http: aiohttp.ClientSession
) -> None:
    silence = encode(np.zeros(16_000 * 6, dtype=np.float32))
    padded = encode(np.concatenate([voiced(2.0), np.zeros(16_000 * 5, dtype=np.float32)]))
    for audio in (silence, padded, encode(voiced(2.5), "mp3")):
        status, body = await _clone(sim, http, clone_form(audio))
        assert (status, _code(body)) == (400, "SHORT_SPEECH_DURATION")
    assert sim.state.custom_voice_count() == 0


async def test_file_over_10_mib_is_413(sim: RunningSimulator, http: aiohttp.ClientSession) -> None:
    status, body = await _clone(sim, http, clone_form(b"\0" * (10 * 1024 * 1024 + 1)))
    assert (status, _code(body)) == (413, "FILE_TOO_LARGE")


async def test_language_field_is_invalid_language(
    sim: RunningSimulator, http: aiohttp.ClientSession, speech_wav: bytes
) -> None:
    status, body = await _clone(sim, http, clone_form(speech_wav, language="en"))
    assert (status, _code(body)) == (400, "INVALID_LANGUAGE")


async def test_missing_name_or_audio_and_bad_gender_are_list_detail_400s(
    sim: RunningSimulator, http: aiohttp.ClientSession, speech_wav: bytes
) -> None:
    cases = [
        (clone_form(speech_wav, name=None), ["body", "name"]),
        (clone_form(speech_wav, gender="male"), ["body", "gender"]),
        (clone_form(speech_wav, enhance="maybe"), ["body", "enhance"]),
    ]
    no_audio = aiohttp.FormData()
    no_audio.add_field("name", "x")
    cases.append((no_audio, ["body", "audio"]))
    for form, loc in cases:
        status, body = await _clone(sim, http, form)
        assert status == 400
        assert isinstance(body, dict)
        assert isinstance(body["detail"], list)
        assert body["detail"][0]["loc"] == loc
    assert sim.state.custom_voice_count() == 0


async def test_clone_limit_is_voice_clone_limit_exceeded(
    sim: RunningSimulator, http: aiohttp.ClientSession, speech_wav: bytes
) -> None:
    sim.state.clone_limit = 1
    assert (await _clone(sim, http, clone_form(speech_wav)))[0] == 200
    status, body = await _clone(sim, http, clone_form(speech_wav))
    assert (status, _code(body)) == (429, "VOICE_CLONE_LIMIT_EXCEEDED")
    assert sim.state.custom_voice_count() == 1


async def test_dropped_clone_creates_the_voice_but_resets_the_connection(
    sim: RunningSimulator, http: aiohttp.ClientSession, speech_wav: bytes
) -> None:
    sim.state.drop_clone_response()
    with pytest.raises(aiohttp.ClientConnectionError):
        await _clone(sim, http, clone_form(speech_wav, "Lost"))
    assert [v.name for v in sim.state.voices.values() if v.voice_type == "CUSTOM"] == ["Lost"]
    status, _ = await _clone(sim, http, clone_form(speech_wav, "Kept"))
    assert status == 200  # one use only
    assert sim.state.count("POST", "/voices/clone") == 2


async def test_dropped_clone_in_hang_mode_times_the_client_out(
    sim: RunningSimulator, http: aiohttp.ClientSession, speech_wav: bytes
) -> None:
    sim.state.drop_clone_response(mode="hang")
    timeout = aiohttp.ClientTimeout(total=0.5)
    headers = {"x-api-key": sim.state.api_key, "version": "v1"}
    with pytest.raises(asyncio.TimeoutError):
        async with http.post(
            f"{sim.url}/voices/clone", data=clone_form(speech_wav), headers=headers, timeout=timeout
        ):
            pass
    assert sim.state.custom_voice_count() == 1


async def test_timeout_fault_hangs_without_creating_anything(
    sim: RunningSimulator, http: aiohttp.ClientSession, speech_wav: bytes
) -> None:
    sim.state.timeout("clone")
    headers = {"x-api-key": sim.state.api_key, "version": "v1"}
    with pytest.raises(asyncio.TimeoutError):
        async with http.post(
            f"{sim.url}/voices/clone",
            data=clone_form(speech_wav),
            headers=headers,
            timeout=aiohttp.ClientTimeout(total=0.3),
        ):
            pass
    assert sim.state.custom_voice_count() == 0
    assert (await _clone(sim, http, clone_form(speech_wav)))[0] == 200


@pytest.mark.parametrize(
    ("content_type", "payload"),
    [
        ("multipart/form-data", b"no boundary"),
        ("multipart/form-data; boundary=zz", b"no parts at all"),
        ("application/json", b'{"name": "x"}'),
    ],
)
async def test_malformed_uploads_are_400_not_500(
    sim: RunningSimulator, http: aiohttp.ClientSession, content_type: str, payload: bytes
) -> None:
    headers = {"x-api-key": sim.state.api_key, "version": "v1", "Content-Type": content_type}
    async with http.post(f"{sim.url}/voices/clone", data=payload, headers=headers) as response:
        assert response.status == 400
        assert isinstance((await response.json())["detail"], list)


async def test_oversized_text_field_is_400(
    sim: RunningSimulator, http: aiohttp.ClientSession, speech_wav: bytes
) -> None:
    status, body = await _clone(sim, http, clone_form(speech_wav, description="d" * 70_000))
    assert status == 400
    assert isinstance(body, dict)
    assert body["detail"][0]["loc"] == ["body", "description"]
