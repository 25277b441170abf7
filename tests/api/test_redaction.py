"""The API key never shows up in exceptions, reprs or logs."""

from __future__ import annotations

import logging

import pytest
from aiohttp import web

from bot.api import ApiConfig, ApiMisconfigured, ApiUnavailable, AsyncVoiceClient
from simulator.server import RunningSimulator
from tests.api.conftest import Captured, client_against, make_config

WRONG_KEY = "sk_wrongkey_0123456789abcdef"


def key_fragments(key: str) -> list[str]:
    return [key[:length] for length in range(6, len(key) + 1)]


def assert_clean(text: str, key: str) -> None:
    for fragment in key_fragments(key):
        assert fragment not in text, fragment


def everything_about(exc: BaseException) -> str:
    parts = [str(exc), repr(exc), repr(exc.args), repr(vars(exc))]
    cause = exc.__cause__ or exc.__context__
    if cause is not None:
        parts.append(everything_about(cause))
    return "\n".join(parts)


def all_log_text(caplog: pytest.LogCaptureFixture) -> str:
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    return "\n".join(formatter.format(record) for record in caplog.records)


async def test_a_401_echoing_the_key_is_redacted(
    sim: RunningSimulator, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with AsyncVoiceClient(make_config(sim.url, WRONG_KEY)) as client:
        with pytest.raises(ApiMisconfigured) as caught:
            await client.list_voices()
        assert_clean(repr(client), WRONG_KEY)
    error = caught.value
    assert error.api_code == "INVALID_API_KEY"
    assert error.status == 401
    assert error.api_message is not None
    assert error.api_message.startswith("Invalid API key: ")
    assert "sk_wro" not in error.api_message
    assert_clean(everything_about(error), WRONG_KEY)
    assert_clean(all_log_text(caplog), WRONG_KEY)
    assert sim.state.count("POST", "/voices") == 1


@pytest.mark.parametrize(
    "key", ["sk_test_simulator", "plainkey-0123456789"], ids=["sk key", "key without sk_"]
)
async def test_a_body_echoing_the_configured_key_is_redacted(
    sim: RunningSimulator, caplog: pytest.LogCaptureFixture, key: str
) -> None:
    caplog.set_level(logging.DEBUG)
    sim.state.api_key = key
    body = {
        "detail": {
            "error_code": "INVALID_API_KEY",
            "message": f"Invalid API key: {key[:8]}... expected {key}",
            "extra": {"key": key, "hint": key[:7]},
        }
    }
    sim.state.inject_raw("get", 401, body)
    sim.state.inject_raw("list", 500, f"<html>upstream said {key}</html>", content_type="text/html")
    async with AsyncVoiceClient(make_config(sim.url, key, max_attempts=1)) as client:
        with pytest.raises(ApiMisconfigured) as first:
            await client.get_voice("x")
        with pytest.raises(Exception) as second:
            await client.list_voices()
    for caught in (first, second):
        assert_clean(everything_about(caught.value), key)
    assert_clean(all_log_text(caplog), key)


async def test_reprs_hide_the_key() -> None:
    key = "sk_live_secret_0123456789"
    config = make_config("http://127.0.0.1:1", key)
    client = AsyncVoiceClient(config)
    for text in (repr(config), str(config), repr(client), str(client)):
        assert_clean(text, key)
    await client.close()


async def test_logs_of_retries_and_failures_hold_no_key(
    caplog: pytest.LogCaptureFixture,
) -> None:
    key = "sk_live_logs_0123456789"

    async def flaky(request: web.Request, captured: Captured) -> web.Response:
        return web.json_response(
            {"message": f"boom for {key}", "method": "GET", "url": "/", "detail": key[:9]},
            status=500,
        )

    caplog.set_level(logging.DEBUG)
    async with client_against({("GET", "/voices/v"): flaky}, key) as (server, client):
        with pytest.raises(Exception) as caught:
            await client.get_voice("v")
    assert len(server.requests) == 3
    assert any("retrying" in record.getMessage() for record in caplog.records)
    assert_clean(all_log_text(caplog), key)
    assert_clean(everything_about(caught.value), key)
    logging.getLogger("tests").error("failure", exc_info=caught.value)
    assert_clean(all_log_text(caplog), key)


def test_config_repr_masks_the_secret() -> None:
    config = ApiConfig(
        base_url="https://api.async.com", api_key=make_config("http://x", "sk_abcdefgh").api_key
    )
    assert "sk_abcdefgh" not in repr(config)
    assert "**********" in repr(config)


async def test_api_redirects_are_not_followed_with_the_key() -> None:
    async def moved(request: web.Request, captured: Captured) -> web.Response:
        raise web.HTTPFound("/elsewhere")

    async with client_against({("GET", "/voices/v"): moved}) as (server, client):
        with pytest.raises(ApiUnavailable) as caught:
            await client.get_voice("v")
    assert caught.value.status == 302
    assert [request.path for request in server.requests] == ["/voices/v"]
