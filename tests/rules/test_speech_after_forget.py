"""The README's rule "speech stops and leaves no trace after forget-me", on Discord's voice
channel (the bot that speaks also erases) and the CLI (``forget`` beside a speaking bot
process on the same SQLite file)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest

from tests.discord.conftest import make_voice_world as make_voice_world
from tests.discord.conftest import voice_server as voice_server
from tests.discord.voice_world import VoiceWorld
from tests.rules.platforms import CliPlatform
from tests.rules.speaking import CliSpeaking, DiscordVoiceSpeaking, Speaking, rows_about


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
