"""run_slack_http serves /slack/events (and extra routes) until cancelled."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from adapters.slack import run_slack_http
from bot.errors import ConfigurationError
from bot.service import build_voice_bot
from simulator.server import RunningSimulator
from storage import open_store
from tests.slack.conftest import slack_settings
from tests.slack.fake_slack import FakeSlack
from tests.slack.harness import free_port, sign


async def status_of(session: aiohttp.ClientSession, url: str) -> int | None:
    """The status of GET ``url``, or None while nothing listens there."""
    with contextlib.suppress(aiohttp.ClientConnectionError):
        async with session.get(url) as response:
            return response.status
    return None


async def test_run_slack_http(sim: RunningSimulator, fake_slack: FakeSlack, tmp_path: Path) -> None:
    settings = slack_settings(sim, fake_slack, tmp_path, port=free_port())
    voicebot = await build_voice_bot(settings, await open_store(settings.database_url))
    await voicebot.start()

    async def ping(_: web.Request) -> web.Response:
        return web.Response(text="pong")

    server = asyncio.create_task(
        run_slack_http(voicebot, settings, routes=[web.get("/ping", ping)], host="127.0.0.1")
    )
    url = f"http://127.0.0.1:{settings.port}"
    try:
        async with aiohttp.ClientSession() as session:
            async with asyncio.timeout(10):
                while (status := await status_of(session, f"{url}/ping")) is None:  # noqa: ASYNC110 - polls a server starting up
                    await asyncio.sleep(0.05)
            assert status == 200
            body = '{"type": "url_verification", "challenge": "c"}'
            for headers, expected in (({}, 401), (sign(body), 200)):
                async with session.post(
                    f"{url}/slack/events",
                    data=body,
                    headers={"Content-Type": "application/json", **headers},
                ) as response:
                    assert response.status == expected
    finally:
        server.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await server
        await voicebot.close()
    assert server.cancelled()


async def test_a_refused_bot_token_is_a_configuration_error(
    sim: RunningSimulator, fake_slack: FakeSlack, tmp_path: Path
) -> None:
    settings = slack_settings(sim, fake_slack, tmp_path, slack_bot_token="xoxb-revoked")
    voicebot = await build_voice_bot(settings, await open_store(settings.database_url))
    try:
        with pytest.raises(ConfigurationError) as caught:
            await run_slack_http(voicebot, settings, host="127.0.0.1")
    finally:
        await voicebot.close()
    assert caught.value.exit_code == 78
    assert "invalid_auth" in caught.value.message
    assert "xoxb-revoked" not in caught.value.message
