"""What is taken out of a report, and which log records are reports at all."""

from __future__ import annotations

import logging
import sqlite3
import sys
from pathlib import Path

import asyncpg
import pytest

from bot.app.settings import load_settings
from bot.errors import (
    ConfigurationError,
    InternalError,
    NotOwner,
    ServiceUnavailable,
    TooShort,
)
from bot.observability.reports import is_database_unavailable, kind_of, report_from
from bot.observability.scrubbing import Scrubber, redactor
from bot.observability.setup import secrets_of
from tests.ops.personal import (
    API_KEY,
    AUDIO,
    DB_PASSWORD,
    DB_URL,
    DISCORD_TOKEN,
    FILE_NAME,
    MEMBER_ID,
    SLACK_MEMBER,
    SLACK_TOKEN,
    VOICE_NAME,
    leaked,
    personal_exception,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"member {MEMBER_ID} failed", "member [id] failed"),
        (f"slack member {SLACK_MEMBER} in T0ABC1234", "slack member [id] in [id]"),
        (f"voice {VOICE_NAME!r} renamed", "voice '…' renamed"),
        (f'said "{VOICE_NAME}"', 'said "…"'),
        (f"read {FILE_NAME} then", "read [file] then"),
        ("read /data/uploads/ana/clip.webm", "read [path]"),
        (f"connect {DB_URL}", "connect [url]"),
        ("link https://cdn.example/p.mp3?sig=abc&exp=1", "link [url]"),
        (f"token {SLACK_TOKEN}", "token [token]"),
        (f"token {DISCORD_TOKEN}", "token [token]"),
        (f"key {API_KEY}", "key [token]"),
        ("mail ana@example.org", "mail [email]"),
        ("voice 3f2a1b4c-1111-2222-3333-444455556666 gone", "voice [id] gone"),
        (f"bytes {AUDIO!r}", "bytes b'…'"),
        ("failed (reference 27879645)", "failed (reference 27879645)"),
        ("clone %s failed (reference %s)", "clone %s failed (reference %s)"),
        ("HTTP 503 on tts after 3 attempts", "HTTP 503 on tts after 3 attempts"),
    ],
)
def test_the_scrubber_takes_out_what_identifies_someone(text: str, expected: str) -> None:
    assert Scrubber().text(text) == expected


def test_every_secret_setting_is_scrubbed_whatever_it_looks_like() -> None:
    settings = load_settings(
        _env_file=None,
        async_api_key="plainwords",
        slack_signing_secret="abcd1234",
        database_url=DB_URL,
    )
    scrubber = Scrubber(secrets_of(settings))
    assert scrubber.text("x plainwords y abcd1234 z") == "x [secret] y [secret] z"
    assert scrubber.text(f"pw {DB_PASSWORD}") == "pw [secret]"
    assert scrubber.text(f"at {DB_URL}") == "at [secret]"


def test_long_texts_are_cut() -> None:
    assert len(Scrubber().text("word " * 500)) == 300


def record(
    level: int, msg: str, *args: object, exc: BaseException | None = None, **extra: object
) -> logging.LogRecord:
    made = logging.LogRecord("bot.test", level, __file__, 1, msg, args, None)
    if exc is not None:
        made.exc_info = (type(exc), exc, exc.__traceback__)
    made.__dict__.update(extra)
    return made


@pytest.mark.parametrize(
    ("made", "kind"),
    [
        (record(logging.ERROR, "unexpected error (reference %s)", "0badc0de"), "internal"),
        (record(logging.ERROR, "background task failed", exc=RuntimeError()), "internal"),
        (record(logging.ERROR, "oops (reference %s)", "0badc0de", exc=InternalError()), "internal"),
        (record(logging.ERROR, "refused", exc=TooShort()), None),
        (record(logging.ERROR, "refused", exc=NotOwner()), None),
        # One failed call is not an outage: the health watcher says when it lasts.
        (record(logging.ERROR, "failed", exc=ServiceUnavailable()), None),
        (record(logging.ERROR, "bad settings", exc=ConfigurationError()), "service_misconfigured"),
        (record(logging.ERROR, "an error without a trace or a reference"), None),
        (record(logging.WARNING, "slow (reference %s)", "0badc0de"), None),
        (record(logging.WARNING, "x", report_kind="database_unavailable"), "database_unavailable"),
        (record(logging.ERROR, "x", report_kind="not_a_kind"), None),
        (
            logging.LogRecord("bot.observability.webhook", logging.ERROR, "", 1, "x", (), None),
            None,
        ),
        (logging.LogRecord("sentry_sdk.errors", logging.ERROR, "", 1, "x", (), None), None),
    ],
)
def test_only_internal_errors_and_operator_problems_are_reports(
    made: logging.LogRecord, kind: str | None
) -> None:
    assert kind_of(made) == kind


def test_a_report_keeps_the_template_and_drops_the_arguments() -> None:
    exc = personal_exception()
    try:
        raise exc
    except ValueError:
        made = record(logging.ERROR, "clone %s failed (reference %s)", MEMBER_ID, "1234abcd")
        made.exc_info = sys.exc_info()
    report = report_from(made, Scrubber())
    assert report is not None
    assert report.summary == "clone %s failed (reference %s)"
    assert report.reference == "1234abcd"
    assert report.exc_type == "ValueError"
    safe = repr(report)
    assert leaked(safe) == []


def test_a_sqlite_file_that_cannot_be_opened_is_the_database_unavailable(
    tmp_path: Path,
) -> None:
    with pytest.raises(sqlite3.OperationalError) as caught:
        sqlite3.connect(tmp_path / "missing" / "bot.db")
    assert is_database_unavailable(caught.value)
    assert not is_database_unavailable(sqlite3.OperationalError("no such table: voices"))


async def test_a_refused_postgresql_connection_is_the_database_unavailable() -> None:
    # Port 9 (discard) has no PostgreSQL on a test host: the connection is refused.
    with pytest.raises(OSError) as caught:
        await asyncpg.connect("postgresql://bot@127.0.0.1:9/bot", timeout=5)
    assert is_database_unavailable(caught.value)
    try:
        raise RuntimeError("while saving") from caught.value
    except RuntimeError as wrapped:
        assert is_database_unavailable(wrapped)
    assert not is_database_unavailable(ConnectionRefusedError("the API's own socket"))


def test_one_scrubber_for_the_api_client_and_the_reports() -> None:
    """The API client's texts and the reports go through the same rules for secrets: a key
    and its truncated echo are gone from both; reports also lose what could name a member."""
    key = "sk_live_9f8e7d6c5b4a3f2e1d0c"
    echo = f"Invalid API key {key[:10]}... for user U123ABC45"
    for_api = redactor(key).text(echo)
    for_reports = Scrubber([key]).text(echo)
    assert isinstance(redactor(key), Scrubber)
    assert key[:10] not in for_api and key[:10] not in for_reports
    assert "U123ABC45" in for_api  # the client's own text stays readable for the operator
    assert "U123ABC45" not in for_reports
