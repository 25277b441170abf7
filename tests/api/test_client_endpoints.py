"""Every endpoint against the simulator, and the exact requests against a capture server."""

from __future__ import annotations

from typing import Any

import pytest
from aiohttp import web

from bot.api import (
    ApiFieldUpdateNotAllowed,
    ApiMisconfigured,
    ApiPreviewNotReady,
    ApiUnavailable,
    ApiVoiceNotFound,
    AsyncVoiceClient,
)
from bot.api.translate import user_error
from bot.app.settings import load_settings
from simulator.server import RunningSimulator
from tests.api.conftest import (
    TEST_KEY,
    Captured,
    RecordingObserver,
    client_against,
    make_config,
)


async def clone(api: AsyncVoiceClient, wav: bytes, marker: str, **options: Any) -> Any:
    options.setdefault("name", "Test voice")
    return await api.clone_voice(
        wav, filename="sample.wav", content_type="audio/wav", marker=marker, **options
    )


async def test_status_needs_no_key(sim: RunningSimulator) -> None:
    async with AsyncVoiceClient(make_config(sim.url, "sk_wrong_key_000000")) as client:
        status = await client.status()
    assert status.ok
    assert status.version == "v1"


async def test_wrong_version_is_misconfiguration(sim: RunningSimulator) -> None:
    config = make_config(sim.url, sim.state.api_key, version="v9")
    async with AsyncVoiceClient(config) as client:
        with pytest.raises(ApiMisconfigured) as caught:
            await client.get_voice("00000000-0000-4000-8000-00000000a001")
    assert caught.value.api_code == "VERSION_NOT_FOUND"


async def test_clone_get_list_update_delete(
    sim: RunningSimulator, api: AsyncVoiceClient, wav: bytes
) -> None:
    cloned = await clone(api, wav, "req-1", description="My voice", gender="Female")
    assert cloned.voice_id in sim.state.voices
    assert cloned.description == "My voice"
    assert cloned.marker == "req-1"
    assert cloned.languages
    assert sim.state.voices[cloned.voice_id].description == "My voice [vc:req-1]"

    voice = await api.get_voice(cloned.voice_id)
    assert (voice.voice_id, voice.name, voice.description) == (
        cloned.voice_id,
        "Test voice",
        "My voice",
    )
    assert voice.gender == "Female"
    assert voice.created_at is not None
    assert voice.created_at.tzinfo is not None

    mine = await api.list_voices()
    assert [v.voice_id for v in mine] == [cloned.voice_id]
    everyone = await api.list_voices(my_voice=False)
    assert {v.voice_type for v in everyone} >= {"PREDEFINED", "CUSTOM"}

    found = await api.find_voices_by_marker("req-1")
    assert [v.voice_id for v in found] == [cloned.voice_id]
    assert await api.find_voices_by_marker("req-other") == []

    await api.update_voice(cloned.voice_id, name="Renamed")
    assert (await api.get_voice(cloned.voice_id)).name == "Renamed"
    calls = len(sim.state.calls)
    await api.update_voice(cloned.voice_id)  # nothing to change: no call
    assert len(sim.state.calls) == calls

    assert await api.delete_voice(cloned.voice_id) is True
    assert await api.delete_voice(cloned.voice_id) is False
    with pytest.raises(ApiVoiceNotFound):
        await api.get_voice(cloned.voice_id)


async def test_batch_get_skips_unknown_ids(sim: RunningSimulator, api: AsyncVoiceClient) -> None:
    ids = list(sim.state.voices)
    voices = await api.get_voices([*ids, ids[0]])
    assert sorted(v.voice_id for v in voices) == sorted(ids)
    assert await api.get_voices([]) == []


async def test_list_follows_every_page(
    sim: RunningSimulator, api: AsyncVoiceClient, wav: bytes
) -> None:
    made = {(await clone(api, wav, f"page-{i}")).voice_id for i in range(5)}
    calls = sim.state.count("POST", "/voices")
    voices = await api.list_voices(page_size=2)
    assert {v.voice_id for v in voices} == made
    assert len(voices) == 5
    list_calls = sim.state.count("POST", "/voices") - calls
    assert list_calls == 3


async def test_update_not_allowed_names_the_field(
    sim: RunningSimulator, api: AsyncVoiceClient
) -> None:
    sim.state.inject("update", "VOICE_FIELD_UPDATE_NOT_ALLOWED", extra={"field": "accent"})
    with pytest.raises(ApiFieldUpdateNotAllowed) as caught:
        await api.update_voice("00000000-0000-4000-8000-00000000a001", accent="Scottish")
    assert caught.value.field == "accent"
    shown = user_error(caught.value)
    assert "accent" in str(shown)
    assert shown.code == "not_allowed"


