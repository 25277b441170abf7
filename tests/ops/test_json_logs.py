"""LOG_FORMAT=json: one JSON object a line, with the request's platform and command."""

from __future__ import annotations

import io
import json
import logging
import sys
import threading
import warnings
from collections.abc import Iterator
from typing import Any

import pytest

from bot.app.settings import load_settings
from bot.errors import InternalError
from bot.observability.logs import JsonFormatter, request_context, start_logging, use_log_format
from bot.observability.setup import setup_observability
from tests.core.conftest import ALICE, BotFactory


@pytest.fixture
def root_stream() -> Iterator[io.StringIO]:
    """The root logger writing to a buffer, as ``logging.basicConfig`` sets it up."""
    root = logging.getLogger()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    level = root.level
    root.setLevel(logging.INFO)
    yield stream
    root.removeHandler(handler)
    root.setLevel(level)


def lines(stream: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]


async def test_json_lines_carry_level_logger_message_reference_and_request(
    root_stream: io.StringIO, make_bot: BotFactory
) -> None:
    setup_observability(load_settings(_env_file=None, log_format="json"))
    voicebot = await make_bot()
    logging.getLogger("bot.test").info("plain line with %d args", 2)
    # A failure inside a core call, described afterwards as an adapter does it: the line
    # still says which platform and command it belongs to.
    await voicebot.store.close()
    with pytest.raises(Exception) as caught:
        await voicebot.list_voices(ALICE)
    error = voicebot.describe_error(caught.value)
    assert isinstance(error, InternalError)

    entries = lines(root_stream)
    assert {"level", "logger", "message", "reference", "platform", "command", "time"} <= set(
        entries[0]
    )
    plain = next(e for e in entries if e["message"] == "plain line with 2 args")
    assert plain["level"] == "INFO" and plain["logger"] == "bot.test"
    assert plain["reference"] is None and plain["platform"] is None
    failed = next(e for e in entries if e["reference"] == error.reference)
    assert failed["level"] == "ERROR"
    assert failed["logger"] == "bot.facade"
    assert failed["message"] == f"unexpected error (reference {error.reference})"
    assert (failed["platform"], failed["command"]) == ("discord", "voices")
    assert failed["exc_type"] == type(caught.value).__name__
    assert "Traceback" in failed["traceback"]
    # The request context never names the member.
    assert all(ALICE.user_id not in str((e["platform"], e["command"])) for e in entries)


def test_text_stays_the_default(root_stream: io.StringIO) -> None:
    setup_observability(load_settings(_env_file=None))
    logging.getLogger("bot.test").warning("hello %s", "there")
    assert root_stream.getvalue() == "WARNING bot.test: hello there\n"


def test_a_context_inside_a_context_keeps_the_outer_one() -> None:
    stream = io.StringIO()
    logger = logging.getLogger("bot.test.nested")
    handler = logging.StreamHandler(stream)
    logger.addHandler(handler)
    logger.propagate = False
    try:
        use_log_format("json", logger)
        assert isinstance(handler.formatter, JsonFormatter)
        with request_context("slack", "say"), request_context("discord", "clone"):
            logger.warning("inner")
        logger.warning("outside")
    finally:
        logger.removeHandler(handler)
        logger.propagate = True
    inner, outside = lines(stream)
    assert (inner["platform"], inner["command"]) == ("slack", "say")
    assert (outside["platform"], outside["command"]) == (None, None)


def test_with_json_an_uncaught_exception_and_a_warning_are_json_lines(
    monkeypatch: pytest.MonkeyPatch, root_stream: io.StringIO
) -> None:
    """What Python itself would print as bare text (a traceback, a warning) goes through the
    JSON formatter once ``start_logging`` has set up ``json``."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    root = logging.getLogger()
    handler = root.handlers[-1]
    start_logging("json", stream=io.StringIO(), level=logging.INFO)
    try:
        # root_stream's handler is not exactly basicConfig's: give it the formatter by hand.
        handler.setFormatter(JsonFormatter())
        try:
            raise RuntimeError("boom before the settings were read")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
        thread = threading.Thread(target=lambda: 1 / 0)
        thread.start()
        thread.join()
        with warnings.catch_warnings():
            warnings.simplefilter("always")
            warnings.warn("an old option", UserWarning, stacklevel=1)
    finally:
        logging.captureWarnings(False)
    entries = lines(root_stream)
    uncaught = [e for e in entries if e["level"] == "CRITICAL"]
    assert [e["exc_type"] for e in uncaught] == ["RuntimeError", "ZeroDivisionError"]
    assert "boom before the settings were read" in uncaught[0]["traceback"]
    assert any("an old option" in e["message"] for e in entries if e["logger"] == "py.warnings")
