"""A clone whose answer is lost is settled by the core alone, by its marker: adopted when the
API made the voice, sent again when it never arrived, never duplicated, left for the
reconciler when the API can't be asked."""

from __future__ import annotations

import pytest

from bot.errors import ServiceUnavailable
from bot.facade import VoiceBot
from bot.models import RequestState
from simulator.server import RunningSimulator
from tests.core.conftest import ALICE, BotFactory, clone_fixture


def custom_voices(sim: RunningSimulator) -> list[str]:
    return [v.voice_id for v in sim.state.voices.values() if v.voice_type == "CUSTOM"]


async def requests_in(voicebot: VoiceBot, state: RequestState) -> int:
    rows = (await voicebot.store.export_rows()).get("clone_requests", [])
    return sum(1 for row in rows if row.get("state") == state.value)


@pytest.mark.parametrize("mode", ["reset", "hang"])
async def test_a_lost_answer_adopts_the_voice_the_api_made(
    make_bot: BotFactory, sim: RunningSimulator, mode: str
) -> None:
    voicebot = await make_bot(api_timeout_seconds=1)
    sim.state.drop_clone_response(mode=mode)  # type: ignore[arg-type]
    result = await clone_fixture(voicebot, voice_name="Mine")
    assert custom_voices(sim) == [result.voice.voice_id]
    assert result.voice.name == "Mine"
    assert sim.state.count("POST", "/voices/clone") == 1
    assert sim.state.count("POST", "/voices") == 2  # the clone, then one marker look-up
    assert [v.voice_id for v in await voicebot.list_voices(ALICE)] == [result.voice.voice_id]


async def test_a_lost_answer_on_the_last_attempt_is_adopted_too(
    make_bot: BotFactory, sim: RunningSimulator
) -> None:
    voicebot = await make_bot(api_max_attempts=1)
    sim.state.drop_clone_response()
    result = await clone_fixture(voicebot)
    assert custom_voices(sim) == [result.voice.voice_id]


async def test_a_request_that_never_arrived_is_sent_again(
    make_bot: BotFactory, sim: RunningSimulator
) -> None:
    voicebot = await make_bot(api_timeout_seconds=0.5)
    sim.state.timeout("clone")  # hangs without creating anything
    result = await clone_fixture(voicebot)
    assert custom_voices(sim) == [result.voice.voice_id]
    assert sim.state.count("POST", "/voices/clone") == 2


async def test_only_our_marker_is_adopted(make_bot: BotFactory, sim: RunningSimulator) -> None:
    voicebot = await make_bot()
    first = await clone_fixture(voicebot, voice_name="first")
    sim.state.drop_clone_response()
    second = await clone_fixture(voicebot, voice_name="second")
    assert second.voice.voice_id != first.voice.voice_id
    assert sorted(custom_voices(sim)) == sorted([first.voice.voice_id, second.voice.voice_id])


async def test_no_second_clone_when_the_look_up_fails(
    make_bot: BotFactory, sim: RunningSimulator
) -> None:
    voicebot = await make_bot(api_max_attempts=2)
    sim.state.drop_clone_response()
    sim.state.inject("list", "SERVER_ERROR", times=50)
    with pytest.raises(ServiceUnavailable):
        await clone_fixture(voicebot)
    # The one voice the lost request made, and no duplicate; the request stays running for
    # the reconciler (CloneService.reconcile), which asks the API by marker again later.
    assert len(custom_voices(sim)) == 1
    assert sim.state.count("POST", "/voices/clone") == 1
    assert await requests_in(voicebot, RequestState.RUNNING) == 1


async def test_no_voice_and_no_answer_gives_up(make_bot: BotFactory, sim: RunningSimulator) -> None:
    voicebot = await make_bot(api_timeout_seconds=0.2, api_max_attempts=2)
    sim.state.timeout("clone", times=5)
    with pytest.raises(ServiceUnavailable) as caught:
        await clone_fixture(voicebot)
    assert caught.value.code == "service_unavailable"
    assert custom_voices(sim) == []
    assert sim.state.count("POST", "/voices/clone") == 2
    assert await requests_in(voicebot, RequestState.FAILED) == 1
