"""The core's port over the real client: the same calls, every failure a user-facing error,
the API's details chained for the log and never a key."""

from __future__ import annotations

import pytest

from bot.api import ApiError, AsyncVoiceClient
from bot.api.translate import TranslatedVoiceApi
from bot.errors import (
    BotError,
    OutcomeUnknown,
    PreviewNotReady,
    QuotaExhausted,
    ServiceMisconfigured,
    VoiceNotFound,
)
from bot.ports import VoiceApi
from simulator.server import RunningSimulator
from tests.api.conftest import make_config

AVA = "00000000-0000-4000-8000-00000000a001"


def port_for(sim: RunningSimulator, key: str | None = None, **overrides: float) -> VoiceApi:
    client = AsyncVoiceClient(make_config(sim.url, key or sim.state.api_key, **overrides))
    return TranslatedVoiceApi(client)


async def test_a_refused_key_reaches_the_core_as_misconfiguration(sim: RunningSimulator) -> None:
    key = "sk_wrong_key_0123456789"
    api = port_for(sim, key)
    try:
        with pytest.raises(ServiceMisconfigured) as caught:
            await api.list_voices()
    finally:
        await api.close()
    assert isinstance(caught.value.__cause__, ApiError)
    assert caught.value.__cause__.api_code == "INVALID_API_KEY"
    for text in (str(caught.value), repr(caught.value), str(caught.value.__cause__)):
        assert key[:6] not in text


async def test_quota_running_out_mid_stream_is_quota_exhausted(sim: RunningSimulator) -> None:
    sim.state.tts_quota_chars = 10
    api = port_for(sim)
    chunks: list[bytes] = []
    try:
        with pytest.raises(QuotaExhausted):
            async for chunk in api.stream_text_to_speech(
                voice_id=AVA, transcript="Far longer than ten characters", container="mp3"
            ):
                chunks.append(chunk)
    finally:
        await api.close()
    assert b"--ERROR" not in b"".join(chunks)


async def test_lost_clone_answer_is_outcome_unknown_and_the_marker_finds_it(
    sim: RunningSimulator, wav: bytes
) -> None:
    sim.state.drop_clone_response()
    api = port_for(sim)
    try:
        with pytest.raises(OutcomeUnknown) as caught:
            await api.clone_voice(
                wav, filename="a.wav", content_type="audio/wav", name="n", marker="m-1"
            )
        assert caught.value.code == "service_unavailable"
        found = await api.find_voices_by_marker("m-1")
    finally:
        await api.close()
    assert len(found) == 1
    assert sim.state.count("POST", "/voices/clone") == 1


async def test_preview_and_missing_voices_keep_their_codes(
    sim: RunningSimulator, wav: bytes
) -> None:
    sim.state.preview_delay_seconds = 30
    api = port_for(sim)
    try:
        cloned = await api.clone_voice(
            wav, filename="a.wav", content_type="audio/wav", name="n", marker="m-2"
        )
        with pytest.raises(PreviewNotReady):
            await api.preview_url(cloned.voice_id)
        assert await api.delete_voice(cloned.voice_id) is True
        assert await api.delete_voice(cloned.voice_id) is False
        sim.state.inject("update", "VOICE_NOT_FOUND")
        with pytest.raises(VoiceNotFound) as caught:
            await api.update_voice(cloned.voice_id, name="x")
    finally:
        await api.close()
    assert isinstance(caught.value, BotError)
