"""The Slack adapter wired for real: fake Slack Web API, Async API simulator, temp SQLite."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from adapters.slack import build_slack_app, create_http_app
from bot.app.settings import Settings
from bot.facade import build_voice_bot
from simulator.server import RunningSimulator
from storage import open_store
from tests.conftest import AUDIO_FIXTURES, make_settings
from tests.slack.fake_slack import BOT_TOKEN, FakeSlack
from tests.slack.harness import SIGNING_SECRET, SlackHarness


def slack_settings(
    sim: RunningSimulator, fake: FakeSlack, tmp_path: Path, **overrides: Any
) -> Settings:
    values: dict[str, Any] = {
        "slack_bot_token": BOT_TOKEN,
        "slack_signing_secret": SIGNING_SECRET,
        "slack_mode": "http",
        "slack_api_base_url": fake.api_url,
        "api_max_attempts": 2,
        "api_retry_max_seconds": 1,
        **overrides,
    }
    return make_settings(sim, tmp_path, **values)


def audio(name: str) -> bytes:
    return (AUDIO_FIXTURES / name).read_bytes()


@pytest.fixture
async def fake_slack() -> AsyncIterator[FakeSlack]:
    fake = FakeSlack()
    await fake.start()
    yield fake
    await fake.close()


HarnessFactory = Callable[..., Awaitable[SlackHarness]]


@pytest.fixture
async def make_slack(
    sim: RunningSimulator, fake_slack: FakeSlack, tmp_path: Path
) -> AsyncIterator[HarnessFactory]:
    cleanups: list[Callable[[], Awaitable[None]]] = []

    async def factory(**overrides: Any) -> SlackHarness:
        settings = slack_settings(sim, fake_slack, tmp_path, **overrides)
        store = await open_store(settings.database_url)
        voicebot = await build_voice_bot(settings, store)
        cleanups.append(voicebot.close)
        await voicebot.start()
        app = build_slack_app(voicebot, settings)
        http = TestClient(TestServer(create_http_app(app)))
        await http.start_server()
        # Closing the HTTP app waits for the app's tasks (on_shutdown) before the core closes.
        cleanups.append(http.close)
        return SlackHarness(app=app, http=http, fake=fake_slack, sim=sim)

    yield factory
    for cleanup in reversed(cleanups):
        await cleanup()


@pytest.fixture
async def slack(make_slack: HarnessFactory) -> SlackHarness:
    return await make_slack()
