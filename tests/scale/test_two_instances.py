"""Two ``python -m bot`` processes in Slack HTTP mode on one PostgreSQL database, as behind a
load balancer: the same event delivered to both gives one prompt, one clone, one voice row."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from simulator.server import RunningSimulator
from storage import open_store
from tests.conftest import drop_postgres_database, fresh_postgres_database, postgres_url_or_skip
from tests.slack.conftest import audio
from tests.slack.fake_slack import BOT_TOKEN, FakeSlack, dm_of
from tests.slack.harness import (
    ALICE,
    SIGNING_SECRET,
    dm_clip_event,
    event_body,
    eventually,
    free_port,
)
from tests.slack.test_process import BotProcess, consent_click, post_signed, wait_until_serving


@pytest.fixture
async def postgres_url() -> AsyncIterator[str]:
    base = postgres_url_or_skip()
    url, name = await fresh_postgres_database(base)
    yield url
    await drop_postgres_database(base, name)


@contextlib.asynccontextmanager
async def bot_process(env: dict[str, str], folder: Path) -> AsyncIterator[BotProcess]:
    port = free_port()
    await asyncio.to_thread(folder.mkdir)
    log_path = folder / "bot.log"
    with log_path.open("wb") as log_file:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run",
            cwd=folder, env={**env, "PORT": str(port)},
            stdout=log_file, stderr=asyncio.subprocess.STDOUT,
        )  # fmt: skip
    running = BotProcess(f"http://127.0.0.1:{port}", log_path)
    try:
        await wait_until_serving(running, process)
        yield running
        process.send_signal(signal.SIGTERM)
        async with asyncio.timeout(20):
            assert await process.wait() == 0, running.log()
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


def ok_clones(metrics_text: str) -> float:
    found = re.search(r'^voicebot_clones_total\{outcome="ok"\} (\S+)$', metrics_text, re.M)
    return float(found.group(1)) if found else 0.0


async def test_two_instances_one_database_one_clone(
    sim: RunningSimulator, fake_slack: FakeSlack, tmp_path: Path, postgres_url: str
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "ASYNC_API_"))}
    env.update(
        {
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_MODE": "http",
            "SLACK_API_BASE_URL": fake_slack.api_url,
            "ASYNC_API_KEY": sim.state.api_key,
            "ASYNC_API_BASE_URL": sim.url,
            "DATABASE_URL": postgres_url,
            "DATABASE_POOL_SIZE": "3",
            "PREVIEW_WAIT_SECONDS": "1",
            "AUDIO_WORKERS": "1",
        }
    )
    file = fake_slack.add_file(audio("voice_message.ogg"), mimetype="audio/ogg")
    event = json.dumps(event_body(dm_clip_event(ALICE, file)))
    async with (
        bot_process(env, tmp_path / "a") as first,
        bot_process(env, tmp_path / "b") as second,
        aiohttp.ClientSession() as session,
    ):
        # The same signed event reaches both instances at once.
        await asyncio.gather(
            post_signed(session, first.url, event, "application/json"),
            post_signed(session, second.url, event, "application/json"),
        )
        await eventually(lambda: len(fake_slack.posted_in(dm_of(ALICE))) >= 1)
        await asyncio.sleep(1.0)
        prompts = fake_slack.posted_in(dm_of(ALICE))
        assert len(prompts) == 1, first.log() + second.log()
        (prompt,) = prompts

        body = consent_click(fake_slack, prompt)
        # A click redelivered to the other instance too.
        await asyncio.gather(
            post_signed(session, first.url, body, "application/x-www-form-urlencoded"),
            post_signed(session, second.url, body, "application/x-www-form-urlencoded"),
        )
        await eventually(lambda: "is ready" in prompt.text, within=30)
        await eventually(lambda: len(fake_slack.uploads_to(dm_of(ALICE))) == 1)
        await asyncio.sleep(0.5)

        assert sim.state.count("POST", "/voices/clone") == 1
        assert sim.state.custom_voice_count() == 1
        assert len(fake_slack.uploads_to(dm_of(ALICE))) == 1
        scraped = 0.0
        for instance in (first, second):
            async with session.get(f"{instance.url}/metrics") as response:
                assert response.status == 200
                scraped += ok_clones(await response.text())
            async with session.get(f"{instance.url}/healthz") as response:
                assert response.status == 200
        assert scraped == 1

    store = await open_store(postgres_url)
    try:
        rows = await store.export_rows()
    finally:
        await store.close()
    assert len(rows["voices"]) == 1
    assert [r["state"] for r in rows["clone_requests"]] == ["done"]
