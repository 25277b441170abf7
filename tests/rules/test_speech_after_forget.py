"""The README's rule "speech stops and leaves no trace after forget-me", on Discord's voice
channel (the bot that speaks also erases) and the CLI (``forget`` beside a speaking bot
process on the same SQLite file); and "deleting a voice stops it the same way". Slack has no
voice channel a bot can speak in (its /say posts a file)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest

from tests.core.test_forget_scan import sqlite_tables
from tests.discord.conftest import make_voice_world as make_voice_world
from tests.discord.conftest import voice_server as voice_server
from tests.discord.voice_world import VoiceWorld
from tests.rules.platforms import CliPlatform
from tests.rules.speaking import (
    CliSpeaking,
    DiscordVoiceSpeaking,
    Speaking,
    rows_about,
    said_in,
)


@pytest.fixture(params=["discord", "cli"])
def speaking(request: pytest.FixtureRequest, tmp_path: Path) -> Speaking:
    if request.param == "discord":
        factory: Callable[..., Awaitable[VoiceWorld]] = request.getfixturevalue("make_voice_world")
        return DiscordVoiceSpeaking(factory, tmp_path / "bot.db")
    cli: CliPlatform = request.getfixturevalue("cli_platform")
    return CliSpeaking(cli, tmp_path / "bot.db")


async def test_speech_stops_and_leaves_no_trace_after_forget_me(speaking: Speaking) -> None:
    try:
        await speaking.speak()
        assert await rows_about(speaking), "she speaks: her voice is recorded"

        erased = await speaking.forget()

        assert erased.code is None, erased.text
        await speaking.stopped()
        # No say entry, no lease, no row with her id: not even from the speech that was cut.
        assert await rows_about(speaking) == {}
    finally:
        await speaking.close()


async def test_deleting_the_voice_that_speaks_stops_it(speaking: Speaking) -> None:
    try:
        await speaking.speak()
        voices = await sqlite_tables(str(speaking.database))
        [voice_id] = [row.split()[0] for row in voices["voices"]]

        deleted = await speaking.delete_voice()

        assert deleted.code is None, deleted.text
        await speaking.stopped()
        # What it was saying when it went is not on record as said.
        assert await said_in(speaking, voice_id) == []
    finally:
        await speaking.close()
