"""A Discord server with voice channels, the real discord.py client connected to the fake
gateway, and the fake voice server listening: the world the voice playback tests run in."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import discord

from bot.speech.voice_queue import VoiceChannelQueue
from tests.discord.conftest import Harness
from tests.discord.fake_discord import BOT_USER, now_iso
from tests.discord.fake_voice import FakeVoiceServer
from tests.discord.payloads import ADMIN, ALICE, BOB, GUILD_CHANNEL_ID, GUILD_ID, Person

VOICE_CHANNEL_ID = GUILD_ID + 10
OTHER_VOICE_CHANNEL_ID = GUILD_ID + 11
LOCKED_VOICE_CHANNEL_ID = GUILD_ID + 12
VIEW_CHANNEL, SEND_MESSAGES, CONNECT, SPEAK = 1 << 10, 1 << 11, 1 << 20, 1 << 21
MOVE_MEMBERS, USE_COMMANDS = 1 << 24, 1 << 31
EVERYONE_PERMISSIONS = VIEW_CHANNEL | SEND_MESSAGES | CONNECT | SPEAK | USE_COMMANDS
#: A role that may move members everywhere in the server.
MOVERS_ROLE_ID = GUILD_ID + 20
MOVER = Person(
    1000000000000000004,
    "mover",
    roles=(MOVERS_ROLE_ID,),
    permissions=EVERYONE_PERMISSIONS | MOVE_MEMBERS,
)
#: Carol and Dave may move members in one voice channel each, by a channel overwrite (which
#: voice_world tests set up): the interaction carries their permissions where they typed.
CAROL = Person(1000000000000000005, "carol", permissions=EVERYONE_PERMISSIONS)
DAVE = Person(1000000000000000006, "dave", permissions=EVERYONE_PERMISSIONS)
#: Who is in which voice channel when the guild arrives.
DEFAULT_SEATS = {ALICE.id: VOICE_CHANNEL_ID, BOB.id: VOICE_CHANNEL_ID}
PEOPLE = (ALICE, BOB, ADMIN, MOVER, CAROL, DAVE)
#: Extra permission overwrites, by channel id.
Overwrites = dict[int, list[dict[str, Any]]]


def overwrite(
    target_id: int, *, allow: int = 0, deny: int = 0, role: bool = False
) -> dict[str, Any]:
    """A channel permission overwrite for a member (or a role)."""
    return {
        "id": str(target_id),
        "type": 0 if role else 1,
        "allow": str(allow),
        "deny": str(deny),
    }


def voice_channel(
    channel_id: int,
    name: str,
    *,
    locked: bool = False,
    extra: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    overwrites = [overwrite(GUILD_ID, deny=CONNECT, role=True)] if locked else []
    overwrites += extra or []
    return {
        "id": str(channel_id),
        "type": 2,
        "name": name,
        "position": channel_id - GUILD_ID,
        "guild_id": str(GUILD_ID),
        "permission_overwrites": overwrites,
        "bitrate": 64000,
        "user_limit": 0,
        "parent_id": None,
        "rtc_region": None,
        "nsfw": False,
    }


def member_payload(person: Person, *, bot: bool = False) -> dict[str, Any]:
    member = person.member()
    member.pop("permissions")
    if bot:
        member["user"]["bot"] = True
    return member


def voice_state(person: Person, channel_id: int | None) -> dict[str, Any]:
    return {
        "guild_id": str(GUILD_ID),
        "channel_id": str(channel_id) if channel_id else None,
        "user_id": str(person.id),
        "session_id": f"voice-session-{person.id}",
        "deaf": False,
        "mute": False,
        "self_deaf": False,
        "self_mute": False,
        "self_video": False,
        "suppress": False,
        "request_to_speak_timestamp": None,
        "member": member_payload(person),
    }


def guild_create(seats: dict[int, int], overwrites: Overwrites | None = None) -> dict[str, Any]:
    extra = overwrites or {}
    people = {p.id: p for p in PEOPLE}
    bot_member = {
        "user": BOT_USER,
        "roles": [],
        "joined_at": now_iso(),
        "deaf": False,
        "mute": False,
        "flags": 0,
    }
    return {
        "id": str(GUILD_ID),
        "name": "Test server",
        "icon": None,
        "owner_id": str(ADMIN.id),
        "afk_timeout": 300,
        "verification_level": 0,
        "default_message_notifications": 0,
        "explicit_content_filter": 0,
        "features": [],
        "mfa_level": 0,
        "system_channel_flags": 0,
        "premium_tier": 0,
        "preferred_locale": "en-US",
        "nsfw_level": 0,
        "emojis": [],
        "stickers": [],
        "roles": [
            {
                "id": str(GUILD_ID),
                "name": "@everyone",
                "color": 0,
                "hoist": False,
                "position": 0,
                "permissions": str(EVERYONE_PERMISSIONS),
                "managed": False,
                "mentionable": False,
                "flags": 0,
            },
            {
                "id": str(MOVERS_ROLE_ID),
                "name": "Movers",
                "color": 0,
                "hoist": False,
                "position": 1,
                "permissions": str(EVERYONE_PERMISSIONS | MOVE_MEMBERS),
                "managed": False,
                "mentionable": False,
                "flags": 0,
            },
        ],
        "joined_at": now_iso(),
        "large": False,
        "unavailable": False,
        "member_count": len(PEOPLE) + 1,
        "members": [bot_member, *(member_payload(p) for p in PEOPLE)],
        "voice_states": [voice_state(people[uid], cid) for uid, cid in seats.items()],
        "channels": [
            {
                "id": str(GUILD_CHANNEL_ID),
                "type": 0,
                "name": "general",
                "position": 0,
                "guild_id": str(GUILD_ID),
                "permission_overwrites": extra.get(GUILD_CHANNEL_ID, []),
                "nsfw": False,
                "parent_id": None,
            },
            voice_channel(VOICE_CHANNEL_ID, "Lounge", extra=extra.get(VOICE_CHANNEL_ID)),
            voice_channel(
                OTHER_VOICE_CHANNEL_ID, "Gaming", extra=extra.get(OTHER_VOICE_CHANNEL_ID)
            ),
            voice_channel(
                LOCKED_VOICE_CHANNEL_ID,
                "Quiet",
                locked=True,
                extra=extra.get(LOCKED_VOICE_CHANNEL_ID),
            ),
        ],
        "threads": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
    }


@dataclass
class VoiceWorld:
    h: Harness
    voice: FakeVoiceServer
    running: asyncio.Task[None]

    @property
    def client(self) -> discord.Client:
        return self.h.client

    def queue(self) -> VoiceChannelQueue | None:
        return self.h.voicebot.voice.get(str(GUILD_ID))

    def bot_channel_id(self) -> int | None:
        guild = self.client.get_guild(GUILD_ID)
        vc = guild.voice_client if guild is not None else None
        if isinstance(vc, discord.VoiceClient) and vc.is_connected():
            return vc.channel.id
        return None

    async def seat(self, person: Person, channel_id: int | None) -> None:
        """A member joins, moves or leaves (None) a voice channel."""
        await self.h.fake.dispatch("VOICE_STATE_UPDATE", voice_state(person, channel_id))
        await self.until(lambda: self._seated(person, channel_id))

    def _seated(self, person: Person, channel_id: int | None) -> bool:
        guild = self.client.get_guild(GUILD_ID)
        assert guild is not None
        state = guild._voice_state_for(person.id)
        now = state.channel.id if state is not None and state.channel is not None else None
        return now == channel_id

    async def until(self, condition: Callable[[], bool], seconds: float = 20.0) -> None:
        # Polling: the conditions span discord.py's cache, the core and the fake server.
        deadline = asyncio.get_running_loop().time() + seconds
        while not condition():
            if asyncio.get_running_loop().time() > deadline:
                raise TimeoutError("condition not met in time")
            await asyncio.sleep(0.01)

    async def idle(self, seconds: float = 30.0) -> None:
        """Until the queue has played everything."""
        await self.until(lambda: not self.queue() or len(self.queue() or ()) == 0, seconds)


async def connect_world(
    h: Harness,
    voice: FakeVoiceServer,
    seats: dict[int, int],
    overwrites: Overwrites | None = None,
) -> VoiceWorld:
    running = asyncio.create_task(h.client.start("test-token"))
    await asyncio.wait_for(h.client.wait_until_ready(), 15)
    await h.fake.dispatch("GUILD_CREATE", guild_create(seats, overwrites))
    world = VoiceWorld(h, voice, running)
    await world.until(lambda: h.client.get_guild(GUILD_ID) is not None)
    return world
