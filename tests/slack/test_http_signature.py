"""Slack HTTP mode checks the signature on the raw body before it parses anything: unsigned
or malformed requests get 401 or 400 in the contract's error shape, logged at WARNING at most
and without a traceback, whatever the body holds."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from adapters.slack import create_http_app
from bot.observability.health import LoopLagMonitor, add_ops_routes
from tests.slack.harness import SlackHarness, free_port, sign

JSON = "application/json"
FORM = "application/x-www-form-urlencoded"
MALFORMED_JSON = '{"type": "event_callback", "event": '
NOW = int(time.time())

#: (body, content type, headers): none carries a valid signature.
UNSIGNED: list[tuple[str, str, dict[str, str]]] = [
    (MALFORMED_JSON, JSON, {}),
    ("payload=not-json-at-all", FORM, {}),
    ("payload=%7Bbroken", FORM, {}),
    (
        '{"type": "url_verification", "challenge": "c"}',
        JSON,
        {"X-Slack-Request-Timestamp": "soon", "X-Slack-Signature": "v0=abc"},
    ),
    (MALFORMED_JSON, JSON, {"X-Slack-Request-Timestamp": "1e3", "X-Slack-Signature": "v0=x"}),
    ('{"type": "url_verification"}', JSON, {"X-Slack-Request-Timestamp": str(NOW)}),
    ('{"type": "url_verification"}', JSON, sign('{"type": "other"}')),
    ('{"type": "url_verification"}', JSON, sign('{"type": "url_verification"}', secret="wrong")),
    ('{"type": "url_verification"}', JSON, sign('{"type": "url_verification"}', timestamp=1)),
    (
        '{"type": "url_verification"}',
        JSON,
        sign('{"type": "url_verification"}', timestamp=NOW + 3600),
    ),
    ("", JSON, {}),
    ("\udcff\udcfe", FORM, {"X-Slack-Request-Timestamp": "-", "X-Slack-Signature": ""}),
]

#: Signed correctly, but not something Slack sends.
SIGNED_MALFORMED: list[tuple[str, str]] = [
    (MALFORMED_JSON, JSON),
    ("[1, 2, 3]", JSON),
    ('"text"', JSON),
    ("payload=not-json-at-all", FORM),
    ("payload=%7Bbroken", FORM),
    ("payload=%5B1%5D", FORM),
    ("payload=%7B%7D&payload=%7B%7D", FORM),
]


@pytest.fixture
async def server(slack: SlackHarness) -> AsyncIterator[str]:
    """The Slack app as ``python -m bot run`` serves it: with /healthz and /metrics and their
    error middleware, on a real port."""
    web_app = create_http_app(slack.app)
    add_ops_routes(web_app, slack.app.voice.voicebot.store, LoopLagMonitor())
    runner = web.AppRunner(web_app, access_log=None)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    yield f"http://127.0.0.1:{port}/slack/events"
    await runner.cleanup()


async def post(url: str, body: str, content_type: str, headers: dict[str, str]) -> tuple[int, Any]:
    async with (
        aiohttp.ClientSession() as session,
        session.post(
            url,
            data=body.encode("utf-8", "surrogateescape"),
            headers={"Content-Type": content_type, **headers},
        ) as response,
    ):
        return response.status, await response.json(content_type=None)


def assert_quiet(caplog: pytest.LogCaptureFixture) -> None:
    loud = [r for r in caplog.records if r.levelno > logging.WARNING or r.exc_info]
    assert loud == [], [(r.levelname, r.getMessage()) for r in loud]


@pytest.mark.parametrize(("body", "content_type", "headers"), UNSIGNED)
async def test_unsigned_requests_get_401_in_the_error_shape(
    server: str,
    caplog: pytest.LogCaptureFixture,
    body: str,
    content_type: str,
    headers: dict[str, str],
) -> None:
    caplog.set_level(logging.DEBUG)
    status, answer = await post(server, body, content_type, headers)
    assert status == 401
    assert answer["error"]["code"] == "not_allowed"
    assert answer["error"]["message"]
    assert_quiet(caplog)


@pytest.mark.parametrize(("body", "content_type"), SIGNED_MALFORMED)
async def test_signed_but_malformed_requests_get_400_in_the_error_shape(
    server: str, caplog: pytest.LogCaptureFixture, body: str, content_type: str
) -> None:
    caplog.set_level(logging.DEBUG)
    status, answer = await post(server, body, content_type, sign(body))
    assert status == 400
    assert answer["error"]["code"] == "not_allowed"
    assert_quiet(caplog)


async def test_a_signed_request_still_reaches_slack_bolt(server: str) -> None:
    body = json.dumps({"type": "url_verification", "challenge": "c-123"})
    status, answer = await post(server, body, JSON, sign(body))
    assert (status, answer) == (200, {"challenge": "c-123"})