async def test_preview_link_and_audio(sim: RunningSimulator, api: AsyncVoiceClient) -> None:
    url = await api.preview_url("00000000-0000-4000-8000-00000000a001")
    assert url.startswith("http")
    audio, content_type = await api.fetch_preview_audio(url)
    assert len(audio) > 100
    assert content_type.startswith("audio/")
    with pytest.raises(ApiUnavailable):
        await api.fetch_preview_audio(url, max_bytes=10)


async def test_preview_not_ready_right_after_cloning(
    sim: RunningSimulator, api: AsyncVoiceClient, wav: bytes
) -> None:
    sim.state.preview_delay_seconds = 30
    cloned = await clone(api, wav, "fresh")
    with pytest.raises(ApiPreviewNotReady) as caught:
        await api.preview_url(cloned.voice_id)
    shown = user_error(caught.value)
    assert shown.code == "service_unavailable"
    assert "still being made" in str(shown)
    # Not retried by the client: the core decides how long to wait.
    assert sim.state.count("GET", "/voices/preview/") == 1


async def test_text_to_speech_variants(sim: RunningSimulator, api: AsyncVoiceClient) -> None:
    voice_id = "00000000-0000-4000-8000-00000000a001"
    audio = await api.text_to_speech(voice_id=voice_id, transcript="Hello there")
    assert len(audio) > 100
    wav_audio = await api.text_to_speech(
        voice_id=voice_id, transcript="Hello", container="wav", sample_rate=16000, bit_rate=None
    )
    assert wav_audio[:4] == b"RIFF"
    chunks = [
        chunk
        async for chunk in api.stream_text_to_speech(
            voice_id=voice_id, transcript="Hello there", container="raw", encoding="pcm_s16le"
        )
    ]
    assert sum(len(chunk) for chunk in chunks) > 100
    speech = await api.text_to_speech_with_timestamps(voice_id=voice_id, transcript="Hello there")
    assert speech.words == ["Hello", "there"]
    assert len(speech.start_ms) == len(speech.end_ms) == 2
    assert speech.start_ms[0] < speech.end_ms[0] <= speech.start_ms[1] < speech.end_ms[1]
    assert len(speech.audio) > 100


async def test_observer_sees_every_response(sim: RunningSimulator) -> None:
    observer = RecordingObserver()
    config = make_config(sim.url, sim.state.api_key)
    async with AsyncVoiceClient(config, observer=observer) as client:
        await client.status()
        with pytest.raises(ApiVoiceNotFound):
            await client.get_voice("missing")
    assert observer.responses == [("status", 200), ("get", 404)]


async def test_a_given_session_is_left_open(sim: RunningSimulator) -> None:
    import aiohttp

    async with aiohttp.ClientSession() as session:
        async with AsyncVoiceClient(make_config(sim.url, "k"), session=session) as client:
            await client.status()
        assert not session.closed


def test_config_from_settings() -> None:
    settings = load_settings(
        _env_file=None,
        async_api_key="sk_from_settings_123",
        async_api_base_url="http://127.0.0.1:1/",
        api_max_attempts=2,
    )
    from bot.api import ApiConfig

    config = ApiConfig.from_settings(settings)
    assert config.api_key.get_secret_value() == "sk_from_settings_123"
    assert config.base_url == "http://127.0.0.1:1"
    assert config.max_attempts == 2
    assert config.version == "v1"


# --- exact requests ------------------------------------------------------------------------
async def test_clone_sends_only_set_fields_and_never_language(wav: bytes) -> None:
    async def cloned(request: web.Request, captured: Captured) -> web.Response:
        return web.json_response(
            {
                "id": "new-id",
                "name": captured.form["name"],
                "description": captured.form.get("description"),
                "language": "de,en",
            }
        )

    async with client_against({("POST", "/voices/clone"): cloned}) as (server, client):
        minimal = await client.clone_voice(
            wav,
            filename="a.wav",
            content_type="audio/wav",
            name="Me",
            marker="m-1",
            accent="",
            style="  ",
        )
        full = await client.clone_voice(
            wav,
            filename="b.wav",
            content_type="audio/wav",
            name="Me",
            marker="m-2",
            description="Mine",
            accent="American (US)",
            gender="Male",
            style="Storytelling",
            enhance=False,
            transcript="What I said",
        )
    first, second = server.requests
    assert first.headers["x-api-key"] == TEST_KEY
    assert first.headers["version"] == "v1"
    assert first.form == {"name": "Me", "description": "[vc:m-1]"}
    assert first.files["audio"] == ("a.wav", "audio/wav", wav)
    assert second.form == {
        "name": "Me",
        "description": "Mine [vc:m-2]",
        "accent": "American (US)",
        "gender": "Male",
        "style": "Storytelling",
        "enhance": "false",
        "transcript": "What I said",
    }
    assert minimal.voice_id == "new-id"
    assert minimal.description is None
    assert full.description == "Mine"
    assert full.languages == ("de", "en")


