"""/say in a voice channel: the real discord.py voice client against the fake voice server,
with transport encryption and DAVE, the audio decrypted by a listener in the channel."""

from __future__ import annotations

import asyncio
import itertools
import statistics
from collections.abc import Awaitable, Callable
from typing import Any

import numpy as np
from prometheus_client import REGISTRY

from bot.speech.say import LIVE_SAMPLE_RATE
from tests.discord.fake_voice import OPUS_SILENCE, VoiceConnection, decode_opus
from tests.discord.helpers import followups
from tests.discord.payloads import ALICE, BOB, BOOLEAN, GUILD_ID, STRING, Person, option
from tests.discord.test_voices import clone_directly
from tests.discord.voice_world import (
    LOCKED_VOICE_CHANNEL_ID,
    MOVER,
    OTHER_VOICE_CHANNEL_ID,
    VOICE_CHANNEL_ID,
    VoiceWorld,
)

WorldFactory = Callable[..., Awaitable[VoiceWorld]]
TEXT = "Hello everyone in the lounge, this is my cloned voice speaking to you."


async def say(
    world: VoiceWorld, text: str, person: Person = ALICE, *, private: bool = False
) -> str:
    options = [option("text", STRING, text)]
    if private:
        options.append(option("private", BOOLEAN, True))
    payload = world.h.payloads.slash("say", person, options)
    await world.h.run(payload)
    return str(payload["token"])


async def synthesised_seconds(world: VoiceWorld, text: str) -> float:
    """What the API makes of ``text``, asked directly (not through the bot)."""
    [voice] = await world.h.voicebot.list_voices(_member())
    size = 0
    async for chunk in world.h.voicebot.api.stream_text_to_speech(
        voice_id=voice.voice_id,
        transcript=text,
        model_id="async_flash_v1.0",
        container="raw",
        encoding="pcm_s16le",
        sample_rate=LIVE_SAMPLE_RATE,
    ):
        size += len(chunk)
    return size / 2 / LIVE_SAMPLE_RATE


