"""The error webhook: real posts to a fake Discord/Slack webhook on 127.0.0.1. The first
occurrence of each distinct error goes out at once, repeats are counted and sent later."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.app.settings import load_settings
from bot.errors import Cooldown, InternalError, ServiceMisconfigured, TooShort
from bot.observability.health import LoopLagMonitor, create_ops_app
from bot.observability.logs import request_context
from bot.observability.metrics import METRICS
from bot.observability.reports import ApiHealthWatcher, Report
from bot.observability.setup import Observability, setup_observability, shutdown_observability
from bot.observability.webhook import WebhookSink, webhook_payload
from tests.core.conftest import BotFactory
from tests.ops.personal import API_KEY, DB_URL, MEMBER_ID, leaked, personal_exception
from tests.ops.receivers import FakeWebhook

log = logging.getLogger("bot.facade")


def webhook_observability(fake: FakeWebhook, **overrides: Any) -> Observability:
    settings = load_settings(
        _env_file=None,
        error_webhook_url=fake.url,
        async_api_key=API_KEY,
        database_url=DB_URL,
        **overrides,
    )
    return setup_observability(settings)


async def flush(obs: Observability) -> None:
    assert obs.webhook is not None
    assert await asyncio.to_thread(obs.webhook.flush, 10.0)


def fail_in_the_same_place(reference: str) -> None:
    try:
        raise personal_exception()
    except ValueError:
        log.exception("unexpected error for %s (reference %s)", MEMBER_ID, reference)


async def test_first_occurrence_at_once_then_a_count_of_repeats(fake_webhook: FakeWebhook) -> None:
    obs = webhook_observability(fake_webhook)
    assert obs.webhook is not None
    references = [InternalError().reference for _ in range(3)]
    with request_context("slack", "say"):
        for reference in references:
            fail_in_the_same_place(reference)
    other = InternalError().reference
    log.error("maintenance lost its lease (reference %s)", other)
    # Not reported: a member's own errors, and warnings.
    log.error("refused", exc_info=TooShort())
    log.error("refused", exc_info=Cooldown(30))
    log.warning("a slow preview for %s", MEMBER_ID)
    await flush(obs)

    assert len(fake_webhook.posts) == 2
    first, second = fake_webhook.texts
    assert first.startswith(f"New error: **internal** (reference `{references[0]}`)")
    assert "`unexpected error for %s (reference %s)`" in first
    assert "ValueError · at tests/ops/test_webhook_reports.py:" in first
    assert "logger bot.facade · platform slack · command say" in first
    assert "Repeats are counted and sent every 10 min." in first
    assert second.startswith(f"New error: **internal** (reference `{other}`)")

    obs.webhook.send_counts()
    await flush(obs)
    assert len(fake_webhook.posts) == 3
    counts = fake_webhook.texts[2]
    assert counts.startswith("Repeats in the last 10 min:")
    assert counts.count("•") == 1  # only the error that repeated
    assert f"2 more times (3 in all) (latest reference `{references[2]}`)" in counts

    # Counts are sent once: nothing new, nothing sent; a new repeat is counted afresh.
    obs.webhook.send_counts()
    fail_in_the_same_place(InternalError().reference)
    await flush(obs)
    assert len(fake_webhook.posts) == 3
    obs.webhook.send_counts()
    await flush(obs)
    assert "1 more time (4 in all)" in fake_webhook.texts[3]
    assert leaked(repr(fake_webhook.posts)) == []


async def test_counts_go_out_when_the_interval_has_passed(fake_webhook: FakeWebhook) -> None:
    now = [1000.0]
    sink = WebhookSink(fake_webhook.url, interval=600, clock=lambda: now[0])
    report = Report(kind="internal", summary="boom (reference %s)", logger="bot.x", reference="ab")
    try:
        for _ in range(3):
            sink.submit(report)
        sink.tick()
        assert await asyncio.to_thread(sink.flush, 10.0)
        assert len(fake_webhook.posts) == 1  # not yet: 600 s have not passed
        now[0] += 601
        sink.tick()
        assert await asyncio.to_thread(sink.flush, 10.0)
        assert len(fake_webhook.posts) == 2
        assert "internal: boom (reference %s): 2 more times (3 in all)" in fake_webhook.texts[1]
    finally:
        await asyncio.to_thread(sink.close, 10.0)


async def test_operator_problems_from_the_running_core_are_reported(
    fake_webhook: FakeWebhook, make_bot: BotFactory
) -> None:
    obs = webhook_observability(fake_webhook)
    # The voice API refuses the key: service_misconfigured, seen through the real client.
    voicebot = await make_bot(async_api_key="sk_wrong_key_that_the_api_refuses")
    for _ in range(2):
        with pytest.raises(ServiceMisconfigured):
            await voicebot.api.list_voices()
    # An unexpected error as an adapter meets it: described, logged with a reference.
    error = voicebot.describe_error(personal_exception())
    assert isinstance(error, InternalError)
    # A user-facing error is described without a report.
    assert voicebot.describe_error(TooShort()).code == "too_short"
    await flush(obs)

    kinds = [text.split("**")[1] for text in fake_webhook.texts]
    assert kinds == ["service_misconfigured", "internal"]
    assert "check ASYNC_API_KEY and ASYNC_API_VERSION" in fake_webhook.texts[0]
    assert f"(reference `{error.reference}`)" in fake_webhook.texts[1]
    assert obs.webhook is not None
    obs.webhook.send_counts()
    await flush(obs)
    assert "service_misconfigured" in fake_webhook.texts[2]
    assert "1 more time (2 in all)" in fake_webhook.texts[2]
    assert leaked(repr(fake_webhook.posts)) == []
    assert "sk_wrong_key" not in repr(fake_webhook.posts)


async def test_an_unreachable_database_is_reported(
    fake_webhook: FakeWebhook, make_bot: BotFactory, tmp_path: Path
) -> None:
    obs = webhook_observability(fake_webhook)
    voicebot = await make_bot()
    monitor = LoopLagMonitor()
    async with TestClient(TestServer(create_ops_app(voicebot.store, monitor))) as client:
        assert (await client.get("/healthz")).status == 200
        await voicebot.store.close()
        assert (await client.get("/healthz")).status == 503
    # /healthz answers; it reports nothing on its own (tests/ops/test_report_limits.py).
    await flush(obs)
    assert fake_webhook.posts == []
    # The bot's own work meeting the outage is what reports it: a database file that
    # can't be opened, as the core describes the error.
    try:
        sqlite3.connect(tmp_path / "missing" / "bot.db")
    except sqlite3.OperationalError as exc:
        assert isinstance(voicebot.describe_error(exc), InternalError)
    await flush(obs)
    assert len(fake_webhook.posts) == 1
    assert fake_webhook.texts[0].startswith("New error: **database_unavailable**")


async def test_a_persistent_outage_is_reported_once_it_lasts(fake_webhook: FakeWebhook) -> None:
    obs = webhook_observability(fake_webhook)
    now = [0.0]
    watcher = ApiHealthWatcher(persist_seconds=300, clock=lambda: now[0])
    watcher.on_response("clone", 503, 0.1)
    now[0] = 120
    watcher.on_retry("list", "connect_failed")
    watcher.on_response("preview_audio", 200, 0.1)  # a CDN link: says nothing about the API
    assert watcher.unavailable_seconds() == 120
    await flush(obs)
    assert fake_webhook.posts == []  # a blip is not an outage

    now[0] = 301
    watcher.on_response("tts", 502, 0.1)
    watcher.on_response("tts", 502, 0.1)  # already reported for this period
    await flush(obs)
    assert len(fake_webhook.posts) == 1
    assert fake_webhook.texts[0].startswith("New error: **service_unavailable**")
    assert "has failed for %d s without a success" in fake_webhook.texts[0]

    watcher.on_response("list", 200, 0.1)
    assert watcher.unavailable_seconds() == 0
    now[0] = 400
    watcher.on_response("list", 500, 0.1)  # a new outage starts from zero
    await flush(obs)
    assert len(fake_webhook.posts) == 1


@pytest.mark.parametrize(
    ("url", "keys"),
    [
        ("https://discord.com/api/webhooks/1/abc", {"content", "allowed_mentions"}),
        ("https://hooks.slack.com/services/T/B/x", {"text"}),
        ("http://127.0.0.1:9/hook", {"content", "text", "allowed_mentions"}),
    ],
)
def test_the_payload_fits_the_webhook(url: str, keys: set[str]) -> None:
    payload = webhook_payload(url, "x" * 5000)
    assert set(payload) == keys
    assert all(len(payload[k]) <= 3000 for k in keys & {"content", "text"})
    if "allowed_mentions" in payload:
        assert payload["allowed_mentions"] == {"parse": []}  # an error text never pings anyone


async def test_without_a_sink_reports_are_still_counted() -> None:
    obs = setup_observability(load_settings(_env_file=None))
    assert obs.sinks == [] and obs.webhook is None and obs.sentry is None
    counter = METRICS.errors_reported.labels(kind="internal")
    before = counter._value.get()
    log.error("unexpected error (reference %s)", InternalError().reference)
    log.error("refused", exc_info=TooShort())
    assert counter._value.get() == before + 1
    await asyncio.to_thread(shutdown_observability)
