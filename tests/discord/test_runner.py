"""Operations: building the client (sharded or not), running it against a gateway, syncing the
commands over REST."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

import discord
import pytest

from adapters.discord import build_discord_client, run_discord, sync_commands
from bot.errors import ConfigurationError
from simulator.server import RunningSimulator
from tests.discord.conftest import Harness, HarnessFactory, make_settings
from tests.discord.fake_discord import APPLICATION_ID, FakeDiscord
from tests.discord.helpers import bot_posts_in_dm, dm_voice_message
from tests.discord.payloads import ALICE, GUILD_ID

MESSAGE_CONTENT = 1 << 15
EXPECTED_COMMANDS = {
    *("clone", "voices", "voice", "forget-me", "say", "clone-settings"),
    *("voice-stop", "voice-skip", "help", "my-data", "read"),
}


async def test_client_kinds(h: Harness, sim: RunningSimulator, tmp_path: Path) -> None:
    plain = build_discord_client(h.voicebot, h.settings)
    assert not isinstance(plain, discord.AutoShardedClient)
    assert not plain.intents.message_content

    settings = make_settings(
        sim,
        tmp_path,
        discord_shard_count=4,
        discord_shard_ids="2,3",
        discord_message_content=True,
    )
    sharded = build_discord_client(h.voicebot, settings)
    assert isinstance(sharded, discord.AutoShardedClient)
    assert sharded.shard_count == 4
    assert sharded.shard_ids == [2, 3]
    assert sharded.intents.message_content
    assert not sharded.intents.members and not sharded.intents.presences


async def test_run_discord_serves_until_cancelled(make_harness: HarnessFactory) -> None:
    h = await make_harness()
    fake = h.fake
    running = asyncio.create_task(run_discord(h.voicebot, h.settings))
    await fake.wait_until(lambda: bool(fake.identifies))

    [identify] = fake.identifies
    assert identify["token"] == "test-token"
    assert identify["intents"] & MESSAGE_CONTENT == 0  # no privileged intent by default
    assert "shard" not in identify

    # A DM arriving over the gateway is answered with a consent prompt.
    mark = h.mark()
    await fake.dispatch("MESSAGE_CREATE", dm_voice_message(h, ALICE))
    await fake.wait_for(lambda call: bool(bot_posts_in_dm(h, ALICE, mark)), since=mark)

    running.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await running
    await fake.wait_until(lambda: not fake.sockets)  # the connection was closed


async def test_a_refused_token_is_a_configuration_error(make_harness: HarnessFactory) -> None:
    h = await make_harness()
    h.fake.reject_token = True
    with pytest.raises(ConfigurationError) as caught:
        await run_discord(h.voicebot, h.settings)
    assert caught.value.exit_code == 78
    assert "test-token" not in caught.value.message


async def test_run_discord_runs_its_shards(make_harness: HarnessFactory) -> None:
    h = await make_harness(discord_shard_count=2, discord_shard_ids="1")
    running = asyncio.create_task(run_discord(h.voicebot, h.settings))
    await h.fake.wait_until(lambda: bool(h.fake.identifies))
    assert h.fake.identifies[0]["shard"] == [1, 2]
    running.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await running
    await h.fake.wait_until(lambda: not h.fake.sockets)


async def test_sync_commands_globally_and_to_a_guild(
    fake: FakeDiscord, sim: RunningSimulator, tmp_path: Path
) -> None:
    settings = make_settings(sim, tmp_path)

    assert await sync_commands(settings, None) == len(EXPECTED_COMMANDS) + 1
    [put] = fake.find("PUT", rf"^/applications/{APPLICATION_ID}/commands$")
    names = {command["name"] for command in put.json}
    assert names == EXPECTED_COMMANDS | {"Clone this voice"}
    by_name = {command["name"]: command for command in put.json}
    assert int(by_name["clone-settings"]["default_member_permissions"]) == 1 << 5
    assert by_name["Clone this voice"]["type"] == 3
    sample = next(o for o in by_name["clone"]["options"] if o["name"] == "sample")
    assert sample["type"] == 11 and sample["required"]

    assert await sync_commands(settings, GUILD_ID) == len(EXPECTED_COMMANDS) + 1
    assert fake.find("PUT", rf"^/applications/{APPLICATION_ID}/guilds/{GUILD_ID}/commands$")
    assert not fake.find("GET", r"^/gateway")  # REST only


async def test_missing_token_is_a_configuration_error(
    h: Harness, sim: RunningSimulator, tmp_path: Path
) -> None:
    settings = make_settings(sim, tmp_path, discord_token=None)
    with pytest.raises(ConfigurationError, match="DISCORD_TOKEN"):
        await sync_commands(settings, None)
    with pytest.raises(ConfigurationError, match="DISCORD_TOKEN"):
        await run_discord(h.voicebot, settings)