def metric(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def answered_with_audio(world: VoiceWorld, token: str) -> bool:
    """/say answered as it does outside voice channels: a voice message or an audio file."""
    calls = [*followups(world.h, token), world.h.last_edit(token)]
    return any(call.uploads for call in calls) and "Speaking in" not in world.h.reply_text(token)


def voice_chat(world: VoiceWorld) -> str:
    """What the bot posted in the voice channel's text chat."""
    posts = world.h.fake.find("POST", rf"^/channels/{VOICE_CHANNEL_ID}/messages$")
    return "\n".join(post.content or "" for post in posts)


def _member() -> Any:
    from tests.discord.helpers import member

    return member(ALICE)


def speech_gaps_ms(connection: VoiceConnection) -> list[float]:
    packets = connection.packets
    return [(b.at - a.at) * 1000 for a, b in itertools.pairwise(packets)]


async def test_say_plays_in_the_voice_channel_end_to_end_encrypted(
    make_voice_world: WorldFactory,
) -> None:
    world = await make_voice_world()
    await clone_directly(world.h, "Narrator", "speech.wav")
    token = await say(world, TEXT)

    # The label is posted where the listeners read: the voice channel's own chat.
    assert "AI voice clone of Alice" in voice_chat(world)
    reply = world.h.reply_text(token)
    assert f"Speaking in <#{VOICE_CHANNEL_ID}>" in reply
    assert world.bot_channel_id() == VOICE_CHANNEL_ID
    await world.idle()

    connection = world.voice.current
    assert connection.channel_id == VOICE_CHANNEL_ID
    assert world.voice.discoveries >= 1
    assert world.voice.undecryptable == 0
    [listener] = connection.listeners
    assert listener.failures == 0
    speech = connection.speech_packets()
    assert speech, "no audio reached the channel"
    # End-to-end encrypted: the transport payload is a DAVE frame, not the Opus packet.
    decrypted = [f for f in listener.frames if f != OPUS_SILENCE]
    assert len(decrypted) == len(speech)
    assert all(p.payload.endswith(b"\xfa\xfa") for p in speech)
    assert all(p.payload != f for p, f in zip(speech, decrypted, strict=True))

    audio = decode_opus(decrypted)
    expected = await synthesised_seconds(world, TEXT)
    heard = len(audio) / LIVE_SAMPLE_RATE
    assert abs(heard - expected) <= 0.1 * expected, (heard, expected)
    assert float(np.sqrt(np.mean(audio**2))) > 0.01  # not silence

    # Paced at 20 ms, contiguous sequence numbers and timestamps.
    packets = connection.packets
    assert [p.sequence for p in packets] == list(
        range(packets[0].sequence, packets[0].sequence + len(packets))
    )
    assert all(b.timestamp - a.timestamp == 960 for a, b in itertools.pairwise(packets))
    assert 19.0 <= statistics.median(speech_gaps_ms(connection)) <= 21.0


async def test_speaking_starts_before_synthesis_ends(make_voice_world: WorldFactory) -> None:
    world = await make_voice_world()
    await clone_directly(world.h, "Narrator", "speech.wav")
    world.h.sim.state.tts_stream_pace = 1.0  # the API synthesises in real time
    await say(world, TEXT)
    await world.idle()
    playback = world.client.voice_playback  # type: ignore[attr-defined]
    stream = playback.guild(GUILD_ID).last_stream
    assert stream is not None
    # The first packet left with a fraction of the speech received (the 80 ms prebuffer, plus
    # whatever arrived while the player started).
    assert 0 < stream.received_at_first_packet < stream.received_bytes / 2


def talk_spurts(connection: VoiceConnection, min_silence: int = 3) -> list[list[bytes]]:
    """The bot's speech split where it fell silent for ``min_silence`` frames or more."""
    spurts: list[list[bytes]] = []
    current: list[bytes] = []
    silent = 0
    [listener] = connection.listeners[:1]
    for frame in listener.frames:
        if frame == OPUS_SILENCE:
            silent += 1
            continue
        if silent >= min_silence and current:
            spurts.append(current)
            current = []
        silent = 0
        current.append(frame)
    if current:
        spurts.append(current)
    return spurts


def seconds_of(frames: list[bytes]) -> float:
    return len(decode_opus(frames)) / LIVE_SAMPLE_RATE


async def heard_in_order(world: VoiceWorld, *texts: str) -> None:
    """The channel heard ``texts`` one after the other, each whole, in its own talk spurt."""
    spurts = talk_spurts(world.voice.current)
    assert len(spurts) == len(texts)
    heard = [seconds_of(s) for s in spurts]
    expected = [await synthesised_seconds(world, text) for text in texts]
    for got, want in zip(heard, expected, strict=True):
        assert abs(got - want) <= 0.1 * want, (heard, expected)


async def playing(world: VoiceWorld, packets: int = 10) -> None:
    """Until the bot has sent ``packets`` packets of speech."""
    await world.until(
        lambda: (
            bool(world.voice.connections) and len(world.voice.current.speech_packets()) >= packets
        )
    )


SHORT = "Short one."
LONG = "And this second message is a good deal longer than the first one was, to tell them apart."


async def test_two_utterances_play_in_order(make_voice_world: WorldFactory) -> None:
    world = await make_voice_world()
    await clone_directly(world.h, "Narrator", "speech.wav")
    first = await say(world, SHORT)
    second = await say(world, LONG)
    assert "Speaking in" in world.h.reply_text(first)
    assert "Queued in" in world.h.reply_text(second)
    assert "1 before it" in world.h.reply_text(second)
    await world.idle()

    await heard_in_order(world, SHORT, LONG)


async def test_a_stalled_stream_is_a_pause_not_a_stutter(make_voice_world: WorldFactory) -> None:
    world = await make_voice_world()
    await clone_directly(world.h, "Narrator", "speech.wav")
    world.h.sim.state.stall_stream(after_seconds=1.0, seconds=1.5)
    await say(world, TEXT)
    await world.idle()

    connection = world.voice.current
    stream = world.client.voice_playback.guild(int(connection.guild_id)).last_stream  # type: ignore[attr-defined]
    assert stream is not None and stream.underruns >= 20  # ~1.4 s of silence frames
    # The silence was sent in place, at the same pace: no long gap, then no burst.
    gaps = speech_gaps_ms(connection)
    assert max(gaps) < 250
    assert statistics.median(gaps) >= 19.0
    spurts = talk_spurts(connection, min_silence=10)
    assert len(spurts) == 2  # before and after the stall
    # Nothing of the speech was lost.
    heard = sum(seconds_of(s) for s in spurts)
    expected = await synthesised_seconds(world, TEXT)
    assert abs(heard - expected) <= 0.1 * expected


async def test_a_failed_stream_stops_cleanly_and_the_member_is_told(
    make_voice_world: WorldFactory,
) -> None:
    world = await make_voice_world()
    await clone_directly(world.h, "Narrator", "speech.wav")
    world.h.sim.state.cut_stream(after_seconds=1.0)
    token = await say(world, TEXT)
    after = await say(world, SHORT)
    await world.idle()

    [told] = followups(world.h, token)
    assert told.json["flags"] & 64  # only the member sees it
    assert (told.json["content"] or "").endswith("-# service_unavailable")
    assert "Speaking in" in world.h.reply_text(token)  # the reply stays: part was heard
    assert "AI voice clone" in voice_chat(world)  # and so does the label
    assert followups(world.h, after) == []
    # The cut utterance stopped after about a second; the next one played in full.
    spurts = talk_spurts(world.voice.current)
    assert len(spurts) == 2
    assert 0.9 <= seconds_of(spurts[0]) <= 1.1  # what arrived before the cut
    want = await synthesised_seconds(world, SHORT)
    assert abs(seconds_of(spurts[1]) - want) <= 0.1 * want


async def test_idle_leave(make_voice_world: WorldFactory) -> None:
    world = await make_voice_world(voice_idle_seconds=1)
    await clone_directly(world.h, "Narrator", "speech.wav")
    await say(world, SHORT)
    await world.until(lambda: world.bot_channel_id() == VOICE_CHANNEL_ID)
    await world.until(lambda: world.bot_channel_id() is None, seconds=15)
    # It told the gateway it left.
    await world.until(lambda: world.voice.bot_channel[GUILD_ID] is None)
    assert world.queue() is None


async def test_leaves_when_no_human_remains(make_voice_world: WorldFactory) -> None:
    world = await make_voice_world()
    await clone_directly(world.h, "Narrator", "speech.wav")
    await say(world, SHORT)
    await world.idle()
    await world.seat(ALICE, None)
    assert world.bot_channel_id() == VOICE_CHANNEL_ID  # Bob still listens
    await world.seat(BOB, OTHER_VOICE_CHANNEL_ID)
    await world.until(lambda: world.bot_channel_id() is None)
    await world.until(lambda: world.voice.bot_channel[GUILD_ID] is None)


async def test_forced_disconnect_clears_the_queue(make_voice_world: WorldFactory) -> None:
    world = await make_voice_world()
    await clone_directly(world.h, "Narrator", "speech.wav")
    await say(world, TEXT)
    await say(world, LONG)
    await playing(world)
    # The waiting one is synthesised ahead once the first plays; nothing is asked for after that.
    await world.until(lambda: world.h.sim.state.count("POST", "/text_to_speech/streaming") == 2)
    streams_before = world.h.sim.state.count("POST", "/text_to_speech/streaming")
    forced_before = metric("voicebot_voice_disconnects_total", code="forced")
    await world.voice.force_disconnect(GUILD_ID)
    await world.until(lambda: world.queue() is None and world.bot_channel_id() is None)
    await asyncio.sleep(0.5)
    # The queued message was never asked for again, and never played to nobody.
    assert world.h.sim.state.count("POST", "/text_to_speech/streaming") == streams_before
    assert len(world.voice.connections) == 1
    assert metric("voicebot_voice_disconnects_total", code="forced") == forced_before + 1

    # The next /say joins again and plays.
    token = await say(world, SHORT)
    assert "Speaking in" in world.h.reply_text(token)
    await world.idle()
    assert len(world.voice.connections) == 2
    assert world.voice.current.speech_packets()


async def test_a_move_clears_the_queue_and_the_idle_timer_follows(
    make_voice_world: WorldFactory,
) -> None:
    world = await make_voice_world(voice_idle_seconds=2)
    await clone_directly(world.h, "Narrator", "speech.wav")
    await say(world, TEXT)
    await say(world, LONG)
    await playing(world)
    # The waiting one is synthesised ahead once the first plays; nothing is asked for after that.
    await world.until(lambda: world.h.sim.state.count("POST", "/text_to_speech/streaming") == 2)
    streams_before = world.h.sim.state.count("POST", "/text_to_speech/streaming")
    await world.voice.move_bot(GUILD_ID, OTHER_VOICE_CHANNEL_ID)
    await world.until(lambda: world.bot_channel_id() == OTHER_VOICE_CHANNEL_ID)
    queue = world.queue()
    assert queue is not None
    await world.until(lambda: len(queue) == 0)
    await world.until(lambda: world.voice.current.channel_id == OTHER_VOICE_CHANNEL_ID)
    # Left idle in the new channel, it leaves there too.
    await world.until(lambda: world.bot_channel_id() is None, seconds=15)
    assert world.h.sim.state.count("POST", "/text_to_speech/streaming") == streams_before


async def test_voice_stop_and_skip(make_voice_world: WorldFactory) -> None:
    world = await make_voice_world()
    await clone_directly(world.h, "Narrator", "speech.wav")
    await say(world, TEXT)
    await say(world, LONG)
    await playing(world)

    # Bob is neither the speaker nor a moderator.
    for command in ("voice-skip", "voice-stop"):
        payload = world.h.payloads.slash(command, BOB)
        await world.h.run(payload)
        assert world.h.reply_text(str(payload["token"])).endswith("-# not_allowed")
    queue = world.queue()
    assert queue is not None and len(queue) == 2

    # The speaker skips her own: the next one starts.
    payload = world.h.payloads.slash("voice-skip", ALICE)
    await world.h.run(payload)
    assert world.h.reply_text(str(payload["token"])) == "Skipped."
    await world.until(lambda: world.h.sim.state.count("POST", "/text_to_speech/streaming") == 2)

    # A member who may move others stops it all and the bot leaves.
    payload = world.h.payloads.slash("voice-stop", MOVER)
    await world.h.run(payload)
    assert "Stopped" in world.h.reply_text(str(payload["token"]))
    await world.until(lambda: world.bot_channel_id() is None and world.queue() is None)


async def test_where_it_cannot_play_say_answers_with_audio(make_voice_world: WorldFactory) -> None:
    world = await make_voice_world(seats={ALICE.id: LOCKED_VOICE_CHANNEL_ID})
    await clone_directly(world.h, "Narrator", "speech.wav")
    # No Connect permission in her channel.
    token = await say(world, SHORT)
    assert world.voice.connections == []
    assert answered_with_audio(world, token)
    # A private /say never plays in a channel.
    await world.seat(ALICE, VOICE_CHANNEL_ID)
    token = await say(world, SHORT, private=True)
    assert world.voice.connections == []
    assert answered_with_audio(world, token)


async def test_voice_disabled_by_the_operator(make_voice_world: WorldFactory) -> None:
    world = await make_voice_world(voice_enabled=False)
    await clone_directly(world.h, "Narrator", "speech.wav")
    token = await say(world, SHORT)
    assert world.voice.connections == []
    assert answered_with_audio(world, token)


async def test_full_queue_is_busy_and_forget_me_empties_mine(
    make_voice_world: WorldFactory,
) -> None:
    world = await make_voice_world(voice_queue_max=2)
    await clone_directly(world.h, "Narrator", "speech.wav")
    await say(world, TEXT)
    await say(world, LONG)
    token = await say(world, SHORT)
    [busy] = followups(world.h, token)
    assert (busy.json["content"] or "").endswith("-# busy")
    queue = world.queue()
    assert queue is not None and len(queue) == 2

    removed = await world.h.voicebot.forget_voice_queue(_member())
    assert removed == 2
    await world.until(lambda: len(queue) == 0)
    # The playing one and, at most, the next one synthesised ahead were asked for (the busy third
    # never was), and once the queue is empty the bot says nothing more.
    assert world.h.sim.state.count("POST", "/text_to_speech/streaming") <= 2
    spoken = len(world.voice.current.speech_packets()) if world.voice.connections else 0
    await asyncio.sleep(0.3)
    assert (len(world.voice.current.speech_packets()) if world.voice.connections else 0) == spoken


async def test_members_joining_and_leaving_do_not_cut_the_audio(
    make_voice_world: WorldFactory,
) -> None:
    world = await make_voice_world()
    await clone_directly(world.h, "Narrator", "speech.wav")
    await say(world, LONG)
    await playing(world, 20)
    connection = world.voice.current
    joiner = await world.voice.member_joins(MOVER.id)
    await playing(world, 60)
    await world.voice.member_leaves(joiner)
    await world.idle()

    [bob] = connection.listeners
    assert bob.failures == 0
    # The newcomer hears from the new epoch on; a frame or two still in flight under the old
    # keys when it joined can't be decrypted, by design (it wasn't in the group then).
    assert joiner.failures <= 2 and len(joiner.frames) > 20
    assert connection.invalid_commits == 0
    spurts = talk_spurts(connection)
    assert len(spurts) == 1  # never cut
    want = await synthesised_seconds(world, LONG)
    assert abs(seconds_of(spurts[0]) - want) <= 0.1 * want


async def test_a_dropped_voice_session_reconnects_and_is_counted(
    make_voice_world: WorldFactory,
) -> None:
    world = await make_voice_world()
    await clone_directly(world.h, "Narrator", "speech.wav")
    before = metric("voicebot_voice_disconnects_total", code="4006")
    await say(world, LONG)
    await playing(world, 20)
    first = world.voice.current
    await first.close(4006)  # "session no longer valid": the voice server dropped it
    await world.until(lambda: len(world.voice.connections) == 2)
    await world.idle()
    assert metric("voicebot_voice_disconnects_total", code="4006") == before + 1
    second = world.voice.current
    assert second.channel_id == VOICE_CHANNEL_ID
    # The rest of the utterance reached the channel over the new, end-to-end encrypted session.
    assert second.speech_packets()
    assert all(p.payload.endswith(b"\xfa\xfa") for p in second.speech_packets())
    assert second.listeners[0].failures == 0
    assert world.bot_channel_id() == VOICE_CHANNEL_ID
    # Nothing was lost on the way: the two sessions together carried the whole utterance.
    heard = sum(
        seconds_of([f for f in c.listeners[0].frames if f != OPUS_SILENCE]) for c in (first, second)
    )
    want = await synthesised_seconds(world, LONG)
    assert abs(heard - want) <= 0.1 * want, (heard, want)


async def test_the_rules_of_say_apply_in_voice_channels(make_voice_world: WorldFactory) -> None:
    world = await make_voice_world(say_cooldown_seconds=3600)
    token = await say(world, SHORT)  # no voice cloned yet
    [error] = followups(world.h, token)
    assert (error.json["content"] or "").endswith("-# voice_not_found")
    assert world.voice.connections == []  # nothing joined for a refused /say

    await clone_directly(world.h, "Narrator", "speech.wav")
    await say(world, SHORT)
    token = await say(world, "Again, so soon.")
    [error] = followups(world.h, token)
    assert (error.json["content"] or "").endswith("-# cooldown")
    await world.idle()
    assert len(talk_spurts(world.voice.current)) == 1


async def test_busy_in_another_channel_answers_with_audio_then_follows(
    make_voice_world: WorldFactory,
) -> None:
    world = await make_voice_world(
        seats={
            ALICE.id: VOICE_CHANNEL_ID,
            BOB.id: VOICE_CHANNEL_ID,
            MOVER.id: OTHER_VOICE_CHANNEL_ID,
        }
    )
    await clone_directly(world.h, "Narrator", "speech.wav")
    from tests.discord.helpers import member

    await clone_directly_for(world, member(MOVER))
    await say(world, LONG)
    await playing(world)
    # The bot speaks for Alice's channel: Mover, elsewhere, gets audio as usual.
    token = await say(world, SHORT, MOVER)
    assert answered_with_audio(world, token)
    await world.idle()
    # Once it is free, it goes where it is asked.
    token = await say(world, SHORT, MOVER)
    assert f"Speaking in <#{OTHER_VOICE_CHANNEL_ID}>" in world.h.reply_text(token)
    await world.until(lambda: world.bot_channel_id() == OTHER_VOICE_CHANNEL_ID)
    await world.idle()
    assert world.voice.current.channel_id == OTHER_VOICE_CHANNEL_ID
    assert world.voice.current.speech_packets()


async def clone_directly_for(world: VoiceWorld, who: Any) -> None:
    from bot.models import CloneOptions
    from tests.discord.test_voices import FIXTURES, FileSource

    await world.h.voicebot.clone(
        who,
        FileSource(FIXTURES / "speech.wav"),
        idempotency_key=f"test:{who.user_id}",
        consent=world.h.voicebot.consent_now(),
        options=CloneOptions(name="Theirs"),
        recorded_by=who.user_id,
    )