async def test_status_and_preview_download_send_no_key() -> None:
    async def status(request: web.Request, captured: Captured) -> web.Response:
        return web.json_response({"status": "ok", "version": "v1"})

    async def preview_file(request: web.Request, captured: Captured) -> web.Response:
        return web.Response(body=b"ID3" + b"\0" * 500, content_type="audio/mpeg")

    routes = {("GET", "/"): status, ("GET", "/cdn/preview.mp3"): preview_file}
    async with client_against(routes) as (server, client):
        await client.status()
        audio, content_type = await client.fetch_preview_audio(
            server.url + "/cdn/preview.mp3?sig=secret"
        )
    assert audio.startswith(b"ID3")
    assert content_type == "audio/mpeg"
    for request in server.requests:
        assert "x-api-key" not in request.headers
    assert server.requests[1].query == {"sig": "secret"}


async def test_expired_preview_link_is_not_a_misconfiguration() -> None:
    async def expired(request: web.Request, captured: Captured) -> web.Response:
        return web.Response(status=403, text="<Error>Request has expired</Error>")

    async with client_against({("GET", "/cdn/p.mp3"): expired}) as (server, client):
        with pytest.raises(ApiUnavailable) as caught:
            await client.fetch_preview_audio(server.url + "/cdn/p.mp3?sig=abc")
    assert caught.value.status == 403
    assert "sig=abc" not in repr(caught.value)
    assert len(server.requests) == 1


@pytest.mark.parametrize("cursor_name", ["after", "cursor"])
@pytest.mark.parametrize("end", [None, "", "missing"])
async def test_pagination_cursor_readings(cursor_name: str, end: str | None) -> None:
    pages = {None: ("c1", ["a", "b"]), "c1": ("c2", ["c", "d"]), "c2": (end, ["e"])}

    async def listing(request: web.Request, captured: Captured) -> web.Response:
        body = captured.json
        assert body["limit"] == 2
        assert body["my_voice"] is True
        assert body.get("language") == "en"
        # Only read the parameter this "server" believes in.
        next_cursor, ids = pages[body.get(cursor_name)]
        page: dict[str, Any] = {"voices": [{"voice_id": i, "name": i} for i in ids]}
        if next_cursor != "missing":
            page["next_cursor"] = next_cursor
        return web.json_response(page)

    async with client_against({("POST", "/voices"): listing}) as (server, client):
        voices = await client.list_voices(page_size=2, language="en")
    assert [v.voice_id for v in voices] == ["a", "b", "c", "d", "e"]
    assert len(server.requests) == 3
    assert "after" not in (server.requests[0].json or {})


async def test_pagination_stops_when_the_cursor_repeats() -> None:
    async def listing(request: web.Request, captured: Captured) -> web.Response:
        return web.json_response({"voices": [{"voice_id": "a"}], "next_cursor": "same"})

    async with client_against({("POST", "/voices"): listing}) as (server, client):
        voices = await client.list_voices()
    assert len(server.requests) == 2
    assert len(voices) == 2


async def test_tts_request_body() -> None:
    async def tts(request: web.Request, captured: Captured) -> web.Response:
        return web.Response(body=b"ID3...", content_type="audio/mpeg")

    async with client_against({("POST", "/text_to_speech"): tts}) as (server, client):
        await client.text_to_speech(voice_id="v", transcript="hi")
        await client.text_to_speech(
            voice_id="v",
            transcript="hi",
            container="wav",
            sample_rate=16000,
            language="de",
            speed=1.2,
            stability=40,
        )
    assert server.requests[0].json == {
        "model_id": "async_flash_v1.0",
        "transcript": "hi",
        "voice": {"mode": "id", "id": "v"},
        "output_format": {"container": "mp3", "sample_rate": 44100, "bit_rate": 128000},
    }
    assert server.requests[1].json == {
        "model_id": "async_flash_v1.0",
        "transcript": "hi",
        "voice": {"mode": "id", "id": "v"},
        "output_format": {"container": "wav", "sample_rate": 16000},
        "language": "de",
        "speed_control": 1.2,
        "stability": 40,
    }


async def test_voice_ids_are_quoted_into_the_path() -> None:
    async def voice(request: web.Request, captured: Captured) -> web.Response:
        return web.json_response({"voice_id": "a/b?c"})

    # The route table matches the decoded path; raw_path shows what went over the wire.
    async with client_against({("GET", "/voices/a/b?c"): voice}) as (server, client):
        assert (await client.get_voice("a/b?c")).voice_id == "a/b?c"
    assert server.requests[0].raw_path == "/voices/a%2Fb%3Fc"
