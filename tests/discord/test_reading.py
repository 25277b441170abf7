"""Reading members' messages aloud (/read): the real discord.py client on the fake gateway,
MESSAGE_CREATE events with and without content, the fake voice server with DAVE, and the API
simulator, which records the transcript and the voice id of every speech request."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from bot.models import Member
from bot.reading.rules import ReadingRules
from tests.discord.helpers import member
from tests.discord.payloads import (
    ADMIN,
    ALICE,
    BOB,
    GUILD_CHANNEL_ID,
    GUILD_ID,
    STRING,
    Person,
    option,
    user_message,
)
from tests.discord.test_voice_channel import (
    LONG,
    TEXT,
    clone_directly_for,
    playing,
    say,
    seconds_of,
    synthesised_seconds,
    talk_spurts,
)
from tests.discord.test_voices import clone_directly
from tests.discord.voice_world import (
    MOVER,
    OTHER_VOICE_CHANNEL_ID,
    VOICE_CHANNEL_ID,
    VoiceWorld,
    member_payload,
)

WorldFactory = Callable[..., Awaitable[VoiceWorld]]
SILENT = 1 << 12
ANOTHER_BOT = Person(1000000000000000099, "helperbot")


async def reading_world(make_voice_world: WorldFactory, **overrides: Any) -> VoiceWorld:
    """Alice and Bob in the lounge, Alice with a voice, the Message Content intent on."""
    overrides.setdefault("discord_message_content", True)
    world = await make_voice_world(**overrides)
    await clone_directly(world.h, "Narrator", "speech.wav")
    return world


async def read_command(
    world: VoiceWorld, sub: str, person: Person = ALICE, voice: str | None = None
) -> str:
    options = [option("voice", STRING, voice)] if voice else []
    payload = world.h.payloads.slash("read", person, options, sub=sub)
    await world.h.run(payload)
    return world.h.reply_text(str(payload["token"]))


def chat(
    world: VoiceWorld,
    person: Person,
    text: str,
    *,
    channel_id: int = VOICE_CHANNEL_ID,
    mentions: tuple[Person, ...] = (),
    flags: int = 0,
    bot: bool = False,
    webhook: bool = False,
) -> dict[str, Any]:
    message = user_message(world.h.fake, person, [], in_guild=True, content=text)
    message["channel_id"] = str(channel_id)
    message["flags"] = flags
    message["mentions"] = [
        {**p.user(), "member": {k: v for k, v in member_payload(p).items() if k != "user"}}
        for p in mentions
    ]
    if bot:
        message["author"]["bot"] = True
    if webhook:
        message["webhook_id"] = str(world.h.fake.snowflake())
    return message


async def post(world: VoiceWorld, person: Person, text: str, **kwargs: Any) -> None:
    await world.h.deliver(chat(world, person, text, **kwargs))


async def voice_id_of(world: VoiceWorld, who: Member) -> str:
    [voice] = await world.h.voicebot.list_voices(who)
    return voice.voice_id


def requests(world: VoiceWorld) -> list[tuple[str, str]]:
    return list(world.h.sim.state.speech_requests)


def transcripts(world: VoiceWorld) -> list[str]:
    return [text for _, text in requests(world)]


def read_aloud(world: VoiceWorld, *, gave_way: tuple[str, ...] = ()) -> list[str]:
    """What the API was asked to say, without the messages that ``gave_way``: the next message
    is synthesised while one plays, so one that is then dropped may have reached the API, never
    the voice channel (the tests count what played in talk spurts)."""
    return [text for text in transcripts(world) if text not in gave_way]


def use_rules(monkeypatch: pytest.MonkeyPatch, **rules: Any) -> None:
    """Stand-in for admins' read_* settings (/clone-settings), which another change adds."""
    monkeypatch.setattr(
        ReadingRules, "from_settings", classmethod(lambda cls, settings: cls(**rules))
    )


async def reading_on(world: VoiceWorld, person: Person = ALICE) -> None:
    reply = await read_command(world, "on", person)
    assert "Reading your messages aloud" in reply, reply
    await world.until(lambda: world.bot_channel_id() == VOICE_CHANNEL_ID)


