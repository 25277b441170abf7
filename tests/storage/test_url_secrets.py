"""A database password never shows, whole or in part, in anything the bot prints or logs:
the configuration error (exit 78), ``python -m bot check``, ``copy-db`` and the logs, whatever
characters the password holds and whether or not it was percent-encoded."""

from __future__ import annotations

import io
import logging
import os
import re
from pathlib import Path
from urllib.parse import quote

import pytest

from adapters.cli.output import Output
from adapters.cli.parser import build_parser
from bot.__main__ import dispatch
from bot.app.database_url import hide_password, parse_database_url, redact
from bot.app.settings import load_settings
from bot.errors import ConfigurationError
from storage import open_store
from tests.core.test_cli import run_bot as run_bot_process

#: Each piece is distinctive, so finding one in an output can only be a leak.
PASSWORDS = [
    "Zx9?Qw8",
    "Zx9#Qw8",
    "Zx9@Qw8",
    "Zx9/Qw8",
    "Zx9%Qw8",
    "Zx9:Qw8",
    "Zx9%3FQw8",
    "Zx9?Qw8#Ty7@Pl6/Mn5%Kj4:Hg3",
    "Ty7#Pl6?Mn5",
    "@Zx9??##Qw8//",
]
#: Nothing listens there: the connection is refused at once.
HOST = "127.0.0.1:9"


def pieces(password: str) -> set[str]:
    """The password and every run of three or more characters between its special ones."""
    found = {password, quote(password, safe="")}
    found.update(p for p in re.split(r"[?#@/%:]", password) if len(p) >= 3)
    return found


def urls(password: str) -> list[str]:
    encoded = quote(password, safe="")
    return [
        f"postgresql://bob:{password}@{HOST}/botdb",
        f"postgres://bob:{password}@{HOST}/botdb?sslmode=disable",
        f"postgresql://bob:{encoded}@{HOST}/botdb",
        f"postgresql://:{password}@{HOST}/botdb",
        f"postgresql://bob@{HOST}/botdb?password={password}",
        f"postgresql://bob@{HOST}/botdb?sslmode=disable&password={encoded}",
        f"postgresql:/bob:{password}@{HOST}/botdb",
        f"postgresql://bob:{password}@{HOST}:notaport/botdb",
    ]


CASES = [(password, url) for password in PASSWORDS for url in urls(password)]


def assert_hidden(password: str, text: str) -> None:
    leaked = sorted(piece for piece in pieces(password) if piece in text)
    assert leaked == [], f"{leaked} shown in: {text}"


@pytest.mark.parametrize(("password", "url"), CASES)
async def test_no_part_of_a_password_in_redact_or_in_errors(password: str, url: str) -> None:
    assert_hidden(password, redact(url))
    try:
        await open_store(url)
    except ConfigurationError as exc:
        assert_hidden(password, str(exc))
        assert_hidden(password, repr(exc.__cause__ or ""))
    else:
        pytest.fail("nothing listens on port 9")
    try:
        parse_database_url(url)
    except ConfigurationError as exc:
        assert_hidden(password, str(exc))


def test_redact_keeps_what_helps() -> None:
    assert redact("postgresql://bob:Zx9?Qw8@db.example:5432/bot?sslmode=require") == (
        "postgresql://bob:***@db.example:5432/bot?sslmode=require"
    )
    assert redact("postgresql://bob@db/bot?password=a#b&sslmode=require") == (
        "postgresql://bob@db/bot?password=***&sslmode=require"
    )
    assert redact("sqlite:///data/bot.db") == "sqlite:///data/bot.db"


@pytest.mark.parametrize("password", PASSWORDS)
def test_a_driver_message_quoting_the_url_loses_its_password(password: str) -> None:
    for url in urls(password):
        message = f"cannot parse {url!r} (password {password!r})"
        assert_hidden(password, hide_password(message, url))


async def in_process(url: str, *argv: str, caplog: pytest.LogCaptureFixture) -> str:
    """``python -m bot ARGV`` with DATABASE_URL=url, in this process: what it printed and
    logged (everything, at DEBUG), and its exit code."""
    out, err = io.StringIO(), io.StringIO()
    caplog.clear()
    try:
        settings = load_settings(
            _env_file=None,
            database_url=url,
            async_api_key="sk_test_unused",
            async_api_base_url="http://127.0.0.1:9",
            api_max_attempts=1,
        )
    except ConfigurationError as exc:
        # The settings validation error main() prints with exit 78.
        code = Output(False, out, err).error(exc)
    else:
        args = build_parser().parse_args([*argv])
        code = await dispatch(args.command, args, settings, Output(args.json, out, err))
    logged = "\n".join(
        f"{record.getMessage()} {record.exc_text or ''} {record.exc_info or ''}"
        for record in caplog.records
    )
    assert code == 78, (out.getvalue(), err.getvalue())
    return f"{out.getvalue()}\n{err.getvalue()}\n{logged}"


@pytest.mark.parametrize(("password", "url"), CASES)
async def test_no_part_of_a_password_in_command_output_or_logs(
    password: str, url: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sqlite = f"sqlite:///{tmp_path / 'bot.db'}"
    for argv in (
        ["check"],
        ["check", "--json"],
        ["migrate"],
        ["voices", "--user", "u1"],
        ["copy-db", sqlite, url],
        ["copy-db", url, sqlite, "--json"],
    ):
        assert_hidden(password, await in_process(url, *argv, caplog=caplog))


async def run_bot(env: dict[str, str], cwd: Path, *argv: str) -> tuple[int, str]:
    """``python -m bot`` as a process: its exit code and everything it printed."""
    code, out, err = await run_bot_process(env, cwd, *argv)
    return code, out + err


@pytest.mark.parametrize(
    "url",
    [
        f"postgresql://bob:{PASSWORDS[7]}@{HOST}/botdb",
        f"postgresql:/bob:{PASSWORDS[7]}@{HOST}/botdb",
        f"postgresql://bob@{HOST}/botdb?password={PASSWORDS[7]}",
    ],
)
async def test_no_part_of_a_password_from_a_real_process(url: str, tmp_path: Path) -> None:
    """The same through ``python -m bot``: main()'s own error line and its logging set-up."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "LOG_LEVEL": "DEBUG",
        "ASYNC_API_KEY": "sk_test_unused",
        "ASYNC_API_BASE_URL": "http://127.0.0.1:9",
        "DATABASE_URL": url,
    }
    sqlite = f"sqlite:///{tmp_path / 'bot.db'}"
    for argv in (["check"], ["check", "--json"], ["copy-db", url, sqlite]):
        code, out = await run_bot(env, tmp_path, *argv)
        assert code == 78, out
        assert_hidden(PASSWORDS[7], out)
