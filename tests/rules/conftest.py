"""Every platform, wired for real (see each adapter's conftest), behind one driver."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.facade import build_voice_bot
from simulator.server import RunningSimulator
from storage import open_store
from tests.core.conftest import make_settings
from tests.discord.conftest import HarnessFactory, fake, make_harness
from tests.rules.platforms import CliPlatform, DiscordPlatform, Platform, SlackPlatform
from tests.slack.conftest import HarnessFactory as SlackFactory
from tests.slack.conftest import fake_slack, make_slack

__all__ = ["fake", "fake_slack", "make_harness", "make_slack"]


@pytest.fixture
async def discord_platform(make_harness: HarnessFactory) -> DiscordPlatform:
    return DiscordPlatform(await make_harness())


@pytest.fixture
async def slack_platform(make_slack: SlackFactory) -> SlackPlatform:
    slack = await make_slack()
    return SlackPlatform(slack, slack.app.voice.voicebot)


@pytest.fixture
async def cli_platform(sim: RunningSimulator, tmp_path: Path) -> AsyncIterator[CliPlatform]:
    settings = make_settings(sim, tmp_path)
    voicebot = await build_voice_bot(settings, await open_store(settings.database_url))
    yield CliPlatform(settings, sim, voicebot)
    await voicebot.close()


@pytest.fixture(params=["discord", "slack", "cli"])
def platform(request: pytest.FixtureRequest) -> Platform:
    found: Platform = request.getfixturevalue(f"{request.param}_platform")
    return found


@pytest.fixture(params=["discord", "slack"])
def chat_platform(request: pytest.FixtureRequest) -> Platform:
    """The platforms with buttons and recordings made by others."""
    found: Platform = request.getfixturevalue(f"{request.param}_platform")
    return found
