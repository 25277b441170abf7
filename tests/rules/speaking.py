"""Drivers for the rule "speech stops and leaves no trace after forget-me": a member's voice
speaking (in a Discord voice channel, or in a bot process beside the CLI) and the member
forgetting themselves, or deleting that voice, the platform's way."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Protocol

from bot.models import Member
from tests.core.conftest import clone_fixture
from tests.core.test_forget_scan import sqlite_tables
from tests.core.test_forget_while_speaking import Speaker, start_speaker
from tests.discord.helpers import member
from tests.discord.payloads import ALICE
from tests.discord.test_voice_channel import TEXT, playing, say
from tests.discord.test_voices import clone_directly
from tests.discord.voice_world import VoiceWorld
from tests.rules.platforms import CliPlatform, DiscordPlatform, Outcome


class Speaking(Protocol):
    name: str
    #: The member's id, as the database holds it.
    member_id: str
    database: Path

    async def speak(self) -> None:
        """The member's voice is playing now."""

    async def forget(self) -> Outcome: ...

    async def delete_voice(self) -> Outcome:
        """The member deletes the voice that speaks."""

    async def stopped(self) -> None:
        """Returns once the speech stopped; fails (bounded) if it plays on."""

    async def close(self) -> None: ...


class DiscordVoiceSpeaking:
    name = "discord"
    member_id = str(ALICE.id)

    def __init__(self, make_world: Callable[..., Awaitable[VoiceWorld]], database: Path) -> None:
        self._make_world = make_world
        self.database = database
        self._packets = 0

    async def speak(self) -> None:
        self.world = await self._make_world()
        await clone_directly(self.world.h, "Narrator", "speech.wav")
        self.world.h.sim.state.tts_stream_pace = 1.0  # synthesised in real time: it lasts
        await say(self.world, TEXT)
        await playing(self.world)

    async def forget(self) -> Outcome:
        erased = await DiscordPlatform(self.world.h).forget("alice")
        self._packets = len(self.world.voice.current.speech_packets())
        return erased

    async def delete_voice(self) -> Outcome:
        [voice] = await self.world.h.voicebot.list_voices(member(ALICE))
        deleted = await DiscordPlatform(self.world.h).delete("alice", voice.voice_id)
        self._packets = len(self.world.voice.current.speech_packets())
        return deleted

    async def stopped(self) -> None:
        await self.world.idle()
        # Not one more packet of her voice after forget-me answered.
        assert len(self.world.voice.current.speech_packets()) == self._packets

    async def close(self) -> None:
        pass


class CliSpeaking:
    """A bot process speaking in a voice channel; the operator runs ``forget`` beside it."""

    name = "cli"
    member_id = "alice"

    def __init__(self, cli: CliPlatform, database: Path) -> None:
        self.cli = cli
        self.database = database
        self._speaker: Speaker | None = None

    async def speak(self) -> None:
        await clone_fixture(self.cli.voicebot, Member("cli", self.member_id), "speech.wav")
        self._speaker = await start_speaker(
            self.cli.sim, self.cli.settings.database_url, Member("cli", self.member_id)
        )

    async def forget(self) -> Outcome:
        return await self.cli.forget(self.member_id)

    async def delete_voice(self) -> Outcome:
        [voice] = await self.cli.voicebot.list_voices(Member("cli", self.member_id))
        return await self.cli.delete(self.member_id, voice.voice_id)

    async def stopped(self) -> None:
        assert self._speaker is not None
        assert await self._speaker.line() == "stopped"
        assert await self._speaker.process.wait() == 0

    async def close(self) -> None:
        if self._speaker is not None:
            await self._speaker.stop()


async def rows_about(speaking: Speaking) -> dict[str, list[str]]:
    tables = await sqlite_tables(str(speaking.database))
    found = {
        name: [r for r in rows if speaking.member_id in r.split()] for name, rows in tables.items()
    }
    return {name: rows for name, rows in found.items() if rows}


async def said_in(speaking: Speaking, voice_id: str) -> list[str]:
    """The ``say`` audit rows naming ``voice_id``."""
    tables = await sqlite_tables(str(speaking.database))
    return [row for row in tables["audit_log"] if " say " in f" {row} " and voice_id in row]
