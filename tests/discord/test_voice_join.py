"""Joining a voice channel under concurrency: /say while a join is under way, and shutting
down in the middle of one. The real discord.py client against the fake gateway and voice
server, which can hold a join unanswered for as long as a test likes."""

from __future__ import annotations

import asyncio
import contextlib

import discord

from tests.discord.helpers import followups, member
from tests.discord.payloads import ALICE, BOB, GUILD_ID
from tests.discord.test_voice_channel import (
    LONG,
    SHORT,
    WorldFactory,
    clone_directly_for,
    heard_in_order,
    say,
)
from tests.discord.test_voices import clone_directly
from tests.discord.voice_world import MOVER, VOICE_CHANNEL_ID, VoiceWorld

#: Far above what a prompt shutdown takes, far below discord.py's wait for a voice leave to be
#: confirmed by a gateway nobody reads any more (the connect timeout, 15 s).
SHUTDOWN_BOUND_SECONDS = 8.0


async def joining(world: VoiceWorld) -> None:
    """Until the bot has asked the gateway to join (and the fake holds the answer)."""
    await world.until(lambda: world.voice.join_requests >= 1)


async def test_two_says_before_the_bot_joined_both_play_in_order(
    make_voice_world: WorldFactory,
) -> None:
    world = await make_voice_world()
    await clone_directly(world.h, "Narrator", "speech.wav")
    await clone_directly_for(world, member(BOB))
    world.voice.hold_joins()

    first = asyncio.create_task(say(world, SHORT, ALICE))
    await joining(world)
    second = asyncio.create_task(say(world, LONG, BOB))
    # Bob's /say is queued and reaches the join under way (or, raced, fails on it).
    await world.until(lambda: second.done() or len(world.queue() or ()) == 2)
    for _ in range(20):
        await asyncio.sleep(0)
    world.voice.release_joins()
    first_token, second_token = await asyncio.gather(first, second)

    assert f"Speaking in <#{VOICE_CHANNEL_ID}>" in world.h.reply_text(first_token)
    assert "Queued in" in world.h.reply_text(second_token)
    assert "1 before it" in world.h.reply_text(second_token)
    assert followups(world.h, first_token) == []
    assert followups(world.h, second_token) == []
    await world.idle()

    # One join, one connection, both utterances heard in order.
    assert world.voice.join_requests == 1
    assert len(world.voice.connections) == 1
    await heard_in_order(world, SHORT, LONG)
    # Connected with a queue: its idle timer will make the bot leave.
    assert world.bot_channel_id() == VOICE_CHANNEL_ID
    assert world.queue() is not None


async def test_shutdown_during_a_join_is_prompt_and_leaves(make_voice_world: WorldFactory) -> None:
    world = await make_voice_world()
    await clone_directly(world.h, "Narrator", "speech.wav")
    world.voice.hold_joins()
    saying = asyncio.create_task(say(world, SHORT))
    await joining(world)

    # What bot.lifecycle does on SIGTERM: the Discord runner is cancelled (nothing reads the
    # gateway any more), and on its way out it closes the client.
    world.running.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await world.running
    closing = asyncio.create_task(world.client.close())
    # Not asyncio.wait_for: discord.py swallows the cancellation of a voice leave it waits for.
    await asyncio.wait({closing}, timeout=SHUTDOWN_BOUND_SECONDS)
    assert closing.done(), "the client did not close promptly"

    # It told the gateway it left, and no voice client is left behind.
    assert world.voice.requests[-1] == (GUILD_ID, None)
    guild = world.client.get_guild(GUILD_ID)
    assert guild is not None and guild.voice_client is None
    assert not any(isinstance(vc, discord.VoiceClient) for vc in world.client.voice_clients)
    # The /say under way ended too (its reply can't be sent any more: the client is closed).
    await asyncio.wait({saying}, timeout=SHUTDOWN_BOUND_SECONDS)
    assert saying.done(), "the /say under way is still waiting for its join"
    assert world.queue() is None


async def test_voice_stop_with_nothing_queued_still_checks_who_asks(
    make_voice_world: WorldFactory,
) -> None:
    world = await make_voice_world()
    await clone_directly(world.h, "Narrator", "speech.wav")
    await say(world, SHORT)
    await world.idle()
    # However it came about, the bot is in the channel with no queue (here its queue closed
    # under it, as on shutdown).
    await world.h.voicebot.voice.close()
    assert world.queue() is None and world.bot_channel_id() == VOICE_CHANNEL_ID

    payload = world.h.payloads.slash("voice-stop", BOB)
    await world.h.run(payload)
    assert world.h.reply_text(str(payload["token"])).endswith("-# not_allowed")
    assert world.bot_channel_id() == VOICE_CHANNEL_ID
    assert world.queue() is None  # no empty queue left behind by the refusal

    payload = world.h.payloads.slash("voice-stop", MOVER)
    await world.h.run(payload)
    assert "Stopped" in world.h.reply_text(str(payload["token"]))
    await world.until(lambda: world.bot_channel_id() is None)
