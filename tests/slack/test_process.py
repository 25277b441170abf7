"""``python -m bot run`` in Slack HTTP mode, as a real process: one full clone over HTTP."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import aiohttp
import pytest

from adapters.slack import blocks
from simulator.server import RunningSimulator
from tests.slack.conftest import audio
from tests.slack.fake_slack import BOT_TOKEN, TEAM_ID, FakeSlack, Message, dm_of
from tests.slack.harness import (
    ALICE,
    SIGNING_SECRET,
    dm_clip_event,
    event_body,
    eventually,
    find_button,
    free_port,
    sign,
)

STARTUP_SECONDS = 20.0


@dataclass
class BotProcess:
    url: str
    log_path: Path
    process: asyncio.subprocess.Process | None = None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


@pytest.fixture
async def bot_process(
    sim: RunningSimulator, fake_slack: FakeSlack, tmp_path: Path
) -> AsyncIterator[BotProcess]:
    async with running_bot(sim, fake_slack, tmp_path) as bot:
        yield bot


@contextlib.asynccontextmanager
async def running_bot(
    sim: RunningSimulator, fake_slack: FakeSlack, tmp_path: Path, **settings: str
) -> AsyncIterator[BotProcess]:
    """``python -m bot run`` in Slack HTTP mode, working in ``tmp_path``, with environment
    ``settings`` on top of the usual ones; stopped with SIGTERM (exit 0) at the end."""
    port = free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SLACK_", "ASYNC_API_", "DISCORD_"))
    }
    env.update(
        {
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_MODE": "http",
            "PORT": str(port),
            "SLACK_API_BASE_URL": fake_slack.api_url,
            "ASYNC_API_KEY": sim.state.api_key,
            "ASYNC_API_BASE_URL": sim.url,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.db'}",
            "CLONE_COOLDOWN_SECONDS": "0",
            "PREVIEW_WAIT_SECONDS": "1",
            "AUDIO_WORKERS": "1",
            "LOG_LEVEL": "INFO",
            **settings,
        }
    )
    log_path = tmp_path / "bot.log"
    with log_path.open("wb") as log_file:
        # cwd: a temp dir, so no developer .env is read.
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run",
            cwd=tmp_path, env=env, stdout=log_file, stderr=asyncio.subprocess.STDOUT,
        )  # fmt: skip
    running = BotProcess(f"http://127.0.0.1:{port}", log_path, process)
    try:
        await wait_until_serving(running, process)
        yield running
        # SIGTERM: a clean shutdown (exit 0) after the work under way.
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
        async with asyncio.timeout(30):
            assert await process.wait() == 0, running.log()
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


async def wait_until_serving(bot: BotProcess, process: asyncio.subprocess.Process) -> None:
    async with aiohttp.ClientSession() as session, asyncio.timeout(STARTUP_SECONDS):
        while True:
            if process.returncode is not None:
                raise AssertionError(f"the bot exited with {process.returncode}:\n{bot.log()}")
            with contextlib.suppress(aiohttp.ClientConnectionError):
                # Unsigned: bolt answers 401, which proves the app is up.
                async with session.post(f"{bot.url}/slack/events", data=b"{}") as response:
                    if response.status == 401:
                        return
            await asyncio.sleep(0.1)


async def post_signed(session: aiohttp.ClientSession, url: str, body: str, kind: str) -> None:
    headers = {"Content-Type": kind, **sign(body)}
    async with session.post(f"{url}/slack/events", data=body.encode(), headers=headers) as resp:
        assert resp.status == 200, await resp.text()


def consent_click(fake_slack: FakeSlack, prompt: Message, user: str = ALICE) -> str:
    """The signed-request body of ``user``'s click on the prompt's consent button."""
    token = find_button(prompt.blocks, blocks.CONSENT)["value"]
    payload = {
        "type": "block_actions",
        "user": {"id": user, "team_id": TEAM_ID},
        "team": {"id": TEAM_ID},
        "container": {"type": "message", "channel_id": prompt.channel, "message_ts": prompt.ts},
        "channel": {"id": prompt.channel},
        "message": {"ts": prompt.ts},
        "response_url": fake_slack.response_url("click"),
        "trigger_id": "trig.1",
        "actions": [{"action_id": blocks.CONSENT, "value": token, "type": "button"}],
    }
    return urlencode({"payload": json.dumps(payload)})


async def send_clip(session: aiohttp.ClientSession, url: str, fake_slack: FakeSlack) -> Message:
    """A DM clip event; returns the consent prompt it gets."""
    file = fake_slack.add_file(audio("slack_clip_aac.mp4"), mimetype="video/mp4")
    body = json.dumps(event_body(dm_clip_event(ALICE, file)))
    await post_signed(session, url, body, "application/json")
    await eventually(lambda: len(fake_slack.posted_in(dm_of(ALICE))) == 1)
    (prompt,) = fake_slack.posted_in(dm_of(ALICE))
    return prompt


async def test_python_m_bot_clones_over_http(
    bot_process: BotProcess, fake_slack: FakeSlack, sim: RunningSimulator
) -> None:
    url = bot_process.url
    async with aiohttp.ClientSession() as session:
        prompt = await send_clip(session, url, fake_slack)
        body = consent_click(fake_slack, prompt)
        await post_signed(session, url, body, "application/x-www-form-urlencoded")

        await eventually(lambda: "is ready" in prompt.text or ":warning:" in prompt.text)
        assert "is ready" in prompt.text, bot_process.log()
        await eventually(lambda: len(fake_slack.uploads_to(dm_of(ALICE))) == 1)
        assert sim.state.count("POST", "/voices/clone") == 1

        # The lead's ops routes live on the same server.
        async with session.get(f"{url}/healthz") as response:
            assert response.status == 200
        # Errors take the contract's shape, a refused signature included.
        async with session.post(f"{url}/slack/events", data=b"{}") as response:
            assert response.status == 401
            error = (await response.json())["error"]
            assert error["code"] == "not_allowed" and error["message"]


async def test_sigterm_lets_a_clone_under_way_finish(
    fake_slack: FakeSlack, sim: RunningSimulator, tmp_path: Path
) -> None:
    async with running_bot(sim, fake_slack, tmp_path) as bot, aiohttp.ClientSession() as session:
        prompt = await send_clip(session, bot.url, fake_slack)
        sim.state.latency_seconds = 1.5
        body = consent_click(fake_slack, prompt)
        await post_signed(session, bot.url, body, "application/x-www-form-urlencoded")
        await eventually(lambda: sim.state.count("POST", "/voices/clone") == 1)
        assert bot.process is not None
        bot.process.send_signal(signal.SIGTERM)
        async with asyncio.timeout(30):
            assert await bot.process.wait() == 0, bot.log()
    # The clone under way finished before the process left: voice made, member told.
    assert sim.state.custom_voice_count() == 1
    assert "is ready" in prompt.text, bot.log()
    assert "work under way" in bot.log()