# --- the message is read, in the member's voice -------------------------------------------------
async def test_a_message_in_the_voice_channels_chat_is_read_in_the_members_voice(
    make_voice_world: WorldFactory,
) -> None:
    world = await reading_world(make_voice_world)
    reply = await read_command(world, "on")
    assert f"Reading your messages aloud in Narrator, in <#{VOICE_CHANNEL_ID}>" in reply
    await world.until(lambda: world.bot_channel_id() == VOICE_CHANNEL_ID)

    await post(world, ALICE, f"Hello <@{BOB.id}>, how are you tonight?", mentions=(BOB,))
    await world.idle()

    voice_id = await voice_id_of(world, member(ALICE))
    [(used_voice, transcript)] = requests(world)
    assert used_voice == voice_id
    # The mention is the name, never the id.
    assert "Bob" in transcript and str(BOB.id) not in transcript and "<@" not in transcript
    connection = world.voice.current
    assert connection.channel_id == VOICE_CHANNEL_ID
    assert connection.listeners[0].failures == 0
    [spurt] = talk_spurts(connection)
    want = await synthesised_seconds(world, transcript)
    assert abs(seconds_of(spurt) - want) <= 0.1 * want
    # The read is audited (its characters, never its text), and so is the switch.
    actions = [e.action for e in await world.h.voicebot.store.list_audit(user_id=str(ALICE.id))]
    assert "read" in actions and "read_on" in actions
    status = await read_command(world, "status")
    assert status == "Reading your messages aloud is on, in Narrator."


