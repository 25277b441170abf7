"""One report per distinct problem per interval, on every sink (Sentry and the webhook alike);
a health probe answers "unhealthy" and reports nothing on its own."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.app.settings import load_settings
from bot.errors import InternalError
from bot.observability.health import LoopLagMonitor, create_ops_app
from bot.observability.reports import PerReportLimit
from bot.observability.setup import Observability, setup_observability, shutdown_observability
from tests.core.conftest import BotFactory
from tests.ops.personal import API_KEY, DB_URL, leaked, personal_exception
from tests.ops.receivers import FakeSentry, FakeWebhook


def both_sinks(sentry: FakeSentry, webhook: FakeWebhook, **overrides: Any) -> Observability:
    return setup_observability(
        load_settings(
            _env_file=None,
            sentry_dsn=sentry.dsn,
            error_webhook_url=webhook.url,
            async_api_key=API_KEY,
            database_url=DB_URL,
            **overrides,
        )
    )


async def stop() -> None:
    await asyncio.to_thread(shutdown_observability, 10.0)


async def test_healthz_during_a_database_outage_sends_no_report(
    fake_sentry: FakeSentry, fake_webhook: FakeWebhook, make_bot: BotFactory
) -> None:
    both_sinks(fake_sentry, fake_webhook)
    voicebot = await make_bot()
    app = create_ops_app(voicebot.store, LoopLagMonitor())
    async with TestClient(TestServer(app)) as client:
        await voicebot.store.close()
        for _ in range(100):
            response = await client.get("/healthz")
            assert response.status == 503
            body = await response.json()
            assert body["status"] == "unhealthy"
            assert body["problems"] == ["database unreachable"]
    await stop()
    assert fake_sentry.events == []
    assert fake_webhook.posts == []


def fail_the_same_way() -> None:
    try:
        raise personal_exception()
    except ValueError:
        logging.getLogger("bot.facade").exception(
            "unexpected error (reference %s)", InternalError().reference
        )


async def test_a_hundred_of_the_same_error_is_one_report_on_each_sink(
    fake_sentry: FakeSentry, fake_webhook: FakeWebhook
) -> None:
    both_sinks(fake_sentry, fake_webhook)
    for _ in range(100):
        fail_the_same_way()
    logging.getLogger("bot.voices.library").error("another problem (reference %s)", "0badc0de")
    await stop()
    kinds = sorted(e["contexts"]["report"]["summary"] for e in fake_sentry.events)
    assert kinds == ["another problem (reference %s)", "unexpected error (reference %s)"]
    # The webhook: each new error once, then one line of counts when it closes.
    assert len(fake_webhook.posts) == 3
    assert "99 more times (100 in all)" in fake_webhook.texts[2]
    assert leaked(fake_sentry.raw) == [] and leaked(repr(fake_webhook.posts)) == []


async def test_a_hundred_failing_http_requests_are_one_sentry_event(
    fake_sentry: FakeSentry, fake_webhook: FakeWebhook
) -> None:
    """The aiohttp integration's own events are limited too, not only our reports."""
    both_sinks(fake_sentry, fake_webhook)

    async def handler(request: web.Request) -> web.Response:
        raise personal_exception()

    app = web.Application()
    app.router.add_get("/broken", handler)
    async with TestClient(TestServer(app)) as client:
        for _ in range(100):
            assert (await client.get("/broken")).status == 500
    await stop()
    assert len(fake_sentry.events) == 1
    assert fake_sentry.events[0]["request"] == {"method": "GET", "url": "/broken"}


def test_the_limit_lets_a_problem_through_again_once_the_interval_has_passed() -> None:
    now = [0.0]
    limit = PerReportLimit(600, clock=lambda: now[0])
    assert limit.allow("a") and limit.allow("b")
    assert not limit.allow("a")
    now[0] = 599
    assert not limit.allow("a")
    now[0] = 600
    assert limit.allow("a") and not limit.allow("a")
