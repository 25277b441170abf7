"""A clone is never duplicated when its response is lost."""

from __future__ import annotations

from typing import Any

import pytest

from bot.api import ApiConnectionError, ApiUnavailable, AsyncVoiceClient, ClonedVoice
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
async def test_lost_response_adopts_the_created_voice(
    sim: RunningSimulator, wav: bytes, mode: str, timeout_seconds: float
) -> None:
    sim.state.drop_clone_response(mode=mode)  # type: ignore[arg-type]
    async with client_for(sim, timeout_seconds=timeout_seconds) as client:
        cloned = await clone(client, wav)
    assert custom_voices(sim) == [cloned.voice_id]
    assert cloned.adopted
    assert cloned.name == "Mine"
    assert cloned.description == "My own voice"
    assert cloned.marker == "req-42"
    assert sim.state.count("POST", "/voices/clone") == 1
    assert sim.state.count("POST", "/voices") == 2  # the clone, then one marker lookup


async def test_lost_response_on_the_last_attempt_is_adopted_too(
    sim: RunningSimulator, wav: bytes
) -> None:
    sim.state.drop_clone_response()
    async with client_for(sim, max_attempts=1) as client:
        cloned = await clone(client, wav)
    assert cloned.adopted
    assert custom_voices(sim) == [cloned.voice_id]


async def test_a_request_that_never_arrived_is_sent_again(
    sim: RunningSimulator, wav: bytes
) -> None:
    sim.state.timeout("clone")  # hangs without creating anything
    async with client_for(sim, timeout_seconds=0.5) as client:
        cloned = await clone(client, wav)
    assert not cloned.adopted
    assert custom_voices(sim) == [cloned.voice_id]
    assert sim.state.count("POST", "/voices/clone") == 2


async def test_only_our_marker_is_adopted(sim: RunningSimulator, wav: bytes) -> None:
    async with client_for(sim) as client:
        other = await clone(client, wav, marker="req-other")
        sim.state.drop_clone_response()
        mine = await clone(client, wav, marker="req-mine")
    assert mine.adopted
    assert mine.voice_id != other.voice_id
    assert sorted(custom_voices(sim)) == sorted([other.voice_id, mine.voice_id])


async def test_server_errors_are_retried_without_lookup(sim: RunningSimulator, wav: bytes) -> None:
    sim.state.inject("clone", "SERVER_ERROR", times=2)
    async with client_for(sim) as client:
        cloned = await clone(client, wav)
    assert not cloned.adopted
    assert custom_voices(sim) == [cloned.voice_id]
    assert sim.state.count("POST", "/voices/clone") == 3
    assert sim.state.count("POST", "/voices") == 3


async def test_no_voice_and_no_answer_gives_up(sim: RunningSimulator, wav: bytes) -> None:
    sim.state.timeout("clone", times=5)
    async with client_for(sim, timeout_seconds=0.2, max_attempts=2) as client:
        with pytest.raises(ApiConnectionError):
            await clone(client, wav)
    assert custom_voices(sim) == []
    assert sim.state.count("POST", "/voices/clone") == 2


async def test_no_second_clone_when_the_lookup_fails(sim: RunningSimulator, wav: bytes) -> None:
    sim.state.drop_clone_response()
    sim.state.inject("list", "SERVER_ERROR", times=50)
    async with client_for(sim, max_attempts=2) as client:
        with pytest.raises(ApiUnavailable):
            await clone(client, wav)
    # The one voice the lost request created, and no duplicate.
    assert len(custom_voices(sim)) == 1
    assert sim.state.count("POST", "/voices/clone") == 1


@pytest.mark.parametrize("marker", ["", "has space", "x]y", "a" * 81])
async def test_bad_markers_are_refused(sim: RunningSimulator, wav: bytes, marker: str) -> None:
    async with client_for(sim) as client:
        with pytest.raises(ValueError, match="marker"):
            await clone(client, wav, marker=marker)
    assert sim.state.calls == []
