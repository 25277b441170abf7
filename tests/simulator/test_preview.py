"""Voice previews: not ready yet, then a signed CDN-like link to a real MP3."""

from __future__ import annotations

import asyncio
from urllib.parse import parse_qs, urlencode, urlsplit

import aiohttp

from simulator import RunningSimulator, SimulatorState, run_simulator

from .conftest import clone_form, decode

AVA = "00000000-0000-4000-8000-00000000a001"


async def _signed_url(
    sim: RunningSimulator, http: aiohttp.ClientSession, headers: dict[str, str], voice_id: str
) -> str:
    async with http.get(f"{sim.url}/voices/preview/{voice_id}", headers=headers) as response:
        assert response.status == 200
        return str((await response.json())["signed_url"])


async def test_signed_link_serves_a_real_mp3_without_api_key(
    sim: RunningSimulator, http: aiohttp.ClientSession, headers: dict[str, str]
) -> None:
    url = await _signed_url(sim, http, headers, AVA)
    assert url.startswith(f"{sim.url}/_sim/preview/{AVA}.mp3?exp=")
    async with http.get(url) as response:  # no x-api-key, no version: like a CDN
        assert response.status == 200
        assert response.content_type == "audio/mpeg"
        audio = await response.read()
    samples, rate = decode(audio)
    assert 1.3 <= samples.size / rate <= 1.8
    assert float(abs(samples).max()) > 0.05
    assert sim.state.calls[-1] == ("GET", f"/_sim/preview/{AVA}.mp3")


async def test_tampered_or_expired_link_is_403(
    sim: RunningSimulator, http: aiohttp.ClientSession, headers: dict[str, str]
) -> None:
    url = await _signed_url(sim, http, headers, AVA)
    parts = urlsplit(url)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    base = f"{sim.url}{parts.path}"
    tampered = [
        {**query, "sig": "0" * 64},
        {**query, "exp": str(int(query["exp"]) + 10)},
        {"sig": query["sig"]},
        {},
    ]
    for params in tampered:
        async with http.get(f"{base}?{urlencode(params)}") as response:
            assert response.status == 403
            assert "AccessDenied" in await response.text()
    other = f"{sim.url}/_sim/preview/00000000-0000-4000-8000-00000000a002.mp3?{parts.query}"
    async with http.get(other) as response:
        assert response.status == 403  # a signature is bound to its voice

    sim.state.preview_link_ttl_seconds = -5
    expired = await _signed_url(sim, http, headers, AVA)
    async with http.get(expired) as response:
        assert response.status == 403
        assert "expired" in await response.text()


async def test_link_of_a_deleted_voice_is_404(
    sim: RunningSimulator, http: aiohttp.ClientSession, headers: dict[str, str], speech_wav: bytes
) -> None:
    async with http.post(
        f"{sim.url}/voices/clone", data=clone_form(speech_wav), headers=headers
    ) as response:
        voice_id = (await response.json())["id"]
    url = await _signed_url(sim, http, headers, voice_id)
    del sim.state.voices[voice_id]
    async with http.get(url) as response:
        assert response.status == 404


async def test_preview_is_not_found_until_the_delay_has_passed(
    http: aiohttp.ClientSession, speech_wav: bytes
) -> None:
    async with run_simulator(SimulatorState(preview_delay_seconds=0.3)) as sim:
        headers = {"x-api-key": sim.state.api_key, "version": "v1"}
        async with http.post(
            f"{sim.url}/voices/clone", data=clone_form(speech_wav), headers=headers
        ) as response:
            voice_id = (await response.json())["id"]
        async with http.get(f"{sim.url}/voices/preview/{voice_id}", headers=headers) as response:
            assert response.status == 404
            detail = (await response.json())["detail"]
        assert detail["error_code"] == "VOICE_PREVIEW_NOT_FOUND"
        assert detail["extra"] == {"voice_id": voice_id}
        await asyncio.sleep(0.35)
        assert (await _signed_url(sim, http, headers, voice_id)).endswith(tuple("0123456789abcdef"))


async def test_preview_of_unknown_voice_is_voice_not_found(
    sim: RunningSimulator, http: aiohttp.ClientSession, headers: dict[str, str]
) -> None:
    async with http.get(f"{sim.url}/voices/preview/nope", headers=headers) as response:
        assert response.status == 404
        assert (await response.json())["detail"]["error_code"] == "VOICE_NOT_FOUND"


async def test_public_url_is_used_for_links(http: aiohttp.ClientSession) -> None:
    async with run_simulator(public_url="https://cdn.example.test/") as sim:
        headers = {"x-api-key": sim.state.api_key, "version": "v1"}
        url = await _signed_url(sim, http, headers, AVA)
    assert url.startswith(f"https://cdn.example.test/_sim/preview/{AVA}.mp3?exp=")
