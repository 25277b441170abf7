"""The client sends a clone request once: a lost answer is reported, never resent. Finding
the voice again by its marker is a primitive the core's reconciliation uses
(tests/core/test_clone_lost_answer.py shows that whole path)."""

from __future__ import annotations

from typing import Any

import pytest

from bot.api import ApiConnectionError, AsyncVoiceClient, ClonedVoice
from simulator.server import RunningSimulator
from tests.api.conftest import make_config


def client_for(sim: RunningSimulator, **overrides: Any) -> AsyncVoiceClient:
    return AsyncVoiceClient(make_config(sim.url, sim.state.api_key, **overrides))


async def clone(client: AsyncVoiceClient, wav: bytes, marker: str = "req-42") -> ClonedVoice:
    return await client.clone_voice(
        wav,
        filename="me.wav",
        content_type="audio/wav",
        name="Mine",
        marker=marker,
        description="My own voice",
    )


def custom_voices(sim: RunningSimulator) -> list[str]:
    return [v.voice_id for v in sim.state.voices.values() if v.voice_type == "CUSTOM"]


@pytest.mark.parametrize(
    ("mode", "timeout_seconds"), [("reset", 5.0), ("hang", 0.5)], ids=["connection reset", "hang"]
)
async def test_a_lost_answer_is_not_sent_again_and_the_marker_finds_the_voice(
    sim: RunningSimulator, wav: bytes, mode: str, timeout_seconds: float
) -> None:
    sim.state.drop_clone_response(mode=mode)  # type: ignore[arg-type]
    async with client_for(sim, timeout_seconds=timeout_seconds) as client:
        with pytest.raises(ApiConnectionError) as caught:
            await clone(client, wav)
        assert caught.value.outcome_unknown
        found = await client.find_voices_by_marker("req-42")
    assert [voice.voice_id for voice in found] == custom_voices(sim)
    assert (found[0].name, found[0].description, found[0].marker) == (
        "Mine",
        "My own voice",
        "req-42",
    )
    assert sim.state.count("POST", "/voices/clone") == 1


async def test_a_request_that_may_have_arrived_is_not_resent(
    sim: RunningSimulator, wav: bytes
) -> None:
    sim.state.timeout("clone")  # hangs without creating anything
    async with client_for(sim, timeout_seconds=0.5) as client:
        with pytest.raises(ApiConnectionError) as caught:
            await clone(client, wav)
        assert caught.value.outcome_unknown
        # The client does not settle it: no marker look-up of its own either.
        assert sim.state.count("POST", "/voices") == 1
        assert await client.find_voices_by_marker("req-42") == []
    assert custom_voices(sim) == []


async def test_only_our_marker_is_found(sim: RunningSimulator, wav: bytes) -> None:
    async with client_for(sim) as client:
        other = await clone(client, wav, marker="req-other")
        sim.state.drop_clone_response()
        with pytest.raises(ApiConnectionError):
            await clone(client, wav, marker="req-mine")
        mine = await client.find_voices_by_marker("req-mine")
    assert len(mine) == 1
    assert mine[0].voice_id != other.voice_id
    assert sorted(custom_voices(sim)) == sorted([other.voice_id, mine[0].voice_id])


async def test_server_errors_are_retried_without_lookup(sim: RunningSimulator, wav: bytes) -> None:
    sim.state.inject("clone", "SERVER_ERROR", times=2)
    async with client_for(sim) as client:
        cloned = await clone(client, wav)
    assert custom_voices(sim) == [cloned.voice_id]
    assert sim.state.count("POST", "/voices/clone") == 3
    assert sim.state.count("POST", "/voices") == 3


@pytest.mark.parametrize("marker", ["", "has space", "x]y", "a" * 81])
async def test_bad_markers_are_refused(sim: RunningSimulator, wav: bytes, marker: str) -> None:
    async with client_for(sim) as client:
        with pytest.raises(ValueError, match="marker"):
            await clone(client, wav, marker=marker)
    assert sim.state.calls == []
