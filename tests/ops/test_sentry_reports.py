"""Sentry: real sentry-sdk envelopes reach a fake ingest endpoint on 127.0.0.1 (the DSN
points there); what they hold is checked, and what they must not hold."""

from __future__ import annotations

import asyncio
import logging
import sys
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.app.settings import Settings, load_settings
from bot.errors import InternalError, TooShort
from bot.observability.logs import request_context
from bot.observability.setup import setup_observability, shutdown_observability
from tests.ops.personal import (
    API_KEY,
    DB_URL,
    DISCORD_TOKEN,
    FILE_NAME,
    MEMBER_ID,
    SAY_TEXT,
    SLACK_TOKEN,
    VOICE_NAME,
    leaked,
    personal_exception,
)
from tests.ops.receivers import FakeSentry


def sentry_settings(fake: FakeSentry, **overrides: Any) -> Settings:
    return load_settings(
        _env_file=None,
        sentry_dsn=fake.dsn,
        sentry_environment="test",
        async_api_key=API_KEY,
        discord_token=DISCORD_TOKEN,
        slack_bot_token=SLACK_TOKEN,
        database_url=DB_URL,
        **overrides,
    )


def event_with(fake: FakeSentry, **tags: str) -> dict[str, Any]:
    for event in fake.events:
        if all(event.get("tags", {}).get(k) == v for k, v in tags.items()):
            return event
    raise AssertionError(f"no event with {tags} among {[e.get('tags') for e in fake.events]}")


async def flush_and_stop() -> None:
    await asyncio.to_thread(shutdown_observability, 10.0)


def clone_that_fails() -> None:
    member_text = SAY_TEXT  # a local variable: Sentry must not send frame variables
    raise personal_exception() from KeyError(member_text)


async def test_an_internal_error_reaches_sentry_with_its_reference_and_nothing_personal(
    fake_sentry: FakeSentry, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The CLI's arguments (Sentry's argv integration sends them) hold a member id and a text.
    monkeypatch.setattr(sys, "argv", ["bot", "say", SAY_TEXT, "--user", MEMBER_ID])
    setup_observability(sentry_settings(fake_sentry))
    log = logging.getLogger("bot.cloning.clone")
    reference = InternalError().reference
    with request_context("discord", "clone"):
        try:
            clone_that_fails()
        except ValueError:
            log.exception("clone %s failed (reference %s)", f"discord:{MEMBER_ID}:1", reference)
    await flush_and_stop()

    event = event_with(fake_sentry, reference=reference)
    assert event["tags"] == {
        "kind": "internal",
        "logger": "bot.cloning.clone",
        "reference": reference,
        "platform": "discord",
        "command": "clone",
    }
    assert event["environment"] == "test"
    assert event["contexts"]["report"]["summary"] == "clone %s failed (reference %s)"
    assert event["contexts"]["report"]["location"].startswith("tests/ops/test_sentry_reports.py:")
    values = event["exception"]["values"]
    assert [v["type"] for v in values] == ["KeyError", "ValueError"]
    assert values[-1]["value"] == f"(details in the host's log, reference {reference})"
    functions = [f["function"] for f in values[-1]["stacktrace"]["frames"]]
    assert "clone_that_fails" in functions
    frames = [f for v in values for f in v["stacktrace"]["frames"]]
    assert all("vars" not in f and "abs_path" not in f for f in frames)
    failing = next(f for f in frames if f["function"] == "clone_that_fails")
    assert (
        failing["context_line"].strip() == "raise personal_exception() from KeyError(member_text)"
    )
    for dropped in ("extra", "user", "breadcrumbs", "request"):
        assert dropped not in event
    assert leaked(fake_sentry.raw) == []


async def test_a_message_formatted_before_logging_is_scrubbed(fake_sentry: FakeSentry) -> None:
    setup_observability(sentry_settings(fake_sentry))
    reference = InternalError().reference
    # An f-string: the data is baked into the template itself. The database URL is one of
    # the settings' secrets, so it goes whole.
    logging.getLogger("bot.voices.library").error(
        f"rename of {VOICE_NAME!r} by {MEMBER_ID} with {FILE_NAME} on {DB_URL} "
        f"using {API_KEY} failed (reference {reference})"
    )
    await flush_and_stop()
    event = event_with(fake_sentry, reference=reference)
    assert event["logentry"]["message"] == (
        "rename of '…' by [id] with [file] on [secret] using [secret] failed (reference "
        f"{reference})"
    )
    assert leaked(fake_sentry.raw) == []


async def test_user_facing_errors_and_plain_warnings_are_not_sent(fake_sentry: FakeSentry) -> None:
    setup_observability(sentry_settings(fake_sentry))
    log = logging.getLogger("adapters.discord.errors")
    log.error("could not render (reference %s)", "0badc0de", exc_info=TooShort())
    log.warning("progress edit failed: %s", 404)
    reference = InternalError().reference
    log.error("unexpected error (reference %s)", reference)
    await flush_and_stop()
    assert [e["tags"].get("reference") for e in fake_sentry.events] == [reference]


async def test_a_task_that_dies_is_reported_by_the_asyncio_integration(
    fake_sentry: FakeSentry,
) -> None:
    setup_observability(sentry_settings(fake_sentry))

    async def background_job() -> None:
        raise personal_exception()

    task = asyncio.create_task(background_job())
    await asyncio.wait([task])
    assert isinstance(task.exception(), ValueError)
    await flush_and_stop()
    event = event_with(fake_sentry, kind="internal")
    assert event["exception"]["values"][-1]["mechanism"]["type"] == "asyncio"
    assert event["exception"]["values"][-1]["type"] == "ValueError"
    assert leaked(fake_sentry.raw) == []


async def test_an_aiohttp_handler_error_keeps_only_method_and_path(
    fake_sentry: FakeSentry,
) -> None:
    setup_observability(sentry_settings(fake_sentry))

    async def handler(request: web.Request) -> web.Response:
        raise personal_exception()

    app = web.Application()
    app.router.add_post("/slack/events", handler)
    async with TestClient(TestServer(app)) as client:
        response = await client.post(
            f"/slack/events?user={MEMBER_ID}",
            data=SAY_TEXT,
            headers={"Authorization": f"Bearer {SLACK_TOKEN}", "X-Member": MEMBER_ID},
        )
        assert response.status == 500
    await flush_and_stop()
    event = event_with(fake_sentry, kind="internal")
    assert event["request"] == {"method": "POST", "url": "/slack/events"}
    assert leaked(fake_sentry.raw) == []
