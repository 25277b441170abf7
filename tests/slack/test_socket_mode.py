"""Socket Mode against the fake's WebSocket: events arrive and are acked, redeliveries are
ignored, and the liveness check reconnects a connection that went quiet."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest

from adapters.slack import run_slack_socket
from bot.facade import VoiceBot, build_voice_bot
from simulator.server import RunningSimulator
from storage import open_store
from tests.slack.conftest import audio, slack_settings
from tests.slack.fake_slack import APP_TOKEN, FakeSlack, dm_of
from tests.slack.harness import ALICE, dm_clip_event, event_body, eventually

Runner = Callable[..., "asyncio.Task[None]"]


@pytest.fixture
async def run_socket(
    sim: RunningSimulator, fake_slack: FakeSlack, tmp_path: Path
) -> AsyncIterator[Runner]:
    settings = slack_settings(
        sim, fake_slack, tmp_path, slack_mode="socket", slack_app_token=APP_TOKEN
    )
    store = await open_store(settings.database_url)
    voicebot: VoiceBot = await build_voice_bot(settings, store)
    await voicebot.start()
    tasks: list[asyncio.Task[None]] = []

    def start(**options: Any) -> asyncio.Task[None]:
        task = asyncio.create_task(run_slack_socket(voicebot, settings, **options))
        tasks.append(task)
        return task

    yield start
    for task in tasks:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    await voicebot.close()


def envelope(envelope_id: str, body: dict[str, Any], retry: int = 0) -> dict[str, Any]:
    return {
        "envelope_id": envelope_id,
        "type": "events_api",
        "accepts_response_payload": False,
        "retry_attempt": retry,
        "retry_reason": "timeout" if retry else "",
        "payload": body,
    }


async def test_events_over_socket_mode(run_socket: Runner, fake_slack: FakeSlack) -> None:
    run_socket()
    await fake_slack.wait_for_socket()
    file = fake_slack.add_file(audio("slack_clip.webm"))
    body = event_body(dm_clip_event(ALICE, file), event_id="EvSOCKET")

    await fake_slack.socket_send(envelope("env-1", body))
    await eventually(lambda: len(fake_slack.posted_in(dm_of(ALICE))) == 1)
    await eventually(lambda: any(a.get("envelope_id") == "env-1" for a in fake_slack.socket_acks))

    # A redelivery (retry_attempt → x-slack-retry-num): acked, and ignored.
    await fake_slack.socket_send(envelope("env-2", body, retry=1))
    await eventually(lambda: any(a.get("envelope_id") == "env-2" for a in fake_slack.socket_acks))
    await asyncio.sleep(0.2)
    assert len(fake_slack.posted_in(dm_of(ALICE))) == 1
    assert fake_slack.socket_connections == 1


async def test_liveness_reconnects_a_deaf_connection(
    run_socket: Runner, fake_slack: FakeSlack
) -> None:
    # The server never answers pings; the SDK's own monitor (every 30 s) won't notice in time.
    fake_slack.socket_autoping = False
    run_socket(ping_interval=30.0, quiet_after=0.5, check_every=0.1)
    await eventually(lambda: fake_slack.socket_connections >= 2)
    assert len(fake_slack.calls_to("apps.connections.open")) >= 2


async def test_liveness_leaves_a_healthy_connection_alone(
    run_socket: Runner, fake_slack: FakeSlack
) -> None:
    run_socket(ping_interval=0.2, quiet_after=1.0, check_every=0.1)
    await fake_slack.wait_for_socket()
    await asyncio.sleep(1.6)
    assert fake_slack.socket_connections == 1
