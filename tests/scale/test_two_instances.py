"""Two ``python -m bot`` processes in Slack HTTP mode on one PostgreSQL database, as behind a
load balancer: the same event delivered to both gives one prompt, one clone, one voice row."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path

import aiohttp

from simulator.server import RunningSimulator
from storage import open_store
from tests.slack.conftest import audio
from tests.slack.fake_slack import FakeSlack, dm_of
from tests.slack.harness import (
    ALICE,
    dm_clip_event,
    event_body,
    eventually,
)
from tests.slack.test_process import consent_click, post_signed, running_bot


def ok_clones(metrics_text: str) -> float:
    found = re.search(r'^voicebot_clones_total\{outcome="ok"\} (\S+)$', metrics_text, re.M)
    return float(found.group(1)) if found else 0.0


async def test_two_instances_one_database_one_clone(
    sim: RunningSimulator, fake_slack: FakeSlack, tmp_path: Path, postgres_url: str
) -> None:
    shared = {"DATABASE_URL": postgres_url, "DATABASE_POOL_SIZE": "3"}
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    file = fake_slack.add_file(audio("voice_message.ogg"), mimetype="audio/ogg")
    event = json.dumps(event_body(dm_clip_event(ALICE, file)))
    async with (
        running_bot(sim, fake_slack, tmp_path / "a", **shared) as first,
        running_bot(sim, fake_slack, tmp_path / "b", **shared) as second,
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
