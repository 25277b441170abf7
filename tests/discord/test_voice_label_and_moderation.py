"""Who may stop the bot (Move Members where the bot is), and where listeners read that the
voice is an AI clone (the voice channel's own chat)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.discord.fake_discord import BOT_USER_ID
from tests.discord.payloads import ALICE, STRING, option
from tests.discord.test_voice_channel import LONG, TEXT, WorldFactory, playing, say
from tests.discord.test_voices import clone_directly
from tests.discord.voice_world import (
    CAROL,
    DAVE,
    EVERYONE_PERMISSIONS,
    MOVE_MEMBERS,
    OTHER_VOICE_CHANNEL_ID,
    SEND_MESSAGES,
    VOICE_CHANNEL_ID,
    VoiceWorld,
    overwrite,
    voice_channel,
)


def typed_in(payload: dict[str, Any], channel_id: int, permissions: int) -> dict[str, Any]:
    """The interaction as Discord sends it when the command is typed in the chat of the voice
    channel ``channel_id``: ``permissions`` are the member's permissions there."""
    payload.update(channel_id=str(channel_id), channel=voice_channel(channel_id, "voice chat"))
    payload["member"]["permissions"] = str(permissions)
    return payload


def posts_in(world: VoiceWorld, channel_id: int, since: int = 0) -> list[Any]:
    return world.h.fake.find("POST", rf"^/channels/{channel_id}/messages$", since)


async def test_move_members_counts_in_the_bots_voice_channel(
    make_voice_world: WorldFactory,
) -> None:
    world = await make_voice_world(
        seats={ALICE.id: VOICE_CHANNEL_ID, CAROL.id: OTHER_VOICE_CHANNEL_ID},
        overwrites={
            # Carol may move members in her own channel only; Dave in the bot's only.
            OTHER_VOICE_CHANNEL_ID: [overwrite(CAROL.id, allow=MOVE_MEMBERS)],
            VOICE_CHANNEL_ID: [overwrite(DAVE.id, allow=MOVE_MEMBERS)],
        },
    )
    await clone_directly(world.h, "Narrator", "speech.wav")
    await say(world, TEXT)
    await say(world, LONG)
    await playing(world)

    # Carol types in her voice channel's chat, where she has Move Members: not where the bot is.
    for command in ("voice-skip", "voice-stop"):
        payload = world.h.payloads.slash(command, CAROL)
        typed_in(payload, OTHER_VOICE_CHANNEL_ID, EVERYONE_PERMISSIONS | MOVE_MEMBERS)
        await world.h.run(payload)
        assert world.h.reply_text(str(payload["token"])).endswith("-# not_allowed")
    queue = world.queue()
    assert queue is not None and len(queue) == 2
    assert world.bot_channel_id() == VOICE_CHANNEL_ID

    # Dave types in #general, where he may not move anyone, but he may where the bot speaks.
    payload = world.h.payloads.slash("voice-skip", DAVE)
    await world.h.run(payload)
    assert world.h.reply_text(str(payload["token"])) == "Skipped."
    payload = world.h.payloads.slash("voice-stop", DAVE)
    await world.h.run(payload)
    assert "Stopped" in world.h.reply_text(str(payload["token"]))
    await world.until(lambda: world.bot_channel_id() is None and world.queue() is None)


async def test_the_label_is_posted_in_the_voice_channels_chat(
    make_voice_world: WorldFactory,
) -> None:
    world = await make_voice_world()
    await clone_directly(world.h, "Narrator", "speech.wav")
    mark = world.h.mark()
    token = await say(world, TEXT)

    [post] = posts_in(world, VOICE_CHANNEL_ID, mark)
    assert "AI voice clone of Alice" in (post.content or "")
    assert "Hello everyone in the lounge" in (post.content or "")
    assert post.json["allowed_mentions"]["parse"] == []
    reply = world.h.reply_text(token)
    assert f"Speaking in <#{VOICE_CHANNEL_ID}>" in reply
    assert "AI voice clone" not in reply  # once, where the listeners are
    await world.idle()

    # In the member's language, as the reply.
    world.h.payloads.locales[ALICE.id] = "fr"
    mark = world.h.mark()
    await say(world, "Bonjour à tous.")
    [post] = posts_in(world, VOICE_CHANNEL_ID, mark)
    assert "Clone vocal par IA de Alice" in (post.content or "")
    await world.idle()

    # Typed in the voice channel's own chat: the reply is there already, and carries it.
    world.h.payloads.locales[ALICE.id] = "en-US"
    mark = world.h.mark()
    payload = world.h.payloads.slash("say", ALICE, [option("text", STRING, "Right here.")])
    typed_in(payload, VOICE_CHANNEL_ID, EVERYONE_PERMISSIONS)
    await world.h.run(payload)
    assert posts_in(world, VOICE_CHANNEL_ID, mark) == []
    assert "AI voice clone of Alice" in world.h.reply_text(str(payload["token"]))


@pytest.mark.parametrize("refusal", ["no permission", "403"])
async def test_where_the_bot_may_not_post_the_reply_carries_the_label(
    make_voice_world: WorldFactory, refusal: str
) -> None:
    if refusal == "no permission":
        world = await make_voice_world(
            overwrites={VOICE_CHANNEL_ID: [overwrite(BOT_USER_ID, deny=SEND_MESSAGES)]}
        )
    else:
        world = await make_voice_world()
        world.h.fake.forbidden_channels.add(VOICE_CHANNEL_ID)
    await clone_directly(world.h, "Narrator", "speech.wav")
    mark = world.h.mark()
    token = await say(world, TEXT)

    posts = posts_in(world, VOICE_CHANNEL_ID, mark)
    assert len(posts) == (0 if refusal == "no permission" else 1)
    reply = world.h.reply_text(token)
    assert "AI voice clone of Alice" in reply
    assert f"Speaking in <#{VOICE_CHANNEL_ID}>" in reply
    await world.idle()
    assert world.voice.current.speech_packets()  # it spoke all the same
