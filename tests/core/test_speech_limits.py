"""How much speech gets in, and who may hold the speech slots: the voice queue's seconds cap
holds for pauses and for the audio actually streamed, and one member streaming in many
servers leaves /say to everyone else. The core against the simulator's real streams."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator
from dataclasses import dataclass, field

import pytest

from bot.app.settings import load_settings
from bot.errors import BotError, Busy, ConfigurationError, TooLarge
from bot.facade import VoiceBot
from bot.models import Member
from bot.policy.admission import Admission
from bot.speech.say import says_busy
from bot.speech.text import pause_seconds, sanitise
from bot.speech.voice_queue import PCM_BYTES_PER_SECOND, Utterance
from simulator.server import RunningSimulator
from tests.core.conftest import ALICE, BOB, BotFactory, clone_fixture
from tests.core.test_voice_queue import HeldOutput, ready_bot

LONGEST_PAUSE = "<break time='1200ms'/>"


def test_breaks_are_clamped_to_what_the_api_plays() -> None:
    clean = sanitise("a<break time='9999s'/>b<break time=\"5ms\" />c<BREAK TIME='0.5s'/>d")
    assert clean == "a<break time='1200ms'/>b<break time='80ms'/>c<break time='500ms'/>d"
    assert pause_seconds(clean) == pytest.approx(1.2 + 0.08 + 0.5)
    # Beyond any pause the API knows, the tag is not markup at all: it goes like any tag.
    assert sanitise("x<break time='12345678s'/>y") == "x y"


async def test_pauses_count_towards_the_seconds_cap(
    make_bot: BotFactory, sim: RunningSimulator
) -> None:
    """Ten `a<break time='1200ms'/>` x 86 once queued 1,135 s against a 180 s cap."""
    voicebot = await ready_bot(make_bot)
    output = HeldOutput()
    queue = voicebot.voice.open("900", output)
    paused = "a" + LONGEST_PAUSE * 86  # 86 pauses of 1.2 s: 103 s of silence
    first = await voicebot.say_in_voice(ALICE, "a<break time='9999s'/>" * 86, None, queue)
    assert first.utterance.seconds == pytest.approx(86 * 1.2 + 86 / 14)
    await output.playing.wait()
    with pytest.raises(Busy) as refused:
        await voicebot.say_in_voice(BOB, paused, None, queue)
    assert refused.value.key == "error-voice-queue-seconds"
    assert queue.queued_seconds <= queue.max_seconds
    # What went to the API is the clamped pause the estimate counted.
    await asyncio.wait_for(_until_played(output, 1), 10)
    assert sim.state.transcripts[-1] == ("a" + LONGEST_PAUSE) * 86
    await queue.close("test")


async def test_one_utterance_longer_than_the_cap_is_refused_before_any_api_call(
    make_bot: BotFactory, sim: RunningSimulator
) -> None:
    voicebot = await ready_bot(make_bot, voice_queue_max_seconds=30, say_cooldown_seconds=3600)
    output = HeldOutput()
    queue = voicebot.voice.open("900", output)
    spoken_before = len(sim.state.transcripts)
    with pytest.raises(TooLarge) as refused:  # 30 pauses of 1.2 s: 36 s, on an empty queue
        await voicebot.say_in_voice(ALICE, ("Wait." + LONGEST_PAUSE) * 30, None, queue)
    assert refused.value.code == "too_large"
    assert refused.value.key == "error-voice-speech-too-long"
    assert refused.value.params == {"seconds": 47, "max": 30}
    assert "at most 30 s" in refused.value.message
    assert len(sim.state.transcripts) == spoken_before
    assert len(queue) == 0
    # Refused before anything was said: the cooldown was given back.
    await voicebot.say_in_voice(ALICE, "Shorter.", None, queue)
    await queue.close("test")


async def test_playback_stops_at_the_cap_whatever_the_estimate_said(
    make_bot: BotFactory,
) -> None:
    """Digits are spoken one by one: the simulator's speech runs longer than the text's
    estimate, and the streamed audio is cut at the cap."""
    voicebot = await ready_bot(make_bot, voice_queue_max_seconds=5)
    output = HeldOutput()
    output.release.set()
    queue = voicebot.voice.open("900", output)
    told: list[BotError] = []

    async def notify(error: BotError) -> None:
        told.append(error)

    digits = "<digits>" + "7" * 60 + "</digits>"  # estimated 4.3 s; spoken 7.2 s
    queued = await voicebot.say_in_voice(ALICE, digits, None, queue, notify=notify)
    assert queued.utterance.seconds < 5
    await asyncio.wait_for(_until_played(output, 1), 10)
    assert output.played == [(digits, 5 * PCM_BYTES_PER_SECOND)]
    await asyncio.wait_for(_until_told(told), 10)
    assert [(e.code, e.key, e.params) for e in told] == [
        ("too_large", "error-voice-speech-cut", {"max": 5})
    ]
    # Heard in part, so it counts as said.
    audit = await voicebot.store.list_audit(platform="discord", user_id=ALICE.user_id)
    assert [entry.action for entry in audit].count("say") == 1
    await queue.close("test")


@dataclass
class MidStreamOutput:
    """Plays by taking the first chunk of the stream and holding it open, as a voice channel
    does while the API is still synthesising."""

    streaming: asyncio.Event = field(default_factory=asyncio.Event)
    release: asyncio.Event = field(default_factory=asyncio.Event)

    async def play(self, utterance: Utterance, pcm: AsyncGenerator[bytes, None]) -> None:
        await anext(pcm)
        self.streaming.set()
        await self.release.wait()

    def interrupt(self) -> None:
        self.release.set()

    async def leave(self, reason: str) -> None:
        pass


async def test_one_member_streaming_in_four_servers_leaves_say_to_everyone_else(
    make_bot: BotFactory,
) -> None:
    voicebot = await ready_bot(
        make_bot, max_says_per_member=4, voice_max_streams=5, api_max_concurrency=6
    )
    slack_bob = Member(platform="slack", user_id="U222", community_id="T1")
    await clone_fixture(voicebot, slack_bob, "speech.wav")
    outputs: list[MidStreamOutput] = []
    for server in ("901", "902", "903", "904"):
        output = MidStreamOutput()
        outputs.append(output)
        queue = voicebot.voice.open(server, output)
        alice_here = Member(platform="discord", user_id=ALICE.user_id, community_id=server)
        await voicebot.say_in_voice(alice_here, "A long speech. " * 20, None, queue)
        await asyncio.wait_for(output.streaming.wait(), 10)
    assert voicebot.speaking.admission.limit == 4  # MAX_CONCURRENT_SAYS, all free

    # Everyone else still speaks: posted /say on another server and on Slack, and in a
    # fifth server's voice channel.
    bob_elsewhere = Member(platform="discord", user_id=BOB.user_id, community_id="905")
    posted = await asyncio.wait_for(voicebot.say(bob_elsewhere, "Still here."), 5)
    assert posted.audio
    slack = await asyncio.wait_for(voicebot.say(slack_bob, "Me too."), 5)
    assert slack.audio
    fifth = MidStreamOutput()
    fifth_queue = voicebot.voice.open("905", fifth)
    await voicebot.say_in_voice(bob_elsewhere, "And here.", None, fifth_queue)
    await asyncio.wait_for(fifth.streaming.wait(), 5)

    # The member streaming everywhere is at their own limit, and told so.
    alice_905 = Member(platform="discord", user_id=ALICE.user_id, community_id="905")
    for attempt in (
        voicebot.say(alice_905, "One more."),
        voicebot.say_in_voice(alice_905, "One more.", None, fifth_queue),
    ):
        with pytest.raises(Busy) as refused:
            await attempt
        assert refused.value.key == "error-busy-member-speech"
        assert refused.value.params == {"max": 4}
        assert "You already have 4 speeches" in refused.value.message

    for output in [*outputs, fifth]:
        output.release.set()
    await asyncio.wait_for(_until_quiet(voicebot), 10)
    # Every place was given back: the member may speak again.
    assert voicebot.speaking.member_speech.held(("discord", ALICE.user_id)) == 0
    await voicebot.say(alice_905, "Done now.")


async def test_a_member_over_the_default_limit_is_busy(make_bot: BotFactory) -> None:
    voicebot = await ready_bot(make_bot)  # MAX_SAYS_PER_MEMBER=2
    queues = []
    for server in ("901", "902"):
        output = MidStreamOutput()
        queue = voicebot.voice.open(server, output)
        queues.append(queue)
        alice_here = Member(platform="discord", user_id=ALICE.user_id, community_id=server)
        await voicebot.say_in_voice(alice_here, "Speaking.", None, queue)
    with pytest.raises(Busy) as refused:
        await voicebot.say(ALICE, "A third.")
    assert refused.value.key == "error-busy-member-speech"
    await voicebot.say(BOB, "Bob is fine.")
    for queue in queues:
        await queue.close("test")
    await voicebot.say(ALICE, "Now it fits.")


async def test_a_full_say_pool_says_so_not_clones() -> None:
    admission = Admission(1, 0, 0.0, says_busy)
    async with admission.slot():
        with pytest.raises(Busy) as refused:
            async with admission.slot():
                pass
    assert refused.value.key == "error-busy-says"
    assert "clone" not in refused.value.message


def test_voice_streams_leave_an_api_connection_free() -> None:
    with pytest.raises(ConfigurationError, match="VOICE_MAX_STREAMS must be below"):
        load_settings(_env_file=None, api_max_concurrency=2, voice_max_streams=2)
    assert load_settings(_env_file=None).voice_max_streams == 2


async def _until_played(output: HeldOutput, count: int) -> None:
    while len(output.played) < count:  # noqa: ASYNC110 - filled by the queue's task
        await asyncio.sleep(0.01)


async def _until_told(told: list[BotError]) -> None:
    while not told:  # noqa: ASYNC110 - filled by the queue's task
        await asyncio.sleep(0.01)


async def _until_quiet(voicebot: VoiceBot) -> None:
    while voicebot.voice.total_length:  # noqa: ASYNC110 - the queues' tasks empty them
        await asyncio.sleep(0.01)


async def test_one_busy_community_leaves_say_to_the_others(
    make_bot: BotFactory, sim: RunningSimulator
) -> None:
    voicebot = await ready_bot(make_bot, max_says_per_community=1)
    slack_bob = Member(platform="slack", user_id="U222", community_id="T1")
    await clone_fixture(voicebot, slack_bob, "speech.wav")
    sim.state.latency_seconds = 0.5
    first = asyncio.create_task(voicebot.say(ALICE, "Hello there."))
    key = (ALICE.platform, ALICE.community_id)
    while not voicebot.speaking.community_speech.held(key):  # noqa: ASYNC110 - the task takes it
        await asyncio.sleep(0.01)

    with pytest.raises(Busy) as refused:
        await voicebot.say(BOB, "Me too.")  # the same server, while Alice's /say is made
    assert refused.value.key == "error-busy-community-says"
    elsewhere = await asyncio.wait_for(voicebot.say(slack_bob, "And me."), 10)
    assert elsewhere.audio
    assert (await first).audio
    assert voicebot.speaking.community_speech.held(key) == 0
