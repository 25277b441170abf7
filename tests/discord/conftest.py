"""The Discord adapter wired for real: discord.py against a fake Discord REST server, the core
against the Async API simulator and a temp SQLite store. No network beyond 127.0.0.1."""

from __future__ import annotations

import asyncio
import contextlib
import warnings
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

with warnings.catch_warnings():
    # discord.py imports the stdlib audioop (voice playback), deprecated since 3.11.
    warnings.filterwarnings("ignore", "'audioop' is deprecated", DeprecationWarning)
    import discord

from adapters.discord import build_discord_client
from bot.app.settings import Settings, load_settings
from bot.clock import utcnow
from bot.facade import VoiceBot, build_voice_bot
from simulator.server import RunningSimulator, run_simulator
from storage import open_store
from tests.discord.fake_discord import Call, FakeDiscord, running_fake_discord
from tests.discord.fake_voice import FakeVoiceServer
from tests.discord.payloads import Interactions

if TYPE_CHECKING:
    from tests.discord.voice_world import VoiceWorld

#: Tasks discord.py starts for events and component clicks: a test waits for them to end.
_DISCORD_TASK_PREFIXES = ("discord.py: ", "discord-ui-")


@dataclass
class Clock:
    offset: timedelta = timedelta()

    def __call__(self) -> datetime:
        return utcnow() + self.offset


@dataclass
class Harness:
    fake: FakeDiscord
    sim: RunningSimulator
    settings: Settings
    voicebot: VoiceBot
    clock: Clock
    client: discord.Client
    payloads: Interactions
    _clients: list[discord.Client] = field(default_factory=list)

    @property
    def tree(self) -> discord.app_commands.CommandTree[Any]:
        tree = getattr(self.client, "tree")  # noqa: B009 - set by the adapter's client
        assert isinstance(tree, discord.app_commands.CommandTree)
        return tree

    def mark(self) -> int:
        """A position in the recorded calls, to look only at what comes after."""
        return len(self.fake.calls)

    async def run(self, payload: dict[str, Any]) -> discord.Interaction:
        """An application command or autocomplete, through the command tree."""
        interaction: discord.Interaction = discord.Interaction(
            data=payload,  # type: ignore[arg-type]
            state=self.client._connection,
        )
        await self.tree._call(interaction)
        return interaction

    async def click(self, payload: dict[str, Any]) -> None:
        """A button click, dispatched as the gateway would (DynamicItem templates)."""
        self.client._connection.parse_interaction_create(payload)  # type: ignore[arg-type]
        await self.settle()

    async def deliver(self, message: dict[str, Any]) -> None:
        """A MESSAGE_CREATE from the gateway."""
        self.client._connection.parse_message_create(message)  # type: ignore[arg-type]
        await self.settle()

    async def settle(self, seconds: float = 20.0) -> None:
        """Wait until every event/click task discord.py started has finished."""
        await asyncio.sleep(0)
        async with asyncio.timeout(seconds):
            while True:
                busy = [
                    task
                    for task in asyncio.all_tasks()
                    if task.get_name().startswith(_DISCORD_TASK_PREFIXES) and not task.done()
                ]
                if not busy:
                    return
                await asyncio.wait(busy)

    def last_edit(self, token: str, since: int = 0) -> Call:
        edits = self.fake.find("PATCH", rf"/webhooks/\d+/{token}/messages/@original$", since)
        assert edits, f"no edit of the reply for {token}"
        return edits[-1]

    def reply_text(self, token: str) -> str:
        return str(self.fake.originals[token]["content"])

    async def restart(self) -> discord.Client:
        """A new client on the same core and database, as after a process restart."""
        client = build_discord_client(self.voicebot, self.settings)
        await client.login("test-token")
        self._clients.append(client)
        self.client = client
        return client


def make_settings(sim: RunningSimulator, tmp_path: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "async_api_key": sim.state.api_key,
        "async_api_base_url": sim.url,
        "database_url": f"sqlite:///{tmp_path / 'bot.db'}",
        "discord_token": "test-token",
        "clone_cooldown_seconds": 0,
        "say_cooldown_seconds": 0,
        "api_timeout_seconds": 5,
        "api_max_attempts": 2,
        "api_retry_max_seconds": 1,
        "preview_wait_seconds": 1,
        "audio_workers": 1,
    }
    values.update(overrides)
    return load_settings(_env_file=None, **values)


@pytest.fixture
async def sim() -> AsyncIterator[RunningSimulator]:
    async with run_simulator() as running:
        yield running


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    async with running_fake_discord() as running:
        yield running


HarnessFactory = Callable[..., Awaitable[Harness]]


@pytest.fixture
async def make_harness(
    sim: RunningSimulator, fake: FakeDiscord, tmp_path: Path
) -> AsyncIterator[HarnessFactory]:
    made: list[Harness] = []

    async def factory(**overrides: Any) -> Harness:
        settings = make_settings(sim, tmp_path, **overrides)
        clock = Clock()
        store = await open_store(settings.database_url)
        voicebot = await build_voice_bot(settings, store, clock=clock)
        await voicebot.start()
        client = build_discord_client(voicebot, settings)
        harness = Harness(fake, sim, settings, voicebot, clock, client, Interactions(fake))
        harness._clients.append(client)
        made.append(harness)
        await client.login("test-token")
        return harness

    yield factory
    for harness in made:
        await harness.settle()
        for client in harness._clients:
            await client.close()
        await harness.voicebot.close()


@pytest.fixture
async def h(make_harness: HarnessFactory) -> Harness:
    return await make_harness()


# --- voice channels: the real client on the fake gateway, with the fake voice server --------
@pytest.fixture
async def voice_server(fake: FakeDiscord, tmp_path: Path) -> AsyncIterator[FakeVoiceServer]:
    from tests.discord.payloads import BOB

    server = FakeVoiceServer(fake, tmp_path)
    server.listener_ids = [BOB.id]
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def make_voice_world(
    sim: RunningSimulator, fake: FakeDiscord, voice_server: FakeVoiceServer, tmp_path: Path
) -> AsyncIterator[Callable[..., Awaitable[VoiceWorld]]]:
    import aiohttp

    from adapters.discord.client import VoiceCloneClient
    from adapters.discord.services import DiscordServices
    from tests.discord.voice_world import DEFAULT_SEATS, connect_world

    worlds: list[VoiceWorld] = []

    async def factory(
        seats: dict[int, int] | None = None,
        overwrites: dict[int, list[dict[str, Any]]] | None = None,
        **overrides: Any,
    ) -> VoiceWorld:
        settings = make_settings(sim, tmp_path, **overrides)
        clock = Clock()
        store = await open_store(settings.database_url)
        voicebot = await build_voice_bot(settings, store, clock=clock)
        await voicebot.start(warm_audio=False)
        client = VoiceCloneClient(
            DiscordServices(voicebot, settings),
            connector=aiohttp.TCPConnector(ssl=voice_server.client_tls),
            guild_ready_timeout=0.05,
        )
        harness = Harness(fake, sim, settings, voicebot, clock, client, Interactions(fake))
        chosen = DEFAULT_SEATS if seats is None else seats
        world = await connect_world(harness, voice_server, chosen, overwrites)
        worlds.append(world)
        return world

    yield factory
    for world in worlds:
        await world.h.settle()
        await world.client.close()
        with contextlib.suppress(BaseException):
            await asyncio.wait_for(world.running, 10)
        await world.h.voicebot.close()
