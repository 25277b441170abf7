"""The voice queue's rules, platform-free: the core's queue against the simulator's real
speech streams, played by an output that consumes the PCM as a player would."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, Callable
from dataclasses import dataclass, field

import av
import numpy as np
import pytest

from bot.audio.opus_stream import FRAME_SAMPLES, OPUS_SILENCE, OpusFrameStream
from bot.errors import Busy, Cooldown, NotAllowed
from bot.facade import VoiceBot
from bot.models import Member
from bot.speech.voice_queue import Utterance
from tests.core.conftest import ALICE, BOB, BotFactory, clone_fixture

ADMIN = Member(platform="discord", user_id="333", community_id="900", is_admin=True)


@dataclass
class HeldOutput:
    """Plays each utterance by reading its whole stream, then waits to be let go (or
    interrupted), so tests can look at the queue while something is 'playing'."""

    played: list[tuple[str, int]] = field(default_factory=list)
    started: list[str] = field(default_factory=list)
    release: asyncio.Event = field(default_factory=asyncio.Event)
    interrupted: asyncio.Event = field(default_factory=asyncio.Event)
    left: list[str] = field(default_factory=list)
    playing: asyncio.Event = field(default_factory=asyncio.Event)

    async def play(self, utterance: Utterance, pcm: AsyncGenerator[bytes, None]) -> None:
        self.interrupted.clear()
        self.started.append(utterance.speech.text)
        self.playing.set()
        size = 0
        async for chunk in pcm:
            size += len(chunk)
        self.played.append((utterance.speech.text, size))
        done = asyncio.ensure_future(self.release.wait())
        stop = asyncio.ensure_future(self.interrupted.wait())
        await asyncio.wait({done, stop}, return_when=asyncio.FIRST_COMPLETED)
        done.cancel()
        stop.cancel()

    def interrupt(self) -> None:
        self.interrupted.set()

    async def leave(self, reason: str) -> None:
        self.left.append(reason)


async def ready_bot(make_bot: BotFactory, **overrides: object) -> VoiceBot:
    voicebot = await make_bot(**overrides)
    await clone_fixture(voicebot, ALICE, "speech.wav")
    await clone_fixture(voicebot, BOB, "speech.wav")
    return voicebot


async def test_order_caps_and_who_may_skip(make_bot: BotFactory) -> None:
    voicebot = await ready_bot(make_bot, voice_queue_max=3, say_cooldown_seconds=0)
    output = HeldOutput()
    queue = voicebot.voice.open("900", output)
    first = await voicebot.say_in_voice(ALICE, "First words.", None, queue)
    await output.playing.wait()
    second = await voicebot.say_in_voice(BOB, "Second words here.", None, queue)
    third = await voicebot.say_in_voice(ALICE, "Third.", None, queue)
    assert [first.position, second.position, third.position] == [0, 1, 2]
    with pytest.raises(Busy):
        await voicebot.say_in_voice(BOB, "One too many.", None, queue)

    with pytest.raises(NotAllowed):
        queue.skip(BOB, moderator=False)  # Alice is speaking
    assert queue.skip(ALICE, moderator=False) is first.utterance
    await asyncio.wait_for(_until(lambda: queue.current is second.utterance), 10)
    assert queue.skip(ADMIN, moderator=False) is second.utterance
    await asyncio.wait_for(_until(lambda: queue.current is third.utterance), 10)
    assert queue.skip(BOB, moderator=True) is third.utterance
    await asyncio.wait_for(_until(lambda: len(queue) == 0), 10)
    assert [text for text, _ in output.played] == ["First words.", "Second words here.", "Third."]
    assert all(size > 0 for _, size in output.played)
    await queue.close("test")


async def test_seconds_cap(make_bot: BotFactory) -> None:
    voicebot = await ready_bot(make_bot, voice_queue_max_seconds=5, say_cooldown_seconds=0)
    output = HeldOutput()
    queue = voicebot.voice.open("900", output)
    await voicebot.say_in_voice(ALICE, "Playing now.", None, queue)
    await output.playing.wait()
    await voicebot.say_in_voice(BOB, "x" * 50, None, queue)  # ~3.6 s
    with pytest.raises(Busy):
        await voicebot.say_in_voice(ALICE, "y" * 50, None, queue)
    await queue.close("test")


async def test_dropped_before_playing_gives_the_cooldown_back(make_bot: BotFactory) -> None:
    voicebot = await ready_bot(make_bot, say_cooldown_seconds=3600)
    output = HeldOutput()
    queue = voicebot.voice.open("900", output)
    await voicebot.say_in_voice(BOB, "Bob speaks first.", None, queue)
    await output.playing.wait()
    await voicebot.say_in_voice(ALICE, "Alice waits.", None, queue)
    with pytest.raises(Cooldown):
        await voicebot.say_in_voice(ALICE, "Alice again.", None, queue)
    # /forget-me (the hook) drops her queued speech: unheard, it costs no cooldown.
    assert await voicebot.forget_voice_queue(ALICE) == 1
    assert [u.member for u in queue.waiting] == []
    await voicebot.say_in_voice(ALICE, "Alice again.", None, queue)
    # Bob's speech was heard: his cooldown stands, and it is in the audit log.
    with pytest.raises(Cooldown):
        await voicebot.say_in_voice(BOB, "Bob again.", None, queue)
    await queue.close("test")
    audit = await voicebot.store.list_audit(platform="discord", user_id=BOB.user_id)
    assert [entry.action for entry in audit].count("say") == 1


async def test_busy_in_another_channel_only_while_speaking(make_bot: BotFactory) -> None:
    """One voice connection per community: the bot follows whoever asks, unless it is
    speaking for others in another channel."""
    voicebot = await ready_bot(make_bot, say_cooldown_seconds=0)
    # No queue yet, or the bot in no channel, or in the one asked for: it may go.
    voicebot.check_can_join_voice("900", "10", speaking_in="20")
    output = HeldOutput()
    queue = voicebot.open_voice_queue("900", output)
    assert voicebot.voice_queue("900") is queue
    voicebot.check_can_join_voice("900", "10", speaking_in="20")  # an empty queue
    await voicebot.say_in_voice(ALICE, "Playing in channel 20.", None, queue)
    await output.playing.wait()
    voicebot.check_can_join_voice("900", "20", speaking_in="20")
    voicebot.check_can_join_voice("900", "10", speaking_in=None)
    voicebot.check_can_join_voice("901", "10", speaking_in="20")  # another community
    with pytest.raises(Busy) as refused:
        voicebot.check_can_join_voice("900", "10", speaking_in="20")
    assert refused.value.code == "busy"
    await queue.close("test")
    voicebot.check_can_join_voice("900", "10", speaking_in="20")


async def test_idle_timer_leaves_and_a_move_restarts_it(make_bot: BotFactory) -> None:
    voicebot = await ready_bot(make_bot, voice_idle_seconds=1, say_cooldown_seconds=0)
    output = HeldOutput()
    output.release.set()
    queue = voicebot.voice.open("900", output)
    await voicebot.say_in_voice(ALICE, "Hello.", None, queue)
    await asyncio.sleep(0.7)
    await queue.moved()  # the timer starts again in the new channel
    await asyncio.sleep(0.7)
    assert output.left == []
    await asyncio.wait_for(_until(lambda: output.left == ["idle"]), 5)
    assert voicebot.voice.get("900") is None


async def test_disconnect_clears_and_closes(make_bot: BotFactory) -> None:
    voicebot = await ready_bot(make_bot, say_cooldown_seconds=0)
    output = HeldOutput()
    queue = voicebot.voice.open("900", output)
    await voicebot.say_in_voice(ALICE, "Playing.", None, queue)
    await output.playing.wait()
    await voicebot.say_in_voice(BOB, "Waiting.", None, queue)
    await queue.disconnected()
    assert len(queue) == 0 and queue.closed
    assert voicebot.voice.get("900") is None
    with pytest.raises(Busy):
        queue.add(queue_utterance := Utterance(await voicebot.speaking.say_live(BOB, "Late.")))
    await queue_utterance.speech.cancel()
    assert output.started == ["Playing."]


def test_opus_frame_stream_never_blocks() -> None:
    async def run() -> None:
        stream = OpusFrameStream(prebuffer_ms=40)
        assert stream.read() == OPUS_SILENCE  # underrun: silence at once
        tone = (np.sin(np.arange(48_000 // 2) * 0.05) * 8000).astype("<i2").tobytes()
        stream.feed(tone[:3000])
        assert not stream._ready.is_set()
        stream.feed(tone[3000:])
        await asyncio.wait_for(stream.prebuffered(), 1)
        stream.finish()
        packets: list[bytes] = []
        while packet := stream.read():
            packets.append(packet)
        assert stream.read() == b""
        assert stream.underruns == 1
        # 0.5 s is 25 frames exactly; each decodes to 960 samples.
        assert len(packets) == 25 and OPUS_SILENCE not in packets
        decoder = av.CodecContext.create("libopus", "r")
        samples = sum(f.samples for p in packets for f in decoder.decode(av.Packet(p)))
        assert samples == 25 * FRAME_SAMPLES

    asyncio.run(run())


async def _until(condition: Callable[[], bool]) -> None:
    while not condition():  # noqa: ASYNC110 - the condition spans the queue and its task
        await asyncio.sleep(0.01)