async def test_a_message_in_the_servers_read_channel_is_read(
    make_voice_world: WorldFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = await reading_world(make_voice_world)
    use_rules(monkeypatch, channel_id=str(GUILD_CHANNEL_ID))
    await reading_on(world)
    await post(world, ALICE, "From the read channel.", channel_id=GUILD_CHANNEL_ID)
    await world.idle()
    assert transcripts(world) == ["From the read channel."]
    assert world.voice.current.speech_packets()


async def test_messages_are_read_in_order(make_voice_world: WorldFactory) -> None:
    world = await reading_world(make_voice_world)
    await reading_on(world)
    texts = ["First message.", "Second message, a bit longer.", "Third."]
    for text in texts:
        await post(world, ALICE, text)
    await world.idle()
    assert transcripts(world) == texts
    spurts = talk_spurts(world.voice.current)
    assert len(spurts) == 3
    for spurt, text in zip(spurts, texts, strict=True):
        want = await synthesised_seconds(world, text)
        assert abs(seconds_of(spurt) - want) <= 0.1 * want


async def test_a_member_has_at_most_three_messages_waiting(make_voice_world: WorldFactory) -> None:
    world = await reading_world(make_voice_world)
    await reading_on(world)
    await post(world, ALICE, TEXT)
    await playing(world)
    for word in ("two", "three", "four", "five", "six"):
        await post(world, ALICE, f"Message {word}.")
        queue = world.queue()
        assert queue is not None
        assert len(queue.reading_waiting("discord", str(ALICE.id))) <= 3
    await world.idle()
    # The oldest waiting ones gave way: she hears her latest messages, not a backlog.
    sent = transcripts(world)
    assert sent[0] == TEXT
    assert sent[-3:] == ["Message four.", "Message five.", "Message six."]
    # One synthesised ahead while the first played counts as waiting, and gives way too: it
    # may have reached the API, never the voice channel.
    assert set(sent[1:-3]) <= {"Message two.", "Message three."}
    assert len(talk_spurts(world.voice.current)) == 4


async def test_what_is_not_read(make_voice_world: WorldFactory) -> None:
    world = await reading_world(make_voice_world)  # Mover is in no voice channel
    await clone_directly_for(world, member(MOVER))
    await reading_on(world)
    assert "Reading is on" in await read_command(world, "on", MOVER)

    await post(world, ANOTHER_BOT, "A bot wrote this.", bot=True)
    await post(world, ALICE, "A webhook wrote this.", webhook=True)
    await post(world, ALICE, "Shh, silent.", flags=SILENT)
    for prefix in "!;/.":
        await post(world, ALICE, f"{prefix}command ignored")
    await post(world, ALICE, "In another text channel.", channel_id=GUILD_CHANNEL_ID)
    await post(world, ALICE, "")  # no content: the intent is missing, or only an embed
    await post(world, BOB, "Bob has reading off.")
    await post(world, MOVER, "Not in the voice channel.")
    # An edit is never read (MESSAGE_UPDATE).
    edited = chat(world, ALICE, "Edited text.")
    edited["edited_timestamp"] = edited["timestamp"]
    world.h.client._connection.parse_message_update(edited)  # type: ignore[arg-type]
    await world.h.settle()
    await post(world, ALICE, "This one is read.")
    await world.idle()
    assert transcripts(world) == ["This one is read."]
    skipped = world.h.voicebot.reading.skipped
    assert {"bot", "silent", "prefix", "other_channel", "nothing_left", "not_reading"} <= set(
        skipped
    )
    assert skipped["prefix"] == 4 and skipped["not_in_channel"] >= 1


# --- stopping ------------------------------------------------------------------------------------
async def test_read_off_stops_mid_message_and_drops_the_waiting_ones(
    make_voice_world: WorldFactory,
) -> None:
    world = await reading_world(make_voice_world)
    await reading_on(world)
    await post(world, ALICE, TEXT)
    await post(world, ALICE, LONG)
    await post(world, ALICE, "And a third.")
    await playing(world)
    assert await read_command(world, "off") == "Reading your messages aloud is off."
    await world.idle()
    assert read_aloud(world, gave_way=(LONG, "And a third.")) == [TEXT]
    await post(world, ALICE, "Not read any more.")
    await world.idle()
    assert read_aloud(world, gave_way=(LONG, "And a third.")) == [TEXT]
    [spurt] = talk_spurts(world.voice.current)
    assert seconds_of(spurt) < await synthesised_seconds(world, TEXT) * 0.9  # cut short
    assert await read_command(world, "off") == "Reading was already off."
    assert await read_command(world, "status") == (
        "Reading your messages aloud is off. Turn it on with /read on."
    )
    entries = await world.h.voicebot.store.list_audit(user_id=str(ALICE.id))
    assert [e.detail for e in entries if e.action == "read_off"] == [{"reason": "off"}]


async def test_forget_me_stops_reading_and_erases_the_switch(
    make_voice_world: WorldFactory,
) -> None:
    world = await reading_world(make_voice_world)
    await reading_on(world)
    await post(world, ALICE, TEXT)
    await post(world, ALICE, LONG)
    await playing(world)
    await world.h.voicebot.forget(member(ALICE))
    await world.idle()
    assert read_aloud(world, gave_way=(LONG,)) == [TEXT]
    assert len(talk_spurts(world.voice.current)) == 1  # her second message never played
    rows = await world.h.voicebot.store.export_rows()  # type: ignore[attr-defined]
    assert rows["readers"] == []
    await post(world, ALICE, "Gone.")
    await world.idle()
    assert read_aloud(world, gave_way=(LONG,)) == [TEXT]


async def test_a_deleted_voice_or_a_ban_turns_reading_off(make_voice_world: WorldFactory) -> None:
    world = await reading_world(make_voice_world)
    await clone_directly_for(world, member(BOB))
    await reading_on(world)
    await read_command(world, "on", BOB)
    alice, bob = member(ALICE), member(BOB)
    await world.h.voicebot.delete_voice(alice, await voice_id_of(world, alice))
    assert (await world.h.voicebot.read_status(alice)).reader is None

    # The admins allow only the admin: Bob's next message is not read, and reading goes off.
    admin = Member("discord", str(ADMIN.id), str(GUILD_ID), is_admin=True)
    await world.h.voicebot.update_community_settings(admin, {"allowed_members": str(ADMIN.id)})
    await post(world, BOB, "Am I still read?")
    await world.idle()
    assert transcripts(world) == []
    assert (await world.h.voicebot.read_status(bob)).reader is None
    offs = [
        e.detail["reason"]
        for e in await world.h.voicebot.store.list_audit()
        if e.action == "read_off"
    ]
    assert sorted(offs) == ["not_allowed", "voice_deleted"]


# --- who is where ------------------------------------------------------------------------------
async def test_a_reader_who_leaves_stays_opted_in_and_their_waiting_messages_go(
    make_voice_world: WorldFactory,
) -> None:
    world = await reading_world(make_voice_world)
    await reading_on(world)
    await post(world, ALICE, TEXT)
    await post(world, ALICE, LONG)
    await post(world, ALICE, "A third one.")
    await playing(world)
    await world.seat(ALICE, None)
    await world.h.settle()
    queue = world.queue()
    assert queue is not None
    assert queue.reading_waiting("discord", str(ALICE.id)) == []
    await world.idle()
    assert read_aloud(world, gave_way=(LONG, "A third one.")) == [TEXT]
    await post(world, ALICE, "Written while away.")
    # Back in the channel: reading resumes.
    await world.seat(ALICE, VOICE_CHANNEL_ID)
    await post(world, ALICE, "I am back.")
    await world.idle()
    assert read_aloud(world, gave_way=(LONG, "A third one.")) == [TEXT, "I am back."]


async def test_read_on_outside_a_voice_channel_starts_once_both_are_in_one(
    make_voice_world: WorldFactory,
) -> None:
    world = await reading_world(make_voice_world, seats={BOB.id: OTHER_VOICE_CHANNEL_ID})
    reply = await read_command(world, "on")
    assert "It starts once you and I are in one voice channel" in reply
    assert world.voice.connections == []
    await post(world, ALICE, "Nobody hears this.")
    assert transcripts(world) == []
    await world.seat(ALICE, VOICE_CHANNEL_ID)
    await reading_on(world)
    await post(world, ALICE, "Now it is read.")
    await world.idle()
    assert transcripts(world) == ["Now it is read."]


async def test_read_on_while_the_bot_speaks_elsewhere_does_not_move_it(
    make_voice_world: WorldFactory,
) -> None:
    world = await reading_world(
        make_voice_world,
        seats={
            ALICE.id: VOICE_CHANNEL_ID,
            BOB.id: VOICE_CHANNEL_ID,
            MOVER.id: OTHER_VOICE_CHANNEL_ID,
        },
    )
    await clone_directly_for(world, member(MOVER))
    await say(world, LONG)
    await playing(world)
    reply = await read_command(world, "on", MOVER)
    assert "I'm speaking in another voice channel here" in reply
    assert world.bot_channel_id() == VOICE_CHANNEL_ID


async def test_the_bot_moved_or_disconnected(make_voice_world: WorldFactory) -> None:
    world = await reading_world(make_voice_world)
    await reading_on(world)
    await post(world, ALICE, TEXT)
    await post(world, ALICE, LONG)
    await playing(world)
    await world.voice.move_bot(GUILD_ID, OTHER_VOICE_CHANNEL_ID)
    await world.until(lambda: world.bot_channel_id() == OTHER_VOICE_CHANNEL_ID)
    await world.idle()
    assert read_aloud(world, gave_way=(LONG,)) == [TEXT]  # what waited was for the old channel
    await post(world, ALICE, "She is not in the bot's channel.")
    await world.seat(ALICE, OTHER_VOICE_CHANNEL_ID)
    await post(world, ALICE, "Read in the new channel.", channel_id=OTHER_VOICE_CHANNEL_ID)
    await world.idle()
    assert read_aloud(world, gave_way=(LONG,)) == [TEXT, "Read in the new channel."]
    assert world.voice.current.channel_id == OTHER_VOICE_CHANNEL_ID

    await world.voice.force_disconnect(GUILD_ID)
    await world.until(lambda: world.bot_channel_id() is None)
    await post(world, ALICE, "Nobody listens.", channel_id=OTHER_VOICE_CHANNEL_ID)
    await world.h.settle()
    assert read_aloud(world, gave_way=(LONG,)) == [TEXT, "Read in the new channel."]
    assert (await world.h.voicebot.read_status(member(ALICE))).reader is not None


# --- sharing the channel -----------------------------------------------------------------------
async def test_two_members_reading_at_once(make_voice_world: WorldFactory) -> None:
    world = await reading_world(make_voice_world)
    await clone_directly_for(world, member(BOB))
    await reading_on(world)
    assert "Reading your messages aloud" in await read_command(world, "on", BOB)
    await post(world, ALICE, "Alice speaks first.")
    await post(world, BOB, "Bob answers.")
    await post(world, ALICE, "Alice again.")
    await world.idle()
    alice = await voice_id_of(world, member(ALICE))
    bob = await voice_id_of(world, member(BOB))
    assert requests(world) == [
        (alice, "Alice speaks first."),
        (bob, "Bob answers."),
        (alice, "Alice again."),
    ]
    assert len(talk_spurts(world.voice.current)) == 3


async def test_say_mixed_with_reading_is_never_busy(make_voice_world: WorldFactory) -> None:
    world = await reading_world(make_voice_world, voice_queue_max=3)
    await clone_directly_for(world, member(BOB))
    await reading_on(world)
    await post(world, ALICE, TEXT)
    await post(world, ALICE, "Waiting one.")
    await post(world, ALICE, "Waiting two.")
    await playing(world)
    queue = world.queue()
    assert queue is not None and len(queue) == 3  # full, with read messages
    token = await say(world, "Bob says this.", BOB)
    assert "Queued in" in world.h.reply_text(token)
    await world.idle()
    # The oldest waiting read message gave way to Bob's /say.
    assert read_aloud(world, gave_way=("Waiting one.",)) == [TEXT, "Waiting two.", "Bob says this."]
    assert len(talk_spurts(world.voice.current)) == 3  # "Waiting one." never played


async def test_the_name_is_announced_when_the_speaker_changes(
    make_voice_world: WorldFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = await reading_world(make_voice_world)
    use_rules(monkeypatch, announce="on_change")
    await clone_directly_for(world, member(BOB))
    await reading_on(world)
    await read_command(world, "on", BOB)
    await post(world, ALICE, "One.")
    await post(world, ALICE, "Two.")
    await post(world, BOB, "Three.")
    await world.idle()
    assert transcripts(world) == ["Alice: One.", "Two.", "Bob: Three."]


# --- the intent, and privacy ---------------------------------------------------------------------
async def test_without_the_message_content_intent_read_on_says_what_to_do(
    make_voice_world: WorldFactory,
) -> None:
    world = await reading_world(make_voice_world, discord_message_content=False)
    reply = await read_command(world, "on")
    assert "Message Content Intent" in reply and "DISCORD_MESSAGE_CONTENT=true" in reply
    assert reply.endswith("-# service_misconfigured")
    assert world.voice.connections == []
    assert (await world.h.voicebot.read_status(member(ALICE))).reader is None


async def test_message_text_is_never_logged_nor_stored(
    make_voice_world: WorldFactory, caplog: pytest.LogCaptureFixture
) -> None:
    world = await reading_world(make_voice_world)
    await reading_on(world)
    secret = "Zanzibar marmalade 7731 is my secret phrase"
    with caplog.at_level(logging.DEBUG):
        await post(world, ALICE, secret)
        await post(world, ALICE, "!" + secret)  # not read: its reason is logged, not its text
        await world.idle()
    assert transcripts(world) == [secret]
    assert caplog.records, "nothing was logged at all"
    logged = "\n".join(r.getMessage() for r in caplog.records) + caplog.text
    assert "Zanzibar" not in logged and "marmalade" not in logged
    rows = await world.h.voicebot.store.export_rows()  # type: ignore[attr-defined]
    assert "Zanzibar" not in repr(rows)
